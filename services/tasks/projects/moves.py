"""``projects.move`` and ``projects.merge``: changing where projects sit in the hierarchy.
A project's full ``name`` and its ``path`` (ancestor ids) change together with every
sub-project's; names stay unique per company."""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.permissions.scope import require_write
from services.tasks.tasks.access import Clock
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, DuplicateName, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.projects.service import ProjectService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api


def relocated(doc: Document, moved: Document, new_parent: Document | None) -> dict[str, Any]:
    """The new ``name``/``path``(/``parent``) of ``doc`` (``moved`` itself or one of its
    sub-projects) when ``moved`` goes under ``new_parent`` (``None``: top level)."""
    prefix = f"{new_parent['name']}{domain.PROJECT_SEPARATOR}" if new_parent else ""
    base_path = [*(new_parent.get("path") or []), new_parent["_id"]] if new_parent else []
    old_path = moved.get("path") or []
    if doc["_id"] == moved["_id"]:
        return {"name": prefix + moved["basename"], "path": base_path,
                "parent": new_parent["_id"] if new_parent else None}
    tail = (doc.get("path") or [])[len(old_path):]
    old_location = domain.parse_project_name(moved["name"]).location
    rest = doc["name"][len(old_location) + 1:] if old_location else doc["name"]
    return {"name": prefix + rest, "path": [*base_path, *tail]}


def fits(subtree: list[Document], moved: Document, location_depth: int) -> None:
    """Checked before anything is created, as clearml-server does: moved under a location
    ``location_depth`` levels deep, no project of ``subtree`` may pass 10 levels (400/409)."""
    for doc in subtree:
        if location_depth + len(doc.get("path") or []) - len(moved.get("path") or []) + 1 > domain.MAX_PROJECT_DEPTH:
            raise ApiError.named("project_path_exceeds_max", max_depth=domain.MAX_PROJECT_DEPTH)


class ProjectMoveService:
    """Move and merge projects."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 project_service: ProjectService, clock: Clock = domain.utc_now):
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._project_service = project_service
        self._clock = clock

    async def _own(self, identity: Identity, project_id: str) -> Document:
        project = await self._projects.get(identity.company, project_id)
        if project is None or not project.get("company"):
            raise ApiError.named("invalid_project_id", id=project_id)
        require_write("project", project)
        return project

    async def _subtree(self, identity: Identity, project: Document) -> list[Document]:
        below = await self._projects.select(Selection(identity.company, below=[project["_id"]]))
        return [project, *below]

    async def move(self, identity: Identity, request: api.MoveRequest) -> dict[str, Any]:
        """``projects.move``: under itself or a sub-project -> 400/411; where it already is
        -> 400/410; a name in use -> 400/801; deeper than 10 levels -> 400/409."""
        project = await self._own(identity, request.project)
        subtree = await self._subtree(identity, project)
        location = (request.new_location or "").split(domain.PROJECT_SEPARATOR)
        fits(subtree, project, len([part for part in location if part]))
        new_parent = await self._new_parent(identity, project, request.new_location)
        return {"moved": await self._relocate(identity, project, new_parent)}

    async def _new_parent(self, identity: Identity, project: Document, new_location: str | None) -> Document | None:
        """The project to move ``project`` under (created if missing; ``None``: top level)."""
        new_parent = None
        if new_location and new_location.strip(domain.PROJECT_SEPARATOR + " "):
            location = domain.parse_project_name(new_location).name
            if location == project["name"] or location.startswith(project["name"] + "/"):
                raise ApiError.named("project_cannot_be_moved_under_itself", id=project["_id"], location=location)
            new_parent, _ = await self._project_service.ensure(identity, location)
        if (new_parent["_id"] if new_parent else None) == project.get("parent"):
            raise ApiError.named("project_source_and_destination_are_the_same",
                                 location=new_parent["name"] if new_parent else "")
        return new_parent

    async def _relocate(self, identity: Identity, project: Document, new_parent: Document | None) -> int:
        """Move ``project`` and its sub-projects under ``new_parent``; how many moved."""
        subtree = await self._subtree(identity, project)
        changes = [(doc, relocated(doc, project, new_parent)) for doc in subtree]
        for _, fields in changes:
            domain.parse_project_name(fields["name"])  # depth check (400/409)
        now = self._clock()
        try:
            for doc, fields in changes:
                await self._projects.update(identity.company, doc["_id"], {**fields, "last_update": now})
        except DuplicateName as exc:
            raise ApiError.named("expected_unique_data", "Project with the same name already exists",
                                 name=str(exc)) from None
        touched = [p for p in (project.get("parent"), new_parent and new_parent["_id"]) if p]
        await self._projects.touch(identity.company, touched, now)
        return len(subtree)

    async def merge(self, identity: Identity, request: api.MergeRequest) -> dict[str, Any]:
        """``projects.merge``: the non-archived tasks and models (archived ones stay behind, as
        in clearml-server) and the sub-projects go to ``destination_project`` (none: no project,
        and the sub-projects to the top level), then the project is deleted. Into itself ->
        400/410, into one of its sub-projects -> 400/412."""
        if request.project == request.destination_project:
            raise ApiError.named("project_source_and_destination_are_the_same", source=request.project)
        source = await self._own(identity, request.project)
        destination = await self._own(identity, request.destination_project) if request.destination_project else None
        if destination and source["_id"] in (destination.get("path") or []):
            raise ApiError.named("project_cannot_be_merged_into_its_child", id=source["_id"])
        inside = Selection(identity.company, projects=[source["_id"]], archived=False)
        target = {"project": destination["_id"] if destination else None}
        moved = await self._tasks.update_many(inside, target) + await self._models.update_many(inside, target)
        children = await self._projects.select(Selection(identity.company, parents=[source["_id"]]))
        for child in children:
            await self._relocate(identity, child, destination)
        await self._projects.delete(identity.company, [source["_id"]])
        if destination:
            await self._projects.touch(identity.company, [destination["_id"]], self._clock())
        return {"moved_entities": moved, "moved_projects": len(children)}

"""Use cases changing projects: ``projects.update``, ``projects.validate_delete`` and
``projects.delete`` (CLEARML_BEHAVIOR section 4 of issue 5: hierarchy by ``/`` names).

A project tree is checked and counted in three parts, as clearml-server does: its pipeline
projects (active when they hold a non-archived controller), its dataset projects (active
when they hold a non-archived version task), and the other projects (their tasks, reports
apart, and models). The SDK's ``.pipelines`` / ``.datasets`` folders belong to the last part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from services.tasks import domain
from services.tasks.permissions.scope import require_write
from services.tasks.tasks.access import Clock
from services.tasks.facts import FactPublisher
from services.tasks.projects.cleanup import ProjectContentsCleanup
from services.tasks.projects.selection import CONTAINER_NAMES, DATASET_TAG, PIPELINE_TAG
from services.tasks.store.criteria import Selection
from services.tasks.reports.service import REPORTS_TAG
from services.tasks.store.repository import Document, DuplicateName, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.projects.service import check_tags
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

# Fields an explicit null clears (clearml-server keeps the request's nulls on update).
NULLABLE = frozenset({"description", "default_output_destination"})
COUNTED = ("tasks", "non_archived_tasks", "models", "non_archived_models", "reports", "non_archived_reports")


@dataclass(frozen=True)
class Scope:
    """A project tree's ids: all of them, its pipeline and dataset projects, and the rest."""

    every: list[str]
    pipelines: list[str]
    datasets: list[str]
    regular: list[str]

    @classmethod
    def of(cls, projects: list[Document]) -> Scope:
        def tagged(tag: str) -> list[str]:
            return [p["_id"] for p in projects
                    if tag in (p.get("system_tags") or ()) and p.get("basename") != CONTAINER_NAMES[tag]]

        pipelines, datasets = tagged(PIPELINE_TAG), tagged(DATASET_TAG)
        every = [p["_id"] for p in projects]
        return cls(every, pipelines, datasets, [p for p in every if p not in {*pipelines, *datasets}])


class ProjectAdminService:
    """Rename/describe, validate and delete projects with their sub-projects."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now, facts: FactPublisher | None = None):
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._clock = clock
        self._cleanup = ProjectContentsCleanup(tasks, models, facts)

    async def _own(self, identity: Identity, project_id: str) -> Document:
        project = await self._projects.get(identity.company, project_id)
        if project is None:
            raise ApiError.named("invalid_project_id", id=project_id)
        if not project.get("company"):
            raise ApiError.named("no_write_permission", "cannot modify a public project", id=project_id)
        require_write("project", project)
        return project

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``projects.update``: a new ``name`` must keep the location (else 400/408) and be
        unused (400/801); sub-projects' names follow. ``last_update`` is set even when nothing
        else is, so ``updated`` is 1; ``fields`` echoes the fields given (tags sorted), and an
        explicit null description or output destination clears it."""
        project = await self._own(identity, request.project)
        given = request.model_dump(include=request.model_fields_set - {"project"})
        check_tags(given.get("tags"), given.get("system_tags"))
        changes = {k: v for k, v in given.items() if k != "name" and (v is not None or k in NULLABLE)}
        renamed = None
        if given.get("name"):
            path = domain.parse_project_name(given["name"])
            if path.location != domain.parse_project_name(project["name"]).location:
                raise ApiError.named("cannot_update_project_location", name=given["name"])
            changes.update(name=path.name, basename=path.basename)
            renamed = path.name if path.name != project["name"] else None
        changes["last_update"] = self._clock()
        try:
            await self._projects.update(identity.company, project["_id"], changes)
        except DuplicateName:
            raise ApiError.named("expected_unique_data", "Project with the same name already exists",
                                 name=changes["name"]) from None
        if renamed:
            await self._rename_children(identity, project, renamed, changes["last_update"])
        return {"updated": 1, "fields": {k: sorted(v) if k in ("tags", "system_tags") and v else v
                                         for k, v in given.items()}}

    async def _rename_children(self, identity: Identity, project: Document, new_name: str, now) -> None:
        old = project["name"] + domain.PROJECT_SEPARATOR
        for child in await self._descendants(identity, project["_id"]):
            if child["name"].startswith(old):
                name = new_name + domain.PROJECT_SEPARATOR + child["name"][len(old):]
                await self._projects.update(identity.company, child["_id"], {"name": name, "last_update": now})

    async def _descendants(self, identity: Identity, project_id: str) -> list[Document]:
        below = Selection(identity.company, below=[project_id])
        return await self._projects.select(below, ["name", "basename", "system_tags"])

    async def _scope(self, identity: Identity, project: Document) -> Scope:
        return Scope.of([project, *await self._descendants(identity, project["_id"])])

    async def validate_delete(self, identity: Identity, request: api.ValidateDeleteRequest) -> dict[str, Any]:
        """``projects.validate_delete``: ``pipelines`` / ``datasets``: how many pipeline /
        dataset projects in the tree hold a non-archived controller / version; over the other
        projects, the tasks (reports apart) and models, all and non-archived."""
        project = await self._own(identity, request.project)
        scope = await self._scope(identity, project)
        active = Selection(identity.company, archived=False)
        controllers = replace(active, projects=scope.pipelines, type="controller")
        pipelines = await self._tasks.distinct("project", controllers) if scope.pipelines else []
        datasets = await self._tasks.distinct("project", replace(active, projects=scope.datasets)) \
            if scope.datasets else []
        counts = await self._counts(identity, scope.regular) if scope.regular else dict.fromkeys(COUNTED, 0)
        return {"pipelines": len(pipelines), "datasets": len(datasets), **counts}

    async def _counts(self, identity: Identity, projects: list[str]) -> dict[str, int]:
        inside = Selection(identity.company, projects=projects)
        tasks = replace(inside, not_system_tags=[REPORTS_TAG])
        reports = replace(inside, system_tags=[REPORTS_TAG])
        return {
            "tasks": await self._tasks.count(tasks),
            "non_archived_tasks": await self._tasks.count(replace(tasks, archived=False)),
            "models": await self._models.count(inside),
            "non_archived_models": await self._models.count(replace(inside, archived=False)),
            "reports": await self._tasks.count(reports),
            "non_archived_reports": await self._tasks.count(replace(reports, archived=False)),
        }

    async def _refuse_contents(self, identity: Identity, project: Document, scope: Scope) -> None:
        """Without ``force``: a pipeline with a non-archived controller -> 400/413, a dataset
        with a non-archived version -> 400/406, non-archived tasks -> 400/402 or models ->
        400/405 in the other projects."""
        active = Selection(identity.company, archived=False)
        if scope.pipelines and await self._tasks.count(replace(active, projects=scope.pipelines, type="controller")):
            raise ApiError.named("project_has_pipelines", "please archive all the controllers or use force=true",
                                 id=project["_id"])
        if scope.datasets and await self._tasks.count(replace(active, projects=scope.datasets)):
            raise ApiError.named("project_has_datasets", "please delete all the dataset versions or use force=true",
                                 id=project["_id"])
        if not scope.regular:
            return
        regular = replace(active, projects=scope.regular)
        if await self._tasks.count(regular):
            raise ApiError.named("project_has_tasks", "use force=true", id=project["_id"])
        if await self._models.count(regular):
            raise ApiError.named("project_has_models", "use force=true", id=project["_id"])

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``projects.delete``: the project and its sub-projects; refused while they hold
        active contents unless ``force`` (``_refuse_contents``). ``delete_contents`` deletes
        their tasks and models (``services.tasks.projects.cleanup``) and answers the files left
        for the client in ``urls``; else the tasks and models lose their project (``urls``:
        null). Answers ``{deleted, disassociated_tasks, deleted_models, deleted_tasks, urls}``."""
        project = await self._own(identity, request.project)
        scope = await self._scope(identity, project)
        if not request.force:
            await self._refuse_contents(identity, project, scope)
        answer: dict[str, Any] = {"deleted": 0, "disassociated_tasks": 0, "deleted_models": 0, "deleted_tasks": 0,
                                  "urls": None}
        if request.delete_contents:
            removed = await self._cleanup.delete(identity, scope.every, self._clock(),
                                                 request.delete_external_artifacts)
            answer.update(deleted_models=removed.models, deleted_tasks=removed.tasks,
                          urls=removed.answer_urls(request.delete_external_artifacts))
        else:
            inside = Selection(identity.company, projects=scope.every)
            answer["disassociated_tasks"] = await self._tasks.update_many(inside, {"project": None})
            await self._models.update_many(inside, {"project": None})
        answer["deleted"] = await self._projects.delete(identity.company, scope.every)
        return answer

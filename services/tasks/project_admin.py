"""Use cases changing projects: ``projects.update``, ``projects.validate_delete`` and
``projects.delete`` (CLEARML_BEHAVIOR section 4 of issue 5: hierarchy by ``/`` names)."""

from __future__ import annotations

from typing import Any

from services.tasks import domain, status
from services.tasks.access import Clock
from services.tasks.facts import FactPublisher
from services.tasks.queries import FindQuery
from services.tasks.repository import Document, DuplicateName, ModelRepository, ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

NOT_ARCHIVED = {"system_tags": {"$ne": status.ARCHIVED_TAG}}


class ProjectAdminService:
    """Rename/describe, validate and delete projects with their sub-projects."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now, facts: FactPublisher | None = None):
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._clock = clock
        self._facts = facts

    async def _own(self, identity: Identity, project_id: str) -> Document:
        project = await self._projects.get(identity.company, project_id)
        if project is None:
            raise ApiError.named("invalid_project_id", id=project_id)
        if not project.get("company"):
            raise ApiError.named("no_write_permission", "cannot modify a public project", id=project_id)
        return project

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``projects.update``: a new ``name`` must keep the location (else 400/408) and be
        unused (400/801); sub-projects' names follow."""
        project = await self._own(identity, request.project)
        fields = request.model_dump(exclude_none=True, exclude={"project"})
        renamed = None
        if "name" in fields:
            path = domain.parse_project_name(fields["name"])
            if path.location != domain.parse_project_name(project["name"]).location:
                raise ApiError.named("cannot_update_project_location", name=fields["name"])
            fields.update(name=path.name, basename=path.basename)
            renamed = path.name if path.name != project["name"] else None
        if not fields:
            return {"updated": 0, "fields": {}}
        fields["last_update"] = self._clock()
        try:
            await self._projects.update(identity.company, project["_id"], fields)
        except DuplicateName:
            raise ApiError.named("expected_unique_data", "Project with the same name already exists",
                                 name=fields["name"]) from None
        if renamed:
            await self._rename_children(identity, project, renamed)
        return {"updated": 1, "fields": domain.to_api(fields)}

    async def _rename_children(self, identity: Identity, project: Document, new_name: str) -> None:
        old = project["name"] + domain.PROJECT_SEPARATOR
        for child in await self._descendants(identity, project["_id"]):
            if child["name"].startswith(old):
                name = new_name + domain.PROJECT_SEPARATOR + child["name"][len(old):]
                await self._projects.update(identity.company, child["_id"], {"name": name})

    async def _descendants(self, identity: Identity, project_id: str) -> list[Document]:
        query = FindQuery(filter={"company": identity.company, "path": project_id},
                          projection={"_id": 1, "name": 1})
        return await self._projects.find(query)

    async def _scope(self, identity: Identity, project: Document) -> list[str]:
        return [project["_id"], *(p["_id"] for p in await self._descendants(identity, project["_id"]))]

    async def validate_delete(self, identity: Identity, request: api.ValidateDeleteRequest) -> dict[str, Any]:
        """``projects.validate_delete``: counts of tasks and models (all / non-archived) in the
        project and its sub-projects. Reports, pipelines and datasets are not kept apart yet."""
        project = await self._own(identity, request.project)
        counts = await self._counts(identity, await self._scope(identity, project))
        return {**counts, "reports": 0, "non_archived_reports": 0, "pipelines": 0, "datasets": 0}

    async def _counts(self, identity: Identity, scope: list[str]) -> dict[str, int]:
        inside = {"company": identity.company, "project": {"$in": scope}}
        return {
            "tasks": await self._tasks.count(inside),
            "non_archived_tasks": await self._tasks.count({**inside, **NOT_ARCHIVED}),
            "models": await self._models.count(inside),
            "non_archived_models": await self._models.count({**inside, **NOT_ARCHIVED}),
        }

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``projects.delete``: with non-archived tasks (400/402) or models (400/405) only with
        ``force``. ``delete_contents`` deletes the tasks and models, else they lose their
        project. Sub-projects go too. Answers ``{deleted, deleted_tasks, disassociated_tasks,
        deleted_models, urls}``."""
        project = await self._own(identity, request.project)
        scope = await self._scope(identity, project)
        counts = await self._counts(identity, scope)
        if not request.force and counts["non_archived_tasks"]:
            raise ApiError.named("project_has_tasks", id=project["_id"], tasks=counts["non_archived_tasks"])
        if not request.force and counts["non_archived_models"]:
            raise ApiError.named("project_has_models", id=project["_id"], models=counts["non_archived_models"])
        inside = {"company": identity.company, "project": {"$in": scope}}
        answer: dict[str, Any] = {"deleted_tasks": 0, "disassociated_tasks": 0, "deleted_models": 0}
        if request.delete_contents:
            answer["deleted_tasks"] = await self._delete_all(self._tasks, identity, inside, "TaskDeleted")
            answer["deleted_models"] = await self._delete_all(self._models, identity, inside, "ModelDeleted")
        else:
            answer["disassociated_tasks"] = await self._tasks.apply_many(inside, {"$set": {"project": None}})
            await self._models.apply_many(inside, {"$set": {"project": None}})
        deleted = await self._projects.delete(identity.company, scope)
        if project.get("parent"):
            await self._projects.touch(identity.company, [project["parent"]], self._clock())
        return {"deleted": deleted, **answer, "urls": {"model_urls": [], "event_urls": [], "artifact_urls": []}}

    async def _delete_all(self, repository: TaskRepository, identity: Identity, condition: Document, fact: str) -> int:
        """Delete each matching task or model and announce it (its events go too)."""
        deleted = 0
        for doc in await repository.find(FindQuery(filter=condition, projection={"_id": 1})):
            if await repository.delete(identity.company, doc["_id"]):
                deleted += 1
                if self._facts is not None:
                    await self._facts.publish({"type": fact, "id": doc["_id"], "company": identity.company})
        return deleted

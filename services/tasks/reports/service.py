"""Use cases of ClearML's ``reports`` service (``reports.get_task_data``, which needs the
events service, is ``services.tasks.reports.task_data``): ``create``, ``update``, ``publish``, ``archive``, ``unarchive``,
``delete``, ``move``, ``get_tags``, ``get_all_ex``.

A report is a task of type ``report`` with system tag ``reports``, stored in the hidden
project ``<project>/.reports`` (``.reports`` at the top level without a project), which is
created on demand with system tags ``hidden`` and ``reports``. Another task given as a report
-> 400/150. Choices where ClearML was unclear: deleting needs the report archived unless
``force``; a published report cannot be updated (400/110).
"""

from __future__ import annotations

from typing import Any

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess
from services.tasks.store.queries import company_scope
from services.tasks.store.repository import Document, ProjectRepository, TaskRepository
from services.tasks.projects.service import ProjectService
from services.tasks.tasks.service import TaskService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import reports as api
from shared.schemas import tasks as tasks_api

REPORT_TYPE = "report"
REPORTS_TAG = "reports"
REPORTS_PROJECT = ".reports"


class ReportService(TaskAccess):
    """``reports.*``."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, project_service: ProjectService,
                 task_service: TaskService, clock: Clock = domain.utc_now):
        super().__init__(tasks, projects, clock)
        self._project_service = project_service
        self._task_service = task_service

    async def _report(self, identity: Identity, task_id: str) -> Document:
        task = await self._writable_task(identity, task_id)
        if task.get("type") != REPORT_TYPE:
            raise ApiError.named("operation_supported_on_reports_only", id=task_id)
        return task

    async def _reports_project(self, identity: Identity, project_id: str | None, project_name: str | None = None):
        """The hidden ``.reports`` project under the given project (by id or name)."""
        parent_name = project_name
        if project_id:
            parent = await self._projects.get(identity.company, project_id)
            if parent is None:
                raise ApiError.named("invalid_project_id", id=project_id)
            parent_name = parent["name"]
        name = f"{parent_name}/{REPORTS_PROJECT}" if parent_name else REPORTS_PROJECT
        project, created = await self._project_service.ensure(identity, name)
        if created:
            tags = {"system_tags": [domain.HIDDEN_TAG, REPORTS_TAG]}
            await self._projects.update(identity.company, project["_id"], tags)
        return project

    async def create(self, identity: Identity, request: api.CreateRequest) -> dict[str, Any]:
        """``reports.create``: ``{id, project_id}``."""
        project = await self._reports_project(identity, request.project)
        now = self._clock()
        fields = {"name": request.name, "type": REPORT_TYPE, "project": project["_id"],
                  "system_tags": [REPORTS_TAG], "tags": request.tags or [], "comment": request.comment or "",
                  "report": request.report or "", "report_assets": request.report_assets or []}
        doc = domain.new_task(domain.new_id(), identity.company, identity.user, fields, now)
        await self._tasks.add(doc)
        await self._projects.touch(identity.company, [project["_id"]], now)
        return {"id": doc["_id"], "project_id": project["_id"]}

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``reports.update``."""
        task = await self._report(identity, request.task)
        if task["status"] == status.PUBLISHED:
            raise ApiError.named("invalid_task_status", "a published report cannot change", status=task["status"])
        fields = request.model_dump(exclude_none=True, exclude={"task"})
        if not fields:
            return {"updated": 0, "fields": {}}
        now = self._clock()
        changes = {**fields, "last_update": now, "last_change": now, "last_changed_by": identity.user}
        await self._apply(identity, task, {"$set": changes})
        return {"updated": 1, "fields": domain.to_api(changes)}

    async def publish(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.publish``: -> published (any status: a report is not run)."""
        task = await self._report(identity, request.task)
        return await self._change_status(identity, task, status.PUBLISHED, force=True, message=request.comment,
                                         extra_set={"published": self._clock()})

    async def archive(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.archive``: ``{archived: 0|1}``."""
        return {"archived": await self._tag(identity, request.task, "$addToSet")}

    async def unarchive(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.unarchive``: ``{unarchived: 0|1}``."""
        return {"unarchived": await self._tag(identity, request.task, "$pull")}

    async def _tag(self, identity: Identity, task_id: str, op: str) -> int:
        task = await self._report(identity, task_id)
        archived = status.ARCHIVED_TAG in (task.get("system_tags") or ())
        if archived == (op == "$addToSet"):
            return 0
        value = {"$each": [status.ARCHIVED_TAG]} if op == "$addToSet" else {"$in": [status.ARCHIVED_TAG]}
        await self._apply(identity, task, {op: {"system_tags": value}, "$set": {"last_update": self._clock()}})
        return 1

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``reports.delete``: ``{deleted: 1}``; a report not archived needs ``force`` (400/123)."""
        task = await self._report(identity, request.task)
        if not request.force and status.ARCHIVED_TAG not in (task.get("system_tags") or ()):
            raise ApiError.named("task_cannot_be_deleted", "archive the report first or use force", id=task["_id"])
        deleted = await self._tasks.delete(identity.company, task["_id"])
        return {"deleted": int(deleted)}

    async def move(self, identity: Identity, request: api.MoveRequest) -> dict[str, Any]:
        """``reports.move``: into the ``.reports`` project of ``project`` / ``project_name``."""
        task = await self._report(identity, request.task)
        project = await self._reports_project(identity, request.project, request.project_name)
        await self._apply(identity, task, {"$set": {"project": project["_id"], "last_update": self._clock()}})
        return {"project_id": project["_id"]}

    async def get_tags(self, identity: Identity, request: api.GetTagsRequest) -> dict[str, Any]:
        """``reports.get_tags``."""
        condition = {**company_scope(identity.company), "type": REPORT_TYPE}
        return {"tags": sorted(await self._tasks.distinct("tags", condition))}

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``reports.get_all_ex``: ``tasks.get_all_ex`` over reports (hidden included);
        ``project`` ids name the projects whose ``.reports`` to list."""
        update: dict[str, Any] = {"type": [REPORT_TYPE], "search_hidden": True}
        if request.project:
            below = await self._projects.descendant_ids(identity.company, request.project)
            update["project"] = list(dict.fromkeys([*request.project, *below]))
        # exclude_unset, not exclude_none: ``scroll_id: null`` (open a scroll) must survive.
        body = {**request.model_dump(by_alias=True, exclude_unset=True), **update}
        return await self._task_service.get_all_ex(identity, tasks_api.GetAllExRequest.model_validate(body))

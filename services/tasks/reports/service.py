"""Use cases of ClearML's ``reports`` service (``reports.get_task_data``, which needs the
events service, is ``services.tasks.reports.task_data``): ``create``, ``update``, ``publish``, ``archive``, ``unarchive``,
``delete``, ``move``, ``get_tags``, ``get_all_ex``.

A report is a task of type ``report`` with system tag ``reports``, stored in the hidden
project ``<project>/.reports`` (``.reports`` at the top level without a project), which is
created on demand with system tags ``hidden`` and ``reports``. Another task given as a report
-> 400/150. A ``.reports`` project left empty by a move or a delete goes with it.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Any

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess
from services.tasks.store.criteria import Selection
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
REPORTS_PROJECT_DESCRIPTION = "Reports project"  # what clearml-server writes on the ones it makes
# What may still change once a report left ``created`` (published); these alone leave its
# ``last_update`` alone.
LABEL_FIELDS = frozenset({"name", "tags", "comment"})


def update_answer(fields: dict[str, Any]) -> dict[str, Any]:
    """The ``fields`` ``reports.update`` answers, as ClearML shows them: tags sorted, the
    report shortened to 100 characters."""
    answer = dict(fields)
    if answer.get("tags"):
        answer["tags"] = sorted(answer["tags"])
    if answer.get("report"):
        answer["report"] = textwrap.shorten(answer["report"], width=100)
    return answer


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
        """The hidden ``.reports`` project under the given project (by id or name; a name
        already ending in ``.reports`` is that project), made on demand."""
        parent_name = project_name
        if project_id:
            parent = await self._projects.get(identity.company, project_id)
            if parent is None:
                raise ApiError.named("invalid_project_id", id=project_id)
            parent_name = parent["name"]
        parent_name = (parent_name or "").strip("/")
        if parent_name.rpartition("/")[2] == REPORTS_PROJECT:
            name = parent_name
        else:
            name = f"{parent_name}/{REPORTS_PROJECT}" if parent_name else REPORTS_PROJECT
        project, created = await self._project_service.ensure(identity, name)
        if created:
            fields = {"system_tags": [domain.HIDDEN_TAG, REPORTS_TAG], "description": REPORTS_PROJECT_DESCRIPTION}
            await self._projects.update(identity.company, project["_id"], fields)
        return project

    async def create(self, identity: Identity, request: api.CreateRequest) -> dict[str, Any]:
        """``reports.create``: a hidden task (system tags ``reports``, ``hidden``) with the
        name, tags and comment given (ClearML takes ``report`` and ``report_assets`` only from
        ``reports.update``). ``{id, project_id}``."""
        project = await self._reports_project(identity, request.project)
        now = self._clock()
        fields = {"name": request.name, "type": REPORT_TYPE, "project": project["_id"],
                  "system_tags": [REPORTS_TAG, domain.HIDDEN_TAG], "tags": request.tags or [],
                  "comment": request.comment or ""}
        doc = domain.new_task(domain.new_id(), identity.company, identity.user, fields, now)
        await self._tasks.add(doc)
        await self._projects.touch(identity.company, [project["_id"]], now)
        return {"id": doc["_id"], "project_id": project["_id"]}

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``reports.update``: a report no longer ``created`` only takes a new name, tags or
        comment (else 400/110); those stamp ``last_change`` only, the content
        ``last_update`` too. ``{updated, fields}`` (see ``update_answer``)."""
        task = await self._report(identity, request.task)
        fields = request.model_dump(exclude_none=True, exclude={"task"})
        if not fields:
            return {"updated": 0}
        labels_only = LABEL_FIELDS.issuperset(fields)
        if task["status"] != status.CREATED and not labels_only:
            raise ApiError.named("invalid_task_status", expected=status.CREATED, status=task["status"])
        now = self._clock()
        stamps = {"last_change": now, "last_changed_by": identity.user, **({} if labels_only else {"last_update": now})}
        await self._apply(identity, task, {**fields, **stamps})
        return {"updated": 1, "fields": update_answer(fields)}

    async def publish(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.publish``: -> published (any status: a report is not run), ``message``
        as its status message."""
        task = await self._report(identity, request.task)
        return await self._change_status(identity, task, status.PUBLISHED, force=True, message=request.message,
                                         extra_set={"published": self._clock()})

    async def archive(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.archive``: ``{archived: 1}`` (also when it already was)."""
        return {"archived": await self._tag(identity, request, add_tags=status.ARCHIVED)}

    async def unarchive(self, identity: Identity, request: api.ReportRequest) -> dict[str, Any]:
        """``reports.unarchive``: ``{unarchived: 1}`` (also when it was not archived)."""
        return {"unarchived": await self._tag(identity, request, remove_tags=status.ARCHIVED)}

    async def _tag(self, identity: Identity, request: api.ReportRequest, **tags: Any) -> int:
        """Add or remove the ``archived`` system tag; ClearML counts the report as updated
        either way, since ``message`` becomes its status message (the reason is cleared)."""
        task = await self._report(identity, request.task)
        stamps = {"status_message": request.message, "status_reason": "", "last_change": self._clock(),
                  "last_changed_by": identity.user}
        await self._apply(identity, task, stamps, **tags)
        return 1

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``reports.delete``: a draft or archived report, any with ``force`` (else 400/123);
        its ``.reports`` project goes too once empty. ``{deleted: 1}``."""
        task = await self._report(identity, request.task)
        if not status.deletable(task, request.force):
            raise ApiError.named("task_cannot_be_deleted", "due to status, use force=True", task=task["_id"],
                                 expected=status.CREATED, current=task["status"])
        deleted = await self._tasks.delete(identity.company, task["_id"])
        await self._drop_if_empty(identity, task.get("project"))
        return {"deleted": int(deleted)}

    async def move(self, identity: Identity, request: api.MoveRequest) -> dict[str, Any]:
        """``reports.move``: into the ``.reports`` project of ``project`` (null: the top
        level) or ``project_name``; neither given -> 400/11. The ``.reports`` project it
        leaves goes once empty. ``{project_id}``."""
        if "project" not in request.model_fields_set and not request.project_name:
            raise ApiError.named("missing_required_fields", "project or project_name is required")
        task = await self._report(identity, request.task)
        project = await self._reports_project(identity, request.project, request.project_name)
        changes = {"project": project["_id"], "last_change": self._clock(), "last_changed_by": identity.user}
        await self._apply(identity, task, changes)
        if task.get("project") != project["_id"]:
            await self._drop_if_empty(identity, task.get("project"))
        return {"project_id": project["_id"]}

    async def _drop_if_empty(self, identity: Identity, project_id: str | None) -> None:
        """Delete a ``.reports`` project no task is left in."""
        project = await self._projects.get(identity.company, project_id) if project_id else None
        if project is None or project.get("basename") != REPORTS_PROJECT:
            return
        if not await self._tasks.count(Selection(identity.company, public=True, projects=[project_id])):
            await self._projects.delete(identity.company, [project_id])

    async def get_tags(self, identity: Identity, request: api.GetTagsRequest) -> dict[str, Any]:
        """``reports.get_tags``: the tags of the company's own reports (public ones not)."""
        reports = Selection(identity.company, type=REPORT_TYPE)
        return {"tags": sorted(await self._tasks.distinct("tags", reports))}

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``reports.get_all_ex``: ``tasks.get_all_ex`` over reports (hidden included);
        ``project`` ids name ``.reports`` projects or the projects right above them (not
        deeper: ``include_subprojects`` reaches further; null: the top level); none such ->
        ``{tasks: []}``."""
        update: dict[str, Any] = {"type": [REPORT_TYPE], "search_hidden": True}
        if "project" in request.model_fields_set:
            # as ClearML reads it: null is the top level, [] names no project at all
            ids = [None] if request.project is None else list(request.project)
            if request.include_subprojects:
                ids += await self._projects.descendant_ids(identity.company, ids)
            update["project"] = await self._reports_projects_of(identity, ids)
            if not update["project"]:
                return {"tasks": []}
        # exclude_unset, not exclude_none: ``scroll_id: null`` (open a scroll) must survive.
        body = {**request.model_dump(by_alias=True, exclude_unset=True), **update, "include_subprojects": False}
        return await self._task_service.get_all_ex(identity, tasks_api.GetAllExRequest.model_validate(body))

    async def _reports_projects_of(self, identity: Identity, ids: list[str]) -> list[str]:
        """The ``.reports`` projects among ``ids`` and their direct children."""
        named = Selection(identity.company, public=True, basenames=[REPORTS_PROJECT])
        among = await self._projects.select(replace(named, ids=ids), ["id"])
        below = await self._projects.select(replace(named, parents=ids), ["id"])
        return list(dict.fromkeys(doc["_id"] for doc in [*among, *below]))

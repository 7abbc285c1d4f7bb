"""``projects.get_all_ex``: projects as ``get_all`` finds them, with their direct
``sub_projects`` and, on request, task statistics (the UI's project cards).

The statistics are folded here from a projection of the tasks in the projects asked for
(``project``, ``status``, ``system_tags``, ``started``, ``completed``, ``active_duration``).
Choices where ClearML was unclear: ``total_runtime`` is the sum of ``active_duration`` or else
``completed - started`` in seconds; ``last_task_run`` is the latest ``started`` in epoch
milliseconds; ``completed_tasks_24h`` counts tasks whose ``completed`` is within 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from services.tasks import domain, status
from services.tasks.access import Clock
from services.tasks.queries import FindQuery, project_query
from services.tasks.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

STATS_FIELDS = {"project": 1, "status": 1, "system_tags": 1, "started": 1, "completed": 1, "active_duration": 1}
MAX_STATS_TASKS = 1_000_000  # a safety bound; the stats read only a few small fields per task
COUNTED_STATUSES = ("created", "queued", "in_progress", "stopped", "published", "closed", "failed", "completed",
                    "unknown")


def _runtime(task: Mapping[str, Any]) -> int:
    if task.get("active_duration"):
        return int(task["active_duration"])
    started, completed = task.get("started"), task.get("completed")
    if started and completed and completed >= started:
        return int((completed - started).total_seconds())
    return 0


def status_stats(tasks: Iterable[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    """``stats_status_count`` of a set of tasks."""
    counts = dict.fromkeys(COUNTED_STATUSES, 0)
    runtime, recent, last_run, total = 0, 0, None, 0
    for task in tasks:
        total += 1
        counts[task.get("status") if task.get("status") in counts else "unknown"] += 1
        runtime += _runtime(task)
        completed = task.get("completed")
        if completed and _aware(completed) >= now - timedelta(hours=24):
            recent += 1
        if task.get("started") and (last_run is None or _aware(task["started"]) > last_run):
            last_run = _aware(task["started"])
    out = {"status_count": counts, "total_tasks": total, "total_runtime": runtime, "completed_tasks_24h": recent}
    if last_run is not None:
        out["last_task_run"] = int(last_run.timestamp() * 1000)
    return out


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=domain.utc_now().tzinfo)


def project_stats(tasks: list[Mapping[str, Any]], now: datetime, state: str | None) -> dict[str, Any]:
    """``stats`` of one project: ``active`` (not archived) and/or ``archived`` tasks."""
    archived = [t for t in tasks if status.ARCHIVED_TAG in (t.get("system_tags") or ())]
    active = [t for t in tasks if status.ARCHIVED_TAG not in (t.get("system_tags") or ())]
    out: dict[str, Any] = {}
    if state in (None, "active"):
        out["active"] = status_stats(active, now)
    if state in (None, "archived"):
        out["archived"] = status_stats(archived, now)
    return out


class ProjectViewService:
    """``projects.get_all_ex``."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now):
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._clock = clock

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``projects.get_all_ex``: see the module docstring."""
        docs = await self._projects.find(project_query(identity.company, request))
        if request.non_public:
            docs = [d for d in docs if d.get("company")]
        if not request.allow_public:
            docs = [d for d in docs if d.get("company") == identity.company]
        children = await self._children(identity, [d["_id"] for d in docs])
        out = []
        for doc in docs:
            item = domain.to_api(doc)
            item["sub_projects"] = [{"id": c["_id"], "name": c["name"]} for c in children.get(doc["_id"], [])]
            out.append(item)
        if request.include_stats or request.check_own_contents:
            await self._add_stats(identity, request, docs, out)
        return {"projects": out}

    async def _children(self, identity: Identity, ids: list[str]) -> dict[str, list[Document]]:
        if not ids:
            return {}
        query = FindQuery(filter={"company": {"$in": [identity.company, ""]}, "parent": {"$in": ids}},
                          projection={"_id": 1, "name": 1, "parent": 1}, sort=[("name", 1)])
        found: dict[str, list[Document]] = {}
        for child in await self._projects.find(query):
            found.setdefault(child["parent"], []).append(child)
        return found

    async def _add_stats(self, identity: Identity, request: api.GetAllExRequest, docs, out) -> None:
        scopes = {d["_id"]: [d["_id"]] for d in docs}
        if request.stats_with_children:
            below = FindQuery(filter={"company": {"$in": [identity.company, ""]}, "path": {"$in": list(scopes)}},
                              projection={"_id": 1, "path": 1})
            for sub in await self._projects.find(below):
                for ancestor in sub.get("path") or ():
                    if ancestor in scopes:
                        scopes[ancestor].append(sub["_id"])
        every = sorted({p for scope in scopes.values() for p in scope})
        query = FindQuery(filter={"company": {"$in": [identity.company, ""]}, "project": {"$in": every}},
                          projection=STATS_FIELDS, limit=MAX_STATS_TASKS)
        by_project: dict[str, list[Document]] = {}
        for task in await self._tasks.find(query) if every else []:
            by_project.setdefault(task.get("project"), []).append(task)
        now = self._clock()
        for doc, item in zip(docs, out):
            if request.include_stats:
                tasks = [t for p in scopes[doc["_id"]] for t in by_project.get(p, [])]
                item["stats"] = project_stats(tasks, now, request.stats_for_state)
            if request.check_own_contents:
                item["own_tasks"] = len(by_project.get(doc["_id"], []))
                item["own_models"] = await self._models.count({"company": identity.company, "project": doc["_id"]})

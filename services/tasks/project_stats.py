"""``projects.get_all_ex``: projects as ``get_all`` finds them, with their direct
``sub_projects`` and, on request, task statistics (the UI's project cards).

The statistics are grouped by the store (``TaskRepository.group_stats``: one row per project,
archived or not, and status) and folded here per project (with its sub-projects).
Hidden sub-projects (and, in the statistics, hidden tasks and the tasks of hidden
sub-projects) count only with ``search_hidden``, as hidden entities do everywhere. Choices
where ClearML was unclear: ``total_runtime`` is the sum of ``active_duration`` or else
``completed - started`` in seconds; ``last_task_run`` is the latest ``started`` in epoch
milliseconds; ``completed_tasks_24h`` counts tasks whose ``completed`` is within 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from services.tasks import domain, status
from services.tasks.access import Clock
from services.tasks.queries import FindQuery, company_scope, hidden_condition, project_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.scrolling import Scrolls, find_or_scroll
from services.tasks.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

COUNTED_STATUSES = ("created", "queued", "in_progress", "stopped", "published", "closed", "failed", "completed",
                    "unknown")


def _runtime(task: Mapping[str, Any]) -> int:
    if task.get("active_duration"):
        return int(task["active_duration"])
    started, completed = task.get("started"), task.get("completed")
    if started and completed and completed >= started:
        return int((completed - started).total_seconds())
    return 0


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=domain.utc_now().tzinfo)


def stats_rows(tasks: Iterable[Mapping[str, Any]], since: datetime) -> list[dict[str, Any]]:
    """What ``TaskRepository.group_stats`` answers, computed from task documents: one row per
    (project, archived, status) with ``count``, ``runtime``, ``recent``, ``last_run``."""
    rows: dict[tuple, dict[str, Any]] = {}
    for task in tasks:
        archived = status.ARCHIVED_TAG in (task.get("system_tags") or ())
        key = (task.get("project"), archived, task.get("status"))
        row = rows.setdefault(key, {"project": key[0], "archived": archived, "status": key[2], "count": 0,
                                    "runtime": 0, "recent": 0, "last_run": None})
        row["count"] += 1
        row["runtime"] += _runtime(task)
        completed = task.get("completed")
        row["recent"] += 1 if completed and _aware(completed) >= since else 0
        if task.get("started") and (row["last_run"] is None or _aware(task["started"]) > row["last_run"]):
            row["last_run"] = _aware(task["started"])
    return list(rows.values())


def fold_stats(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``stats_status_count`` of a set of ``group_stats`` rows."""
    counts = dict.fromkeys(COUNTED_STATUSES, 0)
    runtime, recent, last_run, total = 0, 0, None, 0
    for row in rows:
        total += row["count"]
        counts[row.get("status") if row.get("status") in counts else "unknown"] += row["count"]
        runtime += int(row.get("runtime") or 0)
        recent += int(row.get("recent") or 0)
        started = row.get("last_run")
        if started and (last_run is None or _aware(started) > last_run):
            last_run = _aware(started)
    out = {"status_count": counts, "total_tasks": total, "total_runtime": runtime, "completed_tasks_24h": recent}
    if last_run is not None:
        out["last_task_run"] = int(last_run.timestamp() * 1000)
    return out


def status_stats(tasks: Iterable[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    """``stats_status_count`` of a set of tasks."""
    return fold_stats(stats_rows(tasks, now - timedelta(hours=24)))


def project_stats(rows: list[Mapping[str, Any]], state: str | None) -> dict[str, Any]:
    """``stats`` of one project from its ``group_stats`` rows: ``active`` (not archived)
    and/or ``archived`` tasks."""
    out: dict[str, Any] = {}
    if state in (None, "active"):
        out["active"] = fold_stats(r for r in rows if not r["archived"])
    if state in (None, "archived"):
        out["archived"] = fold_stats(r for r in rows if r["archived"])
    return out


class ProjectViewService:
    """``projects.get_all_ex``."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now, *, references: ReferenceExpander, scrolls: Scrolls | None = None):
        self._references = references
        self._scrolls = scrolls
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._clock = clock

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``projects.get_all_ex``: see the module docstring; references answered as objects
        (``services.tasks.references``); scrolls like ``get_all`` (the web UI's project list)."""
        projection = plan("project", request.only_fields)
        query = project_query(identity.company, request.model_copy(update={"only_fields": projection.fields}))
        docs, scroll = await find_or_scroll(self._scrolls, identity.company, "project", request, query,
                                            self._projects.find)
        if request.non_public:
            docs = [d for d in docs if d.get("company")]
        if not request.allow_public:
            docs = [d for d in docs if d.get("company") == identity.company]
        children = await self._children(identity, [d["_id"] for d in docs], request.search_hidden)
        out = []
        for doc in docs:
            item = domain.to_api(doc)
            item["sub_projects"] = [{"id": c["_id"], "name": c["name"]} for c in children.get(doc["_id"], [])]
            out.append(item)
        if request.include_stats or request.check_own_contents:
            await self._add_stats(identity, request, docs, out)
        await self._references.expand(identity, "project", out, projection.joins, request.allow_public)
        return {"projects": out, **scroll}

    async def _children(self, identity: Identity, ids: list[str], search_hidden: bool) -> dict[str, list[Document]]:
        """Direct sub-projects of ``ids`` (hidden ones only with ``search_hidden``)."""
        if not ids:
            return {}
        condition = {**company_scope(identity.company), "parent": {"$in": ids},
                     **hidden_condition(search_hidden, None)}
        query = FindQuery(filter=condition, projection={"_id": 1, "name": 1, "parent": 1}, sort=[("name", 1)])
        found: dict[str, list[Document]] = {}
        for child in await self._projects.find(query):
            found.setdefault(child["parent"], []).append(child)
        return found

    async def _add_stats(self, identity: Identity, request: api.GetAllExRequest, docs, out) -> None:
        scopes = {d["_id"]: [d["_id"]] for d in docs}
        if request.stats_with_children:
            condition = {**company_scope(identity.company), "path": {"$in": list(scopes)},
                         **hidden_condition(request.search_hidden, None)}
            below = FindQuery(filter=condition, projection={"_id": 1, "path": 1})
            for sub in await self._projects.find(below):
                for ancestor in sub.get("path") or ():
                    if ancestor in scopes:
                        scopes[ancestor].append(sub["_id"])
        every = sorted({p for scope in scopes.values() for p in scope})
        condition = {**company_scope(identity.company), "project": {"$in": every},
                     **hidden_condition(request.search_hidden, None)}
        since = self._clock() - timedelta(hours=24)
        by_project: dict[str, list[Document]] = {}
        for row in await self._tasks.group_stats(condition, since) if every else []:
            by_project.setdefault(row.get("project"), []).append(row)
        for doc, item in zip(docs, out):
            if request.include_stats:
                rows = [r for p in scopes[doc["_id"]] for r in by_project.get(p, [])]
                item["stats"] = project_stats(rows, request.stats_for_state)
            if request.check_own_contents:
                item["own_tasks"] = sum(r["count"] for r in by_project.get(doc["_id"], []))
                item["own_models"] = await self._models.count({"company": identity.company, "project": doc["_id"]})

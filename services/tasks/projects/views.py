"""``projects.get_all_ex``: projects as ``get_all`` finds them (``children_type`` /
``active_users`` narrow them: ``services.tasks.projects.selection``) and, on request, their
contents: ``own_tasks``/``own_models``, ``stats`` with every counted sub-project in
``sub_projects`` (the UI's project cards), ``dataset_stats``.

The statistics are grouped by the store (``TaskRepository.group_stats``: one row per project,
archived or not, and status) and folded here per project (with its sub-projects). Hidden
sub-projects count only with ``search_hidden`` (or for pipelines, reports and datasets);
hidden tasks of a counted project count, as in clearml-server. As there, ``total_runtime``
is the sum of ``completed - started`` in whole seconds; ``last_task_run`` the latest
``started`` (null when none); ``completed_tasks_24h`` counts the tasks completed within 24
hours that are not queued, running or failed now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock
from services.tasks.projects.selection import DATASET_TAG, ProjectSelector, stats_filter
from services.tasks.store.criteria import Selection, check_filters
from services.tasks.store.queries import project_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.store.scrolling import Scrolls, find_or_scroll
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

COUNTED_STATUSES = ("created", "queued", "in_progress", "stopped", "published", "publishing", "closed", "failed",
                    "completed", "unknown")


# Tasks completed within the day that clearml-server leaves out of ``completed_tasks_24h``.
NOT_RECENTLY_COMPLETED = frozenset({"queued", "in_progress", "failed"})


def _runtime(task: Mapping[str, Any]) -> int:
    """Whole seconds from ``started`` to ``completed`` (clearml-server counts nothing else)."""
    started, completed = task.get("started"), task.get("completed")
    if started and completed and completed > started:
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
        recent += 0 if row.get("status") in NOT_RECENTLY_COMPLETED else int(row.get("recent") or 0)
        started = row.get("last_run")
        if started and (last_run is None or _aware(started) > last_run):
            last_run = _aware(started)
    return {"status_count": counts, "total_tasks": total, "total_runtime": runtime, "completed_tasks_24h": recent,
            "last_task_run": last_run}


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


def allow_public(request: api.GetAllExRequest) -> bool:
    """``allow_public`` when the request names it, else not the legacy ``non_public`` when
    named, else public projects are listed."""
    if "allow_public" in request.model_fields_set:
        return request.allow_public
    if "non_public" in request.model_fields_set:
        return not request.non_public
    return True


def with_state(filter_: dict[str, Any] | None, state: str | None) -> dict[str, Any] | None:
    """The statistics filter narrowed to ``state`` (active: not archived), unless its
    ``system_tags`` already say ``archived`` or ``-archived``."""
    if not state:
        return filter_
    tags = (filter_ or {}).get("system_tags") or []
    if not isinstance(tags, list) or {status.ARCHIVED_TAG, f"-{status.ARCHIVED_TAG}"} & set(tags):
        return filter_
    wanted = status.ARCHIVED_TAG if state == "archived" else f"-{status.ARCHIVED_TAG}"
    return {**(filter_ or {}), "system_tags": [wanted, *tags]}


def by_project(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """``group_stats`` rows per project."""
    found: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        found.setdefault(row.get("project"), []).append(row)
    return found


@dataclass
class Tree:
    """Each listed project's statistics scope (itself, and its sub-projects when counted)
    and those sub-projects as ``sub_projects`` lists them (sorted by name)."""

    scopes: dict[str, list[str]]
    children: dict[str, list[dict[str, str]]]


class ProjectViewService:
    """``projects.get_all_ex``."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now, *, references: ReferenceExpander, scrolls: Scrolls | None = None):
        self._references = references
        self._projects = projects
        self._tasks = tasks
        self._models = models
        self._clock = clock
        self._scrolls = scrolls
        self._selector = ProjectSelector(projects, tasks, models)

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``projects.get_all_ex``: see the module docstring and ``GetAllExRequest``; references
        answered as objects (``services.tasks.references``)."""
        public = allow_public(request)
        projection = plan("project", request.only_fields)
        # Hidden projects are marked from their system tags: read them even when not asked for.
        drop_tags = bool(request.search_hidden and request.only_fields and "system_tags" not in request.only_fields)
        changes: dict[str, Any] = {"allow_public": public, "only_fields": projection.fields}
        if drop_tags:
            changes["only_fields"] = [*(projection.fields or ()), "system_tags"]
        selected = None
        if request.active_users or request.children_type:
            selected = await self._selector.select(identity, request, public)
            if not selected:
                return {"projects": []}
        query = project_query(identity.company, request.model_copy(update=changes), ids=selected)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "project", request, query,
                                           self._projects.find)
        out = [self._item(doc, request, drop_tags) for doc in docs]
        if out and request.check_own_contents:
            await self._add_own_contents(identity, request, out)
        if out and request.include_stats:
            await self._add_stats(identity, request, out, selected)
        if out and request.include_dataset_stats:
            await self._add_dataset_stats(identity, request, out)
        await self._references.expand(identity, "project", out, projection.joins, public)
        return {"projects": out, **extra}

    @staticmethod
    def _item(doc: Document, request: api.GetAllExRequest, drop_tags: bool) -> dict[str, Any]:
        """A project as listed; with ``search_hidden`` a hidden one says ``hidden: true``."""
        item = domain.to_api(doc)
        tags = item.pop("system_tags", None) if drop_tags else item.get("system_tags")
        if request.search_hidden and domain.HIDDEN_TAG in (tags or ()):
            item["hidden"] = True
        return item

    async def _add_own_contents(self, identity: Identity, request: api.GetAllExRequest, out: list[dict]) -> None:
        """``own_tasks``/``own_models``: the tasks and models of the project itself (hidden
        ones too) in ``stats_for_state``, under the statistics filter; with ``children_type:
        dataset``, ``own_datasets``: its dataset sub-projects."""
        filter_, _ = stats_filter(request)
        if request.children_type == DATASET_TAG:
            counts = await self._dataset_counts(identity, request, {i["id"]: [i["id"]] for i in out}, filter_)
            for item in out:
                item["own_datasets"] = counts[item["id"]]["count"]
            return
        condition = self._contents(identity, request, [i["id"] for i in out], with_state(filter_,
                                                                                         request.stats_for_state))
        since = self._clock()
        tasks = by_project(await self._tasks.group_stats(condition, since))
        models = by_project(await self._models.group_stats(condition, since))
        for item in out:
            item["own_tasks"] = sum(r["count"] for r in tasks.get(item["id"], ()))
            item["own_models"] = sum(r["count"] for r in models.get(item["id"], ()))

    @staticmethod
    def _contents(identity: Identity, request: api.GetAllExRequest, projects: list[str],
                  filter_: dict[str, Any] | None, children: bool = False) -> Selection:
        """The company's and public entities of ``projects`` (with ``children``: the projects
        directly under them) by ``active_users``, under ``filter_`` (400/12 when malformed);
        hidden ones count, as in clearml-server."""
        check_filters(filter_)
        users = list(request.active_users) if request.active_users else None
        selection = Selection(identity.company, public=True, users=users, filters=filter_)
        return replace(selection, parents=projects) if children else replace(selection, projects=projects)

    async def _tree(self, identity: Identity, request: api.GetAllExRequest, out: list[dict],
                    selected: list[str] | None, search_hidden: bool) -> Tree:
        """With ``stats_with_children``, every project below each listed one (hidden ones only
        with ``search_hidden``, only selected ones when ``children_type``/``active_users``
        selected)."""
        tree = Tree({i["id"]: [i["id"]] for i in out}, {i["id"]: [] for i in out})
        if not request.stats_with_children:
            return tree
        below = Selection(identity.company, public=True, below=list(tree.scopes), ids=selected,
                          not_system_tags=[] if search_hidden else [domain.HIDDEN_TAG])
        for sub in await self._projects.select(below, ["path", "name"], order_by=["name"]):
            for ancestor in set(sub.get("path") or ()) & set(tree.scopes):
                tree.scopes[ancestor].append(sub["_id"])
                tree.children[ancestor].append({"id": sub["_id"], "name": sub["name"]})
        return tree

    async def _add_stats(self, identity: Identity, request: api.GetAllExRequest, out: list[dict],
                         selected: list[str] | None) -> None:
        """``stats`` and ``sub_projects`` (every counted sub-project): task statistics, or
        with ``children_type: dataset`` the count and tags of the dataset projects."""
        filter_, search_hidden = stats_filter(request)
        tree = await self._tree(identity, request, out, selected, search_hidden or request.children_type == DATASET_TAG)
        if request.children_type == DATASET_TAG:
            stats = await self._dataset_counts(identity, request, tree.scopes, filter_)
            for item in out:
                item["stats"], item["sub_projects"] = {"datasets": stats[item["id"]]}, tree.children[item["id"]]
            return
        every = sorted({p for scope in tree.scopes.values() for p in scope})
        rows = by_project(await self._tasks.group_stats(self._contents(identity, request, every, filter_),
                                                        self._clock() - timedelta(hours=24)))
        for item in out:
            scoped = [r for p in tree.scopes[item["id"]] for r in rows.get(p, ())]
            item["stats"] = project_stats(scoped, request.stats_for_state)
            item["sub_projects"] = tree.children[item["id"]]

    async def _dataset_counts(self, identity: Identity, request: api.GetAllExRequest, scopes: dict[str, list[str]],
                              filter_: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
        """Per project, ``{count, tags}`` of the dataset projects directly under its scope."""
        tags = dict(filter_ or {})
        system = tags.get("system_tags") if isinstance(tags.get("system_tags"), list) else []
        tags["system_tags"] = system if DATASET_TAG in system else [*system, DATASET_TAG]
        every = sorted({p for scope in scopes.values() for p in scope})
        condition = self._contents(identity, request, every, tags, children=True)
        found = await self._projects.select(condition, ["parent", "tags"])
        out = {}
        for project, scope in scopes.items():
            mine = [d for d in found if d.get("parent") in scope]
            out[project] = {"count": len(mine), "tags": sorted({t for d in mine for t in d.get("tags") or ()})}
        return out

    async def _add_dataset_stats(self, identity: Identity, request: api.GetAllExRequest, out: list[dict]) -> None:
        """``dataset_stats``: ``{file_count, total_size}`` from the dataset statistics the
        project's latest updated non-archived task with a ``runtime`` holds, else null."""
        condition = self._contents(identity, request, [i["id"] for i in out],
                                   {"system_tags": [f"-{status.ARCHIVED_TAG}"]})
        found = await self._tasks.select(replace(condition, present=["runtime"]), ["project", "runtime"],
                                         order_by=["last_update"])
        latest = {t["project"]: t["runtime"] for t in found}
        for item in out:
            runtime = latest.get(item["id"])
            item["dataset_stats"] = None if runtime is None else {
                "file_count": runtime.get("ds_file_count", 0), "total_size": runtime.get("ds_total_size", 0)}

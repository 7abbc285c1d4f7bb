"""Reads that compare several tasks (or models) side by side, named as the UI shows them:
``events.multi_task_scalar_metrics_iter_histogram`` and ``events.get_multi_task_plots``.

Both need the tasks' names, which live in the tasks service: :class:`TaskNames`
(``RpcTaskDirectory.names``) asks it with ``tasks.get_all`` / ``models.get_all`` (``id`` +
``only_fields``) as the caller, which also proves the caller may read them. As in ClearML, any id the caller cannot see answers
``invalid task id`` (``invalid model id`` with ``model_events``) naming the missing ids.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from services.events import queries
from services.events.domain import PLOT, SCALAR, SINGLE_VALUE_ITER
# The single-task histogram's own rules, so each task's series here is exactly what
# events.scalar_metrics_iter_histogram answers for it.
from services.events.metrics import X_FIELD, histogram_body, histogram_groups, histogram_series, series_aggs, series_of
from services.events.reads import public
from services.events.repository import EventRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

MAX_TASKS = 100  # ClearML's services.tasks.multi_task_histogram_limit
MAX_ITERS = 1000
PARALLEL_SEARCHES = 4


class TaskNames(Protocol):
    """Port: the names of the tasks (``models``: models) the caller can read."""

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        """``{id: name}`` for the ids that exist and the caller's company may read."""
        ...


def plots_aggs(task_count: int, iters: int, per_metric: bool) -> dict[str, Any]:
    """Per task, the plots of its last ``iters`` iterations: of each metric (``per_metric``,
    ClearML's ``last_iters_per_task_metric``) or of the task as a whole."""
    events = {"top_hits": {"size": 100, "sort": [{"metric": "asc"}, {"variant": "asc"}]}}
    iterations = {"terms": {"field": "iter", "size": iters, "order": {"_key": "desc"}}, "aggs": {"events": events}}
    inner = ({"metrics": {"terms": {"field": "metric", "size": queries.MAX_METRICS}, "aggs": {"iters": iterations}}}
             if per_metric else {"iters": iterations})
    return {"tasks": {"terms": {"field": "task", "size": max(1, task_count)}, "aggs": inner}}


def plot_events(aggs: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of a :func:`plots_aggs` answer."""
    found = []
    for task in (aggs or {}).get("tasks", {}).get("buckets", []):
        groups = [m["iters"] for m in task["metrics"]["buckets"]] if "metrics" in task else [task["iters"]]
        for group in groups:
            for iteration in group["buckets"]:
                found.extend(public(hit["_source"]) for hit in iteration["events"]["hits"]["hits"])
    return found


def group_plots(events: list[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    """ClearML's shape: ``{metric: {variant: {task: {"<iter>": {"name": <task name>,
    "plots": [events]}}}}}``, each level in descending order as ClearML sorts it."""
    ordered = sorted(events, key=lambda e: (e.get("metric", ""), e.get("variant", ""), e["task"], e["iter"]),
                     reverse=True)
    out: dict[str, Any] = {}
    for event in ordered:
        variants = out.setdefault(str(event.get("metric", "")), {})
        tasks = variants.setdefault(str(event.get("variant", "")), {})
        cell = tasks.setdefault(event["task"], {}).setdefault(str(event["iter"]), {
            "name": names.get(event["task"]), "plots": []})
        cell["plots"].append(event)
    return out


class MultiTaskReads:
    def __init__(self, repo: EventRepository, names: TaskNames) -> None:
        self._repo = repo
        self._names = names
        self._searches = asyncio.Semaphore(PARALLEL_SEARCHES)

    async def multi_task_histogram(self, identity: Identity, req: api.MultiTaskScalarHistogramRequest) -> dict:
        """``events.multi_task_scalar_metrics_iter_histogram``: ``{"metrics": {metric: {variant:
        {task id: {"name": <task name>, "x": [...], "y": [...]}}}}}``; each task's series are
        sampled exactly as ``events.scalar_metrics_iter_histogram`` samples them for that task."""
        ids = req.task_ids()
        names = await self._readable(identity, ids, req.model_events)
        key = req.key or "iter"
        metrics = [m.model_dump() for m in req.metrics] if req.metrics else None
        query = queries.tasks_filter(identity.company, ids, req.model_events, metrics,
                                     [{"range": {"iter": {"gt": SINGLE_VALUE_ITER}}}])
        stats = series_aggs({"x": {"stats": {"field": X_FIELD[key]}}})
        probe = {"size": 0, "query": query, "aggs": {"tasks": {"terms": {"field": "task", "size": len(ids)},
                                                               "aggs": stats}}}
        found = await self._repo.search(identity.company, SCALAR, probe)
        jobs = []
        for task in (found.get("aggregations") or {}).get("tasks", {}).get("buckets", []):
            series = [(m, v, b["x"]) for m, v, b in series_of(task)]
            for interval, pairs in histogram_groups(series, req.samples).items():
                jobs.append(self._histogram(identity.company, query, task["key"], key, interval, pairs))
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for task, series in await asyncio.gather(*jobs):
            for (metric, variant), points in series.items():
                out.setdefault(metric, {}).setdefault(variant, {})[task] = {"name": names.get(task), **points}
        return {"metrics": out}

    async def _histogram(self, company: str, query: dict, task: str, key: str, interval: int, pairs: list) -> tuple:
        """(task, {(metric, variant): {"x", "y"}}): the average value per ``interval`` of x."""
        one_task = {"bool": {"filter": [query, {"term": {"task": task}}]}}
        async with self._searches:
            response = await self._repo.search(company, SCALAR, histogram_body(one_task, key, interval, pairs))
        return task, histogram_series(response, key)

    async def multi_task_plots(self, identity: Identity, req: api.MultiTaskPlotsRequest) -> dict[str, Any]:
        """``events.get_multi_task_plots``: the plots of each task's last ``iters`` (default 1)
        iterations, per metric by default, grouped as :func:`group_plots` shows. Everything
        comes in one answer: its ``scroll_id`` continues to an empty page, and ``returned`` is
        the number of metrics, as ClearML counts it."""
        ids = list(dict.fromkeys(req.tasks))
        names = await self._readable(identity, ids, req.model_events)
        state = queries.decode_state(req.scroll_id) or {}
        events: list[dict[str, Any]] = []
        if not state.get("done"):
            metrics = [m.model_dump() for m in req.metrics] if req.metrics else None
            iters = max(1, min(req.iters or 1, MAX_ITERS))
            body = {"size": 0, "query": queries.tasks_filter(identity.company, ids, req.model_events, metrics),
                    "aggs": plots_aggs(len(ids), iters, req.last_iters_per_task_metric)}
            events = plot_events((await self._repo.search(identity.company, PLOT, body)).get("aggregations"))
        plots = group_plots(events, names)
        scroll_id = None if req.no_scroll else queries.encode_state({"done": True})
        return {"plots": plots, "returned": len(plots), "total": len(events), "scroll_id": scroll_id}

    async def _readable(self, identity: Identity, ids: list[str], models: bool) -> dict[str, str]:
        if not ids:
            raise ApiError.named("missing_required_fields", "tasks are required", field="tasks")
        if len(ids) > MAX_TASKS:
            raise ApiError.named("validation_error", f"at most {MAX_TASKS} tasks", field="tasks")
        names = await self._names.names(identity, ids, models)
        missing = [i for i in ids if i not in names]
        if missing:
            raise ApiError.named("invalid_model_id" if models else "invalid_task_id", ids=missing)
        return names

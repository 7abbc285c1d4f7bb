"""Reads that compare several tasks (or models) side by side, named as the UI shows them:
``events.multi_task_scalar_metrics_iter_histogram`` and ``events.get_multi_task_plots``.

Both need the tasks' names, which live in the tasks service: ``TaskDirectory.names``
(``RpcTaskDirectory.names``) asks it with ``tasks.get_all`` / ``models.get_all`` (``id`` +
``only_fields``) as the caller, which also proves the caller may read them. As in ClearML, any id the caller cannot see answers
``invalid task id`` (``invalid model id`` with ``model_events``) naming the missing ids.
"""

from __future__ import annotations

import asyncio
from typing import Any

from services.events.domain import PLOT, SCALAR, Selection, SeriesStats, metric_filters
# The single-task histogram's own rules, so each task's series here is exactly what
# events.scalar_metrics_iter_histogram answers for it.
from services.events.metrics import AXIS, task_histogram
from services.events.reads import decode_state, encode_state
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

MAX_TASKS = 100  # ClearML's services.tasks.multi_task_histogram_limit
PARALLEL_SEARCHES = 4


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
    def __init__(self, repo: EventRepository, names: TaskDirectory) -> None:
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
        selection = Selection(identity.company, tuple(ids), req.model_events, event_type=SCALAR,
                              metrics=metric_filters(req.metrics), iterations="series")
        by_task: dict[str, dict[tuple[str, str], SeriesStats]] = {}
        for (task, metric, variant), stats in (await self._repo.series_stats(selection, AXIS[key])).items():
            by_task.setdefault(task, {})[(metric, variant)] = stats
        jobs = [self._histogram(selection.narrowed(tasks=(task,)), key, req.samples, stats)
                for task, stats in by_task.items()]
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for task, series in await asyncio.gather(*jobs):
            for metric, variants in series.items():
                for variant, points in variants.items():
                    out.setdefault(metric, {}).setdefault(variant, {})[task] = {"name": names.get(task), **points}
        return {"metrics": out}

    async def _histogram(self, selection: Selection, key: str, samples: int | None, stats: dict) -> tuple:
        """(task, {metric: {variant: {"x", "y"}}}) of one task's selection."""
        async with self._searches:
            return selection.tasks[0], await task_histogram(self._repo, selection, key, samples, stats)

    async def multi_task_plots(self, identity: Identity, req: api.MultiTaskPlotsRequest) -> dict[str, Any]:
        """``events.get_multi_task_plots``: the plots of each task's last ``iters`` (default 1)
        iterations, per metric by default, grouped as :func:`group_plots` shows. Everything
        comes in one answer: its ``scroll_id`` continues to an empty page, and ``returned`` is
        the number of metrics, as ClearML counts it."""
        ids = list(dict.fromkeys(req.tasks))
        names = await self._readable(identity, ids, req.model_events)
        state = decode_state(req.scroll_id) or {}
        events: list[dict[str, Any]] = []
        if not state.get("done"):
            selection = Selection(identity.company, tuple(ids), req.model_events, event_type=PLOT,
                                  metrics=metric_filters(req.metrics))
            per = ("task", "metric") if req.last_iters_per_task_metric else ("task",)
            events = await self._repo.latest_iterations(selection, req.iters or 1, per)  # at most 1000
        plots = group_plots(events, names)
        scroll_id = None if req.no_scroll else encode_state({"done": True})
        return {"plots": plots, "returned": len(plots), "total": len(events), "scroll_id": scroll_id}

    async def _readable(self, identity: Identity, ids: list[str], models: bool) -> dict[str, str]:
        if not ids:
            raise ApiError.named("validation_error", "at least one task is required", field="tasks")
        if len(ids) > MAX_TASKS:
            raise ApiError.named("validation_error", f"at most {MAX_TASKS} tasks", field="tasks")
        names = await self._names.names(identity, ids, models)
        missing = [i for i in ids if i not in names]
        if missing:
            raise ApiError.named("invalid_model_id" if models else "invalid_task_id", ids=missing)
        return names

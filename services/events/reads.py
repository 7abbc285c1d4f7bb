"""Use cases that read events back: console logs, raw events, plots and debug images.

Every read is scoped by the caller's company (the selection's company); a task of another
company simply has no events here. Scroll ids are the position itself (no server state), so
any instance continues a scroll.
"""

from __future__ import annotations

from typing import Any

import base64

import orjson

from services.events.access import readable_as
from services.events.domain import EVENT_TYPES, IMAGE, LOG, PLOT, MetricFilter, Selection, Target, metric_filters
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

LOG_BATCH = 5000  # ClearML's default get_task_log batch_size
DEFAULT_BATCH = 500
MAX_BATCH = 10_000
ALL_TYPES = "*"  # ClearML's EventType.all


def encode_state(state: dict[str, Any]) -> str:
    """Scroll ids are stateless: the position itself, so any instance can continue."""
    return base64.urlsafe_b64encode(orjson.dumps(state)).decode()


def decode_state(scroll_id: str | None) -> dict[str, Any] | None:
    if not scroll_id:
        return None
    try:
        state = orjson.loads(base64.urlsafe_b64decode(scroll_id.encode()))
    except (ValueError, TypeError):
        return None
    return state if isinstance(state, dict) else None


def scroll_state(scroll_id: str | None) -> dict[str, Any]:
    """The position a scroll id holds ({} for none); a scroll id that is not one of ours is
    ClearML's 400/1104 ``invalid scroll id``."""
    if not scroll_id:
        return {}
    state = decode_state(scroll_id)
    if state is None:
        raise ApiError.named("invalid_scroll_id", scroll_id=scroll_id)
    return state


def target(task: str, model_events: bool = False) -> Target:
    return Target("model" if model_events else "task", task)


def batch(batch_size: int | None, default: int = DEFAULT_BATCH) -> int:
    return max(1, min(batch_size or default, MAX_BATCH))


def event_type(value: str | None) -> str | None:
    """A request's ``event_type`` (None or ``*``: every type), or 400/12."""
    if value in (None, ALL_TYPES):
        return None
    if value not in EVENT_TYPES:
        raise ApiError(400, 12, f"invalid event type {value!r}")
    return value


class EventReads:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def get_task_log(self, identity: Identity, req: api.GetTaskLogRequest) -> dict[str, Any]:
        """``events.get_task_log``: ``batch_size`` (default 5000) console lines before
        (``navigate_earlier``, the default) or after ``from_timestamp`` (or the end/start of the
        log), plus every further line of the last one's timestamp (ClearML never splits a
        timestamp between pages), of the ``metrics`` named (default all). They come in
        navigation order (newest first when navigating earlier) unless ``order`` says otherwise;
        ``total`` counts the task's (selected) log lines."""
        identity = await readable_as(self._tasks, identity, [req.task])
        earlier = req.navigate_earlier if req.navigate_earlier is not None else req.from_ != "head"
        selection = Selection.of(identity.company, target(req.task), event_type=LOG, metrics=metric_filters(req.metrics))
        page = await self._repo.page(selection, "timestamp", "desc" if earlier else "asc", batch(req.batch_size, LOG_BATCH),
                                     start=int(req.from_timestamp) if req.from_timestamp else None, complete=True)
        events = page.events
        if req.order is not None and (req.order == "asc") == earlier:
            events.reverse()
        return {"events": events, "returned": len(events), "total": page.total}

    async def get_task_events(self, identity: Identity, req: api.GetTaskEventsRequest) -> dict[str, Any]:
        """``events.get_task_events``: a task's events (one type or all) by iteration, ``order``
        ascending by default, ``batch_size`` (default 500) a page plus the rest of the last
        iteration's; ``total`` unless ``count_total`` is false. The ``scroll_id`` continues the
        first request as ClearML's does: its type, metrics, order and total (and batch size,
        unless another is given)."""
        state = scroll_state(req.scroll_id)
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        if not state:
            state = {"type": event_type(req.event_type), "order": req.order or "asc", "batch": batch(req.batch_size),
                     "metrics": [[m.metric, list(m.variants)] for m in metric_filters(req.metrics)],
                     "count": req.count_total}
        metrics = tuple(MetricFilter(m, tuple(v)) for m, v in state.get("metrics") or ())
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=state.get("type"),
                                 metrics=metrics)
        size = batch(req.batch_size or state.get("batch"))
        page = await self._repo.page(selection, "iter", state.get("order") or "asc", size, state.get("after"),
                                     complete=True)
        total = state.get("total", page.total if state.get("count", True) else None)
        return {
            "events": page.events,
            "returned": len(page.events),
            "total": total,
            "scroll_id": encode_state({**state, "after": page.after, "batch": size, "total": total}),
        }

    async def clear_scroll(self, identity: Identity, req: api.ClearScrollRequest) -> dict[str, Any]:
        """``events.clear_scroll``: scroll ids are the position itself (no server state), so
        there is nothing to free."""
        return {}

    async def get_task_plots(self, identity: Identity, req: api.GetTaskPlotsRequest) -> dict[str, Any]:
        """``events.get_task_plots``: for each plot metric/variant (by name), its plots of the
        last ``iters`` (default 1) iterations, newest first; one answer (``scroll_id`` null)."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=PLOT,
                                 metrics=metric_filters(req.metrics))
        events = await self._repo.latest_iterations(selection, req.iters or 1, per=("metric", "variant"))
        events.sort(key=lambda e: -e["iter"])
        events.sort(key=lambda e: (e.get("metric", ""), e.get("variant", "")))
        return {"plots": events, "returned": len(events), "total": len(events), "scroll_id": None}

    async def debug_images(self, identity: Identity, req: api.DebugImagesRequest) -> dict[str, Any]:
        """``events.debug_images``: per requested task (and metric/variants), the debug images
        of its last ``iters`` iterations, newest iteration first; the scroll id continues with
        earlier (``navigate_earlier``, the default) or later iterations."""
        return await self._by_iteration(identity, IMAGE, req)

    async def plots(self, identity: Identity, req: api.DebugImagesRequest) -> dict[str, Any]:
        """``events.plots``: the same as ``debug_images``, for plots."""
        return await self._by_iteration(identity, PLOT, req)

    async def _by_iteration(self, identity: Identity, kind: str, req: api.DebugImagesRequest) -> dict[str, Any]:
        identity = await readable_as(self._tasks, identity, [m.task for m in req.metrics], req.model_events)
        earlier = req.navigate_earlier is not False
        state = (decode_state(req.scroll_id) or {}) if not req.refresh else {}
        edges: dict[str, int] = state.get("edges") or {}
        out = []
        for task, metrics in _metrics_by_task(req.metrics).items():
            edge = {("iter_below" if earlier else "iter_above"): edges[task]} if task in edges else {}
            selection = Selection.of(identity.company, target(task, req.model_events), event_type=kind,
                                     metrics=metrics, **edge)
            events = await self._repo.latest_iterations(selection, req.iters or 1, newest=earlier)
            iterations: dict[int, list[dict[str, Any]]] = {}
            for event in events:
                iterations.setdefault(event["iter"], []).append(event)
            if iterations:
                edges[task] = min(iterations) if earlier else max(iterations)
            ordered = [{"iter": i, "events": iterations[i]} for i in sorted(iterations, reverse=True)]
            out.append({"task": task, "iterations": ordered})
        return {"metrics": out, "scroll_id": encode_state({"edges": edges})}


def _metrics_by_task(items: list[api.TaskMetricVariants]) -> dict[str, tuple]:
    """The requested tasks in order, each with its metric filters (none: every metric)."""
    by_task: dict[str, list] = {}
    for item in items:
        wanted = by_task.setdefault(item.task, [])
        if item.metric is not None:
            wanted.append(item)
    return {task: metric_filters(metrics) for task, metrics in by_task.items()}

"""Use cases that read events back: console logs, raw events, plots and debug images.

Every read is scoped by the caller's company: it searches only that company's indices and
filters on ``company_id``; a task of another company simply has no events here.
"""

from __future__ import annotations

from typing import Any

from services.events import queries
from services.events.domain import EVENT_TYPES, IMAGE, LOG, PLOT, Target, decompress_plot
from services.events.access import readable_as
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

DEFAULT_BATCH = 500
MAX_BATCH = 10_000


def public(source: dict[str, Any]) -> dict[str, Any]:
    """An event as ClearML returns it (internal fields removed, big plots decompressed)."""
    source.pop("cairn_id", None)
    return decompress_plot(source)


def _target(task: str, model_events: bool = False) -> Target:
    return Target("model" if model_events else "task", task)


def _size(batch_size: int | None) -> int:
    return max(1, min(batch_size or DEFAULT_BATCH, MAX_BATCH))


class EventReads:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def get_task_log(self, identity: Identity, req: api.GetTaskLogRequest) -> dict[str, Any]:
        """``events.get_task_log``: ``batch_size`` console events before (``navigate_earlier``,
        the default) or after ``from_timestamp`` (or the end/start of the log), returned in
        ``order`` (by timestamp), with the task's total number of log events."""
        identity = await readable_as(self._tasks, identity, [req.task])
        earlier = req.navigate_earlier if req.navigate_earlier is not None else req.from_ != "head"
        base = queries.events_filter(identity.company, _target(req.task))
        body: dict[str, Any] = {
            "query": base,
            "size": _size(req.batch_size),
            "sort": queries.event_sort("timestamp", "desc" if earlier else "asc"),
            "aggs": {"total": {"value_count": {"field": "timestamp"}}},
        }
        if req.from_timestamp is not None:
            body["post_filter"] = {"range": {"timestamp": {"lt" if earlier else "gt": int(req.from_timestamp)}}}
        response = await self._repo.search(identity.company, LOG, body)
        events = [public(e) for e in queries.hits_sources(response)]
        if (req.order or "asc") == ("asc" if earlier else "desc"):
            events.reverse()
        total = ((response.get("aggregations") or {}).get("total") or {}).get("value", 0)
        return {"events": events, "returned": len(events), "total": total}

    async def get_task_events(self, identity: Identity, req: api.GetTaskEventsRequest) -> dict[str, Any]:
        """``events.get_task_events``: a task's events (one type or all) by timestamp, paged:
        the ``scroll_id`` is the position itself, so any instance continues the scroll."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        if req.event_type is not None and req.event_type not in EVENT_TYPES:
            raise ApiError(400, 12, f"invalid event type {req.event_type!r}")
        state = queries.decode_state(req.scroll_id) or {}
        order = state.get("order") or req.order or "asc"
        body: dict[str, Any] = {
            "query": queries.events_filter(identity.company, _target(req.task, req.model_events), _plain(req.metrics)),
            "size": _size(req.batch_size),
            "sort": queries.event_sort("timestamp", order),
            "track_total_hits": True,
        }
        if state.get("after"):
            body["search_after"] = state["after"]
        response = await self._repo.search(identity.company, req.event_type, body)
        hits = response.get("hits", {}).get("hits", [])
        after = hits[-1]["sort"] if hits else state.get("after")
        return {
            "events": [public(h["_source"]) for h in hits],
            "returned": len(hits),
            "total": queries.total_of(response),
            "scroll_id": queries.encode_state({"after": after, "order": order}),
        }

    async def clear_scroll(self, identity: Identity, req: api.ClearScrollRequest) -> dict[str, Any]:
        """``events.clear_scroll``: scroll ids are the position itself (no server state), so
        there is nothing to free."""
        return {}

    async def get_task_plots(self, identity: Identity, req: api.GetTaskPlotsRequest) -> dict[str, Any]:
        """``events.get_task_plots``: for each plot metric/variant, its plots of the last
        ``iters`` (default 1) iterations."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        target = _target(req.task, req.model_events)
        query = queries.events_filter(identity.company, target, _plain(req.metrics))
        events = await self._latest_iterations(identity.company, PLOT, query, req.iters or 1)
        return {"plots": events, "returned": len(events), "total": len(events), "scroll_id": ""}

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
        state = (queries.decode_state(req.scroll_id) or {}) if not req.refresh else {}
        edges: dict[str, int] = state.get("edges") or {}
        by_task: dict[str, list[dict[str, Any]]] = {}
        for item in req.metrics:
            wanted = by_task.setdefault(item.task, [])
            if item.metric is not None:
                wanted.append({"metric": item.metric, "variants": item.variants})
        out = []
        for task, metrics in by_task.items():
            extra = []
            if task in edges:
                extra.append({"range": {"iter": {"lt" if earlier else "gt": edges[task]}}})
            query = queries.events_filter(identity.company, _target(task, req.model_events), metrics, extra)
            events = await self._latest_iterations(identity.company, kind, query, req.iters or 1,
                                                   per_series=False, newest=earlier)
            iterations: dict[int, list[dict[str, Any]]] = {}
            for event in events:
                iterations.setdefault(event["iter"], []).append(event)
            if iterations:
                edges[task] = min(iterations) if earlier else max(iterations)
            ordered = [{"iter": i, "events": iterations[i]} for i in sorted(iterations, reverse=True)]
            out.append({"task": task, "iterations": ordered})
        return {"metrics": out, "scroll_id": queries.encode_state({"edges": edges})}

    async def _latest_iterations(
        self, company: str, event_type: str, query: dict[str, Any], iters: int, per_series: bool = True,
        newest: bool = True,
    ) -> list[dict[str, Any]]:
        """The events of the last (``newest``, else first) ``iters`` iterations of each
        metric/variant (or of the whole selection with ``per_series=False``)."""
        per_iter = {"top_hits": {"size": 100, "sort": [{"metric": "asc"}, {"variant": "asc"}]}}
        iterations = {
            "terms": {"field": "iter", "size": max(1, min(iters, 1000)), "order": {"_key": "desc" if newest else "asc"}},
            "aggs": {"events": per_iter},
        }
        if per_series:
            aggs = {
                "metrics": {
                    "terms": {"field": "metric", "size": queries.MAX_METRICS},
                    "aggs": {"variants": {"terms": {"field": "variant", "size": queries.MAX_METRICS},
                                          "aggs": {"iters": iterations}}},
                }
            }
        else:
            aggs = {"iters": iterations}
        response = await self._repo.search(company, event_type, {"size": 0, "query": query, "aggs": aggs})
        found = []
        for bucket in _iteration_buckets(response.get("aggregations") or {}, per_series):
            found.extend(public(hit["_source"]) for hit in bucket["events"]["hits"]["hits"])
        return found


def _plain(metrics: list[Any] | None) -> list[dict[str, Any]] | None:
    return [m.model_dump() for m in metrics] if metrics else None


def _iteration_buckets(aggs: dict[str, Any], per_series: bool) -> list[dict[str, Any]]:
    if not per_series:
        return aggs.get("iters", {}).get("buckets", [])
    out = []
    for metric in aggs.get("metrics", {}).get("buckets", []):
        for variant in metric["variants"]["buckets"]:
            out.extend(variant["iters"]["buckets"])
    return out

"""Use cases that read scalar metrics: histograms, single values, latest values, metric names."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from services.events.access import readable_as
from services.events.domain import SCALAR, VECTOR, MetricFilter, Selection, SeriesStats, metric_filters
from services.events.reads import batch, encode_state, scroll_state, target
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

DEFAULT_SAMPLES = 2000  # ClearML's default histogram samples (1 to 6000 allowed)
RAW_BATCH = 10_000
METRIC_DATA_BATCH = 500  # ClearML's get_scalar_metric_data page
MAX_RAW_BATCH = 200_000  # ClearML's events_retrieval.max_raw_scalars_size
MAX_BUCKETS = 60_000  # the buckets one histogram search may hold (below Elasticsearch's 65 536)
AXIS = {"iter": "iter", "timestamp": "timestamp", "iso_time": "timestamp"}


def bucket_interval(stats: SeriesStats, samples: int) -> int:
    """1 (every point) when the series has fewer than ``samples`` points, else the width that
    cuts its range into at most ``samples`` buckets (as ClearML does)."""
    if stats.count < samples or stats.low is None:
        return 1
    return max(1, math.ceil((stats.high - stats.low + 1) / samples))


def bucket_count(stats: SeriesStats, interval: int) -> int:
    if stats.low is None:
        return 0
    return min(stats.count, math.ceil((stats.high - stats.low + 1) / interval))


def x_value(key: str, bucket_key: float) -> Any:
    if key == "iso_time":
        return datetime.fromtimestamp(bucket_key / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return int(bucket_key)


def histogram_groups(series: dict[tuple[str, str], SeriesStats], samples: int | None) -> list[tuple[int, list]]:
    """A task's series (metric, variant) grouped by bucket width, each group small enough for
    one search: every series gets at most ``samples`` (default 2000) points."""
    wanted = samples or DEFAULT_SAMPLES
    by_interval: dict[int, list[tuple[str, str]]] = {}
    for name, stats in series.items():
        by_interval.setdefault(bucket_interval(stats, wanted), []).append(name)
    groups = []
    for interval, names in sorted(by_interval.items()):
        group: list[tuple[str, str]] = []
        buckets = 0
        for name in names:
            size = bucket_count(series[name], interval)
            if group and buckets + size > MAX_BUCKETS:
                groups.append((interval, group))
                group, buckets = [], 0
            group.append(name)
            buckets += size
        groups.append((interval, group))
    return groups


async def task_histogram(repo: EventRepository, selection: Selection, key: str, samples: int | None,
                         stats: dict[tuple[str, str], SeriesStats]) -> dict[str, dict[str, Any]]:
    """One task's series as ``{metric: {variant: {x, y}}}``, sampled by :func:`histogram_groups`."""
    out: dict[str, dict[str, Any]] = {}
    for interval, names in histogram_groups(stats, samples):
        found = await repo.histogram(selection, AXIS[key], interval, names)
        for (metric, variant), (xs, ys) in sorted(found.items()):
            out.setdefault(metric, {})[variant] = {"x": [x_value(key, x) for x in xs], "y": ys}
    return out


class MetricReads:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def scalar_histogram(self, identity: Identity, req: api.ScalarHistogramRequest) -> dict[str, Any]:
        """``events.scalar_metrics_iter_histogram``: every scalar series of a task as
        ``{metric: {variant: {name, x, y}}}``; x is the iteration, timestamp (ms) or ISO time.
        A series with fewer than ``samples`` (default 2000) points comes back exactly; a longer
        one is averaged into equal-width buckets of its own range. Single values
        (``report_single_value``) are not series."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        key = req.key or "iter"
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=SCALAR,
                                 metrics=metric_filters(req.metrics), iterations="series")
        stats = {(m, v): s for (_, m, v), s in (await self._repo.series_stats(selection, AXIS[key])).items()}
        out = await task_histogram(self._repo, selection, key, req.samples, stats)
        return {metric: {variant: {"name": variant, **points} for variant, points in variants.items()}
                for metric, variants in out.items()}

    async def single_values(self, identity: Identity, req: api.SingleValueMetricsRequest) -> dict[str, Any]:
        """``events.get_task_single_value_metrics``: per task that has any, its name and the
        values reported with ``report_single_value`` (scalars at iteration -2^31)."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        names = await self._tasks.names(identity, list(dict.fromkeys(req.tasks)), req.model_events)
        out = []
        for task in dict.fromkeys(req.tasks):
            selection = Selection.of(identity.company, target(task, req.model_events), event_type=SCALAR,
                                     metrics=metric_filters(req.metrics), iterations="single")
            values = [{"metric": v.metric, "variant": v.variant, "value": v.value, "timestamp": v.timestamp}
                      for v in await self._repo.last_values(selection)]
            if values:
                out.append({"task": task, "task_name": names.get(task), "values": values})
        return {"tasks": out}

    async def latest_values(self, identity: Identity, req: api.LatestScalarValuesRequest) -> dict[str, Any]:
        """``events.get_task_latest_scalar_values``: as ClearML answers it, each scalar series
        with a positive value, by name, with its last positive value (``last_value`` and
        ``last_10_value``); the task's ``name`` and ``status``, its ``last_iter`` (any event
        type) and ``last_timestamp`` (when its last positive value was stored, ms)."""
        identity = await readable_as(self._tasks, identity, [req.task])
        every = Selection.of(identity.company, target(req.task))
        positive = every.narrowed(event_type=SCALAR, positive=True)
        metrics: dict[str, list[dict[str, Any]]] = {}
        last_timestamp = 0
        for value in await self._repo.last_values(positive):
            metrics.setdefault(value.metric, []).append(
                {"name": value.variant, "last_value": value.value, "last_10_value": value.value})
            last_timestamp = max(last_timestamp, value.received or 0)
        found = await self._tasks.event_targets(identity, [req.task], [])
        names = await self._tasks.names(identity, [req.task])
        return {
            "metrics": [{"name": name, "variants": variants} for name, variants in metrics.items()],
            "last_iter": await self._repo.last_iteration(every) or 0,
            "name": names.get(req.task),
            "status": (found.get("tasks") or {}).get(req.task),
            "last_timestamp": last_timestamp,
        }

    async def task_metrics(self, identity: Identity, req: api.GetTaskMetricsRequest) -> dict[str, Any]:
        """``events.get_task_metrics``: every requested task with the names of the metrics it
        reported (of one type), sorted; single values are not counted."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        selection = Selection(identity.company, tuple(dict.fromkeys(req.tasks)), req.model_events,
                              event_type=req.event_type, iterations="series")
        found: dict[str, list[str]] = {}
        for task, metric, _ in await self._repo.series_names(selection):
            if metric not in found.setdefault(task, []):
                found[task].append(metric)
        return {"metrics": [{"task": task, "metrics": found.get(task, [])} for task in req.tasks]}

    async def multi_task_metrics(self, identity: Identity, req: api.MultiTaskMetricsRequest) -> dict[str, Any]:
        """``events.get_multi_task_metrics``: the metrics (with their variants) any of the
        tasks reported, of one event type or all."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        selection = Selection(identity.company, tuple(dict.fromkeys(req.tasks)), req.model_events,
                              event_type=req.event_type)
        found = _variants_by_metric(await self._repo.series_names(selection))
        return {"metrics": [{"metric": m, "variants": v} for m, v in found.items()]}

    async def scalar_metric_data(self, identity: Identity, req: api.ScalarMetricDataRequest) -> dict[str, Any]:
        """``events.get_scalar_metric_data``: one metric's scalar events, latest iteration
        first, 500 a page, paged with a stateless scroll id (``no_scroll``: one page)."""
        if not req.task:
            raise ApiError(400, 11, "task is required")
        state = {} if req.no_scroll else scroll_state(req.scroll_id)
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        metrics = (MetricFilter(req.metric),) if req.metric is not None else ()
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=SCALAR,
                                 metrics=metrics)
        page = await self._repo.page(selection, "iter", "desc", METRIC_DATA_BATCH, state.get("after"))
        return {"events": page.events, "returned": len(page.events), "total": page.total,
                "scroll_id": encode_state({"after": page.after})}

    async def scalar_raw(self, identity: Identity, req: api.ScalarRawRequest) -> dict[str, Any]:
        """``events.scalar_metrics_iter_raw``: every point of one metric's variants, by ``key``
        (``{variant: {<key>: [...], "y": [...]}}``, the stored x values), ``batch_size`` (default
        10 000, at most 200 000; a scroll keeps the first page's) points a page plus the rest of
        the last x value's; ``total`` counted once, by the request that asks ``count_total``
        (null otherwise), and kept by the scroll."""
        if req.batch_size is not None and req.batch_size < 0:
            raise ApiError.named("validation_error", "batch_size should be non negative number")
        state = scroll_state(req.scroll_id)
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        key = req.key or "iter"
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=SCALAR,
                                 metrics=metric_filters([req.metric]), iterations="series")
        size = req.batch_size or state.get("batch") or RAW_BATCH
        events, counted, after = await self._raw_points(selection, AXIS[key], size, state.get("after"))
        total = state.get("total")
        if total is None and req.count_total:
            total = counted
        variants: dict[str, dict[str, list]] = {}
        for event in events:
            series = variants.setdefault(event["variant"], {key: [], "y": []})
            series[key].append(event[AXIS[key]])
            series["y"].append(event.get("value"))
        return {"variants": variants, "returned": len(events), "total": total,
                "scroll_id": encode_state({"after": after, "batch": size, "total": total})}

    async def _raw_points(self, selection: Selection, axis: str, wanted: int, after: list | None) -> tuple:
        """(events, total, position) of up to ``wanted`` points, 10 000 a request."""
        wanted, events, total = min(wanted, MAX_RAW_BATCH), [], 0
        while len(events) < wanted:
            page = await self._repo.page(selection, axis, "asc", batch(wanted - len(events)), after, complete=True)
            events += page.events
            total, after = page.total, page.after
            if not page.events:
                break
        return events, total, after

    async def scalar_metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest) -> dict:
        """``events.get_scalar_metrics_and_variants``: ``{"metrics": {metric: [variants]}}``."""
        return {"metrics": await self._metrics_and_variants(identity, req, SCALAR)}

    async def vector_metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest) -> dict:
        """``events.get_vector_metrics_and_variants``: ``{"metrics": {metric: [variants]}}``
        (the same shape ClearML answers, whatever its catalog says)."""
        return {"metrics": await self._metrics_and_variants(identity, req, VECTOR)}

    async def _metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest, kind: str) -> dict:
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=kind)
        return _variants_by_metric(await self._repo.series_names(selection))

    async def vector_histogram(self, identity: Identity, req: api.VectorHistogramRequest) -> dict[str, Any]:
        """``events.vector_metrics_iter_histogram``: the vectors of one metric/variant by
        iteration (at most 10 000, as ClearML): ``{metric, variant, vectors, iterations}``."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        selection = Selection.of(identity.company, target(req.task, req.model_events), event_type=VECTOR,
                                 metrics=(MetricFilter(req.metric, (req.variant,)),))
        events = (await self._repo.page(selection, "iter", "asc", RAW_BATCH)).events
        return {
            "metric": req.metric,
            "variant": req.variant,
            "vectors": [e.get("value") for e in events],
            "iterations": [e["iter"] for e in events],
        }


def _variants_by_metric(series: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """``{metric: [variants]}``, both sorted, of (task, metric, variant)s."""
    found: dict[str, set[str]] = {}
    for _, metric, variant in series:
        found.setdefault(metric, set()).add(variant)
    return {metric: sorted(variants) for metric, variants in sorted(found.items())}


"""Use cases that read scalar metrics: histograms, single values, latest values, metric names."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from services.events import queries
from services.events.domain import SCALAR, SINGLE_VALUE_ITER, VECTOR, Target
from services.events.access import readable_as
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

DEFAULT_SAMPLES = 5000
RAW_BATCH = 10_000
MAX_BUCKETS = 60_000  # below Elasticsearch's search.max_buckets (65 536)
X_FIELD = {"iter": "iter", "timestamp": "timestamp", "iso_time": "timestamp"}


def series_aggs(inner: dict[str, Any]) -> dict[str, Any]:
    return {
        "metrics": {
            "terms": {"field": "metric", "size": queries.MAX_METRICS},
            "aggs": {"variants": {"terms": {"field": "variant", "size": queries.MAX_METRICS}, "aggs": inner}},
        }
    }


def series_of(aggs: dict[str, Any]):
    for metric in (aggs or {}).get("metrics", {}).get("buckets", []):
        for variant in metric["variants"]["buckets"]:
            yield metric["key"], variant["key"], variant


def bucket_interval(stats: dict[str, Any], samples: int) -> int:
    """1 (every point) when the series fits in ``samples``, else its range / ``samples``."""
    if stats.get("count", 0) <= samples or stats.get("min") is None:
        return 1
    return max(1, math.ceil((stats["max"] - stats["min"] + 1) / samples))


def x_value(key: str, bucket_key: float) -> Any:
    if key == "iso_time":
        return datetime.fromtimestamp(bucket_key / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return int(bucket_key)


def histogram_groups(series: list[tuple[str, str, dict[str, Any]]], samples: int | None) -> dict[int, list]:
    """A task's series (metric, variant, stats of x) by bucket width: every point when a series
    fits in the samples (default 5000, fewer when many series share ``MAX_BUCKETS``), else
    equal-width buckets of its own range."""
    wanted = max(1, min(samples or DEFAULT_SAMPLES, DEFAULT_SAMPLES, MAX_BUCKETS // max(1, len(series))))
    groups: dict[int, list[tuple[str, str]]] = {}
    for metric, variant, stats in series:
        groups.setdefault(bucket_interval(stats, wanted), []).append((metric, variant))
    return groups


def histogram_body(query: dict[str, Any], key: str, interval: int, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The search averaging ``value`` per ``interval`` of x for the given metric/variant pairs."""
    wanted = [{"bool": {"filter": [{"term": {"metric": m}}, {"term": {"variant": v}}]}} for m, v in pairs]
    scoped = {"bool": {"filter": [query, {"bool": {"should": wanted, "minimum_should_match": 1}}]}}
    histogram = {
        "histogram": {"field": X_FIELD[key], "interval": interval, "min_doc_count": 1},
        "aggs": {"y": {"avg": {"field": "value"}}},
    }
    return {"size": 0, "query": scoped, "aggs": series_aggs({"x": histogram})}


def histogram_series(response: dict[str, Any], key: str) -> dict[tuple[str, str], dict[str, list]]:
    """{(metric, variant): {"x", "y"}} of a :func:`histogram_body` answer."""
    out = {}
    for metric, variant, bucket in series_of(response.get("aggregations")):
        points = bucket["x"]["buckets"]
        out[(metric, variant)] = {"x": [x_value(key, p["key"]) for p in points], "y": [p["y"]["value"] for p in points]}
    return out


class MetricReads:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def scalar_histogram(self, identity: Identity, req: api.ScalarHistogramRequest) -> dict[str, Any]:
        """``events.scalar_metrics_iter_histogram``: every scalar series of a task as
        ``{metric: {variant: {name, x, y}}}``; x is the iteration, timestamp (ms) or ISO time.
        A series with at most ``samples`` (default 5000) points comes back exactly; a longer one
        is averaged into equal-width buckets of its own range. Single values
        (``report_single_value``) are not series."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        key = req.key or "iter"
        extra = [{"range": {"iter": {"gt": SINGLE_VALUE_ITER}}}]
        target = Target("model" if req.model_events else "task", req.task)
        metrics = [m.model_dump() for m in req.metrics] if req.metrics else None
        query = queries.events_filter(identity.company, target, metrics, extra)
        probe_aggs = series_aggs({"x": {"stats": {"field": X_FIELD[key]}}})
        probe = await self._repo.search(identity.company, SCALAR, {"size": 0, "query": query, "aggs": probe_aggs})
        series = [(m, v, b["x"]) for m, v, b in series_of(probe.get("aggregations"))]
        if not series:
            return {}
        out: dict[str, dict[str, Any]] = {}
        for interval, pairs in histogram_groups(series, req.samples).items():
            response = await self._repo.search(identity.company, SCALAR, histogram_body(query, key, interval, pairs))
            for (metric, variant), points in histogram_series(response, key).items():
                out.setdefault(metric, {})[variant] = {"name": variant, **points}
        return out

    async def single_values(self, identity: Identity, req: api.SingleValueMetricsRequest) -> dict[str, Any]:
        """``events.get_task_single_value_metrics``: per task, the values reported with
        ``report_single_value`` (scalars at iteration -2^31), latest report per metric/variant."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        out = []
        for task in req.tasks:
            target = Target("model" if req.model_events else "task", task)
            metrics = [m.model_dump() for m in req.metrics] if req.metrics else None
            query = queries.events_filter(identity.company, target, metrics, [{"term": {"iter": SINGLE_VALUE_ITER}}])
            aggs = series_aggs({"last": {"top_hits": {"size": 1, "sort": [{"timestamp": "desc"}]}}})
            response = await self._repo.search(identity.company, SCALAR, {"size": 0, "query": query, "aggs": aggs})
            values = []
            for metric, variant, bucket in series_of(response.get("aggregations")):
                event = bucket["last"]["hits"]["hits"][0]["_source"]
                values.append({"metric": metric, "variant": variant, "value": event.get("value"),
                               "timestamp": event.get("timestamp")})
            if values:
                out.append({"task": task, "values": values})
        return {"tasks": out}

    async def latest_values(self, identity: Identity, req: api.LatestScalarValuesRequest) -> dict[str, Any]:
        """``events.get_task_latest_scalar_values``: each scalar series' value at its last
        iteration (single values excluded)."""
        identity = await readable_as(self._tasks, identity, [req.task])
        extra = [{"range": {"iter": {"gt": SINGLE_VALUE_ITER}}}]
        query = queries.events_filter(identity.company, Target("task", req.task), None, extra)
        last = {"top_hits": {"size": 1, "sort": [{"iter": "desc"}, {"timestamp": "desc"}], "_source": ["value"]}}
        response = await self._repo.search(
            identity.company, SCALAR, {"size": 0, "query": query, "aggs": series_aggs({"last": last})}
        )
        metrics: dict[str, list[dict[str, Any]]] = {}
        for metric, variant, bucket in series_of(response.get("aggregations")):
            value = bucket["last"]["hits"]["hits"][0]["_source"].get("value")
            metrics.setdefault(metric, []).append({"name": variant, "last_value": value})
        return {"metrics": [{"name": name, "variants": variants} for name, variants in metrics.items()]}

    async def task_metrics(self, identity: Identity, req: api.GetTaskMetricsRequest) -> dict[str, Any]:
        """``events.get_task_metrics``: per task, the metric names it reported (of one type)."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        query = queries.tasks_filter(identity.company, req.tasks, req.model_events)
        aggs = {"tasks": {"terms": {"field": "task", "size": max(1, len(req.tasks))},
                          "aggs": {"metrics": {"terms": {"field": "metric", "size": queries.MAX_METRICS}}}}}
        response = await self._repo.search(identity.company, req.event_type, {"size": 0, "query": query, "aggs": aggs})
        found = {
            b["key"]: [m["key"] for m in b["metrics"]["buckets"]]
            for b in (response.get("aggregations") or {}).get("tasks", {}).get("buckets", [])
        }
        return {"metrics": [{"task": task, "metrics": found[task]} for task in req.tasks if task in found]}

    async def multi_task_metrics(self, identity: Identity, req: api.MultiTaskMetricsRequest) -> dict[str, Any]:
        """``events.get_multi_task_metrics``: the metrics (with their variants) any of the
        tasks reported, of one event type or all."""
        identity = await readable_as(self._tasks, identity, req.tasks, req.model_events)
        body = {"size": 0, "query": queries.tasks_filter(identity.company, req.tasks, req.model_events),
                "aggs": series_aggs({})}
        response = await self._repo.search(identity.company, req.event_type, body)
        found: dict[str, list[str]] = {}
        for metric, variant, _ in series_of(response.get("aggregations")):
            found.setdefault(metric, []).append(variant)
        return {"metrics": [{"metric": m, "variants": sorted(v)} for m, v in sorted(found.items())]}

    async def scalar_metric_data(self, identity: Identity, req: api.ScalarMetricDataRequest) -> dict[str, Any]:
        """``events.get_scalar_metric_data``: one metric's scalar events by iteration, paged
        with a stateless scroll id (``no_scroll``: one page)."""
        if not req.task:
            raise ApiError(400, 11, "task is required")
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        metrics = [{"metric": req.metric}] if req.metric is not None else None
        target = Target("model" if req.model_events else "task", req.task)
        query = queries.events_filter(identity.company, target, metrics)
        page = await self._page(identity.company, query, "iter", RAW_BATCH, None if req.no_scroll else req.scroll_id)
        hits = page["hits"]
        return {
            "events": [{k: v for k, v in h["_source"].items() if k != "cairn_id"} for h in hits],
            "returned": len(hits),
            "total": page["total"],
            "scroll_id": page["scroll_id"],
        }

    async def scalar_raw(self, identity: Identity, req: api.ScalarRawRequest) -> dict[str, Any]:
        """``events.scalar_metrics_iter_raw``: every point of one metric's variants (x by
        ``key``), ``batch_size`` points a page; ``total`` when ``count_total``."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        key = req.key or "iter"
        target = Target("model" if req.model_events else "task", req.task)
        query = queries.events_filter(identity.company, target, [req.metric.model_dump()],
                                      [{"range": {"iter": {"gt": SINGLE_VALUE_ITER}}}])
        size = max(1, min(req.batch_size or RAW_BATCH, RAW_BATCH))
        page = await self._page(identity.company, query, X_FIELD[key], size, req.scroll_id)
        variants: dict[str, dict[str, list]] = {}
        for hit in page["hits"]:
            event = hit["_source"]
            x = event["iter"] if key == "iter" else event["timestamp"]
            series = variants.setdefault(event["variant"], {"x": [], "y": []})
            series["x"].append(x_value(key, x) if key == "iso_time" else x)
            series["y"].append(event.get("value"))
        out = {"variants": variants, "returned": len(page["hits"]), "scroll_id": page["scroll_id"]}
        if req.count_total:
            out["total"] = page["total"]
        return out

    async def _page(
        self, company: str, query: dict[str, Any], field: str, size: int, scroll_id: str | None
    ) -> dict[str, Any]:
        state = queries.decode_state(scroll_id) or {}
        body: dict[str, Any] = {"query": query, "size": size, "sort": queries.event_sort(field),
                                "track_total_hits": True}
        if state.get("after"):
            body["search_after"] = state["after"]
        response = await self._repo.search(company, SCALAR, body)
        hits = response.get("hits", {}).get("hits", [])
        after = hits[-1]["sort"] if hits else state.get("after")
        return {"hits": hits, "total": queries.total_of(response), "scroll_id": queries.encode_state({"after": after})}

    async def scalar_metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest) -> dict:
        """``events.get_scalar_metrics_and_variants``: ``{"metrics": {metric: [variants]}}``."""
        return {"metrics": await self._metrics_and_variants(identity, req, SCALAR)}

    async def vector_metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest) -> dict:
        """``events.get_vector_metrics_and_variants``: ``{"metrics": {metric: [variants]}}``
        (the same shape ClearML answers, whatever its catalog says)."""
        return {"metrics": await self._metrics_and_variants(identity, req, VECTOR)}

    async def _metrics_and_variants(self, identity: Identity, req: api.MetricsAndVariantsRequest, kind: str) -> dict:
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        target = Target("model" if req.model_events else "task", req.task)
        body = {"size": 0, "query": queries.events_filter(identity.company, target), "aggs": series_aggs({})}
        response = await self._repo.search(identity.company, kind, body)
        found: dict[str, list[str]] = {}
        for metric, variant, _ in series_of(response.get("aggregations")):
            found.setdefault(metric, []).append(variant)
        return {metric: sorted(variants) for metric, variants in sorted(found.items())}

    async def vector_histogram(self, identity: Identity, req: api.VectorHistogramRequest) -> dict[str, Any]:
        """``events.vector_metrics_iter_histogram``: the vectors of one metric/variant by
        iteration (at most 10 000, as ClearML): ``{metric, variant, vectors, iterations}``."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        target = Target("model" if req.model_events else "task", req.task)
        query = queries.events_filter(identity.company, target, [{"metric": req.metric, "variants": [req.variant]}])
        body = {"size": RAW_BATCH, "query": query, "sort": [{"iter": "asc"}], "_source": ["iter", "value"]}
        events = queries.hits_sources(await self._repo.search(identity.company, VECTOR, body))
        return {
            "metric": req.metric,
            "variant": req.variant,
            "vectors": [e.get("value") for e in events],
            "iterations": [e["iter"] for e in events],
        }

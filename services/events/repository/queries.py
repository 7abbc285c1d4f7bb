"""Elasticsearch request bodies built from a :class:`Selection`, and their answers parsed back
into the domain's values (pure: no I/O, unit-tested on dicts)."""

from __future__ import annotations

from typing import Any

from services.events.domain import (
    MONITOR_METRICS,
    SCALAR,
    SINGLE_VALUE_ITER,
    LastValue,
    SeriesStats,
    Selection,
    Target,
    as_reported,
)
from services.events.summaries import Running, Series

MAX_METRICS = 2000  # ClearML caps a task's metric/variant pairs at 2000
PER_ITERATION = 100  # events of one iteration an iteration read returns
MAX_ITERS = 1000

# What tells two events apart after the field they are ordered by (for search_after paging):
# a metric event is unique by type, metric, variant, iteration (and image key) within its task; only
# log lines carry ``cairn_id`` (their document id: a random-looking keyword that costs the
# store a fifth of its indexing work, so metric events do not store it).
TIE_BREAKERS = ("type", "metric", "variant", "iter", "key", "cairn_id")


def public(source: dict[str, Any]) -> dict[str, Any]:
    """An event as ClearML returns it (internal fields removed, see ``domain.as_reported``)."""
    source.pop("cairn_id", None)
    return as_reported(source)


def selection_query(selection: Selection) -> dict[str, Any]:
    """The query of a selection (always scoped to its company)."""
    filters: list[dict[str, Any]] = [
        {"term": {"company_id": selection.company}},
        {"terms": {"task": list(selection.tasks)}},
        {"term": {"model_event": selection.models}},
    ]
    filters += _narrowing(selection)
    query: dict[str, Any] = {"bool": {"filter": filters}}
    if selection.metric_not_in:
        query["bool"]["must_not"] = [{"terms": {"metric": list(selection.metric_not_in)}}]
    return query


def _narrowing(selection: Selection) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if selection.iterations == "series":
        out.append({"range": {"iter": {"gt": SINGLE_VALUE_ITER}}})
    elif selection.iterations == "single":
        out.append({"term": {"iter": SINGLE_VALUE_ITER}})
    bounds = {"lt": selection.iter_below, "gt": selection.iter_above}
    if any(v is not None for v in bounds.values()):
        out.append({"range": {"iter": {k: v for k, v in bounds.items() if v is not None}}})
    if selection.older_than_ms is not None:
        out.append({"range": {"timestamp": {"lt": selection.older_than_ms}}})
    if selection.received_until_ms is not None:
        out.append({"range": {"@timestamp": {"lte": selection.received_until_ms}}})
    if selection.metric_in:
        out.append({"terms": {"metric": list(selection.metric_in)}})
    if selection.positive:
        out.append({"range": {"value": {"gt": 0}}})
    alternatives = [_metric_clause(m.metric, m.variants) for m in selection.metrics]
    alternatives = [clause for clause in alternatives if clause]
    if alternatives:
        out.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    return out


def _metric_clause(metric: str | None, variants: tuple[str, ...]) -> dict[str, Any] | None:
    clause: list[dict[str, Any]] = []
    if metric is not None:
        clause.append({"term": {"metric": metric}})
    if variants:
        clause.append({"terms": {"variant": list(variants)}})
    return {"bool": {"filter": clause}} if clause else None


def event_sort(field: str, order: str = "asc") -> list[dict[str, str]]:
    """Sort by ``field``, then by what makes the order total (a missing field sorts last)."""
    return [{field: order}] + [{name: order} for name in TIE_BREAKERS if name != field]


def page_body(selection: Selection, axis: str, order: str, size: int, after: list | None,
              start: int | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": selection_query(selection),
        "size": size,
        "sort": event_sort(axis, order),
        "aggs": {"total": {"value_count": {"field": axis}}},
    }
    if after:
        body["search_after"] = after
    elif start is not None:
        body["post_filter"] = {"range": {axis: {"lt" if order == "desc" else "gt": start}}}
    return body


def rest_of_value_body(selection: Selection, axis: str, order: str, value: Any, after: list) -> dict[str, Any]:
    """The events after ``after`` that share the value ``value`` of ``axis`` (one page's tail)."""
    query = {"bool": {"filter": [selection_query(selection), {"term": {axis: value}}]}}
    return {"query": query, "size": 10_000, "sort": event_sort(axis, order), "search_after": after}


def hits_of(response: dict[str, Any]) -> list[dict[str, Any]]:
    return response.get("hits", {}).get("hits", [])


def sources(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [public(hit["_source"]) for hit in hits_of(response)]


def agg_value(response: dict[str, Any], name: str) -> Any:
    return ((response.get("aggregations") or {}).get(name) or {}).get("value")


def _terms(field: str, inner: dict[str, Any] | None = None, size: int = MAX_METRICS) -> dict[str, Any]:
    agg: dict[str, Any] = {"terms": {"field": field, "size": size, "order": {"_key": "asc"}}}
    if inner:
        agg["aggs"] = inner
    return agg


def series_aggs(inner: dict[str, Any] | None = None, tasks: int = 1) -> dict[str, Any]:
    """Per task, metric and variant (each level sorted), with ``inner`` aggregations."""
    variants = {"variants": _terms("variant", inner)}
    return {"tasks": _terms("task", {"metrics": _terms("metric", variants)}, size=max(1, tasks))}


def series_buckets(response: dict[str, Any]):
    """(task, metric, variant, bucket) of a :func:`series_aggs` answer."""
    for task in ((response.get("aggregations") or {}).get("tasks") or {}).get("buckets", []):
        for metric in task["metrics"]["buckets"]:
            for variant in metric["variants"]["buckets"]:
                yield task["key"], metric["key"], variant["key"], variant


def stats_body(selection: Selection, axis: str) -> dict[str, Any]:
    inner = {"x": {"stats": {"field": axis}}}
    return {"size": 0, "query": selection_query(selection), "aggs": series_aggs(inner, len(selection.tasks))}


def parse_stats(response: dict[str, Any]) -> dict[tuple[str, str, str], SeriesStats]:
    return {(task, metric, variant): SeriesStats(int(b["x"].get("count") or 0), b["x"].get("min"), b["x"].get("max"))
            for task, metric, variant, b in series_buckets(response)}


def histogram_body(selection: Selection, axis: str, interval: int, series: list[tuple[str, str]]) -> dict[str, Any]:
    """The search averaging ``value`` per ``interval`` of ``axis`` for the given metric/variants."""
    wanted = [{"bool": {"filter": [{"term": {"metric": m}}, {"term": {"variant": v}}]}} for m, v in series]
    scoped = {"bool": {"filter": [selection_query(selection), {"bool": {"should": wanted, "minimum_should_match": 1}}]}}
    histogram = {
        "histogram": {"field": axis, "interval": interval, "min_doc_count": 1},
        "aggs": {"y": {"avg": {"field": "value"}}},
    }
    return {"size": 0, "query": scoped, "aggs": series_aggs({"x": histogram}, len(selection.tasks))}


def parse_histogram(response: dict[str, Any]) -> dict[tuple[str, str], tuple[list[float], list[float]]]:
    out = {}
    for _, metric, variant, bucket in series_buckets(response):
        points = bucket["x"]["buckets"]
        out[(metric, variant)] = ([p["key"] for p in points], [p["y"]["value"] for p in points])
    return out


def names_body(selection: Selection) -> dict[str, Any]:
    return {"size": 0, "query": selection_query(selection), "aggs": series_aggs(None, len(selection.tasks))}


def last_values_body(selection: Selection) -> dict[str, Any]:
    inner = {
        "last": {"top_hits": {"size": 1, "sort": [{"iter": "desc"}, {"timestamp": "desc"}],
                              "_source": ["value", "timestamp"]}},
        "received": {"max": {"field": "@timestamp"}},
    }
    return {"size": 0, "query": selection_query(selection), "aggs": series_aggs(inner, len(selection.tasks))}


def parse_last_values(response: dict[str, Any]) -> list[LastValue]:
    out = []
    for _, metric, variant, bucket in series_buckets(response):
        event = bucket["last"]["hits"]["hits"][0]["_source"]
        out.append(LastValue(metric, variant, event.get("value"), event.get("timestamp"),
                             bucket["received"].get("value")))
    return out


def latest_iterations_body(selection: Selection, iters: int, per: tuple[str, ...], newest: bool) -> dict[str, Any]:
    """Per group of ``per`` fields, the events of the last (first) ``iters`` iterations."""
    events = {"top_hits": {"size": PER_ITERATION, "sort": [{"metric": "asc"}, {"variant": "asc"}]}}
    inner: dict[str, Any] = {"iters": {
        "terms": {"field": "iter", "size": max(1, min(iters, MAX_ITERS)), "order": {"_key": "desc" if newest else "asc"}},
        "aggs": {"events": events},
    }}
    for field in reversed(per):
        size = max(1, len(selection.tasks)) if field == "task" else MAX_METRICS
        inner = {"groups": {"terms": {"field": field, "size": size}, "aggs": inner}}
    return {"size": 0, "query": selection_query(selection), "aggs": inner}


def parse_latest_iterations(response: dict[str, Any], depth: int) -> list[dict[str, Any]]:
    groups = [response.get("aggregations") or {}]
    for _ in range(depth):
        groups = [bucket for group in groups for bucket in (group.get("groups") or {}).get("buckets", [])]
    return [public(hit["_source"]) for group in groups for iteration in (group.get("iters") or {}).get("buckets", [])
            for hit in iteration["events"]["hits"]["hits"]]


def step_body(selection: Selection, fields: tuple[str, ...], position: tuple, earlier: bool) -> dict[str, Any]:
    order = "desc" if earlier else "asc"
    return {"size": 1, "query": selection_query(selection), "sort": [{name: order} for name in fields],
            "search_after": list(position), "_source": ["iter", "metric", "variant"]}


def sample_probe_body(selection: Selection, iteration: int | None, exact: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"size": 1, "query": selection_query(selection), "sort": [{"iter": "desc"}],
                            "aggs": {"low": {"min": {"field": "iter"}}, "high": {"max": {"field": "iter"}}}}
    if iteration is not None:  # the range aggregations still see every iteration
        bounds = {"gte": iteration, "lte": iteration} if exact else {"lte": iteration}
        body["post_filter"] = {"range": {"iter": bounds}}
    return body


def sample_events_body(selection: Selection, iteration: int, size: int) -> dict[str, Any]:
    at = {"bool": {"filter": [selection_query(selection), {"term": {"iter": iteration}}]}}
    return {"size": size, "query": at, "sort": [{"variant": "asc"}, {"timestamp": "desc"}]}


def last_iteration_body(selection: Selection) -> dict[str, Any]:
    return {"size": 0, "query": selection_query(selection), "aggs": {"last": {"max": {"field": "iter"}}}}


def urls_body(selection: Selection, after: dict[str, Any] | None, size: int = 1000) -> dict[str, Any]:
    """One page of the distinct ``url``\\s of the selected events: a composite aggregation,
    continued from ``after`` (the previous page's ``after_key``)."""
    composite: dict[str, Any] = {"size": size, "sources": [{"url": {"terms": {"field": "url"}}}]}
    if after:
        composite["after"] = after
    query = {"bool": {"filter": [selection_query(selection), {"exists": {"field": "url"}}]}}
    return {"size": 0, "query": query, "aggs": {"urls": {"composite": composite}}}


def urls_page(response: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """(urls, the key to continue after, or None at the end) of a :func:`urls_body` answer."""
    found = (response.get("aggregations") or {}).get("urls") or {}
    buckets = found.get("buckets") or []
    urls = [b["key"]["url"] for b in buckets if b["key"].get("url")]
    return urls, (found.get("after_key") if buckets else None)


def _top(order: list[dict[str, str]], fields: list[str]) -> dict[str, Any]:
    return {"top_hits": {"size": 1, "sort": order, "_source": fields}}


def summary_query(company: str, target: Target) -> dict[str, Any]:
    """Last iteration (monitoring and single values excluded) and, per scalar metric and
    variant: stats, the last value by (iter, timestamp), the first by iter, and where the
    minimum and maximum were reached."""
    variants = {
        "terms": {"field": "variant", "size": MAX_METRICS},
        "aggs": {
            "stats": {"stats": {"field": "value"}},
            "last": _top([{"iter": "desc"}, {"timestamp": "desc"}], ["value", "iter", "x_axis_label"]),
            "first": _top([{"iter": "asc"}, {"timestamp": "asc"}], ["value", "iter"]),
            "lowest": _top([{"value": "asc"}, {"iter": "asc"}], ["iter"]),
            "highest": _top([{"value": "desc"}, {"iter": "asc"}], ["iter"]),
        },
    }
    iteration_filter = {
        "bool": {
            "must_not": [{"terms": {"metric": list(MONITOR_METRICS)}}],
            "filter": [{"range": {"iter": {"gt": SINGLE_VALUE_ITER}}}],
        }
    }
    return {
        "size": 0,
        "query": selection_query(Selection.of(company, target)),
        "aggs": {
            "iteration": {"filter": iteration_filter, "aggs": {"max": {"max": {"field": "iter"}}}},
            "scalars": {
                "filter": {"term": {"type": SCALAR}},
                "aggs": {"metrics": {"terms": {"field": "metric", "size": MAX_METRICS}, "aggs": {"variants": variants}}},
            },
        },
    }


def running_from_response(response: dict[str, Any]) -> Running:
    """The exact summary from a :func:`summary_query` aggregation response."""
    aggs = response.get("aggregations") or {}
    highest = (aggs.get("iteration") or {}).get("max", {}).get("value")
    running = Running(last_iteration=int(highest) if highest is not None else None)
    for metric in (aggs.get("scalars") or {}).get("metrics", {}).get("buckets", []):
        for bucket in metric["variants"]["buckets"]:
            running.series[(metric["key"], bucket["key"])] = _series(metric["key"], bucket)
    return running


def _series(metric: str, bucket: dict[str, Any]) -> Series:
    stats = bucket["stats"]
    last, first = _hit(bucket["last"]), _hit(bucket["first"])
    return Series(
        metric=metric,
        variant=bucket["key"],
        count=int(stats.get("count") or 0),
        total=float(stats.get("sum") or 0.0),
        min_value=stats.get("min"),
        min_iter=_hit(bucket["lowest"]).get("iter"),
        max_value=stats.get("max"),
        max_iter=_hit(bucket["highest"]).get("iter"),
        first_iter=first.get("iter"),
        first_value=first.get("value"),
        last_iter=last.get("iter"),
        last_value=last.get("value"),
        label=last.get("x_axis_label"),
    )


def _hit(agg: dict[str, Any]) -> dict[str, Any]:
    hits = agg.get("hits", {}).get("hits", [])
    return hits[0]["_source"] if hits else {}


"""Elasticsearch request bodies and response parsing (pure: no I/O, unit-tested on dicts)."""

from __future__ import annotations

import base64
from typing import Any

import orjson

from services.events.domain import (
    MONITOR_METRICS,
    SCALAR,
    SINGLE_VALUE_ITER,
    Target,
)

MAX_METRICS = 2000  # ClearML caps a task's metric/variant pairs at 2000


def target_filter(company: str, target: Target) -> dict[str, Any]:
    return {"bool": {"filter": _target_terms(company, target)}}


def _target_terms(company: str, target: Target) -> list[dict[str, Any]]:
    return [
        {"term": {"company_id": company}},
        {"term": {"task": target.id}},
        {"term": {"model_event": target.entity == "model"}},
    ]


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
        "query": target_filter(company, target),
        "aggs": {
            "iteration": {"filter": iteration_filter, "aggs": {"max": {"max": {"field": "iter"}}}},
            "scalars": {
                "filter": {"term": {"type": SCALAR}},
                "aggs": {"metrics": {"terms": {"field": "metric", "size": MAX_METRICS}, "aggs": {"variants": variants}}},
            },
        },
    }


# What tells two events apart after the field they are ordered by (for search_after paging):
# a metric event is unique by type, metric, variant, iteration (and image key) within its task; only
# log lines carry ``cairn_id`` (their document id: a random-looking keyword that costs the
# store a fifth of its indexing work, so metric events do not store it).
TIE_BREAKERS = ("type", "metric", "variant", "iter", "key", "cairn_id")


def event_sort(field: str, order: str = "asc") -> list[dict[str, str]]:
    """Sort by ``field``, then by what makes the order total (a missing field sorts last)."""
    return [{field: order}] + [{name: order} for name in TIE_BREAKERS if name != field]


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


def events_filter(
    company: str, target: Target, metrics: list[dict[str, Any]] | None = None, extra: list | None = None
) -> dict[str, Any]:
    """A task's events, optionally limited to metric/variants (``metric_variants`` list)."""
    return _with_metrics(_target_terms(company, target) + list(extra or []), metrics)


def tasks_filter(
    company: str, tasks: list[str], model_events: bool, metrics: list[dict[str, Any]] | None = None,
    extra: list | None = None,
) -> dict[str, Any]:
    """The events of several tasks (or models), optionally limited to metric/variants."""
    terms = [{"term": {"company_id": company}}, {"terms": {"task": tasks}}, {"term": {"model_event": model_events}}]
    return _with_metrics(terms + list(extra or []), metrics)


def _with_metrics(filters: list[dict[str, Any]], metrics: list[dict[str, Any]] | None) -> dict[str, Any]:
    alternatives = []
    for item in metrics or []:
        metric = item.get("metric")
        variants = item.get("variants") or []
        clause: list[dict[str, Any]] = []
        if metric is not None:
            clause.append({"term": {"metric": metric}})
        if variants:
            clause.append({"terms": {"variant": variants}})
        if clause:
            alternatives.append({"bool": {"filter": clause}})
    query: dict[str, Any] = {"bool": {"filter": filters}}
    if alternatives:
        query["bool"]["filter"].append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    return query


def hits_sources(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [hit["_source"] for hit in response.get("hits", {}).get("hits", [])]


def total_of(response: dict[str, Any]) -> int:
    total = response.get("hits", {}).get("total", 0)
    return total.get("value", 0) if isinstance(total, dict) else int(total)


def urls_query(company: str, target: Target, after: dict[str, Any] | None, size: int = 1000) -> dict[str, Any]:
    """One page of the distinct ``url``\\s of a task's (model's) events: a composite
    aggregation, continued from ``after`` (the previous page's ``after_key``)."""
    composite: dict[str, Any] = {"size": size, "sources": [{"url": {"terms": {"field": "url"}}}]}
    if after:
        composite["after"] = after
    query = {"bool": {"filter": [*_target_terms(company, target), {"exists": {"field": "url"}}]}}
    return {"size": 0, "query": query, "aggs": {"urls": {"composite": composite}}}


def urls_page(response: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """(urls, the key to continue after, or None at the end) of a :func:`urls_query` answer."""
    found = (response.get("aggregations") or {}).get("urls") or {}
    buckets = found.get("buckets") or []
    urls = [b["key"]["url"] for b in buckets if b["key"].get("url")]
    return urls, (found.get("after_key") if buckets else None)

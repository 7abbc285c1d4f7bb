"""In-memory fakes of the events process's ports (``services.events.repository``)."""

from __future__ import annotations

import copy
import functools
import math
from typing import Any

from services.events.domain import (
    MONITOR_METRICS,
    SCALAR,
    SINGLE_VALUE_ITER,
    LastValue,
    MetricFilter,
    Page,
    Selection,
    SeriesStats,
    Summary,
    Target,
    add_entry,
    as_reported,
    metric_entry,
)
from services.events.repository import Doc, Indexed
from services.events.repository.queries import TIE_BREAKERS
from services.events.summaries import Running, Series
from shared.messaging.envelopes import Identity


class InMemoryEventRepository:
    """``EventRepository`` in plain Python over the stored docs: the reference the Elasticsearch
    adapter is checked against (``repository_suite.py`` runs against both)."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], dict[str, Any]] = {}
        self.bulk_calls: list[int] = []
        self.refreshed: list[set[str]] = []
        self.fail_ids: dict[str, str] = {}  # doc id -> the error the store answers for it
        self.recomputed: list[Target] = []
        self.url_pages = 0
        self.down = False

    async def index(self, docs: list[Doc]) -> Indexed:
        if self.down:
            raise ConnectionError("the store is down")
        self.bulk_calls.append(len(docs))
        out = Indexed([], [])
        for doc in docs:
            failure = self.fail_ids.get(doc.id)
            out.created.append(failure is None and (doc.index, doc.id) not in self.docs)
            if failure is None:
                self.docs[(doc.index, doc.id)] = copy.deepcopy(doc.source)
            out.failures.append(failure)
        return out

    async def refresh(self, indices) -> None:
        self.refreshed.append(set(indices))

    def events_of(self, company: str, target: Target) -> list[dict[str, Any]]:
        return self.selected(Selection.of(company, target))

    def selected(self, selection: Selection) -> list[dict[str, Any]]:
        return [d for d in self.docs.values() if _matches(selection, d)]

    async def summaries(self, company: str, targets: list[Target]) -> dict[Target, Summary]:
        """The reference: every summary computed from scratch in plain Python."""
        return {target: _summary(self.events_of(company, target)) for target in targets}

    async def running(self, company: str, targets: list[Target]) -> dict[Target, Running]:
        self.recomputed += list(targets)
        return {target: _running(self.events_of(company, target)) for target in targets}

    async def delete_events(self, selection: Selection) -> int:
        keys = [k for k, d in self.docs.items() if _matches(selection, d)]
        for key in keys:
            del self.docs[key]
        return len(keys)

    async def page(self, selection, axis, order, size, after=None, start=None, complete=False) -> Page:
        fields = (axis,) + tuple(f for f in TIE_BREAKERS if f != axis)
        events = _ordered(self.selected(selection), fields, order)
        total = sum(1 for e in events if e.get(axis) is not None)
        if after:
            events = [e for e in events if _compare(_position(e, fields), tuple(after), order) > 0]
        elif start is not None:
            events = [e for e in events if (e[axis] < start if order == "desc" else e[axis] > start)]
        found = events[:size]
        if complete and found:
            found += [e for e in events[size:] if e.get(axis) == found[-1].get(axis)]
        return Page([_reported(e) for e in found], total, list(_position(found[-1], fields)) if found else after)

    async def latest_iterations(self, selection, iters, per=(), newest=True) -> list[dict[str, Any]]:
        groups: dict[tuple, list[dict[str, Any]]] = {}
        for event in self.selected(selection):
            groups.setdefault(tuple(event.get(f) for f in per), []).append(event)
        out = []
        for events in groups.values():
            wanted = sorted({e["iter"] for e in events}, reverse=newest)[:max(1, min(iters, 1000))]
            for iteration in wanted:
                at = sorted((e for e in events if e["iter"] == iteration), key=lambda e: (e["metric"], e["variant"]))
                out += [_reported(e) for e in at[:100]]
        return out

    async def series_stats(self, selection, axis) -> dict[tuple[str, str, str], SeriesStats]:
        out = {}
        for name, events in _series(self.selected(selection)).items():
            xs = [e[axis] for e in events if e.get(axis) is not None]
            out[name] = SeriesStats(len(xs), min(xs, default=None), max(xs, default=None))
        return out

    async def histogram(self, selection, axis, interval, series) -> dict[tuple[str, str], tuple[list, list]]:
        out = {}
        for (_, metric, variant), events in sorted(_series(self.selected(selection)).items()):
            if (metric, variant) not in series:
                continue
            buckets: dict[float, list[float]] = {}
            for event in events:
                buckets.setdefault(float(math.floor(event[axis] / interval) * interval), []).append(event["value"])
            keys = sorted(buckets)
            out[(metric, variant)] = (keys, [sum(buckets[k]) / len(buckets[k]) for k in keys])
        return out

    async def series_names(self, selection) -> list[tuple[str, str, str]]:
        return sorted(_series(self.selected(selection)))

    async def last_values(self, selection) -> list[LastValue]:
        by_series: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for (_, metric, variant), events in _series(self.selected(selection)).items():
            by_series.setdefault((metric, variant), []).extend(events)
        out = []
        for (metric, variant), events in sorted(by_series.items()):
            last = max(events, key=lambda e: (e["iter"], e["timestamp"]))
            out.append(LastValue(metric, variant, last.get("value"), last.get("timestamp"),
                                 max(e["@timestamp"] for e in events)))
        return out

    async def last_iteration(self, selection) -> int | None:
        return max((e["iter"] for e in self.selected(selection)), default=None)

    async def step(self, selection, fields, position, earlier) -> dict[str, Any] | None:
        order = "desc" if earlier else "asc"
        for event in _ordered(self.selected(selection), fields, order):
            if _compare(_position(event, fields), tuple(position), order) > 0:
                return {f: event.get(f) for f in ("iter", "metric", "variant")}
        return None

    async def sample_at(self, selection, iteration, exact, size):
        events = self.selected(selection)
        iterations = [e["iter"] for e in events]
        low, high = min(iterations, default=None), max(iterations, default=None)
        fit = [i for i in iterations if iteration is None or (i == iteration if exact else i <= iteration)]
        if not fit:
            return low, high, []
        at = [e for e in events if e["iter"] == max(fit)]
        at.sort(key=lambda e: -e["timestamp"])
        at.sort(key=lambda e: e["variant"])
        return low, high, [_reported(e) for e in at[:size]]

    async def image_urls(self, selection, after=None) -> tuple[list[str], Any]:
        self.url_pages += 1
        urls = sorted({e["url"] for e in self.selected(selection) if e.get("url")})
        page = [u for u in urls if after is None or u > after][:1000]
        return page, (page[-1] if page else None)


def _matches(selection: Selection, event: dict[str, Any]) -> bool:
    if (event["company_id"], event["model_event"]) != (selection.company, selection.models):
        return False
    if event["task"] not in selection.tasks or selection.event_type not in (None, event["type"]):
        return False
    iteration, metric = event.get("iter", 0), event.get("metric", "")
    checks = [
        selection.iterations != "series" or iteration > SINGLE_VALUE_ITER,
        selection.iterations != "single" or iteration == SINGLE_VALUE_ITER,
        selection.iter_below is None or iteration < selection.iter_below,
        selection.iter_above is None or iteration > selection.iter_above,
        selection.older_than_ms is None or event["timestamp"] < selection.older_than_ms,
        selection.received_until_ms is None or event.get("@timestamp", 0) <= selection.received_until_ms,
        not selection.metric_in or metric in selection.metric_in,
        metric not in selection.metric_not_in,
        not selection.positive or (_is_number(event.get("value")) and event["value"] > 0),
    ]
    wanted = [m for m in selection.metrics if m.metric is not None or m.variants]
    checks.append(not wanted or any(_metric_matches(m, event) for m in wanted))
    return all(checks)


def _metric_matches(wanted: MetricFilter, event: dict[str, Any]) -> bool:
    return wanted.metric in (None, event.get("metric")) and (not wanted.variants or event.get("variant") in wanted.variants)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _series(events: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for event in events:
        out.setdefault((event["task"], event["metric"], event["variant"]), []).append(event)
    return out


def _position(event: dict[str, Any], fields: tuple[str, ...]) -> tuple:
    return tuple(event.get(f) for f in fields)


def _compare(a: tuple, b: tuple, order: str) -> int:
    """Elasticsearch's order of sort values: by each field in turn, a missing value last."""
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if x is None or y is None:
            return 1 if x is None else -1
        return (-1 if x < y else 1) * (1 if order == "asc" else -1)
    return 0


def _ordered(events: list[dict[str, Any]], fields: tuple[str, ...], order: str) -> list[dict[str, Any]]:
    return sorted(events, key=functools.cmp_to_key(
        lambda a, b: _compare(_position(a, fields), _position(b, fields), order)))


def _reported(event: dict[str, Any]) -> dict[str, Any]:
    """An event as the store answers it (its internal id removed, a big plot decompressed)."""
    out = copy.deepcopy(event)
    out.pop("cairn_id", None)
    return as_reported(out)


def _summary(events: list[dict[str, Any]]) -> Summary:
    iterations = [e["iter"] for e in events if e["metric"] not in MONITOR_METRICS and e["iter"] > SINGLE_VALUE_ITER]
    summary = Summary(last_iteration=max(iterations) if iterations else None)
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for event in events:
        if event["type"] == SCALAR:
            series.setdefault((event["metric"], event["variant"]), []).append(event)
    for (metric, variant), points in series.items():
        values = [p["value"] for p in points]
        stats = {"low": min(values), "high": max(values), "mean": sum(values) / len(values), "count": len(values)}
        last = max(points, key=lambda p: (p["iter"], p["timestamp"]))
        first = min(points, key=lambda p: (p["iter"], p["timestamp"]))
        lowest = min(points, key=lambda p: (p["value"], p["iter"]))
        highest = min(points, key=lambda p: (-p["value"], p["iter"]))
        add_entry(summary, metric_entry(metric, variant, stats, last, first, lowest, highest))
    return summary


def _running(events: list[dict[str, Any]]) -> Running:
    """The exact running summary, built from the reference summary's figures."""
    reference = _summary(events)
    running = Running(last_iteration=reference.last_iteration)
    for variants in reference.last_metrics.values():
        for e in variants.values():
            points = [p for p in events if p["type"] == SCALAR and (p["metric"], p["variant"]) == (e["metric"], e["variant"])]
            running.series[(e["metric"], e["variant"])] = Series(
                e["metric"], e["variant"], e["count"], sum(p["value"] for p in points), e["min_value"],
                e["min_value_iteration"], e["max_value"], e["max_value_iteration"], e["first_value_iteration"],
                e["first_value"], max(p["iter"] for p in points), e["value"], e.get("x_axis_label"),
            )
    return running


class FakeTaskDirectory:
    """The tasks service as the events process sees it."""

    def __init__(self, tasks: dict[str, str] | None = None, models: dict[str, bool] | None = None,
                 names: dict[str, str] | None = None) -> None:
        self.tasks = dict(tasks or {})  # id -> status
        self.models = dict(models or {})  # id -> ready
        self.task_names = dict(names or {})  # id -> name (tasks and models the caller can read)
        self.asked: list[tuple[str, list[str], bool]] = []
        self.public: dict[str, str] = {}  # id of a task in ``tasks`` made public -> by which company
        self.lookups: list[tuple[str, list[str], list[str]]] = []
        self.folded: dict[Target, Summary] = {}
        self.fold_calls = 0
        self.down = False

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        if self.down:
            raise ConnectionError("the tasks service is down")
        self.lookups.append((identity.company, tasks, models))
        return {
            "tasks": {t: self.tasks[t] for t in tasks if t in self.tasks},
            "models": {m: {"ready": self.models[m]} for m in models if m in self.models},
            "owners": {t: self.public[t] for t in tasks if t in self.public},
        }

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        self.fold_calls += 1
        self.folded[target] = summary

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        self.asked.append((identity.company, ids, models))
        known = self.models if models else self.tasks
        return {i: self.task_names.get(i, f"name of {i}") for i in ids if i in known}


class FakeFactPublisher:
    """``EventFactPublisher`` (``services.events.facts``): keeps what was published."""

    def __init__(self) -> None:
        self.published: list[tuple[str, dict[str, Any]]] = []
        self.fail = 0  # how many of the next publishes fail

    async def publish(self, key: str, fact: dict[str, Any]) -> None:
        if self.fail:
            self.fail -= 1
            raise ConnectionError("the broker is down")
        self.published.append((key, copy.deepcopy(fact)))

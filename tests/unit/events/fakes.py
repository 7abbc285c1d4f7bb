"""In-memory fakes of the events process's ports (``services.events.repository``)."""

from __future__ import annotations

import copy
from typing import Any

from services.events.domain import MONITOR_METRICS, SCALAR, SINGLE_VALUE_ITER, Summary, Target, add_entry, metric_entry
from services.events.repository import Doc, Indexed
from services.events.summaries import Running, Series
from shared.messaging.envelopes import Identity


class FakeEventRepository:
    """Stores docs by (index, id) and computes summaries in plain Python: the reference the
    Elasticsearch aggregations are checked against in the integration tests."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], dict[str, Any]] = {}
        self.bulk_calls: list[int] = []
        self.refreshed: list[set[str]] = []
        self.fail_ids: dict[str, str] = {}  # doc id -> the error the store answers for it
        self.recomputed: list[Target] = []
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
        return [
            d for d in self.docs.values()
            if d["company_id"] == company and d["task"] == target.id and d["model_event"] == (target.entity == "model")
        ]

    async def summaries(self, company: str, targets: list[Target]) -> dict[Target, Summary]:
        """The reference: every summary computed from scratch in plain Python."""
        return {target: _summary(self.events_of(company, target)) for target in targets}

    async def running(self, company: str, targets: list[Target]) -> dict[Target, Running]:
        self.recomputed += list(targets)
        return {target: _running(self.events_of(company, target)) for target in targets}

    async def search(self, company: str, event_type: str | None, body: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError("reads are tested against the real Elasticsearch")

    async def delete_events(self, company: str, target: Target, event_type=None, extra=None) -> int:
        if extra:
            raise NotImplementedError("filtered deletes are tested against the real Elasticsearch")
        keys = [k for k, d in self.docs.items()
                if d in self.events_of(company, target) and event_type in (None, d["type"])]
        for key in keys:
            del self.docs[key]
        return len(keys)


def _summary(events: list[dict[str, Any]]) -> Summary:
    iterations = [e["iter"] for e in events if e["metric"] not in MONITOR_METRICS and e["iter"] > SINGLE_VALUE_ITER]
    summary = Summary(last_iteration=max(iterations) if iterations else None)
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for event in events:
        if event["type"] == SCALAR:
            series.setdefault((event["metric"], event["variant"]), []).append(event)
    for (metric, variant), points in series.items():
        values = [p["value"] for p in points]
        stats = {"min": min(values), "max": max(values), "avg": sum(values) / len(values), "count": len(values)}
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

    def __init__(self, tasks: dict[str, str] | None = None, models: dict[str, bool] | None = None) -> None:
        self.tasks = dict(tasks or {})  # id -> status
        self.models = dict(models or {})  # id -> ready
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


class FakeTaskNames:
    """``TaskNames`` (``services.events.multi``): the tasks service's names of readable tasks."""

    def __init__(self, tasks: dict[str, str] | None = None, models: dict[str, str] | None = None) -> None:
        self.tasks = dict(tasks or {})
        self.models = dict(models or {})
        self.asked: list[tuple[str, list[str], bool]] = []

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        self.asked.append((identity.company, ids, models))
        known = self.models if models else self.tasks
        return {i: known[i] for i in ids if i in known}


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

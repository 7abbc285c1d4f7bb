"""Running metric summaries: a task's (or model's) ``last_iteration`` and ``last_metrics``
kept up to date from the events of each group commit instead of re-aggregated from the store.

The first time this process folds a target (after a start or a partition rebalance), its
summary is computed exactly from Elasticsearch (``repository.queries.summary_query``); from then on each
event Elasticsearch *created* is merged in. A group in which a target's event overwrote an
existing document (a point reported again, or a Kafka re-delivery: ids are deterministic)
recomputes that target exactly instead, so nothing is counted twice and no stale minimum,
maximum or mean survives.

One events instance owns a target at a time (the gateway keys every event of a task to one
partition), so the cache is the truth for the targets it holds. Two group commits overlap
(one is indexed while the previous one is refreshed and folded): a target seen for the first
time is *claimed* by its group, and a later group touching it waits before indexing until the
claiming group has recomputed it, so the exact recompute never sees a later group's events.
"""

from __future__ import annotations

import asyncio
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from services.events.domain import MONITOR_METRICS, SCALAR, SINGLE_VALUE_ITER, Summary, Target, add_entry, metric_entry


@dataclass
class Series:
    """One scalar metric/variant: what ``last_metrics[metric][variant]`` is made of."""

    metric: str
    variant: str
    count: int = 0
    total: float = 0.0
    min_value: float | None = None
    min_iter: int | None = None
    max_value: float | None = None
    max_iter: int | None = None
    first_iter: int | None = None
    first_value: float | None = None
    last_iter: int | None = None
    last_value: float | None = None
    label: str | None = None

    def add(self, iteration: int, value: float, created: bool, label: str | None) -> None:
        if created:
            self.count += 1
            self.total += value
        if self.min_value is None or value < self.min_value or (value == self.min_value and iteration < self.min_iter):
            self.min_value, self.min_iter = value, iteration
        if self.max_value is None or value > self.max_value or (value == self.max_value and iteration < self.max_iter):
            self.max_value, self.max_iter = value, iteration
        # One document per iteration: an equal iteration is the same point, overwritten.
        if self.first_iter is None or iteration <= self.first_iter:
            self.first_iter, self.first_value = iteration, value
        if self.last_iter is None or iteration >= self.last_iter:
            self.last_iter, self.last_value, self.label = iteration, value, label

    def entry(self) -> dict[str, Any]:
        stats = {"low": self.min_value, "high": self.max_value, "count": self.count,
                 "mean": self.total / self.count if self.count else None}
        return metric_entry(
            self.metric, self.variant, stats,
            last={"value": self.last_value, "x_axis_label": self.label},
            first={"value": self.first_value, "iter": self.first_iter},
            lowest={"iter": self.min_iter}, highest={"iter": self.max_iter},
        )


@dataclass
class Running:
    """A target's summary as of the events indexed so far."""

    last_iteration: int | None = None
    series: dict[tuple[str, str], Series] = field(default_factory=dict)

    def add(self, source: dict[str, Any], created: bool) -> None:
        iteration = source.get("iter", 0)
        metric, variant = source.get("metric", ""), source.get("variant", "")
        if metric not in MONITOR_METRICS and iteration > SINGLE_VALUE_ITER:
            if self.last_iteration is None or iteration > self.last_iteration:
                self.last_iteration = iteration
        value = source.get("value")
        if source.get("type") != SCALAR or isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        series = self.series.get((metric, variant))
        if series is None:
            series = self.series[(metric, variant)] = Series(metric, variant)
        series.add(iteration, value, created, source.get("x_axis_label"))

    def summary(self, max_series: int | None = None) -> Summary:
        """The summary to fold into the task: with more than ``max_series`` metric/variant
        pairs, the first ``max_series`` of them by (metric, variant) name, as ClearML keeps at
        most ``max_last_metrics`` (2000) in a task. The events themselves are all stored."""
        summary = Summary(last_iteration=self.last_iteration)
        series = self.series.values()
        if max_series is not None and len(self.series) > max_series:
            series = [self.series[key] for key in sorted(self.series)[:max_series]]
        for one in series:
            add_entry(summary, one.entry())
        return summary


class SummaryCache:
    """Running summaries of the targets this instance folds, least recently used evicted.

    Protocol per group commit: ``wait_unclaimed`` before indexing; ``claim`` after indexing
    (returns the targets this group must recompute); ``put``/``get`` while finishing;
    ``release`` when the group is done (finished or given up)."""

    def __init__(self, capacity: int = 20_000, max_series: int | None = None) -> None:
        self._capacity = capacity
        self.max_series = max_series  # metric/variant pairs folded into one task at most
        self._entries: OrderedDict[Target, Running] = OrderedDict()
        self._claimed: dict[Target, asyncio.Event] = {}  # set when the claiming group is released
        self._held: Counter[Target] = Counter()  # targets of groups not yet released

    def __len__(self) -> int:
        return len(self._entries)

    async def wait_unclaimed(self, targets: set[Target]) -> None:
        while busy := [self._claimed[t] for t in targets if t in self._claimed]:
            await busy[0].wait()

    def claim(self, targets: set[Target], recompute: set[Target] = frozenset()) -> set[Target]:
        """Hold the group's targets; the ones with no running summary, or to ``recompute``,
        are claimed by it (recomputed exactly when it finishes)."""
        self._held.update(targets)
        fresh = {t for t in targets if (t not in self._entries or t in recompute) and t not in self._claimed}
        for target in fresh:
            self._claimed[target] = asyncio.Event()
        return fresh

    def put(self, target: Target, running: Running) -> None:
        self._entries[target] = running
        self._entries.move_to_end(target)

    def get(self, target: Target) -> Running | None:
        running = self._entries.get(target)
        if running is not None:
            self._entries.move_to_end(target)
        return running

    def release(self, targets: set[Target], claimed: set[Target]) -> None:
        self._held.subtract(targets)
        self._held += Counter()  # drop the zeros
        for target in claimed:
            event = self._claimed.pop(target, None)
            if event is not None:
                event.set()
        self._evict()

    def forget(self, target: Target) -> None:
        """The target's events were deleted (reset, delete): recompute it next time."""
        self._entries.pop(target, None)

    def clear(self) -> None:
        """Partitions moved: another instance may have folded these targets meanwhile."""
        for target in [t for t in self._entries if t not in self._held]:
            del self._entries[target]

    def _evict(self) -> None:
        for target in list(self._entries):
            if len(self._entries) <= self._capacity:
                return
            if target not in self._held:
                del self._entries[target]

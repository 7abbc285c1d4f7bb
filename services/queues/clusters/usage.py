"""``workers.get_resource_usages`` and ``workers.get_resource_history`` (Enterprise): the
resource dashboard, from the machine statistics the queues process keeps in Elasticsearch
(``StatsRepository``), the live workers, the live cluster reports and the event log.

- A worker's current resources are its statistics of the last ``CURRENT_WINDOW_S`` seconds
  (the newest bucket), as ``machines.resources`` reads them.
- Workers are grouped by category and resource group (``placement``). ``max_allowed`` of a
  category is what its live cluster reports offer (``max_workers``, ``max_cpus``,
  ``max_gpus``, summed over the parts); without a report it is left out.
- An alarm (``alarm: 1``) is a value past its company threshold (``thresholds.py``).
- History series are per ``interval`` (at least 40 s) over the window, dates in seconds,
  every interval answered (0 where nothing was reported). ``*_idle_count`` and
  ``*_max_allowed`` series are not answered: the statistics do not keep which reports came
  from an idle worker, nor what a cluster offered in the past.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from services.queues import domain
from services.queues.clusters.events import WorkerEvents
from services.queues.clusters.machines import METRICS, combined, resources
from services.queues.clusters.placement import Placement, place, reported
from services.queues.repository.clusters import Document, ReportStore
from services.queues.clusters.thresholds import Thresholds
from services.queues.repository import Bucket, StatsRepository, WorkerRepository
from services.queues.worker_stats import _window
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import workers as api

CURRENT_WINDOW_S = 600
DEFAULT_LAST_EVENTS = 20
MAX_LAST_EVENTS = 1000
GROUP_VALUES = ("worker_count", "cpu_count", "gpu_count", "avg_cpu_load", "avg_gpu_util", "ram_free", "ram_total",
                "gpu_ram_free", "gpu_ram_total", "home_free", "network_rx", "network_tx", "idle_time")

# resource_type -> (series name, title) answered by get_resource_history
HISTORY = {
    "computation_count": (("worker_count", "Workers"), ("cpu_count", "CPUs"), ("gpu_count", "GPUs")),
    "computation_util": (("avg_cpu_load", "Average CPU load (%)"), ("avg_gpu_util", "Average GPU utilization (%)")),
    "memory": (("ram_free", "Free RAM (GB)"), ("ram_total", "Total RAM (GB)"), ("gpu_ram_free", "Free GPU RAM (GB)"),
               ("gpu_ram_total", "Total GPU RAM (GB)")),
    "storage": (("home_free", "Free home disk (%)"),),
    "network": (("network_rx", "Network received (MB/s)"), ("network_tx", "Network sent (MB/s)")),
}


def alarm(name: str, value: float | None, thresholds: Mapping[str, Any]) -> int:
    """1 when ``value`` is past its threshold: loads above, free resources below."""
    limits = {"avg_cpu_load": ("cpu_load", 1), "avg_gpu_util": ("gpu_util", 1),
              "ram_free": ("ram_free", -1), "home_free": ("home_free", -1)}
    if value is None or name not in limits or thresholds.get(limits[name][0]) is None:
        return 0
    limit, direction = thresholds[limits[name][0]], limits[name][1]
    return int(value > limit if direction > 0 else value < limit)


def passes(values: Mapping[str, Any], filters: Mapping[str, api.GetResourceUsagesRequestFiltersValue] | None) -> bool:
    """A worker passes every filter: ``allowed_values`` of a name (``id``, ``category``,
    ``resource_group`` or a resource), ``min_value``/``max_value`` of a resource (a worker
    without that value does not pass)."""
    for name, rule in (filters or {}).items():
        value = values.get(name)
        if rule.allowed_values is not None and str(value) not in rule.allowed_values:
            return False
        for bound, ok in ((rule.min_value, lambda v, b: v >= b), (rule.max_value, lambda v, b: v <= b)):
            if bound is not None and (not isinstance(value, (int, float)) or not ok(value, bound)):
                return False
    return True


def _capacity(reports: Sequence[Document]) -> dict[str, dict[str, float]]:
    """category -> {workers, cpus, gpus}: what its live cluster reports offer."""
    out: dict[str, dict[str, float]] = {}
    for report in reports:
        props = report.get("properties") or {}
        slot = out.setdefault(report["key"], {})
        for name, prop in (("workers", "max_workers"), ("cpus", "max_cpus"), ("gpus", "max_gpus")):
            if props.get(prop) is not None:
                slot[name] = slot.get(name, 0.0) + float(props[prop])
    return out


class ResourceUsage:
    def __init__(self, workers: WorkerRepository, stats: StatsRepository, clusters: ReportStore,
                 thresholds: Thresholds, events: WorkerEvents, clock: Callable[[], datetime] = domain.utc_now) -> None:
        self._workers = workers
        self._stats = stats
        self._clusters = clusters
        self._thresholds = thresholds
        self._events = events
        self._clock = clock

    async def _current(self, company: str, now: datetime) -> dict[str, dict[str, float]]:
        """worker id -> its current resources."""
        to_ms = int(now.timestamp() * 1000)
        latest: dict[str, dict[str, Bucket]] = {}
        for metric in METRICS:
            series = await self._stats.series(company, metric, "avg", to_ms - CURRENT_WINDOW_S * 1000, to_ms,
                                              CURRENT_WINDOW_S, None)
            for worker, buckets in series.items():
                if buckets:
                    latest.setdefault(worker, {})[metric] = max(buckets, key=lambda b: b.date_ms)
        return {worker: resources(buckets) for worker, buckets in latest.items()}

    async def get_resource_usages(self, identity: Identity, request: api.GetResourceUsagesRequest) -> dict[str, Any]:
        """The live workers by category (``categories``, ``total``) and resource group
        (``resource_groups``: the group's values and, for the groups in ``expand_groups`` or
        every group without it, each worker's), filtered by ``filters``; the latest
        ``last_events`` worker events (20 by default) since ``events_from_date`` (seconds);
        ``settings`` holds the CPU and GPU thresholds."""
        now = self._clock()
        reports = await self._clusters.live(identity.company, now)
        known = reported(reports)
        thresholds = await self._thresholds.of(identity.company)
        current = await self._current(identity.company, now)
        rows = []
        for worker in await self._workers.live(identity.company, now):
            placement = place(worker["worker"], known)
            rows.append(await self._row(identity.company, worker, placement, current.get(worker["worker"], {}), now))
        rows = [r for r in rows if passes(r, request.filters)]
        return {
            "categories": self._categories(rows, reports),
            "total": self._total(rows, reports),
            "resource_groups": self._groups(rows, thresholds, request.expand_groups),
            "events": await self._latest_events(identity.company, request),
            "settings": {k: int(thresholds[t]) for k, t in (("used_cpu_threshold_percentage", "cpu_load"),
                                                            ("used_gpu_threshold_percentage", "gpu_util"))
                         if thresholds.get(t) is not None},
        }

    async def _row(self, company: str, worker: Document, placement: Placement, values: dict[str, float],
                   now: datetime) -> dict[str, Any]:
        idle = not worker.get("task")
        idle_time = 0.0
        if idle:
            since = await self._events.idle_since(company, worker["worker"]) or worker.get("register_time")
            idle_time = (now - since).total_seconds() if since is not None else 0.0
        return {"id": worker["worker"], "category": placement.category, "groups": placement.groups,
                "resource_group": placement.groups[0] if placement.groups else "", "idle": idle,
                "idle_time": max(idle_time, 0.0), **values}

    @staticmethod
    def _counts(rows: Sequence[Mapping[str, Any]], capacity: Mapping[str, float]) -> dict[str, Any]:
        def count(name: str, of: Callable[[Mapping[str, Any]], int]) -> dict[str, Any]:
            out: dict[str, Any] = {"total": sum(of(r) for r in rows), "idle": sum(of(r) for r in rows if r["idle"])}
            if name in capacity:
                out["max_allowed"] = capacity[name]
            return out

        return {"workers": count("workers", lambda r: 1), "cpus": count("cpus", lambda r: int(r.get("cpu_count", 0))),
                "gpus": count("gpus", lambda r: int(r.get("gpu_count", 0)))}

    def _categories(self, rows: Sequence[Mapping[str, Any]], reports: Sequence[Document]) -> list[dict[str, Any]]:
        capacity = _capacity(reports)
        keys = sorted({r["category"] for r in rows} | set(capacity))
        return [{"key": key, **self._counts([r for r in rows if r["category"] == key], capacity.get(key, {}))}
                for key in keys]

    def _total(self, rows: Sequence[Mapping[str, Any]], reports: Sequence[Document]) -> dict[str, Any]:
        capacity: dict[str, float] = {}
        for offered in _capacity(reports).values():
            for name, value in offered.items():
                capacity[name] = capacity.get(name, 0.0) + value
        return self._counts(rows, capacity)

    @staticmethod
    def _groups(rows: Sequence[Mapping[str, Any]], thresholds: Mapping[str, Any],
                expand: Sequence[str] | None) -> list[dict[str, Any]]:
        def shown(values: Mapping[str, Any]) -> dict[str, Any]:
            return {name: {"value": values[name], "alarm": alarm(name, values[name], thresholds)}
                    for name in GROUP_VALUES if values.get(name) is not None}

        out = []
        for key in sorted({g for r in rows for g in r["groups"]}):
            members = [r for r in rows if key in r["groups"]]
            numbers = [{k: v for k, v in r.items() if k in GROUP_VALUES and k != "idle_time"} for r in members]
            values = {**combined(numbers), "worker_count": len(members),
                      "idle_time": max((r["idle_time"] for r in members), default=0.0)}
            group: dict[str, Any] = {"key": key, **shown(values)}
            if expand is None or key in expand:
                group["workers"] = [{"id": r["id"], **shown(r)} for r in members]
            out.append(group)
        return out

    async def _latest_events(self, company: str, request: api.GetResourceUsagesRequest) -> list[dict[str, Any]]:
        limit = min(max(request.last_events if request.last_events is not None else DEFAULT_LAST_EVENTS, 0),
                    MAX_LAST_EVENTS)
        since = None
        if request.events_from_date is not None:
            if not 0 <= request.events_from_date <= domain.MAX_EPOCH_S:  # else ValueError: 500 (schemathesis)
                raise ApiError.named("fields_value_error", "events_from_date must be epoch seconds before year 10000",
                                     events_from_date=request.events_from_date)
            since = datetime.fromtimestamp(request.events_from_date, timezone.utc)
        found = await self._events.latest(company, since, limit) if limit else []
        return [{e["worker"]: {"event_type": e["event_type"], "msg": e.get("msg") or "", "worker": e["worker"],
                               "resource_group": e.get("resource_group") or "",
                               "worker_category": e.get("worker_category") or "",
                               "timestamp": domain.to_api(e["timestamp"])}} for e in found]

    async def get_resource_history(self, identity: Identity, request: api.GetResourceHistoryRequest) -> dict[str, Any]:
        """The ``resource_type``'s series (see ``HISTORY``) of the workers of ``category`` and
        ``resource_group`` (both optional) over [``from_date``, ``to_date``] (seconds);
        ``computed_interval`` is the interval used. from >= to or too many intervals -> 400/16."""
        from_ms, to_ms, interval, starts = _window(request.from_date, request.to_date, request.interval)
        known = reported(await self._clusters.live(identity.company, self._clock()))

        def wanted(worker: str) -> bool:
            placement = place(worker, known)
            return ((request.category is None or placement.category == request.category)
                    and (request.resource_group is None or request.resource_group in placement.groups))

        by_time: dict[int, dict[str, dict[str, Bucket]]] = {}
        for metric in METRICS:
            series = await self._stats.series(identity.company, metric, "avg", from_ms, to_ms, interval, None)
            for worker, buckets in series.items():
                if wanted(worker):
                    for bucket in buckets:
                        by_time.setdefault(bucket.date_ms, {}).setdefault(worker, {})[metric] = bucket
        values = {start: combined(resources(b) for b in workers.values()) | {"worker_count": len(workers)}
                  for start, workers in by_time.items()}
        dates = [start // 1000 for start in starts]
        out: dict[str, Any] = {"computed_interval": interval}
        for name, title in HISTORY[request.resource_type or "computation_count"]:
            out[name] = {"title": title, "dates": dates,
                         "values": [float(values.get(start, {}).get(name, 0.0)) for start in starts]}
        return out

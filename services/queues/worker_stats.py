"""Use cases of ``workers.get_stats``, ``workers.get_activity_report`` and
``workers.get_metric_keys``: reads of the machine statistics that ``workers.status_report``
stores (``stats.py``). Intervals are at least 40 s; every interval of the window is answered
(empty ones as 0) but the last, incomplete one, and dates are in milliseconds from epoch, as
ClearML answers them."""

from __future__ import annotations

from typing import Any

from services.queues.repository import Bucket, StatsRepository
from services.queues.domain import check_date_range
from services.queues.stats import MIN_INTERVAL_S
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import workers as workers_api
from shared.schemas.generated import workers as generated


MAX_INTERVALS = 65_536  # Elasticsearch's search.max_buckets: more fail in ClearML too


def interval_starts(from_date: float, to_date: float, interval: int) -> list[int]:
    """The start (ms) of every ``interval``-second bucket from the one holding ``from_date``
    to the one holding ``to_date`` (whole seconds), aligned to the epoch, as ClearML's date
    histograms with extended bounds list them; too many -> 400/16."""
    step = interval * 1000
    first = int(from_date) * 1000 // step * step
    last = int(to_date) * 1000 // step * step
    if (last - first) // step >= MAX_INTERVALS:
        raise ApiError.named("fields_value_error", "too many intervals: use a longer interval", interval=interval)
    return list(range(first, last + 1, step))


def _window(from_date: float, to_date: float, interval: int) -> tuple[int, int, int, list[int]]:
    """(from ms, to ms, interval s, every interval's start in ms)."""
    check_date_range(from_date, to_date, interval)
    interval = max(int(interval), MIN_INTERVAL_S)
    return int(from_date * 1000), int(to_date * 1000), interval, interval_starts(from_date, to_date, interval)


class WorkerStatsService:
    """Statistics reads of ``workers.*``."""

    def __init__(self, stats: StatsRepository) -> None:
        self._stats = stats

    async def get_metric_keys(self, identity: Identity, request: generated.GetMetricKeysRequest) -> dict[str, Any]:
        """``workers.get_metric_keys``: the reported metric names by category; none -> 400/1005."""
        keys = await self._stats.metric_keys(identity.company, request.worker_ids)
        if not keys:
            raise ApiError.named("worker_stats_not_found", workers=request.worker_ids)
        return {"categories": [{"name": name, "metric_keys": metrics} for name, metrics in keys.items()]}

    async def get_stats(self, identity: Identity, request: workers_api.GetStatsRequest) -> dict[str, Any]:
        """``workers.get_stats``: per worker (those with values in the window, most values
        first), metric and aggregation (an item's ``aggregation``, avg by default; the same
        pair twice answers once), every interval's value (0 where none) but the last,
        incomplete one; ``split_by_resource`` adds per-device series of multi-GPU metrics."""
        from_ms, to_ms, interval, starts = _window(request.from_date, request.to_date, request.interval)
        kept = [s for s in starts if s < (request.to_date - 0.9 * interval) * 1000]
        workers: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        for item in request.items:
            aggregation = item.aggregation.value
            series = await self._stats.series(identity.company, item.key, aggregation, from_ms, to_ms, interval,
                                              request.worker_ids)
            split = bool(request.split_by_resource) and item.key.startswith("gpu_")
            for worker, buckets in series.items():
                stats = workers.setdefault(worker, {}).setdefault(item.key, {})
                stats[aggregation] = _stat(aggregation, kept, buckets, split)
        return {"workers": [
            {"worker": worker, "metrics": [{"metric": key, "stats": list(stats.values())}
                                           for key, stats in metrics.items()]}
            for worker, metrics in workers.items()
        ]}

    async def get_activity_report(
        self, identity: Identity, request: workers_api.GetActivityReportRequest
    ) -> dict[str, Any]:
        """``workers.get_activity_report``: distinct reporting workers (``total``) and those
        running a task (``active``) in every interval (0 where none) but the last one; no
        intervals at all when the company never reported statistics."""
        from_ms, to_ms, interval, starts = _window(request.from_date, request.to_date, request.interval)
        kept = starts[:-1]  # ClearML always drops the last interval (its cutoff compares ms to s)
        out = {}
        for name, active_only in (("total", False), ("active", True)):
            found = await self._stats.activity(identity.company, from_ms, to_ms, interval, active_only)
            counts = dict(found or ())
            dates = kept if found is not None else []
            out[name] = {"dates": dates, "counts": [counts.get(start, 0) for start in dates]}
        return out


def _stat(aggregation: str, starts: list[int], buckets: list[Bucket], split: bool) -> dict[str, Any]:
    """One aggregation's series over ``starts`` (ms), 0.0 where no bucket holds values."""
    by_start = {b.date_ms: b for b in buckets}
    empty = Bucket(0, 0.0, {})
    series = [by_start.get(start, empty) for start in starts]
    variants = sorted({v for b in buckets for v in b.variants}, key=lambda v: (len(v), v))
    resources = []
    if split and len(variants) > 1:
        resources = [{"name": v, "values": [b.variants.get(v, 0.0) for b in series]} for v in variants]
    return {"aggregation": aggregation, "dates": starts, "values": [b.value for b in series],
            "resource_series": resources}

"""Use cases of ``workers.get_stats``, ``workers.get_activity_report`` and
``workers.get_metric_keys``: reads of the machine statistics that ``workers.status_report``
stores (``stats.py``). Intervals are at least 40 s and the last, incomplete interval is left
out, as ClearML does; dates are in seconds from epoch."""

from __future__ import annotations

from typing import Any

from services.queues.stats import MIN_INTERVAL_S, Bucket, StatsRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import workers as generated


def _window(from_date: float, to_date: float, interval: int) -> tuple[int, int, int, float]:
    """(from ms, to ms, interval s, cutoff ms): buckets from the cutoff on are incomplete."""
    if from_date >= to_date:
        raise ApiError.named("fields_value_error", "from_date must be less than to_date")
    interval = max(int(interval), MIN_INTERVAL_S)
    return int(from_date * 1000), int(to_date * 1000), interval, (to_date - 0.9 * interval) * 1000


class WorkerStatsService:
    """Statistics reads of ``workers.*``."""

    def __init__(self, stats: StatsRepository) -> None:
        self._stats = stats

    async def get_metric_keys(self, identity: Identity, request: generated.GetMetricKeysRequest) -> dict[str, Any]:
        """``workers.get_metric_keys``: the reported metric names by category; none -> 400/1005."""
        keys = await self._stats.metric_keys(identity.company, request.worker_ids)
        if not keys:
            raise ApiError.named("worker_stats_not_found", workers=request.worker_ids)
        return {"categories": [{"name": name, "metric_keys": metrics} for name, metrics in sorted(keys.items())]}

    async def get_stats(self, identity: Identity, request: generated.GetStatsRequest) -> dict[str, Any]:
        """``workers.get_stats``: per worker and requested (metric, aggregation), the values
        over time; ``split_by_resource`` adds per-device series of multi-GPU metrics."""
        from_ms, to_ms, interval, cutoff = _window(request.from_date, request.to_date, request.interval)
        workers: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for item in request.items:
            aggregation = item.category.value if item.category else "avg"
            series = await self._stats.series(identity.company, item.key, aggregation, from_ms, to_ms, interval,
                                              request.worker_ids)
            for worker, buckets in series.items():
                stat = _stat(aggregation, [b for b in buckets if b.date_ms < cutoff],
                             request.split_by_resource and item.key.startswith("gpu_"))
                workers.setdefault(worker, {}).setdefault(item.key, []).append(stat)
        return {"workers": [
            {"worker": worker, "metrics": [{"metric": key, "stats": stats} for key, stats in metrics.items()]}
            for worker, metrics in sorted(workers.items())
        ]}

    async def get_activity_report(
        self, identity: Identity, request: generated.GetActivityReportRequest
    ) -> dict[str, Any]:
        """``workers.get_activity_report``: distinct reporting workers (``total``) and those
        running a task (``active``) per interval."""
        from_ms, to_ms, interval, cutoff = _window(request.from_date, request.to_date, request.interval)
        out = {}
        for name, active_only in (("total", False), ("active", True)):
            points = [p for p in await self._stats.activity(identity.company, from_ms, to_ms, interval, active_only)
                      if p[0] < cutoff]
            out[name] = {"dates": [p[0] // 1000 for p in points], "counts": [p[1] for p in points]}
        return out


def _stat(aggregation: str, buckets: list[Bucket], split: bool) -> dict[str, Any]:
    stat: dict[str, Any] = {
        "aggregation": aggregation,
        "dates": [b.date_ms // 1000 for b in buckets],
        "values": [b.value for b in buckets],
    }
    variants = sorted({v for b in buckets for v in b.variants}, key=lambda v: (len(v), v))
    if split and len(variants) > 1:
        stat["resource_series"] = [{"name": v, "values": [b.variants.get(v, 0.0) for b in buckets]} for v in variants]
    return stat

"""Queue metrics: after each change of a queue's entries its length and the average waiting
time of its entries are recorded (``QueueMetricsRepository``: Elasticsearch,
``repository/elastic.py``), and ``queues.get_queue_metrics`` reads them back as date histograms (dates in
milliseconds, as ClearML answers them).

Recording stays off the request path: points are buffered and written in one bulk request
every ``flush_interval_s`` (and before every read, so a read sees every earlier change).
It is best effort: a failed write is logged and never fails (or undoes) the queue change
that triggered it, since a lost metric point is harmless and a popped task whose answer
failed would be lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from services.queues.repository import Point, QueueMetricsRepository
from shared.runtime import Periodic

log = logging.getLogger(__name__)
BEFORE_FROM_S = 3600  # ClearML's metrics_before_from_date: earlier points complete the chart


def metric_doc(company: str, queue: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    entries = [e for e in queue.get("entries") or () if e.get("added")]
    waits = [(now - e["added"]).total_seconds() for e in entries]
    return {
        "timestamp": int(now.timestamp() * 1000), "company": company, "queue": queue["_id"],
        "queue_length": len(entries), "average_waiting_time": sum(waits) / len(waits) if waits else 0.0,
    }


def per_queue(points: list[tuple[int, dict[str, Point]]]) -> list[dict[str, Any]]:
    """``get_queue_metrics`` with ``queue_ids``: one series per queue that has points, in the
    order the queues first show up (as ClearML: a queue without points is left out)."""
    series: dict[str, list[tuple[int, Point]]] = {}
    for date, values in points:
        for queue_id, point in values.items():
            series.setdefault(queue_id, []).append((date, point))
    return [{"queue": queue_id, "dates": [d for d, _ in found], "avg_waiting_times": [p[0] for _, p in found],
             "queue_lengths": [p[1] for _, p in found]} for queue_id, found in series.items()]


def total(points: list[tuple[int, dict[str, Point]]]) -> dict[str, Any]:
    """``get_queue_metrics`` without ``queue_ids``: all queues together (``queue: "total"``);
    a queue without a point in a bucket keeps its previous one; waiting times are averaged
    weighted by queue length."""
    last: dict[str, Point] = {}
    dates, waits, lengths = [], [], []
    for date, values in points:
        last.update(values)
        length = sum(p[1] for p in last.values())
        dates.append(date)
        lengths.append(length)
        waits.append(sum(p[0] * p[1] for p in last.values()) / length if length else 0.0)
    return {"queue": "total", "dates": dates, "avg_waiting_times": waits, "queue_lengths": lengths}


class QueueMetrics(Periodic):
    """Records points after entry changes and answers ``queues.get_queue_metrics``; a
    component (``start`` runs the periodic flush, ``stop`` flushes what is left)."""

    def __init__(self, repo: QueueMetricsRepository, clock: Callable[[], datetime], flush_interval_s: float = 1.0):
        super().__init__("queue metrics flush", flush_interval_s, self.flush)
        self._repo = repo
        self._clock = clock
        self._pending: dict[str, list[dict[str, Any]]] = {}
        # One write at a time: a read waits for a periodic write under way, whose points it
        # could otherwise miss (the read's own flush would find nothing left to write).
        self._writing = asyncio.Lock()

    def record(self, company: str, queues: Sequence[Mapping[str, Any]], now: datetime) -> None:
        """Buffer the queues' current points (no I/O)."""
        self._pending.setdefault(company, []).extend(metric_doc(company, q, now) for q in queues)

    async def flush(self) -> None:
        """Write the buffered points, searchable when it returns."""
        async with self._writing:
            pending, self._pending = self._pending, {}
            for company, docs in pending.items():
                try:
                    await self._repo.add(company, docs, self._clock(), refresh=True)
                except Exception:  # noqa: BLE001 - a metric point must never fail a queue change
                    log.exception("%d queue metric points of company %s not recorded", len(docs), company)

    async def stop(self) -> None:
        await super().stop()
        await self.flush()

    async def read(self, company: str, queue_ids: Sequence[str], per_queue_ids: bool, from_date: float,
                   to_date: float, interval: int) -> list[dict[str, Any]]:
        await self.flush()
        from_ms = int((from_date - BEFORE_FROM_S) * 1000)
        points = await self._repo.histogram(company, queue_ids, from_ms, int(to_date * 1000), max(int(interval), 1))
        return per_queue(points) if per_queue_ids else [total(points)]

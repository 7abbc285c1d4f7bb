"""The periodic queue-metrics refresher (ClearML's ``metrics_refresh_interval_sec``, 300 s):
every ``interval_s`` it records the length and average waiting time of every queue, so
``queues.get_queue_metrics`` draws a time series even while no queue changes.

Work per tick is bounded: at most ``max_queues`` queues are read, in pages of ``page_size``
(``_id`` order, only ``company`` and the entries' ``added`` times); with more queues than
that the next tick goes on where this one stopped. Points go through ``QueueMetrics`` (the
same buffered bulk writes as points of changes), flushed at the end of each tick. A failed
tick is logged and the next one runs as planned. Several queues processes each refresh:
the extra points are harmless (a chart bucket keeps one point per queue).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.queues.queue_metrics import QueueMetrics
from services.queues.repository import Document, QueueRepository
from shared.runtime import Periodic


class QueueMetricsRefresher(Periodic):
    """A component: ``start`` runs the periodic refresh, ``stop`` ends it (a tick under way
    is cancelled; what it recorded is flushed by ``QueueMetrics.stop``)."""

    def __init__(self, queues: QueueRepository, metrics: QueueMetrics, clock: Callable[[], datetime],
                 interval_s: float = 300.0, max_queues: int = 1000, page_size: int = 200) -> None:
        super().__init__("queue metrics refresh", interval_s, self.refresh_once)
        self._queues = queues
        self._metrics = metrics
        self._clock = clock
        self._max = max_queues
        self._page = max(1, min(page_size, max_queues))
        self._after: str | None = None  # where the next tick starts

    async def refresh_once(self) -> int:
        """Record up to ``max_queues`` queues' current points -> how many were recorded."""
        now = self._clock()
        done = 0
        while done < self._max:
            wanted = min(self._page, self._max - done)
            page = await self._queues.page(self._after, wanted)
            self._record(page, now)
            done += len(page)
            self._after = page[-1]["_id"] if page else self._after
            if len(page) < wanted:  # the end: the next tick starts from the first queue
                self._after = None
                break
        await self._metrics.flush()
        return done

    def _record(self, page: list[Document], now: datetime) -> None:
        by_company: dict[str, list[Document]] = {}
        for queue in page:
            by_company.setdefault(queue.get("company") or "", []).append(queue)
        for company, queues in by_company.items():
            self._metrics.record(company, queues, now)


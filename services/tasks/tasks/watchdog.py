"""The watchdog of running tasks (CLEARML_BEHAVIOR section 6): every ``interval_s`` it stops
``in_progress`` tasks of every company whose ``last_update`` is older than ``timeout_s``
(ClearML: 7200 s, every 900 s) with reason "Forced stop (non-responsive)".

Each stop is one conditional update (still in progress and still silent), so a task that
reports meanwhile keeps running, and several tasks processes may sweep at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import TaskRepository
from shared.runtime import Periodic

log = logging.getLogger(__name__)

REASON = "Forced stop (non-responsive)"
SWEEP_BATCH = 1000


class Watchdog(Periodic):
    """A process component (``start``/``stop``) that sweeps periodically."""

    def __init__(self, tasks: TaskRepository, timeout_s: float, interval_s: float, clock: Clock = domain.utc_now):
        super().__init__("watchdog sweep", interval_s, self.sweep)
        self._tasks = tasks
        self._timeout = timedelta(seconds=timeout_s)
        self._clock = clock

    async def sweep(self) -> int:
        """Stop the silent running tasks; returns how many were stopped."""
        now = self._clock()
        before = now - self._timeout
        stopped = 0
        for task in await self._tasks.silent(status.IN_PROGRESS, before, SWEEP_BATCH):
            changes = status.change_fields(status.STOPPED, task.get("user") or "", now, REASON, REASON)
            changes["completed"] = now
            # Still running and silent: a task that reported meanwhile is left alone.
            still = Selection(task["company"], ids=[task["_id"]], statuses=[status.IN_PROGRESS], updated_before=before)
            stopped += await self._tasks.update_many(still, changes)
        if stopped:
            log.info("watchdog stopped %d non-responsive tasks", stopped)
        return stopped

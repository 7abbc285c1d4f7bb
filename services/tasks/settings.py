"""Settings of the tasks process (the shared ``CAIRN_*`` environment variables plus the
watchdog's)."""

from __future__ import annotations

from pydantic import Field

from shared.settings import SharedSettings


class TasksSettings(SharedSettings):
    """Kafka, MongoDB (database ``<CAIRN_DB_PREFIX>cairn_tasks``), topic prefix and RPC limits,
    and the watchdog: ``CAIRN_TASK_WATCHDOG_TIMEOUT_S`` (silence after which a running task is
    stopped; ClearML's 7200 s) and ``CAIRN_TASK_WATCHDOG_INTERVAL_S`` (how often to look)."""

    task_watchdog_timeout_s: float = Field(default=7200.0, gt=0)
    task_watchdog_interval_s: float = Field(default=900.0, gt=0)

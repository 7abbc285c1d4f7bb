"""Settings of the tasks process (the shared ``CAIRN_*`` environment variables plus the
watchdog's)."""

from __future__ import annotations

from pydantic import Field

from shared.settings import SharedSettings


class TasksSettings(SharedSettings):
    """Kafka, MongoDB (database ``<CAIRN_DB_PREFIX>cairn_tasks``), topic prefix and RPC limits,
    and the watchdog: ``CAIRN_TASK_WATCHDOG_TIMEOUT_S`` (silence after which a running task is
    stopped; ClearML's 7200 s) and ``CAIRN_TASK_WATCHDOG_INTERVAL_S`` (how often to look); the
    facts outbox (``shared.messaging.outbox``): ``CAIRN_OUTBOX_LEASE_S`` (how long a recorded
    fact is left to its writer before a drainer publishes it), ``CAIRN_OUTBOX_INTERVAL_S`` (how
    often the outbox is drained) and ``CAIRN_OUTBOX_HOLD_S`` (0; the fault tier's window
    between a change and its publication)."""

    task_watchdog_timeout_s: float = Field(default=7200.0, gt=0)
    task_watchdog_interval_s: float = Field(default=900.0, gt=0)
    # Longer than a request can take (the RPC timeout is 10 s), so a slow writer's fact is
    # rarely published twice; short enough that a crash's facts go out within a minute.
    outbox_lease_s: float = Field(default=30.0, gt=0)
    outbox_interval_s: float = Field(default=10.0, gt=0)
    outbox_hold_s: float = Field(default=0.0, ge=0)

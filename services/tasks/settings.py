"""Settings of the tasks process (the shared ``CAIRN_*`` environment variables)."""

from __future__ import annotations

from shared.settings import SharedSettings


class TasksSettings(SharedSettings):
    """The tasks process needs only the shared settings so far: Kafka, MongoDB (database
    ``<CAIRN_DB_PREFIX>cairn_tasks``), topic prefix and RPC limits."""

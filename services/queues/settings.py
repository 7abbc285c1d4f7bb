"""Settings of the queues process (``CAIRN_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field, model_validator

from shared.settings import SharedSettings


class QueuesSettings(SharedSettings):
    """MongoDB database ``<CAIRN_DB_PREFIX>cairn_queues``, Elasticsearch indices
    ``<es_index_prefix>cairn-stats-*``, plus the shared settings.

    ``worker_default_timeout_s``: a worker registered without a timeout lapses this long
    after its last report (ClearML's ``default_worker_timeout_sec``, 600 s).
    ``es_index_prefix`` isolates test runs; when unset, the lower-cased ``CAIRN_DB_PREFIX``.
    ``queue_metrics_refresh_s``: every queue's length and waiting time are recorded this often
    (ClearML's ``metrics_refresh_interval_sec``), at most ``queue_metrics_refresh_max_queues``
    queues per tick. ``worker_default_timeout_s`` is also the lapse time of a serving
    container that reports without registering (ClearML's ``default_container_timeout_sec``)."""

    worker_default_timeout_s: int = Field(default=600, ge=1)
    queue_metrics_refresh_s: float = Field(default=300.0, gt=0)
    queue_metrics_refresh_max_queues: int = Field(default=1000, ge=1)
    es_index_prefix: str = ""
    es_timeout_s: float = Field(default=30.0, gt=0)

    @model_validator(mode="after")
    def _default_index_prefix(self) -> "QueuesSettings":
        if not self.es_index_prefix and self.db_prefix:
            object.__setattr__(self, "es_index_prefix", self.db_prefix.lower())
        return self

"""Settings of the events process (``CAIRN_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field, model_validator

from shared.settings import TokenSettings


class EventsSettings(TokenSettings):
    """Elasticsearch naming, the ingest consumer's group-commit limits, and the token secret
    (direct producers authenticate ingest messages with a session token).

    ``es_index_prefix`` isolates test runs and parallel checkouts; when unset, the lower-cased
    ``CAIRN_DB_PREFIX`` is used (Elasticsearch index names are lower case)."""

    es_index_prefix: str = ""
    es_timeout_s: float = Field(default=30.0, gt=0)
    # One group commit takes at most this many ingest requests (each a whole add_batch call).
    ingest_max_requests: int = Field(default=200, ge=1)
    ingest_fetch_wait_ms: int = Field(default=5, ge=0, le=5000)
    ingest_retry_s: float = Field(default=1.0, gt=0)
    # A task found by the tasks service takes events without asking again for this long.
    ingest_target_cache_s: float = Field(default=5.0, ge=0)
    # Running metric summaries kept in memory (more are recomputed from the store when needed).
    ingest_summary_cache_size: int = Field(default=20_000, ge=1)
    # At most this many metric/variant pairs are folded into a task's last_metrics (ClearML's
    # max_last_metrics): the task document stays bounded however many series a run reports.
    max_last_metrics: int = Field(default=2000, ge=1)
    # Plots at least this large are stored zlib-compressed (ClearML: 100 kB).
    plot_compress_bytes: int = Field(default=100_000, ge=1)

    # Whole months of events older than this many months are dropped (0: keep everything).
    events_retention_months: int = Field(default=0, ge=0)
    events_retention_check_s: float = Field(default=3600.0, gt=0)

    @model_validator(mode="after")
    def _default_index_prefix(self) -> "EventsSettings":
        if not self.es_index_prefix and self.db_prefix:
            object.__setattr__(self, "es_index_prefix", self.db_prefix.lower())
        return self

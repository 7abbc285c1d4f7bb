"""Settings of the datasets process (``CAIRN_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field, model_validator

from shared.settings import SharedSettings


class DatasetsSettings(SharedSettings):
    """MongoDB database ``<CAIRN_DB_PREFIX>cairn_datasets`` (datasets, versions, dataviews,
    iteration states), Elasticsearch indices ``<es_index_prefix>cairn-frames-<company>-<dataset>``
    (one index per dataset, all of a company's under ``cairn-frames-<company>-*``).

    ``es_index_prefix`` isolates test runs; when unset, the lower-cased ``CAIRN_DB_PREFIX``.
    ``max_frames_per_call``: the most frames one ``save_frames``/``update_frames``/
    ``delete_frames`` call takes (ClearML: 10,000)."""

    es_index_prefix: str = ""
    es_timeout_s: float = Field(default=60.0, gt=0)
    max_frames_per_call: int = Field(default=10_000, ge=1)

    @model_validator(mode="after")
    def _default_index_prefix(self) -> "DatasetsSettings":
        if not self.es_index_prefix and self.db_prefix:
            object.__setattr__(self, "es_index_prefix", self.db_prefix.lower())
        return self

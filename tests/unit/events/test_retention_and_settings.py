"""Retention by month, bulk chunking and settings of the events process."""

from __future__ import annotations

from datetime import UTC, datetime

from services.events.repository import Doc
from services.events.repository.elastic import BULK_BYTES, _chunks
from services.events.retention import expired
from services.events.settings import EventsSettings

NOW = datetime(2026, 3, 15, tzinfo=UTC)


def test_only_months_older_than_the_kept_ones_expire():
    names = [
        "p_cairn-events-log-acme-2026-03",
        "p_cairn-events-log-acme-2026-02",
        "p_cairn-events-plot-acme-2026-01",
        "p_cairn-events-plot-acme-2025-12",
        "q_cairn-events-plot-acme-2020-01",  # another prefix: never ours to drop
        "p_cairn-events-plot-acme",
    ]
    assert expired(names, "p_", 2, NOW) == ["p_cairn-events-plot-acme-2025-12", "p_cairn-events-plot-acme-2026-01"]
    assert len(expired(names, "p_", 1, NOW)) == 3 and "p_cairn-events-log-acme-2026-02" in expired(names, "p_", 1, NOW)
    assert expired(names, "p_", 0, NOW) == []


def test_bulk_requests_are_split_by_size():
    big = "x" * (BULK_BYTES // 3)
    docs = [Doc("i", str(n), {"msg": big}) for n in range(7)]
    chunks = list(_chunks(docs))
    assert [len(c) for c in chunks] == [2, 2, 2, 1]
    assert sum(chunks, []) == docs
    assert [len(c) for c in _chunks([Doc("i", str(n), {"value": 1}) for n in range(1000)])] == [1000]


def test_index_prefix_defaults_to_the_lower_cased_db_prefix():
    settings = EventsSettings(dev_mode=True, db_prefix="T123_")
    assert settings.es_index_prefix == "t123_"
    assert EventsSettings(dev_mode=True, db_prefix="T1_", es_index_prefix="x_").es_index_prefix == "x_"
    assert EventsSettings(dev_mode=True).es_index_prefix == ""

"""Where events are stored in Elasticsearch: an index per prefix, type, company and month (old
months are dropped whole), read through a pattern per company, with one index template."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.elastic import monthly_template, safe_company


def index_name(prefix: str, event_type: str, company: str, when_ms: int) -> str:
    """``<prefix>cairn-events-<type>-<company>-<yyyy-mm>``: old months are dropped whole."""
    month = datetime.fromtimestamp(when_ms / 1000, UTC).strftime("%Y-%m")
    return f"{prefix}cairn-events-{event_type}-{safe_company(company)}-{month}"


def read_pattern(prefix: str, company: str, event_type: str | None = None) -> str:
    """The indices of one company (and type) across months; queries also filter on company_id."""
    return f"{prefix}cairn-events-{event_type or '*'}-{safe_company(company)}-*"


def index_template(prefix: str) -> dict[str, Any]:
    """Mappings of every events index (ClearML's fields; unknown fields kept in _source only)."""
    keyword = {"type": "keyword"}
    properties = {
        **{name: keyword for name in ("task", "type", "worker", "metric", "variant", "company_id", "key", "url",
                                      "level")},
        "@timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
        "timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
        "iter": {"type": "long"},
        "cairn_id": keyword,  # the document id again: a sortable tie-breaker for paging
        "value": {"type": "double"},
        "model_event": {"type": "boolean"},
        "msg": {"type": "text", "index": False},
        "plot_str": {"type": "text", "index": False},
        "plot_data": {"type": "binary"},
    }
    return monthly_template(f"{prefix}cairn-events-*", properties)

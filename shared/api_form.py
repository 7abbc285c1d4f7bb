"""Stored documents in ClearML's API form (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any


def to_api(value: Any) -> Any:
    """A stored value in API form: ``_id`` -> ``id``, datetimes -> ISO 8601 strings (UTC)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat()
    if isinstance(value, Mapping):
        return {("id" if key == "_id" else key): to_api(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_api(item) for item in value]
    return value

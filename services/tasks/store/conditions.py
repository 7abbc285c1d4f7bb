"""One ClearML ``get_all`` filter field -> a MongoDB condition, for the fields that are not
list filters (``services.tasks.store.queries``): ``[min, max]`` ranges and date comparisons, with the
conversions of their values. Pure.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from shared.errors import ApiError


def bad_value(field_name: str, msg: str, **data: Any) -> ApiError:
    """ClearML's answer to a filter value it cannot use: 400/16 fields_value_error."""
    return ApiError.named("fields_value_error", msg, field=field_name, **data)


_DATE_PREFIXES = {">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt", "": "$eq"}
_COMPARISONS = (">=", ">", "<=", "<")
_DATE_RE = re.compile(r"^(>=|>|<=|<)?(.*)$", re.DOTALL)


def as_date(field_name: str, value: Any) -> datetime:
    """An ISO date (UTC when it names no zone) -> datetime; anything else -> 400/16."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise bad_value(field_name, "failed parsing query field", value=str(value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def as_number(field_name: str, value: Any) -> int | float:
    """A number, or a string of one (``active_duration``, ``last_iteration``); else 400/16."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_value(field_name, "failed parsing query field", value=str(value)) from None


def metric_value(field_name: str, value: Any) -> Any:
    """``last_metrics.*`` bounds: a numeric string compares as the number, as in ClearML."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def range_condition(field_name: str, data: Any, convert=lambda _name, v: v) -> dict[str, Any]:
    """``[min, max]`` (both ends included) -> a range on ``field_name``; an open end is
    ``None``, and an open minimum also matches a missing value. Not two values, or neither
    end given -> 400/12, as in ClearML."""
    if not isinstance(data, (list, tuple)) or len(data) != 2:
        raise ApiError.named("validation_error", f"Min and max values should be specified for range field "
                             f"{field_name}", field=field_name)
    low, high = data
    if low is None and high is None:
        raise ApiError.named("validation_error", "At least one of min or max values should be provided for "
                             f"field {field_name}", field=field_name)
    bounds = {op: convert(field_name, v) for op, v in (("$gte", low), ("$lte", high)) if v is not None}
    if low is None:
        return {"$or": [{field_name: bounds}, {field_name: None}]}
    return {field_name: bounds}


def date_condition(field_name: str, values: Any) -> dict[str, Any]:
    """``[">=2024-01-01", "<2024-02-01T10:00:00"]`` (or one such string) -> comparisons on
    ``field_name``; entries that are not dates are ignored, as in ClearML. Two entries without
    a prefix are a ``[from, to]`` range (``range_condition``)."""
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    prefixed = any(isinstance(v, str) and v.startswith(_COMPARISONS) for v in values)
    if len(values) == 2 and not prefixed:
        return range_condition(field_name, values, as_date)
    condition: dict[str, Any] = {}
    for text in values:
        if not isinstance(text, str):
            raise bad_value(field_name, "failed parsing query field", value=str(text))
        prefix, value = _DATE_RE.match(text.strip()).groups()
        try:
            condition[_DATE_PREFIXES[prefix or ""]] = as_date(field_name, value)
        except ApiError:
            continue
    return {field_name: condition} if condition else {}

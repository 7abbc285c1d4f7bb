"""The ClearML response envelope, built in one place for successes and errors alike.

``{"meta": {id, trx, endpoint{name, requested_version, actual_version}, result_code,
result_subcode, result_msg, error_stack, error_data}, "data": ...}``; the HTTP status equals
``result_code`` (CLEARML_BEHAVIOR section 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.endpoints import Version, format_version
from shared.errors import ApiError


@dataclass
class CallInfo:
    """What the envelope reports about the call; filled in as the request is parsed."""

    id: str
    trx: str
    name: str | None = None
    requested: Version | None = None
    actual: Version | None = None
    extra_headers: list[tuple[str, str]] = field(default_factory=list)


def _version_value(version: Version | None, legacy: bool) -> Any:
    if version is None:
        return None
    text = format_version(version)
    # ClearML emits both versions as numbers when the caller asked for a version below 2.1.
    return float(text) if legacy else text


def envelope(call: CallInfo, data: Any = None, error: ApiError | None = None) -> dict[str, Any]:
    legacy = call.requested is not None and call.requested < (2, 1)
    return {
        "meta": {
            "id": call.id,
            "trx": call.trx,
            "endpoint": {
                "name": call.name,
                "requested_version": _version_value(call.requested, legacy),
                "actual_version": _version_value(call.actual, legacy),
            },
            "result_code": error.code if error else 200,
            "result_subcode": error.subcode if error else 0,
            "result_msg": error.message if error else "OK",
            "error_stack": None,
            "error_data": error.to_dict()["data"] if error else {},
        },
        "data": {} if error or data is None else data,
    }

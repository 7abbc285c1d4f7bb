"""The ClearML response envelope, built in one place for successes and errors alike.

``{"meta": {id, trx, endpoint{name, requested_version, actual_version}, result_code,
result_subcode, result_msg, error_stack, error_data}, "data": ...}``; the HTTP status equals
``result_code`` (CLEARML_BEHAVIOR section 2). A service may instead answer a file: see ``RAW_KEY``.
"""

from __future__ import annotations

import base64
import gzip
from dataclasses import dataclass, field
from typing import Any

from shared.endpoints import Version, format_version
from shared.errors import ApiError
from shared.schemas.routers import REDIRECT_KEY


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


# ---------------------------------------------------------------- raw (file) answers
#
# A few ClearML endpoints answer a file instead of the envelope (``events.download_task_log``;
# CLEARML_BEHAVIOR section 2: "raw responses bypass the envelope and may set
# Content-Disposition"). A service asks for that by answering, as its RPC data, one object
# with the single key ``RAW_KEY``:
#
#     {"cairn_raw": {"content_type": "text/plain", "filename": "task_<id>.log",
#                    "text": "<the body>"}}
#
# or ``"base64": "<the bytes, base64>"`` instead of ``text``, with ``"encoding": "gzip"`` when
# those bytes are gzip-compressed (a big log crosses Kafka compressed; the caller gets it whole).
#
# The gateway then answers HTTP 200 with that body, ``Content-Type: <content_type>`` and, when
# a filename is given, ``Content-Disposition: attachment; filename="<filename>"``. Errors are
# still answered as envelopes (the service raises ApiError as usual). Only the endpoints in
# ``FILE_ENDPOINTS`` may answer a file: anything else answering that shape (an echo of the
# caller's own data, say) stays JSON, so a caller can never make the API serve a page.

RAW_KEY = "cairn_raw"
FILE_ENDPOINTS = frozenset({"events.download_task_log", "frames.download_for_dataview",
                            "organization.download_for_get_all", "sso.download_saml_sp_metadata",
                            "apps.get_asset"})


@dataclass(frozen=True)
class RawBody:
    """A file answer: the bytes and how to present them."""

    body: bytes
    content_type: str = "application/octet-stream"
    filename: str | None = None

    def headers(self, trx: str) -> list[tuple[str, str]]:
        headers = [("content-type", self.content_type), ("x-clearml-trx", trx)]
        if self.filename:
            headers.append(("content-disposition", f'attachment; filename="{_quoted(self.filename)}"'))
        return headers


def raw_body(endpoint: str | None, data: Any) -> RawBody | None:
    """The file a service answered (see ``RAW_KEY``), or None for an ordinary JSON answer."""
    if endpoint not in FILE_ENDPOINTS or not isinstance(data, dict) or len(data) != 1:
        return None
    if not isinstance(data.get(RAW_KEY), dict):
        return None
    raw = data[RAW_KEY]
    if isinstance(raw.get("base64"), str):
        body = base64.b64decode(raw["base64"])
        if raw.get("encoding") == "gzip":
            body = gzip.decompress(body)
    else:
        body = str(raw.get("text") or "").encode()
    content_type = raw.get("content_type") if isinstance(raw.get("content_type"), str) else None
    filename = raw.get("filename") if isinstance(raw.get("filename"), str) else None
    return RawBody(body, content_type or "application/octet-stream", filename or None)


def _quoted(filename: str) -> str:
    """A filename safe inside a quoted header value (latin-1, no quotes or line breaks)."""
    safe = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in filename)
    return safe.encode("latin-1", "replace").decode("latin-1")


# The endpoints that answer a browser with a redirect (``auth.redirect_to_router``): the
# service answers ``{REDIRECT_KEY: url}``; the client gets a 302 to ``url`` whose body is
# the ordinary envelope with the rest of the data.
REDIRECT_ENDPOINTS = frozenset({"auth.redirect_to_router"})


def split_redirect(endpoint: str | None, data: Any) -> tuple[Any, str | None]:
    """(the data without the redirect, the URL to redirect to or None)."""
    if endpoint not in REDIRECT_ENDPOINTS or not isinstance(data, dict) or not isinstance(data.get(REDIRECT_KEY), str):
        return data, None
    return {k: v for k, v in data.items() if k != REDIRECT_KEY}, data[REDIRECT_KEY]

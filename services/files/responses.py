"""Answers of the files server: JSON bodies and errors, CORS, and the ASGI send calls."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import orjson

from shared.cors import cors_headers


class FilesError(Exception):
    """A refused request: HTTP ``status`` and a message for the client (never internals)."""

    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or []


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


def json_response(status: int, data) -> Response:
    return Response(status, orjson.dumps(data), [("content-type", "application/json")])


def error_response(status: int, message: str, subcode: int = 0) -> Response:
    meta = {"result_code": status, "result_subcode": subcode, "result_msg": message}
    return json_response(status, {"meta": meta, "data": {}})


# Headers the web UI reads from a download (its file name, a range's extent and size).
_EXPOSED = ("content-disposition", "content-range", "content-length")
_DEFAULT_ALLOWED = "authorization, content-type, range, x-clearml-client"


def common_headers(request_headers: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every answer's headers: CORS for the web UI's origin (shared.cors), the server name."""
    cors = cors_headers(request_headers, "GET, HEAD, POST, DELETE, OPTIONS", _DEFAULT_ALLOWED, _EXPOSED)
    return [*cors, ("server", "clearml"), ("x-content-type-options", "nosniff")]


async def send_start(send, status: int, headers: list[tuple[str, str]]) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
    })


async def send_response(send, response: Response, request_headers: Mapping[str, str]) -> None:
    headers = [*response.headers, *common_headers(request_headers)]
    if not any(k == "content-length" for k, _ in headers):
        headers.append(("content-length", str(len(response.body))))
    await send_start(send, response.status, headers)
    await send({"type": "http.response.body", "body": response.body})

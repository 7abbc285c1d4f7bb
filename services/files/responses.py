"""Answers of the files server: JSON bodies and errors, CORS, and the ASGI send calls."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson


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


def common_headers(origin: str) -> list[tuple[str, str]]:
    return [
        ("access-control-allow-origin", origin or "*"),
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", "GET, HEAD, POST, DELETE, OPTIONS"),
        ("access-control-allow-headers", "*"),
        ("access-control-expose-headers", "content-disposition, content-range, content-length"),
        ("access-control-max-age", "600"),
        ("server", "clearml"),
        ("x-content-type-options", "nosniff"),
    ]


async def send_start(send, status: int, headers: list[tuple[str, str]]) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
    })


async def send_response(send, response: Response, origin: str) -> None:
    headers = [*response.headers, *common_headers(origin)]
    if not any(k == "content-length" for k, _ in headers):
        headers.append(("content-length", str(len(response.body))))
    await send_start(send, response.status, headers)
    await send({"type": "http.response.body", "body": response.body})

"""The ASGI application: raw HTTP in, :class:`ApiGateway` calls out.

No web framework: every path is an API call (as in ClearML), plus ``/_health`` (this process
is up), ``/_ready`` (every implemented service answers over Kafka) and CORS preflight.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import orjson

from services.gateway.service import MAX_BODY, ApiGateway, HttpRequest, HttpResponse
from shared.cors import cors_headers

log = logging.getLogger(__name__)


ReadyCheck = Callable[[], Awaitable[dict[str, bool]]]


# What a browser page may send when its preflight names no headers: the ones ClearML's
# clients use.
_DEFAULT_ALLOWED_HEADERS = ("authorization, content-type, x-clearml-client, x-clearml-worker, x-clearml-trx, "
                            "x-clearml-impersonate-as, x-clearml-act-as, x-clearml-async")


def _cors_headers(headers: dict[str, str]) -> list[tuple[str, str]]:
    """CORS with credentials, as ClearML answers its web UI on another origin (shared.cors)."""
    return cors_headers(headers, "GET, POST, PUT, DELETE, OPTIONS", _DEFAULT_ALLOWED_HEADERS)


class AsgiApp:
    def __init__(self, gateway: ApiGateway, ready: ReadyCheck, openapi: Callable[[], dict] | None = None,
                 max_body: int = MAX_BODY) -> None:
        self._gateway = gateway
        self._max_body = max_body
        self._ready = ready
        self._openapi = openapi
        self._openapi_body: bytes | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        response = await self._dispatch(scope, receive, headers)
        response.headers.extend(_cors_headers(headers))
        response.headers.append(("server", "clearml"))
        await send(
            {
                "type": "http.response.start",
                "status": response.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.headers],
            }
        )
        await send({"type": "http.response.body", "body": response.body})

    async def _dispatch(self, scope, receive, headers: dict[str, str]) -> HttpResponse:
        method, path = scope["method"].upper(), scope["path"]
        if method == "OPTIONS":
            return HttpResponse(200, b"")
        if path == "/_health":
            return _json(200, {"status": "up"})
        if path == "/_ready":
            processes = await self._ready()
            return _json(200 if all(processes.values()) else 503, {"ready": all(processes.values()), "processes": processes})
        if path == "/openapi.json" and self._openapi is not None:
            if self._openapi_body is None:  # built on first use: start-up stays fast
                self._openapi_body = orjson.dumps(self._openapi())
            return HttpResponse(200, self._openapi_body, [("content-type", "application/json")])
        body = await _read_body(receive, self._max_body)
        request = HttpRequest(method, path, scope.get("query_string", b"").decode("latin-1"), headers,
                              body or b"", too_large=body is None, client=(scope.get("client") or ("",))[0])
        return await self._gateway.handle(request)


async def _read_body(receive, max_body: int) -> bytes | None:
    """The whole body, or None once it grows past ``max_body`` (the rest is not kept)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_body:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _json(status: int, data: dict) -> HttpResponse:
    return HttpResponse(status, orjson.dumps(data), [("content-type", "application/json")])

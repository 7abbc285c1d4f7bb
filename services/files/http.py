"""The files server's ASGI application (CLEARML_BEHAVIOR sections 11 and 17.4).

``GET /`` ping, ``POST /`` upload (see :mod:`services.files.uploads`), ``GET|HEAD /<path>``
streamed download (``?download`` -> attachment, one ``Range`` -> 206), ``DELETE /<path>``,
``POST /delete_many {"files": [...]}``. Every request but the ping needs the session JWT;
objects are looked up in the caller's company folder only, so another company's file is
simply not found. Under a task's folder the task's access rules apply (``access.py``).
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import parse_qs

import orjson

from services.files import downloads, paths
from services.files.access import FileAccess, OpenAccess, tasks_under
from services.files.auth import FilesAuth, token_of
from services.files.removal import delete_many
from services.files.responses import FilesError, Response, error_response, json_response, send_response
from services.files.storage import LocalStore
from services.files.uploads import DRAIN_LIMIT, Body, ClientGone, UploadReceiver
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

log = logging.getLogger(__name__)

MAX_JSON_BODY = 16 * 1024 * 1024


class Request:
    def __init__(self, scope) -> None:
        self.method: str = scope["method"].upper()
        self.path: str = scope["path"]
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)

    @property
    def content_length(self) -> int | None:
        try:
            return int(self.headers["content-length"])
        except (KeyError, ValueError):
            return None


class Sent:
    """``send`` that remembers whether the response has started."""

    def __init__(self, send) -> None:
        self._send = send
        self.started = False

    async def __call__(self, message) -> None:
        self.started = True
        await self._send(message)


class FilesApp:
    """``access``: the access rules on task folders (``access.py``; open when not given)."""

    def __init__(self, store: LocalStore, auth: FilesAuth, max_upload_bytes: int,
                 access: FileAccess | None = None) -> None:
        self._access = access or OpenAccess()
        self._store = store
        self._auth = auth
        self._max_upload = max_upload_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope)
        body, sent = Body(receive), Sent(send)
        try:
            response = await self._dispatch(request, body, sent)
        except ApiError as exc:
            response = error_response(exc.code, exc.message, exc.subcode)
        except FilesError as exc:
            response = error_response(exc.status, exc.message)
            response.headers.extend(exc.headers)
        except ClientGone:
            return
        except Exception:  # noqa: BLE001 - never a traceback to the client
            log.exception("files request failed: %s %s", request.method, request.path)
            response = error_response(500, "internal error of the files server")
        if response is None:
            return
        if sent.started:  # failed while streaming: the client sees a short body
            return
        if response.status >= 400:
            if _declared_beyond_drain(request):  # refused up front: not a byte of it is read
                response.headers.append(("connection", "close"))
            else:
                await body.drain()  # so the client reads the answer instead of a reset connection
        await send_response(sent, response, request.headers)

    async def _dispatch(self, request: Request, receive, send) -> Response | None:
        """The response to send, or None when it was streamed already."""
        method = request.method
        if method == "OPTIONS":
            return Response(200)
        if request.headers.get("content-encoding"):
            raise FilesError(415, f"content encoding is not supported ({request.headers['content-encoding']})")
        if request.path == "/" and method in ("GET", "HEAD"):
            if token_of(request.headers.get("authorization", ""), request.headers.get("cookie", "")):
                self._identity(request)  # a token sent with the ping must be valid
            return Response(200, b"OK", [("content-type", "text/plain; charset=utf-8")])
        identity = self._identity(request)
        if request.path == "/" and method == "POST":
            receiver = UploadReceiver(self._store, identity.company, self._max_upload,
                                      lambda path: self._access.require_write(identity, path))
            return await receiver.receive(receive, request.headers.get("content-type", ""), request.content_length)
        if request.path == "/delete_many" and method == "POST":
            body = await _json_body(receive, request)
            return json_response(200, await delete_many(self._store, identity.company, body,
                                                        lambda path: self._writable(identity, path)))
        if method in ("GET", "HEAD"):
            path, _ = downloads.resolve_or_400(self._store, identity.company, request.path)
            await self._access.require_read(identity, path)
            await downloads.send_object(send, self._store, identity.company, request)
            return None
        if method == "DELETE":
            return await self._delete(identity, request.path)
        raise FilesError(405, f"method {method} is not allowed here")

    async def _writable(self, identity: Identity, path: str) -> bool:
        """``delete_many``: the path's task, and every task folder under a folder path."""
        target = paths.company_dir(self._store.root, identity.company).joinpath(*path.split("/"))
        under = await asyncio.to_thread(tasks_under, str(target)) if target.is_dir() else []
        return await self._access.may_delete(identity, path, under)

    def _identity(self, request: Request) -> Identity:
        return self._auth.authenticate(request.headers.get("authorization", ""), request.headers.get("cookie", ""))

    async def _delete(self, identity: Identity, raw_path: str) -> Response:
        """``DELETE /<path>``: the file, or 404; answers the path as a JSON string."""
        path, target = downloads.resolve_or_400(self._store, identity.company, raw_path)
        await self._access.require_write(identity, path)
        base = paths.company_dir(self._store.root, identity.company)
        if not await asyncio.to_thread(self._store.delete_file, target, base):
            raise FilesError(404, f"File {path} not found")
        log.info("deleted %s of company %s", path, identity.company)
        return json_response(200, path)


def _declared_beyond_drain(request: Request) -> bool:
    """A body declared larger than a refused body is worth reading to its end (a 3 GB
    ``Content-Length`` is answered at once and the connection closed)."""
    return (request.content_length or 0) > DRAIN_LIMIT


async def _json_body(receive, request: Request):
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_JSON_BODY:
            raise FilesError(413, "request body too large")
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    try:
        return orjson.loads(b"".join(chunks))
    except orjson.JSONDecodeError:
        raise FilesError(400, "the body is not valid JSON") from None

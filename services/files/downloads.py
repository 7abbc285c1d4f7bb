"""``GET|HEAD /<path>``: the object streamed from disk, with ``?download`` (attachment) and
single ``Range`` requests (206 / 416)."""

from __future__ import annotations

import asyncio
import mimetypes
from email.utils import formatdate
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from services.files import paths
from services.files.ranges import Unsatisfiable, parse_range
from services.files.responses import FilesError, common_headers, send_start
from services.files.storage import LocalStore

CHUNK = 256 * 1024
# Objects are what users uploaded: an HTML page opened from this server would run its scripts
# in the files server's origin, on the same host as the API (cookies ignore ports, and the
# API answers CORS with credentials), so it could act with the viewer's session. Sandboxed,
# a page keeps its own scripts (the web UI shows HTML debug samples in frames) but runs in an
# opaque origin: no session cookie, no same-site requests.
SANDBOX = ("content-security-policy", "sandbox allow-scripts allow-popups")


def resolve_or_400(store: LocalStore, company: str, raw: str) -> tuple[str, Path]:
    try:
        return paths.resolve(store.root, company, raw)
    except paths.BadPath as exc:
        raise FilesError(400, f"invalid object path: {exc}") from None


def content_type(name: str) -> str:
    kind, encoding = mimetypes.guess_type(name)
    if encoding or not kind:  # a .gz (or unknown) file is sent as it is stored
        return "application/octet-stream"
    return kind


def attachment(name: str) -> str:
    """``Content-Disposition`` for ``?download``: an ASCII fallback plus the UTF-8 name."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


async def send_object(send, store: LocalStore, company: str, request) -> None:
    path, target = resolve_or_400(store, company, request.path)
    opened = await asyncio.to_thread(store.open_file, target)
    if opened is None:
        raise FilesError(404, f"File {path} not found")
    handle, size, mtime = opened
    try:
        try:
            span = parse_range(request.headers.get("range"), size)
        except Unsatisfiable:
            raise FilesError(416, "the requested range is not satisfiable",
                             [("content-range", f"bytes */{size}")]) from None
        name = PurePosixPath(path).name
        headers = [("content-type", content_type(name)), ("accept-ranges", "bytes"),
                   ("last-modified", formatdate(mtime, usegmt=True)), SANDBOX]
        if "download" in request.query:
            headers.append(("content-disposition", attachment(name)))
        first, last = span if span else (0, size - 1)
        if span:
            headers.append(("content-range", f"bytes {first}-{last}/{size}"))
        headers.append(("content-length", str(last - first + 1)))
        await send_start(send, 206 if span else 200, [*headers, *common_headers(request.headers)])
        if request.method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        await _stream(send, handle, first, last - first + 1)
    finally:
        handle.close()


async def _stream(send, handle, offset: int, length: int) -> None:
    await asyncio.to_thread(handle.seek, offset)
    left = length
    while left > 0:
        chunk = await asyncio.to_thread(handle.read, min(CHUNK, left))
        if not chunk:  # the file shrank while being sent: end the body short
            break
        left -= len(chunk)
        await send({"type": "http.response.body", "body": chunk, "more_body": left > 0})
    if left > 0:
        await send({"type": "http.response.body", "body": b""})

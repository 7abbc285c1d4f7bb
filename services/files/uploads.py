"""``POST /``: a multipart/form-data body whose file fields are named by their target paths
(the SDK's ``_HttpDriver`` sends one field whose name and filename are the object path).

Answers the list of stored paths (as ClearML's file server does). Every file is received into
a temp file and renamed into place only once the whole body arrived and parsed, so a refused
or broken upload (too large, a bad path, a client that went away) keeps nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from services.files import paths
from services.files.multipart import MultipartError, MultipartParser, PartEnd, PartStart, boundary_of
from services.files.responses import FilesError, Response, json_response
from services.files.storage import LocalStore, PathConflict, Upload

# After refusing a body, read (and drop) at most this much more of it so the client gets the
# answer instead of a reset connection; bigger bodies are cut off.
DRAIN_LIMIT = 64 * 1024 * 1024


class ClientGone(Exception):
    """The client disconnected before the body ended."""


class UploadReceiver:
    def __init__(self, store: LocalStore, company: str, max_bytes: int,
                 writable: Callable[[str], Awaitable[None]] | None = None) -> None:
        self._writable = writable  # raises unless the caller may write the path (access rules)
        self._store = store
        self._company = company
        self._max = max_bytes
        self._done: list[Upload] = []
        self._current: Upload | None = None

    def too_large(self) -> FilesError:
        mb = self._max // (1024 * 1024)
        return FilesError(413, f"upload too large: the files server accepts at most {mb} MB per request "
                               f"(CAIRN_FILES_MAX_UPLOAD_MB)")

    async def receive(self, receive, content_type: str, content_length: int | None) -> Response:
        if content_length is not None and content_length > self._max:
            raise self.too_large()
        try:
            parser = MultipartParser(boundary_of(content_type))
        except MultipartError as exc:
            raise FilesError(400, str(exc)) from None
        try:
            await self._read(receive, parser)
            for upload in self._done:
                await self._store.commit(upload)
        except PathConflict:
            raise FilesError(400, "the path conflicts with an existing file or folder") from None
        finally:
            self._discard()
        return json_response(200, [u.path for u in self._done])

    async def _read(self, receive, parser: MultipartParser) -> None:
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGone()
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self._max:
                raise self.too_large()
            try:
                await self._apply(parser.feed(chunk))
                if not message.get("more_body"):
                    parser.finish()
                    return
            except MultipartError as exc:
                raise FilesError(400, f"malformed multipart body: {exc}") from None

    async def _apply(self, events) -> None:
        for event in events:
            if isinstance(event, PartStart):
                self._current = await self._begin(event) if event.filename is not None else None
            elif isinstance(event, PartEnd):
                if self._current is not None:
                    self._done.append(self._current)
                self._current = None
            elif self._current is not None:
                await self._current.write(event)

    async def _begin(self, part: PartStart) -> Upload:
        try:
            path, target = paths.resolve(self._store.root, self._company, part.name)
        except paths.BadPath as exc:
            raise FilesError(400, f"invalid object path {part.name!r}: {exc}") from None
        if self._writable is not None:  # refused: nothing of the request is kept
            await self._writable(path)
        return self._store.begin(target, path)

    def _discard(self) -> None:
        """Remove the temp files of everything not renamed into place."""
        for upload in [*self._done, *([self._current] if self._current else [])]:
            if upload.temp.exists():
                LocalStore.discard(upload)
            else:
                upload.close()


class Body:
    """``receive`` that remembers whether the body ended, so a refused one can be drained."""

    def __init__(self, receive) -> None:
        self._receive = receive
        self.done = False

    async def __call__(self):
        message = await self._receive()
        if message["type"] == "http.disconnect" or not message.get("more_body"):
            self.done = True
        return message

    async def drain(self, limit: int = DRAIN_LIMIT) -> None:
        """Read and drop the rest of the body (up to ``limit`` bytes; bigger ones are cut off)."""
        read = 0
        while not self.done and read <= limit:
            read += len((await self()).get("body", b""))

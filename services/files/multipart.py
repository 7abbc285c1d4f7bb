"""A streaming ``multipart/form-data`` parser (RFC 7578), sans I/O.

Bytes go in with :meth:`MultipartParser.feed` in chunks of any size; events come out:
:class:`PartStart` (the part's field name, file name and headers), then its body as
``bytes`` chunks, then :class:`PartEnd`. Nothing is buffered beyond one boundary's length
(plus a part's headers, bounded), so a 2 GB upload goes to disk as it arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

MAX_HEADER_BYTES = 16 * 1024


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


@dataclass
class PartStart:
    name: str
    filename: str | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class PartEnd:
    pass


Event = PartStart | PartEnd | bytes

_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def boundary_of(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data; boundary=...`` content type."""
    kind, params = parse_header(content_type)
    boundary = params.get("boundary", "")
    if kind != "multipart/form-data" or not boundary or len(boundary) > 200:
        raise MultipartError("expected a multipart/form-data body with a boundary")
    return boundary.encode("latin-1")


def parse_header(value: str) -> tuple[str, dict[str, str]]:
    """``form-data; name="a"; filename*=utf-8''b`` -> ("form-data", {"name": "a", "filename": "b"})."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(";" + rest):
        key = key.lower()
        if raw.startswith('"'):
            raw = re.sub(r'\\([\\"])', r"\1", raw[1:-1])  # only \" and \\ are escapes
        else:
            raw = raw.strip()
        if key.endswith("*"):  # RFC 2231/5987: charset'language'percent-encoded
            charset, _, encoded = raw.partition("'")
            _lang, _, encoded = encoded.partition("'")
            try:
                params[key[:-1]] = unquote(encoded, encoding=charset or "utf-8", errors="strict")
            except (LookupError, UnicodeDecodeError):
                raise MultipartError(f"undecodable {key} parameter") from None
        elif key not in params:
            params[key] = raw
    return main.strip().lower(), params


class MultipartParser:
    def __init__(self, boundary: bytes, max_header_bytes: int = MAX_HEADER_BYTES) -> None:
        self._delimiter = b"\r\n--" + boundary
        self._max_header = max_header_bytes
        self._buffer = bytearray(b"\r\n")  # the first boundary has no CRLF before it
        self._state = "preamble"

    @property
    def done(self) -> bool:
        return self._state == "done"

    def feed(self, data: bytes) -> list[Event]:
        if self._state == "done":
            return []  # the epilogue is ignored
        self._buffer += data
        events: list[Event] = []
        while self._step(events):
            pass
        return events

    def finish(self) -> None:
        """Call at the end of the body: a missing closing boundary is an error."""
        if self._state != "done":
            raise MultipartError("the multipart body ended before its closing boundary")

    def _step(self, events: list[Event]) -> bool:
        """One state transition; False when more bytes are needed."""
        if self._state == "preamble":
            return self._preamble()
        if self._state == "delimiter":
            return self._after_delimiter()
        if self._state == "headers":
            return self._headers(events)
        if self._state == "body":
            return self._body(events)
        return False

    def _preamble(self) -> bool:
        at = self._buffer.find(self._delimiter)
        if at < 0:
            keep = len(self._delimiter) - 1
            if len(self._buffer) > keep:
                del self._buffer[: len(self._buffer) - keep]
            return False
        del self._buffer[: at + len(self._delimiter)]
        self._state = "delimiter"
        return True

    def _after_delimiter(self) -> bool:
        if len(self._buffer) < 2:
            return False
        if self._buffer[:2] == b"--":
            self._state = "done"
            self._buffer.clear()
            return False
        end = self._buffer.find(b"\r\n")
        if end < 0:
            if len(self._buffer) > 256:
                raise MultipartError("malformed boundary line")
            return False
        if self._buffer[:end].strip(b" \t"):  # only transport padding may follow a boundary
            raise MultipartError("malformed boundary line")
        del self._buffer[: end + 2]
        self._state = "headers"
        return True

    def _headers(self, events: list[Event]) -> bool:
        if self._buffer[:2] == b"\r\n":  # a part without headers
            end, block = 0, b""
        else:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > self._max_header:
                    raise MultipartError("part headers too large")
                return False
            block = bytes(self._buffer[:end])
            end += 2
        del self._buffer[: end + 2]
        events.append(_part_start(block))
        self._state = "body"
        return True

    def _body(self, events: list[Event]) -> bool:
        at = self._buffer.find(self._delimiter)
        if at < 0:
            keep = len(self._delimiter) - 1
            if len(self._buffer) > keep:
                events.append(bytes(self._buffer[: len(self._buffer) - keep]))
                del self._buffer[: len(self._buffer) - keep]
            return False
        if at:
            events.append(bytes(self._buffer[:at]))
        del self._buffer[: at + len(self._delimiter)]
        events.append(PartEnd())
        self._state = "delimiter"
        return True


def _part_start(block: bytes) -> PartStart:
    headers: dict[str, str] = {}
    for line in block.split(b"\r\n"):
        if not line:
            continue
        key, sep, value = line.partition(b":")
        if not sep:
            raise MultipartError("malformed part header")
        headers[key.decode("latin-1").strip().lower()] = value.decode("utf-8", errors="replace").strip()
    kind, params = parse_header(headers.get("content-disposition", ""))
    if kind != "form-data" or "name" not in params:
        raise MultipartError("a part without 'Content-Disposition: form-data; name=...'")
    return PartStart(params["name"], params.get("filename"), headers)

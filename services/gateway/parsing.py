"""Pure parsing of ClearML HTTP requests: the URL form, the version, and the body.

ClearML accepts ``[/]v<major>.<minor>/<service>.<action>[/]`` or ``[/]<service>.<action>``,
any HTTP method (the SDK sends GET with a JSON body), query-string and form values merged into
the body, and JSON-lines bodies for batch endpoints (CLEARML_BEHAVIOR section 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import orjson

from shared.endpoints import Version
from shared.errors import ApiError

# What MongoDB and Elasticsearch can store, checked here so that a request they would refuse
# is a 400 for the client instead of a 500 from deep inside a service.
MAX_DEPTH = 100  # MongoDB's nesting limit for documents
INT64 = (-(2**63), 2**63 - 1)
# A 19-digit run, found as a run of "0" in the body with every digit made "0" and every other
# byte a space (a C-speed scan: the regex \d{19} took ~9 ms of CPU on a 1 MB body, this ~1 ms).
_DIGITS_AS_ZERO = bytes(ord("0") if chr(c).isdigit() and c < 128 else ord(" ") for c in range(256))
_LONG_RUN = b"0" * 19
MAX_VERSION_DIGITS = 6
_CONTAINERS = (dict, list)  # what orjson parses JSON objects and arrays into

_PATH = re.compile(r"^/*(?:v(?P<major>\d+)\.(?P<minor>\d+)/+)?(?P<service>[a-zA-Z_]\w+)\.(?P<action>[a-zA-Z_]\w+)/*$")


@dataclass(frozen=True)
class ParsedPath:
    service: str
    action: str
    version: Version | None  # None: no version in the path (the server's maximum applies)

    @property
    def name(self) -> str:
        return f"{self.service}.{self.action}"


def parse_path(path: str) -> ParsedPath | None:
    match = _PATH.match(path)
    if match is None:
        return None
    version = None
    if match["major"] is not None:
        if max(len(match["major"]), len(match["minor"])) > MAX_VERSION_DIGITS:
            raise ApiError(400, 2, f"invalid version in the request path: {path[:40]}...")
        version = (int(match["major"]), int(match["minor"]))
    return ParsedPath(match["service"], match["action"], version)


def _scalar(text: str) -> Any:
    """Query-string values: true/false and numbers become JSON values, the rest stays text."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def _put(target: dict, dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        nxt = target.get(part)
        if not isinstance(nxt, dict):
            nxt = target[part] = {}
        target = nxt
    if leaf in target:
        current = target[leaf]
        target[leaf] = (current if isinstance(current, list) else [current]) + [value]
    else:
        target[leaf] = value


def parse_form(text: str) -> dict[str, Any]:
    """Query-string or form values: dotted keys nest, repeated keys and ``key[]`` make lists."""
    out: dict[str, Any] = {}
    list_keys: set[str] = set()
    for key, value in parse_qsl(text, keep_blank_values=True):
        if key.endswith("[]"):
            key = key[:-2]
            list_keys.add(key)
        _put(out, key, _scalar(value))
    for key in sorted(list_keys, key=lambda k: -k.count(".")):  # inner lists first
        *parents, leaf = key.split(".")
        target: Any = out
        for part in parents:  # a later dotted key may have turned a parent into a list
            target = target.get(part) if isinstance(target, dict) else None
        if isinstance(target, dict) and leaf in target and not isinstance(target[leaf], list):
            target[leaf] = [target[leaf]]
    return out


def parse_json_body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, 12, f"invalid JSON body: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, 12, "the request body must be a JSON object")
    check_storable(body, data)
    return data


def check_storable(raw: bytes, data: Any) -> None:
    """400/12 for what no store takes: a key with a NUL character, an integer outside 64
    bits, nesting deeper than ``MAX_DEPTH``. A cheap look at the raw JSON first: only a body
    with an escaped NUL or a 19-digit number needs the full walk of ``check_values``; one with
    enough brackets to nest ``MAX_DEPTH`` deep gets the depth walk alone, which skips the
    scalars (a 1 MB frame batch: ~60 ms for the full walk with the gateway's garbage
    collections, ~5 ms of CPU for the depth walk)."""
    if _suspect(raw):
        check_values(data)
    elif raw.count(b"{") + raw.count(b"[") > MAX_DEPTH and _nests_deeper(data, 1):
        raise ApiError(400, 12, f"the request nests deeper than {MAX_DEPTH} levels")


def _suspect(raw: bytes) -> bool:
    """Whether raw JSON may hold a NUL character or an integer beyond 64 bits (19+ digits)."""
    return b"\\u0000" in raw or _LONG_RUN in raw.translate(_DIGITS_AS_ZERO)


def _nests_deeper(value: dict | list, depth: int) -> bool:
    """Whether ``value`` (a container at ``depth``) or a container inside it lies deeper than
    ``MAX_DEPTH``."""
    if depth > MAX_DEPTH:
        return True
    for item in value.values() if type(value) is dict else value:
        if type(item) in _CONTAINERS and _nests_deeper(item, depth + 1):
            return True
    return False


def check_values(data: Any) -> None:
    """``check_storable`` without the look at the raw body first (query-string values)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_DEPTH:
                raise ApiError(400, 12, f"the request nests deeper than {MAX_DEPTH} levels")
            for key, item in value.items():
                if "\x00" in key:
                    raise ApiError(400, 12, f"field names must not contain NUL characters: {key!r}")
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                raise ApiError(400, 12, f"the request nests deeper than {MAX_DEPTH} levels")
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
            raise ApiError(400, 12, f"integer out of range (64 bits): {value}")


def parse_json_lines(body: bytes) -> list[dict[str, Any]]:
    """One object per line (``events.add_batch``). The raw look of ``check_storable`` is taken
    once over the whole body: per line it cost more than parsing the line (an SDK batch of 500
    scalars); only when the body has a suspect the lines get the full walk. Nesting is judged
    per line, by its own brackets."""
    suspect = _suspect(body)
    items = []
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise ApiError(400, 12, f"invalid JSON on line {number}: {exc}") from None
        if type(item) is not dict:
            raise ApiError(400, 12, f"line {number} is not a JSON object")
        if suspect or line.count(b"{") + line.count(b"[") > MAX_DEPTH:
            check_storable(line, item)
        items.append(item)
    return items


def parse_body(content_type: str, body: bytes, query: str) -> dict[str, Any] | list[dict[str, Any]]:
    """The call's data: JSON object (query and form values merged in) or JSON-lines list."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json-lines":
        return parse_json_lines(body)
    if media == "application/x-www-form-urlencoded" and not body.lstrip().startswith(b"{"):
        # ClearML reads the body as JSON whatever the content type says (curl -d sends this
        # type with a JSON body); only a body that is not a JSON object is read as a form.
        data = parse_form(body.decode(errors="replace"))
        check_values(data)  # a form's names are as free as a query string's (a NUL, a huge number)
    elif media.startswith("multipart/"):
        raise ApiError(400, 12, "multipart bodies are not accepted by the API server")
    else:
        data = parse_json_body(body)
    if query:
        form = parse_form(query)
        check_values(form)
        data.update(form)
    return data

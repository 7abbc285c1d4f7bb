"""``events.download_task_log``: a task's whole console log as a file.

ClearML answers a file, not the JSON envelope: ``task_<id>.log``, ``text/plain``, one line per
log event, oldest first. ``line_type: json`` (the default) writes each event as a JSON object
without ``type`` and ``task``, its ``timestamp`` renamed ``asctime``; ``line_type: text``
writes ``line_format`` (default ``{asctime} {worker} {level} {msg}``) filled from the event,
whose placeholders may only be ``asctime``, ``timestamp``, ``level``, ``worker`` and ``msg``.

The file travels to the gateway as the RPC answer ``{"cairn_raw": {...}}`` (see
``services/gateway/envelope.py``), gzip-compressed; a log bigger than ``MAX_LOG_BYTES`` is
refused (read it page by page with ``events.get_task_log``) rather than cut short.
"""

from __future__ import annotations

import base64
import gzip
import string
from typing import Any

import orjson

from services.events.access import readable_as
from services.events.domain import LOG, Selection, Target
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api

DEFAULT_LINE_FORMAT = "{asctime} {worker} {level} {msg}"
LINE_FIELDS = frozenset({"asctime", "timestamp", "level", "worker", "msg"})
MAX_LOG_BYTES = 64 * 1024 * 1024
PAGE = 5000


def check_line_format(line_format: str | None) -> str:
    """The text line template with a trailing newline, or 400 for a missing or bad one."""
    if not line_format:
        raise ApiError.named("missing_required_fields", "line_format is required for plain text lines")
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(line_format) if name is not None]
    except ValueError as exc:
        raise ApiError.named("fields_value_error", "invalid line format", error=str(exc)) from None
    unknown = sorted({n for n in names if n not in LINE_FIELDS})
    if unknown or any(n == "" or n.isdigit() for n in names):
        raise ApiError.named("fields_value_error", "undefined placeholders in line format",
                             placeholders=unknown or names)
    return line_format.rstrip("\n") + "\n"


def format_line(event: dict[str, Any], line_format: str | None) -> str:
    """One log event as a line of the file (``line_format`` None: a JSON line)."""
    event = dict(event)
    event["asctime"] = event.pop("timestamp", None)
    if line_format is None:
        event.pop("type", None)
        event.pop("task", None)
        return orjson.dumps(event).decode() + "\n"
    values = {name: event.get(name, "") for name in LINE_FIELDS}
    values["timestamp"] = event["asctime"]  # accepted by the check: the same time, by its stored name
    return line_format.format(**{k: "" if v is None else v for k, v in values.items()})


def file_answer(task: str, text: str) -> dict[str, Any]:
    """The RPC answer the gateway turns into the file download."""
    packed = base64.b64encode(gzip.compress(text.encode(), compresslevel=5)).decode()
    return {"cairn_raw": {"content_type": "text/plain", "filename": f"task_{task}.log",
                          "base64": packed, "encoding": "gzip"}}


class LogDownload:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def download_task_log(self, identity: Identity, req: api.DownloadTaskLogRequest) -> dict[str, Any]:
        """``events.download_task_log``: the whole log as ``task_<id>.log`` (see the module)."""
        identity = await readable_as(self._tasks, identity, [req.task])
        line_format = None if (req.line_type or "json") == "json" else check_line_format(
            req.line_format if req.line_format is not None else DEFAULT_LINE_FORMAT)
        parts: list[str] = []
        size = 0
        async for event in self._events(identity.company, req.task):
            line = format_line(event, line_format)
            size += len(line)
            if size > MAX_LOG_BYTES:
                raise ApiError.named("fields_value_error", "the log is too large to download at once: "
                                     "read it with events.get_task_log", task=req.task, max_bytes=MAX_LOG_BYTES)
            parts.append(line)
        return file_answer(req.task, "".join(parts))

    async def _events(self, company: str, task: str):
        """The task's log events, oldest first, a page at a time."""
        selection = Selection.of(company, Target("task", task), event_type=LOG)
        after = None
        while True:
            page = await self._repo.page(selection, "timestamp", "asc", PAGE, after)
            for event in page.events:
                yield event
            if len(page.events) < PAGE:
                return
            after = page.after

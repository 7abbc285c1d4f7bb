"""Removing objects: ``POST /delete_many`` and the files named by deleted tasks and models
(their artifacts, weights and debug images)."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

from services.files import paths
from services.files.responses import FilesError
from services.files.storage import LocalStore

log = logging.getLogger(__name__)


Writable = Callable[[str], Awaitable[bool]]


async def delete_many(store: LocalStore, company: str, body: Any, writable: Writable | None = None) -> dict[str, Any]:
    """``POST /delete_many {"files": [path, ...]}``: files or whole folders of the caller's
    company (``writable(path)``: the caller may delete it, the access rules; else the reason
    ``Forbidden``). Answers ``{"deleted": {<as sent>: <path>}, "errors": {<reason>: [<as sent>]}}``."""
    if not isinstance(body, dict) or not body:
        raise FilesError(400, "Json payload is missing")
    files = body.get("files")
    if not files or not isinstance(files, list):
        raise FilesError(400, "files are missing")
    deleted: dict[str, str] = {}
    errors: dict[str, list[str]] = defaultdict(list)
    for sent in files:
        reason, path = await _delete_one(store, company, sent, writable)
        if reason:
            errors[reason].append(str(sent))
        else:
            deleted[str(sent)] = path
    log.info("deleted %d files/folders of company %s (%d errors)", len(deleted), company,
             sum(len(v) for v in errors.values()))
    return {"deleted": deleted, "errors": dict(errors)}


async def _delete_one(store: LocalStore, company: str, sent: Any,
                      writable: Writable | None = None) -> tuple[str | None, str]:
    """(error reason or None, normalised path)."""
    if not isinstance(sent, str):
        return "Invalid path", ""
    raw = unquote_plus(sent)
    if not raw.strip("/"):
        return "Empty path not allowed", ""  # would remove the whole company's folder
    try:
        path, target = paths.resolve(store.root, company, raw)
    except paths.BadPath:
        return "Invalid path", ""
    if writable is not None and not await writable(path):
        return "Forbidden", path
    base = paths.company_dir(store.root, company)
    try:
        found = await asyncio.to_thread(store.delete_any, target, base)
    except OSError as exc:
        return exc.strerror or "Cannot delete", path
    return (None, path) if found else ("Not found", path)


def path_of_url(url: Any, files_url: str) -> str | None:
    """The object path of a URL on this files server (``<files_url>/<path>``), else None."""
    if not isinstance(url, str) or not url:
        return None
    base = urlsplit(files_url.rstrip("/"))
    parts = urlsplit(url)
    if (parts.scheme.lower(), parts.netloc.lower()) != (base.scheme.lower(), base.netloc.lower()):
        return None
    prefix = base.path.rstrip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    path = unquote(parts.path[len(prefix):])
    return path or None


def files_of_fact(fact: Any, files_url: str) -> tuple[str, list[str]] | None:
    """(company, object paths) a ``TaskDeleted`` / ``ModelDeleted`` fact (tasks process) or an
    ``EventFilesReleased`` fact (events process: a deleted task's debug images) names on this
    server; None for other facts (or ones naming nothing here)."""
    if not isinstance(fact, dict) or not isinstance(fact.get("company"), str) or not fact["company"]:
        return None
    if fact.get("type") == "TaskDeleted":
        urls = fact.get("urls") if isinstance(fact.get("urls"), dict) else {}
        candidates = [u for key in ("artifact_urls", "model_urls", "event_urls")
                      for u in (urls.get(key) or []) if isinstance(urls.get(key), list)]
    elif fact.get("type") == "ModelDeleted":
        candidates = [fact.get("url")]
    elif fact.get("type") == "EventFilesReleased":
        candidates = fact.get("urls") if isinstance(fact.get("urls"), list) else []
    else:
        return None
    found = [p for p in (path_of_url(u, files_url) for u in candidates) if p]
    return (fact["company"], found) if found else None


async def delete_named(store: LocalStore, company: str, names: list[str]) -> int:
    """Remove the named files of a company (missing ones are fine); returns how many went."""
    removed = 0
    for name in names:
        try:
            _path, target = paths.resolve(store.root, company, name)
            base = paths.company_dir(store.root, company)
            removed += await asyncio.to_thread(store.delete_file, target, base)
        except paths.BadPath:
            log.warning("ignored an invalid path %r named by a fact", name)
        except OSError:
            log.exception("could not delete %s of company %s", name, company)
    return removed

"""Object paths: what a client names, normalised so it can never leave the company's folder.

The SDK names objects ``<project>/<task name>.<task id>/artifacts/<name>/<file>`` and sends
them with a leading ``/`` (the part of the URL after the files host), so leading slashes are
dropped, as ClearML's file server does. ``..``, backslashes, NUL, control characters and
Windows drive names are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_PATH = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class BadPath(ValueError):
    """The path would escape the storage root or is not a usable object name."""


def normalise(raw: str) -> str:
    """``a//b/./c`` -> ``a/b/c``; raises :class:`BadPath` for anything that could escape."""
    if not raw or not raw.strip("/"):
        raise BadPath("empty path")
    if len(raw) > MAX_PATH:
        raise BadPath("path too long")
    if "\\" in raw or any(ord(c) < 32 or c == "\x7f" for c in raw):
        raise BadPath("backslashes and control characters are not allowed in paths")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise BadPath("'..' is not allowed in paths")
    if not parts or _DRIVE.match(parts[0]):
        raise BadPath("absolute paths are not allowed")
    return "/".join(parts)


def company_dir(root: Path, company: str) -> Path:
    """The folder of one company's objects (company ids are hex; anything else is refused)."""
    if not company or not re.fullmatch(r"[A-Za-z0-9_-]+", company):
        raise BadPath("invalid company")
    return root / company


def resolve(root: Path, company: str, raw: str) -> tuple[str, Path]:
    """(normalised path, file system path inside the company's folder)."""
    path = normalise(raw)
    base = company_dir(root, company)
    target = base.joinpath(*path.split("/"))
    return path, target

"""Object paths: what a client names, normalised so it can never leave the company's folder.

The SDK names objects ``<project>/<task name>.<task id>/artifacts/<name>/<file>`` and sends
them with a leading ``/`` (the part of the URL after the files host), so leading slashes are
dropped, as ClearML's file server does. ``..``, backslashes, NUL, control characters and
Windows drive names are refused, also when percent-encoded (once or several times: a name
is stored as sent, and a proxy or client that decodes it later must not find a way out).
A path whose stored form would go through a symbolic link out of the company's folder is
refused as well.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

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
    decoded = _fully_decoded(raw)
    if "\\" in decoded or any(ord(c) < 32 or c == "\x7f" for c in decoded):
        raise BadPath("backslashes and control characters are not allowed in paths")
    if ".." in decoded.split("/"):
        raise BadPath("'..' is not allowed in paths")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or _DRIVE.match(parts[0]):
        raise BadPath("absolute paths are not allowed")
    return "/".join(parts)


def _fully_decoded(raw: str, rounds: int = 4) -> str:
    """``raw`` percent-decoded until it no longer changes (bounded: ``%25`` nests)."""
    for _ in range(rounds):
        decoded = unquote(raw)
        if decoded == raw:
            break
        raw = decoded
    return raw


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
    if not _stays_inside(base, target):
        raise BadPath("the path leads out of the company's folder")
    return path, target


def _stays_inside(base: Path, target: Path) -> bool:
    """Whether ``target``, with every symbolic link on its way followed, is still inside
    ``base`` (a link placed in storage by hand must not expose other folders)."""
    real_base = base.resolve()
    real = target.resolve()
    return real == real_base or real_base in real.parents

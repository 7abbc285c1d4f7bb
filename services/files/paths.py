"""Object paths: what a client names, normalised so it can never leave the company's folder.

The SDK names objects ``<project>/<task name>.<task id>/artifacts/<name>/<file>`` and sends
them with a leading ``/`` (the part of the URL after the files host), so leading slashes are
dropped, as ClearML's file server does. ``..``, backslashes, NUL, control characters and
Windows drive names are refused, also when percent-encoded (once or several times: a name
is stored as sent, and a proxy or client that decodes it later must not find a way out), and
in the forms a lenient reader turns into them (fullwidth or other compatibility dots and
slashes, overlong UTF-8, ``%u002e``, ``.. `` with the trailing space Windows drops).
A path whose stored form would go through a symbolic link out of the company's folder is
refused as well.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

MAX_PATH = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_IIS_ESCAPE = re.compile(r"%u([0-9A-Fa-f]{4})")


class BadPath(ValueError):
    """The path would escape the storage root or is not a usable object name."""


def normalise(raw: str) -> str:
    """``a//b/./c`` -> ``a/b/c``; raises :class:`BadPath` for anything that could escape."""
    if not raw or not raw.strip("/"):
        raise BadPath("empty path")
    if len(raw) > MAX_PATH:
        raise BadPath("path too long")
    for form in _readings(raw):
        if "\\" in form or any(ord(c) < 32 or c in "\x7f\ufffd" for c in form):
            # U+FFFD: bytes that were not UTF-8, replaced by the HTTP server's URL decoding
            raise BadPath("backslashes, control characters and bytes that are not UTF-8 are not allowed in paths")
        if any(_is_dots(segment) for segment in form.split("/")):
            raise BadPath("'..' is not allowed in paths")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or _DRIVE.match(parts[0]):
        raise BadPath("absolute paths are not allowed")
    return "/".join(parts)


def _readings(raw: str) -> tuple[str, ...]:
    """What the name could become in a reader that decodes more than we do: percent-decoded
    (as UTF-8, strictly: an overlong ``%c0%ae`` is a dot to a lenient decoder), with the
    ``%uXXXX`` escapes of old servers decoded, and NFKC-normalised (a fullwidth ``．．／``
    or ``․․`` is ``../`` to a reader that folds compatibility characters)."""
    decoded = _fully_decoded(raw)
    escaped = _IIS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), decoded)
    return decoded, escaped, unicodedata.normalize("NFKC", escaped)


def _is_dots(segment: str) -> bool:
    """``..``, or a segment a Windows reader makes one of (it drops trailing dots and
    spaces: ``.. `` and ``...`` are ``..`` there); a single ``.`` is merely dropped."""
    return segment not in ("", ".") and not segment.rstrip(" .")


def _fully_decoded(raw: str, rounds: int = 4) -> str:
    """``raw`` percent-decoded until it no longer changes (bounded: ``%25`` nests); a byte
    sequence that is not UTF-8 (an overlong dot) is refused."""
    for _ in range(rounds):
        try:
            decoded = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise BadPath("percent-escapes that are not UTF-8 are not allowed in paths") from None
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

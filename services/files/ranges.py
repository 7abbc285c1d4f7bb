"""``Range: bytes=...`` requests (RFC 9110 section 14): one range is served as 206."""

from __future__ import annotations


class Unsatisfiable(ValueError):
    """A syntactically valid range that selects nothing of the file (answered 416)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions, inclusive; None to send the whole file (no header, a
    header we do not understand, or several ranges)."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_s, dash, last_s = spec.strip().partition("-")
    if not dash or not all(part.isdigit() for part in (first_s, last_s) if part):
        return None
    if first_s == "":  # the last N bytes
        if not last_s:
            return None
        suffix = int(last_s)
        if suffix == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(0, size - suffix), size - 1
    first = int(first_s)
    if last_s and int(last_s) < first:
        return None
    if first >= size:
        raise Unsatisfiable(header)
    return first, min(int(last_s) if last_s else size - 1, size - 1)

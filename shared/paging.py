"""The ``page`` / ``page_size`` window and the field paths of ClearML's listings, bounded by
what the stores take. Pure (the dataview listing's import contract forbids store libraries).

The gateway refuses any integer outside 64 bits (``services.gateway.parsing``), but a product
of two such is not checked there: ``page * page_size`` past 2^63 - 1 cannot be sent to
MongoDB as a ``skip`` (PyMongo raised ``OverflowError``, answered as a 500; schemathesis found
it on every ``get_all``). Such a page is a 400/12 here, before any store is asked.

``order_by`` and ``only_fields`` name dotted field paths that reach MongoDB as sort and
projection keys: a path with an empty segment (``a..b``, ``a.``), a segment starting with ``$``
or a NUL character is refused by the store (an ``OperationFailure``, answered as a 500 by every
``get_all``). ``checked_path`` refuses it first, 400/12.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.errors import ApiError

MAX_PAGE_SIZE = 500  # ClearML's services.mongo.max_page_size
MAX_SKIP = 2**63 - 1  # a BSON 64-bit integer


def checked_skip(skip: int, **data: int) -> int:
    """``skip`` when a store can take it; past ``MAX_SKIP`` -> 400/12 (``data`` names the
    request's values in the error)."""
    if skip > MAX_SKIP:
        raise ApiError.named("validation_error", "page * page_size must not exceed 2^63 - 1", **data)
    return skip


def page_window(page: int | None, page_size: int | None, cap: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    """(skip, limit): ``page`` (default 0) of ``page_size`` results (default and at most
    ``cap``), as ClearML pages every listing (``page`` alone is the page of ``cap``)."""
    size = min(page_size or cap, cap)
    return checked_skip((page or 0) * size, page=page or 0, page_size=size), size


def checked_path(path: str, field: str) -> str:
    """``path`` (a stored dotted field path) when MongoDB takes it as a sort or projection key;
    else 400/12 naming the request ``field`` (``order_by``, ``only_fields``)."""
    if "\x00" in path or any(not part or part.startswith("$") for part in path.split(".")):
        raise ApiError.named("validation_error", f"{field}: not a field path: {path!r}", field=field)
    return path


Order = tuple[tuple[str, bool], ...]  # (stored field path, descending)
DEFAULT_ORDER: Order = (("created", False), ("_id", False))


def listing_order(order_by: Sequence[str] | None) -> Order:
    """``["-name", "id"]`` -> ((stored field, descending), ...) with the id last unless named
    (a unique order, so pages are stable, as in ClearML); none -> creation order. Names
    starting with ``@`` (ClearML's ``@text_score``) are ignored; a name that is no field path
    -> 400/12 (``checked_path``)."""
    fields = []
    for item in order_by or ():
        name = item.strip().lstrip("-+")
        if name and not name.startswith("@"):
            stored = "_id" if name == "id" else checked_path(name, "order_by")
            fields.append((stored, item.strip().startswith("-")))
    if fields and not any(name == "_id" for name, _ in fields):
        fields.append(("_id", False))
    return tuple(fields) or DEFAULT_ORDER

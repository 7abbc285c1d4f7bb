"""The ``page`` / ``page_size`` window of ClearML's listings, bounded by what the stores take.

The gateway refuses any integer outside 64 bits (``services.gateway.parsing``), but a product
of two such is not checked there: ``page * page_size`` past 2^63 - 1 cannot be sent to
MongoDB as a ``skip`` (PyMongo raised ``OverflowError``, answered as a 500; schemathesis found
it on every ``get_all``). Such a page is a 400/12 here, before any store is asked.
"""

from __future__ import annotations

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

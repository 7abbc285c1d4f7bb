"""Scrolling through ``datasets.get_all`` / ``get_all_ex`` (``scroll_id`` + ``size`` +
``refresh_scroll``), as ClearML scrolls its listings. Pure.

A scroll is how many results it has handed out. Each call with its ``scroll_id`` returns the
next ``size`` results of the same query; ``refresh_scroll`` starts again from the first one and
returns as many as were handed out (at least ``size``). Only a request naming ``scroll_id``
scrolls (``null`` opens one); it needs ``size`` (400/12). The position travels in the scroll
id itself (with the company, so that a scroll of another company is refused, 400/1104): no
state to keep or expire."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from typing import Any

from services.datasets.datasets.listing import Listing
from shared.errors import ApiError
from shared.paging import MAX_SKIP


def wanted(request: Any) -> bool:
    """Whether the request scrolls: it names ``scroll_id``."""
    return "scroll_id" in request.model_fields_set


def window(listing: Listing, request: Any) -> Listing:
    """The part of ``listing`` this scrolling call answers."""
    if not request.size:
        raise ApiError.named("validation_error", "Integer size parameter greater than 1 should be provided "
                             "when working with scroll", field="size")
    position = _position(listing.company, request.scroll_id)
    if request.refresh_scroll:
        return dataclasses.replace(listing, skip=0, limit=max(position, request.size))
    return dataclasses.replace(listing, skip=position, limit=request.size)


def next_scroll_id(part: Listing, found: int) -> str:
    """The scroll id that continues after the ``found`` results of ``part``."""
    text = json.dumps({"c": part.company, "p": part.skip + found}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _position(company: str, scroll_id: str | None) -> int:
    if not scroll_id:
        return 0
    try:
        state = json.loads(base64.urlsafe_b64decode(scroll_id + "=" * (-len(scroll_id) % 4)))
        position = state["p"] if state["c"] == company else None
    except (ValueError, TypeError, KeyError, binascii.Error):
        position = None
    if not isinstance(position, int) or not 0 <= position <= MAX_SKIP:  # a forged id: no store skips past int64
        raise ApiError.named("invalid_scroll_id", scroll_id=scroll_id)
    return position

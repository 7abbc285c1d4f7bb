"""Scrolling through ``get_all`` / ``get_all_ex`` results (``scroll_id`` + ``size`` +
``refresh_scroll``; CLEARML_BEHAVIOR section 10), with the scroll state in MongoDB.

A scroll remembers how many results it has handed out. Each call with its ``scroll_id``
returns the next ``size`` results of the same query; ``refresh_scroll`` starts again from the
first result and returns at least ``size`` of them, as many as were handed out so far when that
is more (re-read, so changed documents show their new values): the web UI's lists open a scroll
with ``refresh_scroll: true`` and need their first page. As in ClearML, only a request that
names ``scroll_id`` scrolls: ``scroll_id: null`` opens a new scroll (the web UI sends that), a
request without the key pages as usual and ignores ``size``. A scrolling request needs ``size``
(400/12 without). A scroll of another company, or unknown, is 400/1104 invalid_scroll_id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from pymongo.asynchronous.database import AsyncDatabase

from services.tasks import domain
from services.tasks.store.queries import FindQuery
from shared.errors import ApiError

Document = dict[str, Any]


class ScrollRepository(Protocol):
    """Scroll states ``{_id, company, entity, position, last_update}``.

    - ``get`` returns the state with this id, or ``None``.
    - ``save`` stores (inserts or replaces) a state.
    """

    async def get(self, scroll_id: str) -> Document | None: ...

    async def save(self, state: Document) -> None: ...


class MongoScrollRepository:
    """``ScrollRepository`` over the ``scroll`` collection (looked up by ``_id`` only)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._scrolls = db["scroll"]

    async def get(self, scroll_id: str) -> Document | None:
        return await self._scrolls.find_one({"_id": scroll_id})

    async def save(self, state: Document) -> None:
        await self._scrolls.replace_one({"_id": state["_id"]}, state, upsert=True)


class Scrolls:
    """Runs a ``FindQuery`` page by page for a scroll."""

    def __init__(self, repository: ScrollRepository, clock: Callable[[], datetime] = domain.utc_now,
                 new_id: Callable[[], str] = domain.new_id):
        self._repository = repository
        self._clock = clock
        self._new_id = new_id

    @staticmethod
    def wanted(request: Any) -> bool:
        """Whether the request scrolls: it names ``scroll_id`` (``null`` opens a scroll)."""
        return "scroll_id" in getattr(request, "model_fields_set", ())

    async def run(
        self, company: str, entity: str, request: Any, query: FindQuery,
        find: Callable[[FindQuery], Awaitable[list[Document]]],
    ) -> tuple[list[Document], str]:
        """The next window of ``query`` for this scroll, and the scroll id to continue with."""
        if not request.size:
            raise ApiError.named("validation_error", "Integer size parameter greater than 1 should be provided "
                                 "when working with scroll", field="size")
        state = await self._state(company, entity, request.scroll_id)
        if request.refresh_scroll:
            window = dataclasses.replace(query, skip=0, limit=max(state["position"], request.size))
        else:
            window = dataclasses.replace(query, skip=state["position"], limit=request.size)
        docs = await find(window)
        state["position"] = window.skip + len(docs)
        state["last_update"] = self._clock()
        await self._repository.save(state)
        return docs, state["_id"]

    async def _state(self, company: str, entity: str, scroll_id: str | None) -> Document:
        if not scroll_id:
            return {"_id": self._new_id(), "company": company, "entity": entity, "position": 0}
        state = await self._repository.get(scroll_id)
        if state is None or state.get("company") != company or state.get("entity") != entity:
            raise ApiError.named("invalid_scroll_id", scroll_id=scroll_id)
        return state


async def find_or_scroll(
    scrolls: Scrolls | None, company: str, entity: str, request: Any, query: FindQuery,
    find: Callable[[FindQuery], Awaitable[list[Document]]],
) -> tuple[list[Document], dict[str, Any]]:
    """The documents of a ``get_all`` and the extra answer fields (``scroll_id`` when the
    request scrolls)."""
    if scrolls is None or not Scrolls.wanted(request):
        return await find(query), {}
    docs, scroll_id = await scrolls.run(company, entity, request, query, find)
    return docs, {"scroll_id": scroll_id}

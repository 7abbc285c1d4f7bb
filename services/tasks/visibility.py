"""Use cases of ``tasks.make_public`` / ``make_private``, ``projects.make_public`` /
``make_private`` and ``models.make_public`` / ``make_private``.

ClearML keeps public entities in the company ``""``: every company reads them (reads are
scoped to ``company in [caller, ""]``, see ``services.tasks.store.queries.company_scope``) and nobody
writes them (403/21). Making an entity public moves it there and remembers the company it came
from in ``company_origin``; only that company may make it private again, which moves it back.
Either call names ids that must all qualify, else nothing changes and the answer is the
entity's invalid-id error listing the ones that did not (400/101, 400/401 or 400/201). Project
names are unique per company: a name already used where the projects would go -> 400/801.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from services.tasks import domain
from services.tasks.tasks.access import Clock
from services.tasks.store.criteria import PUBLIC, Selection
from services.tasks.store.repository import Document, DuplicateName
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.projects import MakePublicRequest


class Entities(Protocol):
    """The part of a task, model or project repository these use cases need."""

    async def select(self, selection: Selection, fields: Sequence[str] | None = None) -> list[Document]: ...

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int: ...


def owned_ids(docs: Sequence[Document], company: str, public: bool) -> set[str]:
    """The ids among ``docs`` the company may move: its own ones (to make public) or the
    public ones it made public (to make private)."""
    if public:
        return {d["_id"] for d in docs if d.get("company") == company}
    return {d["_id"] for d in docs if d.get("company") == PUBLIC and d.get("company_origin") == company}


class VisibilityService:
    """``make_public`` / ``make_private`` of one entity kind (``invalid_id``: the error name of
    an id that is not the caller's to move)."""

    def __init__(self, entities: Entities, invalid_id: str, clock: Clock = domain.utc_now,
                 unique_names: bool = False):
        self._entities = entities
        self._invalid_id = invalid_id
        self._clock = clock
        self._unique_names = unique_names

    async def make_public(self, identity: Identity, request: MakePublicRequest) -> dict[str, Any]:
        """``<service>.make_public``: ``{updated}``."""
        return await self._move(identity, request.ids or [], public=True)

    async def make_private(self, identity: Identity, request: MakePublicRequest) -> dict[str, Any]:
        """``<service>.make_private``: ``{updated}``."""
        return await self._move(identity, request.ids or [], public=False)

    async def _move(self, identity: Identity, ids: list[str], public: bool) -> dict[str, Any]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {"updated": 0}
        readable = Selection(identity.company, public=True, ids=ids)
        docs = await self._entities.select(readable, ["company", "company_origin", "name"])
        movable = owned_ids(docs, identity.company, public)
        missing = [i for i in ids if i not in movable]
        if missing:
            raise ApiError.named(self._invalid_id, ids=missing)
        if self._unique_names:
            await self._check_names(docs, PUBLIC if public else identity.company)
        try:
            updated = await self._entities.set_public(identity.company, ids, public, identity.user, self._clock())
        except DuplicateName:
            raise ApiError.named("expected_unique_data", "a project with the same name exists there") from None
        return {"updated": updated}

    async def _check_names(self, docs: list[Document], target: str) -> None:
        """Project names are unique per company: one already used where the projects go
        -> 400/801 before anything moves (the unique index still guards against races)."""
        names = sorted({d["name"] for d in docs if d.get("name")})
        taken = await self._entities.select(Selection(target, names=names), ["name"])
        if taken:
            raise ApiError.named("expected_unique_data", "a project with the same name exists there",
                                 names=sorted(d["name"] for d in taken))

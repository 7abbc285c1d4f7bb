"""The ``users`` collection of ``cairn_identity`` (``_id`` = user id): its port and MongoDB
adapter. ``services/identity/repository.py`` re-exports the adapter for the rest of identity.

Preferences are stored as one JSON string, as clearml-server does: their keys are the web
UI's and may hold ``.`` or start with ``$``, which MongoDB field names may not.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.identity.domain import User


@dataclass(frozen=True)
class UserQuery:
    """A ``users.get_all`` filter: ``company=None`` spans every company (system callers);
    ``name`` is a case-insensitive regular expression; ``service`` selects service users (or
    the others); users with a role of ``hidden_roles`` are left out; ``order_by`` ClearML's
    ``-field`` form."""

    company: str | None
    ids: tuple[str, ...] = ()
    name: str | None = None
    emails: tuple[str, ...] = ()
    service: bool | None = None
    hidden_roles: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ()
    skip: int = 0
    limit: int = 0


class UserDirectory(Protocol):
    """The users of every company. ``company=None`` in a scoped call means "any company"."""

    async def ensure(self, user: User) -> None:
        """Create the user if its id does not exist (an existing one is left as it is)."""

    async def get(self, user_id: str) -> User | None: ...

    async def insert(self, user: User) -> bool:
        """Add a new user; False if the id exists."""

    async def find(self, query: UserQuery) -> list[User]: ...

    async def update(self, user_id: str, company: str | None, fields: dict[str, Any]) -> int:
        """Set ``fields`` (names of :class:`User`) on the user; 1 when it exists, else 0."""

    async def delete(self, user_id: str, company: str | None) -> User | None:
        """Remove the user; the removed record, or None when there was none."""

    async def preferences(self, user_id: str, company: str) -> dict[str, Any] | None:
        """The user's preferences, or None when there is no such user in the company."""

    async def set_preferences(self, user_id: str, company: str, preferences: dict[str, Any]) -> int:
        """Replace the user's preferences; 1 when the user exists, else 0."""


_FIELDS = frozenset(f.name for f in dataclasses.fields(User)) - {"id"}


def _user_from(doc: dict[str, Any]) -> User:
    fields = {k: v for k, v in doc.items() if k in _FIELDS}
    fields["preferences"] = _loaded(fields.get("preferences"))
    return User(id=doc["_id"], **fields)


def _loaded(stored: Any) -> dict[str, Any]:
    # Seeded users carry ``{}``; users.set_preferences writes a JSON string.
    if isinstance(stored, str):
        return json.loads(stored)
    return dict(stored or {})


def _doc(user: User) -> dict[str, Any]:
    doc = dataclasses.asdict(user)
    doc["_id"] = doc.pop("id")
    doc["preferences"] = json.dumps(doc["preferences"])
    return doc


def _scope(user_id: str | None, company: str | None) -> dict[str, Any]:
    scope: dict[str, Any] = {} if user_id is None else {"_id": user_id}
    if company is not None:
        scope["company"] = company
    return scope


def _filter(query: UserQuery) -> dict[str, Any]:
    found = _scope(None, query.company)
    if query.ids:
        found["_id"] = {"$in": list(query.ids)}
    if query.name:
        found["name"] = {"$regex": query.name, "$options": "i"}
    if query.emails:
        found["email"] = {"$in": list(query.emails)}
    if query.service is not None:
        # users stored before service users existed have no ``service`` field
        found["service"] = True if query.service else {"$ne": True}
    if query.hidden_roles:
        found["role"] = {"$nin": list(query.hidden_roles)}
    return found


def _sort(order_by: tuple[str, ...]) -> list[tuple[str, int]]:
    keys = []
    for field in order_by:
        name = field.lstrip("-")
        keys.append(("_id" if name == "id" else name, DESCENDING if field.startswith("-") else ASCENDING))
    return keys


class MongoUserRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["users"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("company", ASCENDING)])

    async def ensure(self, user: User) -> None:
        fields = {k: v for k, v in _doc(user).items() if k != "_id"}
        try:
            await self._col.update_one({"_id": user.id}, {"$setOnInsert": fields}, upsert=True)
        except DuplicateKeyError:
            pass  # another instance inserted it between our lookup and insert: same data

    async def get(self, user_id: str) -> User | None:
        doc = await self._col.find_one({"_id": user_id})
        return _user_from(doc) if doc else None

    async def insert(self, user: User) -> bool:
        try:
            await self._col.insert_one(_doc(user))
        except DuplicateKeyError:
            return False
        return True

    async def find(self, query: UserQuery) -> list[User]:
        cursor = self._col.find(_filter(query))
        if query.order_by:
            cursor = cursor.sort(_sort(query.order_by))
        cursor = cursor.skip(query.skip).limit(query.limit)
        return [_user_from(doc) async for doc in cursor]

    async def update(self, user_id: str, company: str | None, fields: dict[str, Any]) -> int:
        result = await self._col.update_one(_scope(user_id, company), {"$set": fields})
        return result.matched_count

    async def delete(self, user_id: str, company: str | None) -> User | None:
        doc = await self._col.find_one_and_delete(_scope(user_id, company))
        return _user_from(doc) if doc else None

    async def preferences(self, user_id: str, company: str) -> dict[str, Any] | None:
        doc = await self._col.find_one(_scope(user_id, company), {"preferences": 1})
        return _loaded(doc.get("preferences")) if doc else None

    async def set_preferences(self, user_id: str, company: str, preferences: dict[str, Any]) -> int:
        return await self.update(user_id, company, {"preferences": json.dumps(preferences)})


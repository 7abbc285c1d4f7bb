"""Users' password hashes (collection ``passwords`` of ``cairn_identity``), owned by the login
room. One document per user: ``_id`` = user id, ``company``, ``logins`` (the lower-cased user
name and email it was set under, indexed), ``hash`` (Argon2id, never the password),
``updated``, and ``seeded``: the hash of the ``CAIRN_ADMIN_PASSWORD`` last applied (so a
restart with the same setting keeps a password changed since)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError


@dataclass(frozen=True)
class StoredPassword:
    user: str
    company: str
    logins: list[str]
    hash: str
    updated: datetime | None = None
    seeded: str | None = None


class PasswordRepository(Protocol):
    """A user has at most one password; it is found by the user or by a login name."""

    async def get(self, user: str) -> StoredPassword | None: ...

    async def find_by_login(self, login: str) -> list[StoredPassword]:
        """The passwords set under ``login`` (a lower-cased name or email), any company."""

    async def put(self, password: StoredPassword) -> None:
        """Set (or replace) the user's password."""

    async def insert(self, password: StoredPassword) -> bool:
        """Set the user's first password; False when the user already has one."""


def _from(doc: dict) -> StoredPassword:
    return StoredPassword(doc["_id"], doc["company"], list(doc.get("logins", [])), doc["hash"], doc.get("updated"),
                          doc.get("seeded"))


def _fields(password: StoredPassword) -> dict:
    return {"company": password.company, "logins": password.logins, "hash": password.hash,
            "updated": password.updated, "seeded": password.seeded}


class MongoPasswordRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["passwords"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("logins", ASCENDING)])

    async def get(self, user: str) -> StoredPassword | None:
        doc = await self._col.find_one({"_id": user})
        return _from(doc) if doc else None

    async def find_by_login(self, login: str) -> list[StoredPassword]:
        return [_from(doc) async for doc in self._col.find({"logins": login}).limit(100)]

    async def put(self, password: StoredPassword) -> None:
        await self._col.update_one({"_id": password.user}, {"$set": _fields(password)}, upsert=True)

    async def insert(self, password: StoredPassword) -> bool:
        try:
            await self._col.insert_one({"_id": password.user, **_fields(password)})
        except DuplicateKeyError:
            return False
        return True

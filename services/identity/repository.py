"""Identity's storage ports and their MongoDB adapters (database ``cairn_identity``).

Collections: ``companies`` and ``users`` (``_id`` = entity id), ``credentials`` (unique
``access_key``), ``revoked_sessions`` (TTL on ``expires``), ``server`` (one document holding
the server's uid). Every write is a single-document atomic operation, so two instances that
start (and seed) at the same time end up with the same data.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.identity.domain import Company, Credential, User, new_id
# The users collection lives in its room; its adapter is re-exported for the rest of identity.
from services.identity.users.store import MongoUserRepository


class CompanyRepository(Protocol):
    async def ensure(self, company: Company) -> None:
        """Create the company if it does not exist (an existing one is left as it is)."""

    async def get(self, company_id: str) -> Company | None: ...


class UserRepository(Protocol):
    async def ensure(self, user: User) -> None:
        """Create the user if its id does not exist (an existing one is left as it is)."""

    async def get(self, user_id: str) -> User | None: ...


class CredentialRepository(Protocol):
    """Key pairs. ``owner=None`` in a scoped call means "any user of the company"."""

    async def get(self, access_key: str) -> Credential | None: ...

    async def insert(self, credential: Credential) -> bool:
        """Add a new pair; False if its id or access key already exists."""

    async def put_secret(self, credential: Credential) -> None:
        """Create the pair, or set owner and secret hash of the existing access key."""

    async def list_for_user(self, company: str, user: str) -> list[Credential]: ...

    async def count_for_user(self, company: str, user: str) -> int: ...

    async def delete(self, access_key: str, company: str, owner: str) -> int:
        """Delete ``owner``'s pair; 1 when it existed, else 0."""

    async def set_label(self, access_key: str, company: str, owner: str, label: str | None) -> int:
        """Label ``owner``'s pair; 1 when it exists (even if the label is unchanged), else 0."""

    async def touch(self, access_key: str, when: datetime, address: str | None) -> None:
        """Record a use of the pair (``last_used``, ``last_used_from``)."""

    async def delete_for_user(self, company: str, user: str) -> int:
        """Delete every pair of the user; how many there were."""


class SessionRepository(Protocol):
    async def revoke(self, session_id: str, expires: datetime) -> None:
        """Remember a revoked session until ``expires`` (idempotent)."""

    async def list_revoked(self, now: datetime) -> list[tuple[str, datetime]]:
        """The revoked sessions that have not expired at ``now``."""


class ServerRepository(Protocol):
    async def uid(self) -> str:
        """The server's unique id: created once, the same for every instance and restart."""


def _credential_from(doc: dict[str, Any]) -> Credential:
    fields = {f.name for f in dataclasses.fields(Credential)} - {"id"}
    return Credential(id=doc["_id"], **{k: v for k, v in doc.items() if k in fields})


def _doc(record: Any) -> dict[str, Any]:
    doc = dataclasses.asdict(record)
    doc["_id"] = doc.pop("id")
    return doc


class MongoCompanyRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["companies"]

    async def ensure(self, company: Company) -> None:
        await _upsert_on_insert(self._col, company.id, _doc(company))

    async def get(self, company_id: str) -> Company | None:
        doc = await self._col.find_one({"_id": company_id})
        return Company(id=doc["_id"], name=doc.get("name", ""), active=doc.get("active", True)) if doc else None


async def _upsert_on_insert(col, _id: str, doc: dict[str, Any]) -> None:
    """Insert ``doc`` unless ``_id`` exists; a concurrent insert of the same id is fine."""
    fields = {k: v for k, v in doc.items() if k != "_id"}
    try:
        await col.update_one({"_id": _id}, {"$setOnInsert": fields}, upsert=True)
    except DuplicateKeyError:
        pass  # another instance inserted it between our lookup and insert: same data


class MongoCredentialRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["credentials"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("access_key", ASCENDING)], unique=True)
        await self._col.create_index([("company", ASCENDING), ("user", ASCENDING)])

    async def get(self, access_key: str) -> Credential | None:
        doc = await self._col.find_one({"access_key": access_key})
        return _credential_from(doc) if doc else None

    async def insert(self, credential: Credential) -> bool:
        try:
            await self._col.insert_one(_doc(credential))
        except DuplicateKeyError:
            return False
        return True

    async def put_secret(self, credential: Credential) -> None:
        owned = {"company": credential.company, "user": credential.user, "secret_hash": credential.secret_hash}
        new = {k: v for k, v in _doc(credential).items() if k not in owned and k != "access_key"}
        update = {"$set": owned, "$setOnInsert": new}
        try:
            await self._col.update_one({"access_key": credential.access_key}, update, upsert=True)
        except DuplicateKeyError:
            # Two instances upserted the same new key at once: the loser now finds it.
            await self._col.update_one({"access_key": credential.access_key}, {"$set": owned})

    async def list_for_user(self, company: str, user: str) -> list[Credential]:
        cursor = self._col.find({"company": company, "user": user}).sort("created", ASCENDING)
        return [_credential_from(doc) async for doc in cursor]

    async def count_for_user(self, company: str, user: str) -> int:
        return await self._col.count_documents({"company": company, "user": user})

    async def delete(self, access_key: str, company: str, owner: str) -> int:
        result = await self._col.delete_one(_scoped(access_key, company, owner))
        return result.deleted_count

    async def set_label(self, access_key: str, company: str, owner: str, label: str | None) -> int:
        result = await self._col.update_one(_scoped(access_key, company, owner), {"$set": {"label": label}})
        return result.matched_count

    async def delete_for_user(self, company: str, user: str) -> int:
        result = await self._col.delete_many({"company": company, "user": user})
        return result.deleted_count

    async def touch(self, access_key: str, when: datetime, address: str | None) -> None:
        await self._col.update_one(
            {"access_key": access_key}, {"$set": {"last_used": when, "last_used_from": address}}
        )


def _scoped(access_key: str, company: str, owner: str) -> dict[str, Any]:
    return {"access_key": access_key, "company": company, "user": owner}


class MongoSessionRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["revoked_sessions"]

    async def create_indexes(self) -> None:
        # The store drops a revocation once its token has expired anyway.
        await self._col.create_index([("expires", ASCENDING)], expireAfterSeconds=0)

    async def revoke(self, session_id: str, expires: datetime) -> None:
        await self._col.update_one({"_id": session_id}, {"$max": {"expires": expires}}, upsert=True)

    async def list_revoked(self, now: datetime) -> list[tuple[str, datetime]]:
        cursor = self._col.find({"expires": {"$gt": now}})
        return [(doc["_id"], doc["expires"]) async for doc in cursor]


class MongoServerRepository:
    _ID = "server"

    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["server"]

    async def uid(self) -> str:
        update = {"$setOnInsert": {"uid": new_id()}}
        for _ in range(3):
            try:
                doc = await self._col.find_one_and_update(
                    {"_id": self._ID}, update, upsert=True, return_document=ReturnDocument.AFTER
                )
            except DuplicateKeyError:
                doc = None  # another instance created it at the same moment: read theirs
            # SecantusDB may answer None to a concurrent upsert that lost the race.
            doc = doc or await self._col.find_one({"_id": self._ID})
            if doc is not None:
                return doc["uid"]
        raise RuntimeError("could not create or read the server uid")


class MongoIdentityStore:
    """All of identity's Mongo repositories over one database, and their indexes."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.companies = MongoCompanyRepository(db)
        self.users = MongoUserRepository(db)
        self.credentials = MongoCredentialRepository(db)
        self.sessions = MongoSessionRepository(db)
        self.server = MongoServerRepository(db)

    async def create_indexes(self) -> None:
        await self.users.create_indexes()
        await self.credentials.create_indexes()
        await self.sessions.create_indexes()

"""The routing room's collections in ``cairn_identity``: ``router_token`` (every router
token issued, kept after revocation) and ``router_code`` (one-time codes of
``auth.redirect_to_router``, removed when used). The only module of the room that speaks
MongoDB."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]


class RouterTokenRepository(Protocol):
    """``{_id, company, type, user, created_by, label, endpoints, metadata, created, expires,
    revoked, revoked_at, revoked_by}``."""

    async def create_indexes(self) -> None: ...

    async def insert(self, token: Document) -> None: ...

    async def get(self, token_id: str) -> Document | None: ...

    async def of_company(self, company: str) -> list[Document]: ...

    async def revoke(self, company: str, ids: list[str], by: str, when: datetime) -> int:
        """Mark the unrevoked tokens among ``ids`` revoked; how many were."""


class RouterCodeRepository(Protocol):
    async def create_indexes(self) -> None: ...

    async def insert(self, code: Document) -> None: ...

    async def take(self, code: str) -> Document | None:
        """The code's document, removed so that only one caller ever gets it."""


class MongoRouterTokenRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._tokens = db["router_token"]

    async def create_indexes(self) -> None:
        await self._tokens.create_indexes([IndexModel([("company", ASCENDING)])])

    async def insert(self, token: Document) -> None:
        await self._tokens.insert_one(dict(token))

    async def get(self, token_id: str) -> Document | None:
        return await self._tokens.find_one({"_id": token_id})

    async def of_company(self, company: str) -> list[Document]:
        return await self._tokens.find({"company": company}).to_list()

    async def revoke(self, company: str, ids: list[str], by: str, when: datetime) -> int:
        done = await self._tokens.update_many({"company": company, "_id": {"$in": ids}, "revoked": False},
                                              {"$set": {"revoked": True, "revoked_at": when, "revoked_by": by}})
        return done.modified_count


class MongoRouterCodeRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._codes = db["router_code"]

    async def create_indexes(self) -> None:
        await self._codes.create_indexes([IndexModel([("expires", ASCENDING)])])

    async def insert(self, code: Document) -> None:
        await self._codes.insert_one(dict(code))

    async def take(self, code: str) -> Document | None:
        found = await self._codes.find_one({"_id": code})
        if found is None:
            return None
        # delete_one decides between two callers of the same code: only one deletes it
        return found if (await self._codes.delete_one({"_id": code})).deleted_count == 1 else None

"""MongoDB adapters of the companies room (database ``cairn_identity``).

``companies``: one document per company (``_id`` = company id) holding, next to the ``name``
the seed writes, ``active``, ``created`` and the company's ``defaults`` (its settings);
``storage_settings``: one document per company (``_id`` = company id) with the company's
storage credentials, the secrets encrypted (``companies.secrets``), and one per user who keeps
their own (``_id`` = ``<company>/<user>``). ``users`` is only read
here (a company's members). Every write is a single-document operation.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]

# A company document as every answer shows it: the seeded company has no ``active`` yet.
_COMPANY_DEFAULTS: Document = {"active": True, "defaults": {}}


def _company(doc: Document) -> Document:
    company = {**_COMPANY_DEFAULTS, **doc, "id": doc["_id"]}
    company.pop("_id")
    return company


class MongoCompanyDirectory:
    """The companies of the server, and the users of each (read only)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._companies = db["companies"]
        self._users = db["users"]

    async def all(self) -> list[Document]:
        """Every company, by name."""
        cursor = self._companies.find({}).sort("name", ASCENDING)
        return [_company(doc) async for doc in cursor]

    async def get(self, company_id: str) -> Document | None:
        doc = await self._companies.find_one({"_id": company_id})
        return _company(doc) if doc else None

    async def insert(self, company_id: str, name: str, defaults: Document, created: datetime) -> None:
        await self._companies.insert_one(
            {"_id": company_id, "name": name, "active": True, "defaults": defaults, "created": created}
        )

    async def set_fields(self, company_id: str, fields: Document) -> int:
        """Set ``fields`` (dotted paths allowed); 1 when the company exists, else 0."""
        result = await self._companies.update_one({"_id": company_id}, {"$set": fields})
        return result.matched_count

    async def members(self, company_id: str) -> list[Document]:
        """``{id, name, avatar}`` of the company's users."""
        cursor = self._users.find({"company": company_id}, {"name": 1, "avatar": 1})
        return [{"id": doc["_id"], "name": doc.get("name"), "avatar": doc.get("avatar")} async for doc in cursor]

    async def members_since(self, company_id: str) -> list[datetime | None]:
        """When each of the company's users was created (``None`` when not recorded)."""
        cursor = self._users.find({"company": company_id}, {"created": 1})
        return [doc.get("created") async for doc in cursor]


class MongoStorageSettings:
    """The storage settings of each owner (a company, or a user within one), as stored
    (secrets already encrypted)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["storage_settings"]

    async def get(self, owner: str) -> Document | None:
        doc = await self._col.find_one({"_id": owner})
        if doc is not None:
            doc.pop("_id")
        return doc

    async def set(self, owner: str, sections: Document, when: datetime) -> int:
        """Replace the given sections (``aws``, ``azure``, ``google``); 1 once written."""
        await self._col.update_one(
            {"_id": owner}, {"$set": {**sections, "last_update": when}}, upsert=True
        )
        return 1

    async def reset(self, owner: str, sections: list[str], when: datetime) -> int:
        """Drop the given sections; 1 when the owner had stored settings, else 0."""
        update: Document = {"$set": {"last_update": when}}
        if sections:
            update["$unset"] = {name: "" for name in sections}
        result = await self._col.update_one({"_id": owner}, update)
        return result.matched_count


class MongoPreparedDownloads:
    """``organization.prepare_download_for_get_all``'s requests, until they expire (TTL).
    A request is kept as its JSON text: its filters may name fields with dots or ``$``."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["prepared_downloads"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("expires", ASCENDING)], expireAfterSeconds=0)

    async def put(self, prepare_id: str, company: str, request: Document, expires: datetime) -> None:
        text = json.dumps(request)
        await self._col.insert_one({"_id": prepare_id, "company": company, "request": text, "expires": expires})

    async def get(self, prepare_id: str, company: str, now: datetime) -> Document | None:
        """The company's prepared request, unless it expired (the TTL sweep may lag)."""
        doc = await self._col.find_one({"_id": prepare_id, "company": company, "expires": {"$gt": now}})
        return json.loads(doc["request"]) if doc else None

"""The ops room's record of schema versions: one document (``_id: db_version``) of identity's
``server`` collection, next to the server uid, holding the versions in the order they ran."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase


class MongoDbVersionRepository:
    _ID = "db_version"

    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["server"]

    async def history(self) -> list[dict[str, Any]]:
        doc = await self._col.find_one({"_id": self._ID})
        return list(doc.get("history", [])) if doc else []

    async def record(self, version: str, at: datetime) -> None:
        entry = {"version": version, "created": at}
        await self._col.update_one({"_id": self._ID}, {"$push": {"history": entry}}, upsert=True)

"""MongoDB adapter of the variables room (database ``cairn_identity``, collection
``global_vars``): one document per company and key (``_id`` = ``<company>/<key>``) with
``value`` (an integer when the text is one, so that ``$inc`` works on it, else the text) and
``expires`` (when it stops existing; None: never).

Every increment is a single-document conditional update (``$inc`` where the result stays in
bounds; ``$max``/``$min`` to the bound for a partial one), never a read-modify-write, so
concurrent increments never lose one. Expired variables are read as absent and start again
from 0 when incremented.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure


class NotANumber(Exception):
    """The variable holds a value that is not an integer."""


class VariableStore(Protocol):
    async def get(self, company: str, keys: list[str], now: datetime) -> dict[str, Any]:
        """key -> value of the live variables among ``keys``."""

    async def put(self, company: str, key: str, value: Any, expires: datetime | None) -> None: ...

    async def delete(self, company: str, keys: list[str]) -> int: ...

    async def increment(self, company: str, key: str, by: int, low: int | None, high: int | None,
                        partial: bool, expires: datetime | None, now: datetime) -> tuple[int, int]:
        """Add ``by`` when the result stays within [low, high]; else, when ``partial``, move
        to the bound it would cross. (the value after, the amount added); ``NotANumber``."""


def _id(company: str, key: str) -> str:
    return f"{company}/{key}"


class MongoVariableStore:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["global_vars"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("company", ASCENDING), ("key", ASCENDING)])

    async def get(self, company: str, keys: list[str], now: datetime) -> dict[str, Any]:
        live = {"$or": [{"expires": None}, {"expires": {"$gt": now}}]}
        cursor = self._col.find({"_id": {"$in": [_id(company, k) for k in keys]}, **live})
        return {doc["key"]: doc["value"] async for doc in cursor}

    async def put(self, company: str, key: str, value: Any, expires: datetime | None) -> None:
        await self._col.update_one({"_id": _id(company, key)},
                                   {"$set": {"company": company, "key": key, "value": value, "expires": expires}},
                                   upsert=True)

    async def delete(self, company: str, keys: list[str]) -> int:
        result = await self._col.delete_many({"_id": {"$in": [_id(company, k) for k in keys]}})
        return result.deleted_count

    async def increment(self, company: str, key: str, by: int, low: int | None, high: int | None,
                        partial: bool, expires: datetime | None, now: datetime) -> tuple[int, int]:
        doc_id = _id(company, key)
        refresh = {"$set": {"expires": expires}} if expires is not None else {}
        try:
            # the usual case in one write: a live variable whose result stays within the bounds
            done = await self._whole(doc_id, by, low, high, refresh, now)
            if done is None:
                await self._exist(company, key, doc_id, now)
                done = await self._whole(doc_id, by, low, high, refresh, now)
            if done is not None:
                return done, by
            if partial and (bound := _partial_bound(by, low, high)) is not None:
                op, window = bound
                target = bound_value(by, low, high)
                before = await self._col.find_one_and_update(
                    {"_id": doc_id, "value": window}, {op: {"value": target}, **refresh},
                    return_document=ReturnDocument.BEFORE)
                if before is not None:
                    return target, target - int(before["value"])
        except OperationFailure as exc:  # $inc on a text value
            raise NotANumber(key) from exc
        current = await self._col.find_one({"_id": doc_id})
        value = current["value"] if current else 0
        if not isinstance(value, int):
            raise NotANumber(key)
        return value, 0

    async def _whole(self, doc_id: str, by: int, low: int | None, high: int | None, refresh: dict,
                     now: datetime) -> int | None:
        """Add ``by`` to a live variable when the result stays within [low, high]; the value
        after, or None when no live variable takes it."""
        live = {"$or": [{"expires": None}, {"expires": {"$gt": now}}]}
        done = await self._col.find_one_and_update({"_id": doc_id, **_fits(by, low, high), **live},
                                                   {"$inc": {"value": by}, **refresh},
                                                   return_document=ReturnDocument.AFTER)
        return None if done is None else int(done["value"])

    async def _exist(self, company: str, key: str, doc_id: str, now: datetime) -> None:
        """The variable exists (0 when new) and an expired one starts again from 0."""
        try:
            await self._col.update_one({"_id": doc_id}, {"$setOnInsert": {"company": company, "key": key,
                                                                          "value": 0, "expires": None}}, upsert=True)
        except DuplicateKeyError:  # created concurrently: it exists
            pass
        await self._col.update_one({"_id": doc_id, "expires": {"$ne": None, "$lte": now}},
                                   {"$set": {"value": 0, "expires": None}})


def _fits(by: int, low: int | None, high: int | None) -> dict[str, Any]:
    """The values from which adding ``by`` stays within [low, high] (and are integers)."""
    window: dict[str, Any] = {"$type": "number"}
    if high is not None:
        window["$lte"] = high - by
    if low is not None:
        window["$gte"] = low - by
    return {"value": window}


def bound_value(by: int, low: int | None, high: int | None) -> int | None:
    return high if by > 0 else low


def _partial_bound(by: int, low: int | None, high: int | None) -> tuple[str, dict[str, Any]] | None:
    """The update that moves a value toward the bound ``by`` would cross, and the values it
    applies to (between the bound and where the whole increment would have fit)."""
    if by > 0 and high is not None and (low is None or high >= low):
        return "$max", {"$type": "number", "$gt": high - by, "$lt": high}
    if by < 0 and low is not None and (high is None or low <= high):
        return "$min", {"$type": "number", "$lt": low - by, "$gt": low}
    return None

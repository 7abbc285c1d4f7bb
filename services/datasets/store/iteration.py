"""MongoDB ``iteration_states``: the state of each scroll of ``frames.get_next*`` (and of each
prepared download), one document per id. Several workers of one task name the same scroll id;
``advance`` is a compare-and-set on the state's ``seq`` counter, so exactly one of two callers
that read the same state moves it on (``iteration/ports.IterationStates``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError
from pymongo.asynchronous.database import AsyncDatabase

COLLECTION = "iteration_states"
# A scroll (or prepared download) untouched this long is forgotten (a TTL index on ``updated``;
# every call on a scroll renews it). ClearML's clients open a scroll per iterator and never
# clear them.
EXPIRE_AFTER_S = 7 * 24 * 3600

Document = dict[str, Any]


class MongoIterationStates:
    """``IterationStates`` over MongoDB. Lookups go by ``_id`` alone and check the company in
    Python (a company condition beside ``_id`` keeps SecantusDB off the ``_id`` index)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._states = db[COLLECTION]

    async def ensure_indexes(self) -> None:
        await self._states.create_index([("updated", ASCENDING)], expireAfterSeconds=EXPIRE_AFTER_S)

    async def open(self, state: Document) -> bool:
        doc = {k: v for k, v in state.items() if k != "id"}
        try:
            await self._states.insert_one({**doc, "_id": state["id"], "seq": 0, "updated": datetime.now(UTC)})
        except DuplicateKeyError:
            return False
        return True

    async def get(self, company: str, state_id: str) -> Document | None:
        doc = await self._states.find_one({"_id": state_id})
        if doc is None or doc.get("company") != company:
            return None
        return {**{k: v for k, v in doc.items() if k != "_id"}, "id": doc["_id"]}

    async def advance(self, company: str, state_id: str, seq: int, changes: Document) -> bool:
        # update_one on (_id, company, seq): atomic and conditional on this server, cheaper
        # than findAndModify (see services/tasks/store/repository.py)
        fields = {k: v for k, v in changes.items() if k not in ("id", "company", "seq")}
        result = await self._states.update_one(
            {"_id": state_id, "company": company, "seq": seq},
            {"$set": {**fields, "seq": seq + 1, "updated": datetime.now(UTC)}},
        )
        return result.matched_count == 1

    async def remove(self, company: str, state_id: str) -> bool:
        result = await self._states.delete_one({"_id": state_id, "company": company})
        return result.deleted_count == 1

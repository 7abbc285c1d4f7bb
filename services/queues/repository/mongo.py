"""MongoDB adapters of the queues process's ports (database ``cairn_queues``): collections
``queue``, ``worker``, ``serving_container`` and ``worker_property``.

Queue documents keep their ``entries`` (``{task, added}``) in order and a ``seq`` counter that
every change of the entries increments. Changes of the entries are single-document
conditional updates, so they stay atomic with any number of processes:
- add: ``$push`` only while no entry has the task;
- pop: ``$pop`` only while the first entry is the task just read (retried if another caller
  won), never ``findAndModify``, which SecantusDB serves with a collection scan;
- reorder / clear: ``$set`` of the whole list only while ``seq`` is the one read.

Lookups go by ``_id`` alone and check the company in code (a company condition next to
``_id`` makes SecantusDB leave the ``_id`` index). Workers and serving containers are
documents by key that count as alive until their ``expires``: expiry is decided when reading,
so nothing sweeps and nothing falls behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.queues.filters import QueueFilter
from services.queues.repository import ANY_URL, Document, DuplicateName
from services.queues.repository.queries import find_filter, sort

POP_ATTEMPTS = 1000  # each failed attempt means another caller popped an entry: progress


# No index on array fields (``entries.task``, ``system_tags``): SecantusDB re-indexes the
# whole array on every update, which made each pop 4x slower at 300 entries (measured). A
# company has few queues, so the company prefix of these indexes serves those filters.
QUEUE_INDEXES = [
    IndexModel([("company", ASCENDING), ("name", ASCENDING)], name="company_name", unique=True),
    IndexModel([("company", ASCENDING), ("created", ASCENDING), ("_id", ASCENDING)], name="company_created_id"),
]
WORKER_INDEXES = [IndexModel([("company", ASCENDING), ("expires", ASCENDING)], name="company_expires")]


class MongoQueueRepository:
    """``QueueRepository`` over the ``queue`` collection."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._queues = db["queue"]

    async def ensure_indexes(self) -> None:
        await self._queues.create_indexes(QUEUE_INDEXES)

    async def add(self, queue: Document) -> None:
        try:
            await self._queues.insert_one(dict(queue))
        except DuplicateKeyError:
            raise DuplicateName(queue.get("name")) from None

    async def get(self, company: str, queue_id: str, entries: bool = True) -> Document | None:
        doc = await self._queues.find_one({"_id": queue_id}, None if entries else {"entries": 0})
        return doc if doc is not None and doc.get("company") == company else None

    async def by_name(self, company: str, name: str) -> Document | None:
        return await self._queues.find_one({"company": company, "name": name})

    async def defaults(self, company: str) -> list[Document]:
        return await self._queues.find({"company": company, "system_tags": "default"}).to_list()

    async def find(self, query: QueueFilter) -> list[Document]:
        cursor = self._queues.find(find_filter(query)).sort(sort(query)).skip(query.skip).limit(query.limit)
        return await cursor.to_list()

    async def update(self, company: str, queue_id: str, fields: Document) -> Document | None:
        if await self.get(company, queue_id, entries=False) is None:
            return None
        if fields:
            try:
                await self._queues.update_one({"_id": queue_id}, {"$set": dict(fields)})
            except DuplicateKeyError:
                raise DuplicateName(fields.get("name")) from None
        return await self._queues.find_one({"_id": queue_id})

    async def set_metadata(self, company: str, queue_id: str, items: Mapping[str, Document], replace: bool,
                           now: datetime) -> bool:
        if await self.get(company, queue_id, entries=False) is None:
            return False
        values = {"metadata": dict(items)} if replace else {f"metadata.{key}": item for key, item in items.items()}
        await self._queues.update_one({"_id": queue_id}, {"$set": {**values, "last_update": now}})
        return True

    async def delete_metadata(self, company: str, queue_id: str, keys: Sequence[str], now: datetime) -> bool:
        if await self.get(company, queue_id, entries=False) is None:
            return False
        update: Document = {"$set": {"last_update": now}}
        if keys:
            update["$unset"] = {f"metadata.{key}": "" for key in keys}
        await self._queues.update_one({"_id": queue_id}, update)
        return True

    async def delete(self, company: str, queue_id: str, expected_seq: int | None = None) -> bool:
        if await self.get(company, queue_id) is None:
            return False
        condition: Document = {"_id": queue_id}
        if expected_seq is not None:
            condition["seq"] = expected_seq
        return (await self._queues.delete_one(condition)).deleted_count == 1

    async def push(self, queue_id: str, entry: Document, now: datetime) -> bool:
        result = await self._queues.update_one(
            {"_id": queue_id, "entries.task": {"$ne": entry["task"]}},
            {"$push": {"entries": entry}, "$inc": {"seq": 1}, "$set": {"last_update": now}},
        )
        return result.modified_count == 1

    async def pop_first(self, company: str, queue_id: str, now: datetime,
                        task: str | None = None) -> tuple[Document | None, Document | None]:
        for _ in range(POP_ATTEMPTS):
            doc = await self._queues.find_one({"_id": queue_id})
            if doc is None or doc.get("company") != company:
                return None, None
            first = doc.get("entries") or []
            if not first or (task is not None and first[0].get("task") != task):
                return doc, None
            result = await self._queues.update_one(
                {"_id": queue_id, "entries.0.task": first[0]["task"]},
                {"$pop": {"entries": -1}, "$inc": {"seq": 1}, "$set": {"last_update": now}},
            )
            if result.modified_count == 1:
                return doc, first[0]
        raise RuntimeError(f"queue {queue_id}: no pop succeeded after {POP_ATTEMPTS} attempts")

    async def pull(self, queue_id: str, task: str, now: datetime) -> int:
        doc = await self._queues.find_one({"_id": queue_id}, {"entries.task": 1})
        count = sum(1 for e in (doc or {}).get("entries") or [] if e.get("task") == task)
        if not count:
            return 0
        result = await self._queues.update_one(
            {"_id": queue_id, "entries.task": task},
            {"$pull": {"entries": {"task": task}}, "$inc": {"seq": 1}, "$set": {"last_update": now}},
        )
        return count if result.modified_count == 1 else 0

    async def replace_entries(
        self, queue_id: str, expected_seq: int, entries: list[Document], now: datetime
    ) -> bool:
        result = await self._queues.update_one(
            {"_id": queue_id, "seq": expected_seq},
            {"$set": {"entries": entries, "last_update": now}, "$inc": {"seq": 1}},
        )
        return result.modified_count == 1

    async def pull_everywhere(self, company: str, task: str, now: datetime, keep: str | None = None) -> int:
        condition: Document = {"company": company, "entries.task": task}
        if keep is not None:
            condition["_id"] = {"$ne": keep}
        result = await self._queues.update_many(
            condition, {"$pull": {"entries": {"task": task}}, "$inc": {"seq": 1}, "$set": {"last_update": now}}
        )
        return result.modified_count

    async def page(self, after: str | None, limit: int) -> list[Document]:
        condition: Document = {"_id": {"$gt": after}} if after is not None else {}
        cursor = self._queues.find(condition, {"company": 1, "entries.added": 1}).sort([("_id", 1)]).limit(limit)
        return await cursor.to_list()


class MongoExpiringDocs:
    """Documents by key that count as alive until their ``expires`` (workers, serving
    containers): whole-document saves, reads and deletes, and a company's live ones."""

    indexes: list[IndexModel] = []

    def __init__(self, db: AsyncDatabase, collection: str) -> None:
        self._docs = db[collection]

    async def ensure_indexes(self) -> None:
        await self._docs.create_indexes(self.indexes)

    async def save(self, doc: Document) -> None:
        await self._docs.replace_one({"_id": doc["_id"]}, dict(doc), upsert=True)

    async def get(self, key: str) -> Document | None:
        return await self._docs.find_one({"_id": key})

    async def delete(self, key: str) -> bool:
        return (await self._docs.delete_one({"_id": key})).deleted_count == 1

    async def _live(self, company: str, now: datetime, **condition: Any) -> list[Document]:
        """The company's documents alive at ``now`` (and matching ``condition``), by key."""
        found = {"company": company, "expires": {"$gt": now}, **condition}
        return await self._docs.find(found).sort([("_id", 1)]).to_list()


class MongoWorkerRepository(MongoExpiringDocs):
    """``WorkerRepository`` over the ``worker`` collection."""

    indexes = WORKER_INDEXES

    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db, "worker")

    async def touch(self, key: str, changes: Document) -> bool:
        return (await self._docs.update_one({"_id": key}, {"$set": changes})).matched_count == 1

    async def live(self, company: str, now: datetime, active_since: datetime | None = None) -> list[Document]:
        if active_since is None:
            return await self._live(company, now)
        return await self._live(company, now, last_activity_time={"$gte": active_since})


CONTAINER_INDEXES = [IndexModel([("company", ASCENDING), ("expires", ASCENDING)], name="company_expires")]


class MongoContainerRepository(MongoExpiringDocs):
    """``ContainerRepository`` over the ``serving_container`` collection (``_id`` =
    ``<company>/<container id>``; no ``endpoint_url``: still loading its model)."""

    indexes = CONTAINER_INDEXES

    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db, "serving_container")

    async def live(self, company: str, now: datetime, endpoint_url: Any = ANY_URL) -> list[Document]:
        found = await self._live(company, now)
        if endpoint_url is ANY_URL:
            return found
        return [c for c in found if c.get("endpoint_url") == endpoint_url]


PROPERTY_INDEXES = [IndexModel([("company", ASCENDING), ("user", ASCENDING), ("worker", ASCENDING)],
                               name="company_user_worker")]


class MongoRuntimePropertyRepository:
    """``RuntimePropertyRepository`` over the ``worker_property`` collection (one document per
    property; an expired one is skipped when reading and replaced by the next set)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._props = db["worker_property"]

    async def ensure_indexes(self) -> None:
        await self._props.create_indexes(PROPERTY_INDEXES)

    async def put(self, prop: Document) -> None:
        await self._props.replace_one({"_id": prop["_id"]}, dict(prop), upsert=True)

    async def delete(self, prop_id: str) -> bool:
        return (await self._props.delete_one({"_id": prop_id})).deleted_count == 1

    async def of_worker(self, company: str, user: str, worker: str) -> list[Document]:
        return await self._props.find({"company": company, "user": user, "worker": worker}).to_list()

"""Storage ports of the queues process and their MongoDB adapters (database ``cairn_queues``).

Queue documents keep their ``entries`` (``{task, added}``) in order and a ``seq`` counter that
every change of the entries increments. Changes of the entries are single-document
conditional updates, so they stay atomic with any number of processes:
- add: ``$push`` only while no entry has the task;
- pop: ``$pop`` only while the first entry is the task just read (retried if another caller
  won), never ``findAndModify``, which SecantusDB serves with a collection scan;
- reorder / clear: ``$set`` of the whole list only while ``seq`` is the one read.

Lookups go by ``_id`` alone and check the company in code (a company condition next to
``_id`` makes SecantusDB leave the ``_id`` index).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.queues.queries import FindQuery

Document = dict[str, Any]
POP_ATTEMPTS = 1000  # each failed attempt means another caller popped an entry: progress


class DuplicateName(Exception):
    """A queue with this name already exists in the company."""


class QueueRepository(Protocol):
    """Queues (``queues.*``). Contract, shared by every adapter and fake:

    - ``add`` stores a new queue; a name the company already uses raises ``DuplicateName``.
    - ``get`` returns the company's queue, else ``None`` (without ``entries`` when
      ``entries`` is false: cheaper for big queues); ``by_name`` likewise by exact name;
      ``defaults`` the company's queues with the system tag ``default``.
    - ``find`` runs a company-scoped ``FindQuery``.
    - ``update`` applies ``$set: changes`` (and ``$unset`` of ``unset``) to the company's queue
      and returns it, ``None`` if there is none; a rename to a used name raises ``DuplicateName``.
    - ``delete`` removes the company's queue, only while its ``seq`` is ``expected_seq``
      (unless that is ``None``); ``False`` if nothing was removed.
    - ``push`` appends ``entry`` unless the queue already holds its task (-> ``False``).
    - ``pop_first`` removes the first entry of the company's queue (only if it is ``task``
      when given) -> ``(queue, entry)``: the queue as read just before the entry was removed
      (all its entries, the popped one first; for the queue-metrics point without another
      read) and the entry; ``(queue, None)`` when the queue is empty or starts with another
      task; ``(None, None)`` when there is no such queue. Each entry is handed out once,
      whatever the concurrency.
    - ``pull`` removes the task's entries from one queue and returns how many.
    - ``replace_entries`` sets the whole entry list while ``seq`` is ``expected_seq``.
    - ``pull_everywhere`` removes the task from every queue of the company except
      ``keep``, returning how many queues held it.
    - ``page`` -> up to ``limit`` queues of every company with ``_id`` greater than
      ``after`` (all when ``None``), by ``_id``; each with ``_id``, ``company`` and its
      entries' ``added`` times only (the queue-metrics refresher's read).
    """

    async def add(self, queue: Document) -> None: ...

    async def get(self, company: str, queue_id: str, entries: bool = True) -> Document | None: ...

    async def by_name(self, company: str, name: str) -> Document | None: ...

    async def defaults(self, company: str) -> list[Document]: ...

    async def find(self, query: FindQuery) -> list[Document]: ...

    async def update(
        self, company: str, queue_id: str, changes: Document, unset: Sequence[str] = ()
    ) -> Document | None: ...

    async def delete(self, company: str, queue_id: str, expected_seq: int | None = None) -> bool: ...

    async def push(self, queue_id: str, entry: Document, now: datetime) -> bool: ...

    async def pop_first(self, company: str, queue_id: str, now: datetime,
                        task: str | None = None) -> tuple[Document | None, Document | None]: ...

    async def pull(self, queue_id: str, task: str, now: datetime) -> int: ...

    async def replace_entries(
        self, queue_id: str, expected_seq: int, entries: list[Document], now: datetime
    ) -> bool: ...

    async def pull_everywhere(self, company: str, task: str, now: datetime, keep: str | None = None) -> int: ...

    async def page(self, after: str | None, limit: int) -> list[Document]: ...


class WorkerRepository(Protocol):
    """Workers (``workers.*``), one document per (company, user, worker id) ``key``. A worker
    is alive while ``expires`` (last activity + its timeout) is in the future; expiry is
    computed at read time, nothing sweeps. Contract:

    - ``save`` stores the whole document (replacing one with the same ``_id``).
    - ``get`` / ``delete`` by key; ``delete`` says whether there was one.
    - ``touch`` applies ``$set: changes`` to an existing worker; ``False`` if there is none.
    - ``live`` returns the company's workers alive at ``now`` and, when ``active_since`` is
      given, active since then.
    """

    async def save(self, worker: Document) -> None: ...

    async def get(self, key: str) -> Document | None: ...

    async def delete(self, key: str) -> bool: ...

    async def touch(self, key: str, changes: Document) -> bool: ...

    async def live(self, company: str, now: datetime, active_since: datetime | None = None) -> list[Document]: ...


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

    async def find(self, query: FindQuery) -> list[Document]:
        cursor = self._queues.find(query.filter).sort(query.sort).skip(query.skip).limit(query.limit)
        return await cursor.to_list()

    async def update(
        self, company: str, queue_id: str, changes: Document, unset: Sequence[str] = ()
    ) -> Document | None:
        if await self.get(company, queue_id) is None:
            return None
        update: Document = {"$set": changes} if changes else {}
        if unset:
            update["$unset"] = dict.fromkeys(unset, "")
        if update:
            try:
                await self._queues.update_one({"_id": queue_id}, update)
            except DuplicateKeyError:
                raise DuplicateName(changes.get("name")) from None
        return await self._queues.find_one({"_id": queue_id})

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

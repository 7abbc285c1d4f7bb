"""The stores of the clusters room (``services/queues/clusters``), in the queues process's
database: cluster reports (``cluster_report``), listeners (``listener``), resource thresholds
per company (``resource_thresholds``) and the workers' event log (``worker_event``). Each port
speaks the room's words; the MongoDB adapters below are the only code that knows the
collections (here, as the process keeps its query language in ``repository/``), and the
in-memory ones serve the unit tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]


class ReportStore(Protocol):
    """Cluster reports and listeners: documents with ``_id``, ``company`` and ``expires``.

    - ``save`` inserts or replaces one by ``_id``.
    - ``remove`` deletes the company's documents matching ``fields`` (equality); returns how many.
    - ``live`` returns the company's documents whose ``expires`` is after ``now``.
    - ``get`` returns one by ``_id`` or ``None``.
    """

    async def save(self, doc: Document) -> None: ...

    async def get(self, doc_id: str) -> Document | None: ...

    async def remove(self, company: str, **fields: Any) -> int: ...

    async def live(self, company: str, now: datetime) -> list[Document]: ...


class ThresholdStore(Protocol):
    """One thresholds document per company (``get`` -> it or ``None``; ``put`` replaces it)."""

    async def get(self, company: str) -> Document | None: ...

    async def put(self, company: str, doc: Document) -> None: ...


class EventStore(Protocol):
    """The workers' event log: ``{_id, company, timestamp, event_type, worker, ...}``.

    - ``add`` stores one event.
    - ``since`` returns the company's events at or after ``since`` (``None``: all) of one of
      ``types`` (``None``: any), newest first, at most ``limit``.
    - ``last_of`` returns a worker's newest event among ``types``, or ``None``.
    """

    async def add(self, event: Document) -> None: ...

    async def since(self, company: str, since: datetime | None, limit: int,
                    types: tuple[str, ...] | None = None) -> list[Document]: ...

    async def last_of(self, company: str, worker: str, types: tuple[str, ...]) -> Document | None: ...


class MongoReportStore:
    """``ReportStore`` over one collection (``cluster_report`` or ``listener``)."""

    def __init__(self, db: AsyncDatabase, collection: str) -> None:
        self._docs = db[collection]

    async def create_indexes(self) -> None:
        await self._docs.create_indexes([IndexModel([("company", ASCENDING), ("expires", ASCENDING)])])

    async def save(self, doc: Document) -> None:
        await self._docs.replace_one({"_id": doc["_id"]}, doc, upsert=True)

    async def get(self, doc_id: str) -> Document | None:
        return await self._docs.find_one({"_id": doc_id})

    async def remove(self, company: str, **fields: Any) -> int:
        return (await self._docs.delete_many({"company": company, **fields})).deleted_count

    async def live(self, company: str, now: datetime) -> list[Document]:
        return await self._docs.find({"company": company, "expires": {"$gt": now}}).to_list()


class MongoThresholdStore:
    """``ThresholdStore`` over ``resource_thresholds`` (``_id`` = the company)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._docs = db["resource_thresholds"]

    async def get(self, company: str) -> Document | None:
        return await self._docs.find_one({"_id": company})

    async def put(self, company: str, doc: Document) -> None:
        await self._docs.replace_one({"_id": company}, {**doc, "_id": company}, upsert=True)


class MongoEventStore:
    """``EventStore`` over ``worker_event``."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._docs = db["worker_event"]

    async def create_indexes(self) -> None:
        await self._docs.create_indexes([
            IndexModel([("company", ASCENDING), ("timestamp", ASCENDING)]),
            IndexModel([("company", ASCENDING), ("worker", ASCENDING), ("timestamp", ASCENDING)]),
        ])

    async def add(self, event: Document) -> None:
        await self._docs.insert_one(dict(event))

    async def since(self, company: str, since: datetime | None, limit: int,
                    types: tuple[str, ...] | None = None) -> list[Document]:
        condition: Document = {"company": company}
        if since is not None:
            condition["timestamp"] = {"$gte": since}
        if types is not None:
            condition["event_type"] = {"$in": list(types)}
        cursor = self._docs.find(condition).sort([("timestamp", DESCENDING), ("seq", DESCENDING)]).limit(limit)
        return await cursor.to_list()

    async def last_of(self, company: str, worker: str, types: tuple[str, ...]) -> Document | None:
        condition = {"company": company, "worker": worker, "event_type": {"$in": list(types)}}
        found = await self._docs.find(condition).sort([("timestamp", DESCENDING), ("seq", DESCENDING)]).limit(1).to_list()
        return found[0] if found else None


class InMemoryReportStore:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def save(self, doc: Document) -> None:
        self.docs[doc["_id"]] = dict(doc)

    async def get(self, doc_id: str) -> Document | None:
        return self.docs.get(doc_id)

    async def remove(self, company: str, **fields: Any) -> int:
        gone = [k for k, d in self.docs.items() if d["company"] == company and all(d.get(f) == v for f, v in fields.items())]
        for key in gone:
            del self.docs[key]
        return len(gone)

    async def live(self, company: str, now: datetime) -> list[Document]:
        return [d for d in self.docs.values() if d["company"] == company and d["expires"] > now]


class InMemoryThresholdStore:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def get(self, company: str) -> Document | None:
        return self.docs.get(company)

    async def put(self, company: str, doc: Document) -> None:
        self.docs[company] = dict(doc)


class InMemoryEventStore:
    def __init__(self) -> None:
        self.events: list[Document] = []

    async def add(self, event: Document) -> None:
        self.events.append(dict(event))

    async def since(self, company: str, since: datetime | None, limit: int,
                    types: tuple[str, ...] | None = None) -> list[Document]:
        found = [e for e in self.events if e["company"] == company and (since is None or e["timestamp"] >= since)
                 and (types is None or e["event_type"] in types)]
        return sorted(found, key=lambda e: (e["timestamp"], e["seq"]), reverse=True)[:limit]

    async def last_of(self, company: str, worker: str, types: tuple[str, ...]) -> Document | None:
        found = [e for e in self.events if e["company"] == company and e["worker"] == worker and e["event_type"] in types]
        return max(found, key=lambda e: (e["timestamp"], e["seq"]), default=None)

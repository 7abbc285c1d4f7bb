"""The facts outbox: a fact is written to the owning process's database in the same
transaction as the change it reports, then published; what a crash left unpublished is
published by a drainer in that process.

Why: a fact sent after its change and before the answer was lost when the process died in
between (kill -9), and the events, files or models of a deleted task stayed forever.

How a fact travels:

1. the use case makes a ``Pending`` fact (``pending(fact)``) and hands it to the repository
   call that makes the change (``delete(..., facts=[...])``); the MongoDB adapter runs the
   change and, only if it happened, inserts the fact into ``outbox`` in one transaction
   (``MongoOutbox.write_with``): no change, no fact, and no change without its fact;
2. the use case then publishes it (``OutboxPublisher.publish``): sent to Kafka
   (``acks=all``), then its record removed;
3. a record is written leased to its writer for ``lease_s`` seconds; ``OutboxPublisher.drain``
   (at start and every ``interval_s``, in every replica) claims records whose lease is over,
   one by one with a compare-and-set on the lease, and publishes them.

A fact may thus be published twice (a crash after the send, before the removal; a drainer
claiming a record whose writer was merely slow): every reader must be idempotent (the
readers of the tasks process's facts delete what the fact names: twice is harmless).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol, TypeVar

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure

log = logging.getLogger(__name__)

T = TypeVar("T")
COLLECTION = "outbox"
CLAIM_BATCH = 100
# What a standalone MongoDB answers a transaction: "Transaction numbers are only allowed on a
# replica set member or mongos" (IllegalOperation).
ILLEGAL_OPERATION = 20


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Pending:
    """A fact bound for the changes topic: its outbox record id and its Kafka key."""

    id: str
    key: str
    fact: dict[str, Any]

    def record(self, lease_until: datetime) -> dict[str, Any]:
        return {"_id": self.id, "key": self.key, "fact": self.fact, "lease": lease_until}


def pending(fact: dict[str, Any], key: str | None = None) -> Pending:
    """A new pending fact keyed by ``key`` (default: the fact's ``id``)."""
    return Pending(uuid.uuid4().hex, key if key is not None else str(fact["id"]), fact)


def from_record(record: dict[str, Any]) -> Pending:
    return Pending(record["_id"], record["key"], record["fact"])


class OutboxStore(Protocol):
    """Port: the records of a process's outbox."""

    async def claim(self, now: datetime, lease_s: float, limit: int) -> list[Pending]:
        """Records whose lease is over at ``now``, each leased anew for ``lease_s`` seconds;
        a record is claimed by one caller only, however many drain at once."""

    async def remove(self, ids: Sequence[str]) -> None:
        """Forget published records (unknown ids are fine)."""


class FactSender(Protocol):
    """Port: send one fact keyed by ``key``; returns once the broker has it
    (``shared.messaging.facts.FactProducer``)."""

    async def send(self, key: str, fact: dict[str, Any]) -> None: ...


class MongoOutbox:
    """``OutboxStore`` over the ``outbox`` collection of the process's database, and the
    transaction that writes records with a change."""

    def __init__(self, db: AsyncDatabase, lease_s: float = 30.0, clock: Callable[[], datetime] = utc_now) -> None:
        self._client = db.client
        self._records = db[COLLECTION]
        self.lease_s = lease_s
        self._clock = clock
        self._transactions = True

    async def ensure_indexes(self) -> None:
        await self._records.create_index("lease")

    async def write_with(self, change: Callable[[AsyncClientSession | None], Awaitable[T]],
                         facts: Sequence[Pending]) -> T:
        """Run ``change(session)``; if it answers something true (the change happened), its
        ``facts`` are recorded in the same transaction. Without facts: no transaction.

        A standalone MongoDB runs no transaction (only a replica set does; SecantusDB does):
        there the facts are recorded right after their change, a window of one write instead
        of a Kafka round trip, and a warning says so once."""
        if not facts:
            return await change(None)
        if self._transactions:
            try:
                return await self._in_transaction(change, facts)
            except OperationFailure as exc:
                if exc.code != ILLEGAL_OPERATION:
                    raise
                self._transactions = False
                log.warning("MongoDB refused a transaction (%s): facts are recorded after their change, not "
                            "with it; run MongoDB as a replica set", exc)
        result = await change(None)
        if result:
            await self._records.insert_many([f.record(self._lease_until()) for f in facts])
        return result

    async def _in_transaction(self, change: Callable[[AsyncClientSession | None], Awaitable[T]],
                              facts: Sequence[Pending]) -> T:
        async with self._client.start_session() as session:
            async with await session.start_transaction():
                result = await change(session)
                if result:
                    await self._records.insert_many([f.record(self._lease_until()) for f in facts],
                                                    session=session)
                return result

    def _lease_until(self) -> datetime:
        return self._clock() + timedelta(seconds=self.lease_s)

    async def claim(self, now: datetime, lease_s: float, limit: int) -> list[Pending]:
        due = await self._records.find({"lease": {"$lte": now}}).sort("lease", 1).limit(limit).to_list()
        until = now + timedelta(seconds=lease_s)
        claimed = []
        for record in due:
            # Compare-and-set on the lease read: of several drainers, one wins each record.
            done = await self._records.update_one({"_id": record["_id"], "lease": record["lease"]},
                                                  {"$set": {"lease": until}})
            if done.modified_count == 1:
                claimed.append(from_record(record))
        return claimed

    async def remove(self, ids: Sequence[str]) -> None:
        if ids:
            await self._records.delete_many({"_id": {"$in": list(ids)}})

    async def count(self) -> int:
        return await self._records.count_documents({})


class InMemoryOutbox:
    """``OutboxStore`` in memory (unit tests); ``add`` stands for the transaction."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}

    def add(self, facts: Sequence[Pending], lease_until: datetime) -> None:
        for fact in facts:
            self.records[fact.id] = fact.record(lease_until)

    async def claim(self, now: datetime, lease_s: float, limit: int) -> list[Pending]:
        due = sorted((r for r in self.records.values() if r["lease"] <= now), key=lambda r: r["lease"])[:limit]
        for record in due:
            record["lease"] = now + timedelta(seconds=lease_s)
        return [from_record(r) for r in due]

    async def remove(self, ids: Sequence[str]) -> None:
        for record_id in ids:
            self.records.pop(record_id, None)


class OutboxPublisher:
    """Publishes recorded facts: at once after their change (``publish``) and, for what a
    crash left behind, by draining the outbox (``drain``, run by a ``Periodic``).

    ``hold_s`` (0 in production) waits between a change and its publication: the fault tier's
    window for killing the process there (``tests/e2e/test_outbox_kill.py``)."""

    def __init__(self, store: OutboxStore, sender: FactSender, lease_s: float = 30.0, hold_s: float = 0.0,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._sender = sender
        self._lease_s = lease_s
        self._hold_s = hold_s
        self._clock = clock
        self._forgetting: set[asyncio.Task] = set()

    async def publish(self, facts: Sequence[Pending]) -> None:
        """Send the facts in order, then forget their records. The change they report is
        committed: a failed send does not fail the caller's request, its records are left to
        the drainer (after their lease), which sends them when the broker is back."""
        if not facts:
            return
        if self._hold_s:
            await asyncio.sleep(self._hold_s)
        try:
            for fact in facts:
                await self._sender.send(fact.key, fact.fact)
        except Exception:  # noqa: BLE001 - not lost: the drainer publishes what is left
            log.warning("publishing %d facts failed; the outbox drainer will", len(facts), exc_info=True)
            return
        # Forgotten after the answer: one journaled write less on the request's path (awaited,
        # it added 10-20 ms to tasks.delete's p50); if it fails, the drainer sends them again.
        forget = asyncio.create_task(self._forget([f.id for f in facts]))
        self._forgetting.add(forget)
        forget.add_done_callback(self._forgetting.discard)

    async def _forget(self, ids: list[str]) -> None:
        try:
            await self._store.remove(ids)
        except Exception:  # noqa: BLE001 - the drainer publishes them again, which readers tolerate
            log.warning("forgetting %d published facts failed; they will be published again", len(ids),
                        exc_info=True)

    async def settle(self) -> None:
        """Wait until the records of what was published are forgotten (tests, ``stop``)."""
        while self._forgetting:
            await asyncio.gather(*self._forgetting, return_exceptions=True)

    async def drain(self) -> int:
        """Publish every record whose lease is over; how many were published."""
        published = 0
        while True:
            claimed = await self._store.claim(self._clock(), self._lease_s, CLAIM_BATCH)
            if not claimed:
                return published
            for fact in claimed:
                await self._sender.send(fact.key, fact.fact)
                await self._store.remove([fact.id])
                published += 1
            log.info("published %d facts left in the outbox", len(claimed))

"""The facts outbox on the real MongoDB-wire server: a fact is recorded in the same
transaction as its change and only if the change happened, drainers claim each record once,
and a deletion whose publication died (the process killed between the change and Kafka) has
its facts published by the drainer of the next start."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from pymongo.errors import OperationFailure

from services.tasks.store.repository import MongoTaskRepository
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.outbox import COLLECTION, MongoOutbox, OutboxPublisher, pending, utc_now
from tests.integration.tasks.conftest import ALICE, mongo_handlers

pytestmark = pytest.mark.integration
LEASE_S = 30.0


class Broker:
    """A ``FactSender`` keeping what it got; ``fail`` is raised by every send."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.fail: BaseException | None = None

    async def send(self, key: str, fact: dict) -> None:
        if self.fail is not None:
            raise self.fail
        assert key == fact["id"]
        self.sent.append(fact)


def later() -> object:
    """The clock of a process started again once the writer's lease is over."""
    at = utc_now() + timedelta(seconds=LEASE_S + 1)
    return lambda: at


def gone(task_id: str):
    return pending({"type": "TaskDeleted", "id": task_id, "company": "acme"})


async def test_a_fact_is_recorded_only_with_a_change_that_happened(mongo_db):
    tasks = MongoTaskRepository(mongo_db)
    await tasks.add({"_id": "t1", "company": "acme", "status": "created"})
    fact = gone("t1")
    assert await tasks.delete("acme", "t1", [fact]) is True
    assert await tasks.delete("acme", "t1", [gone("t1")]) is False  # already gone: no fact
    assert await tasks.update("acme", "t9", {"name": "x"}, facts=[gone("t9")]) is None  # no such task
    records = await mongo_db[COLLECTION].find().to_list()
    assert [(r["_id"], r["fact"]) for r in records] == [(fact.id, fact.fact)]


async def test_a_change_that_fails_inside_the_transaction_leaves_neither_change_nor_fact(mongo_db):
    outbox = MongoOutbox(mongo_db)
    await mongo_db["task"].insert_one({"_id": "t1", "company": "acme"})

    async def delete_then_crash(session):
        await mongo_db["task"].delete_one({"_id": "t1"}, session=session)
        raise RuntimeError("killed mid-change")

    with pytest.raises(RuntimeError):
        await outbox.write_with(delete_then_crash, [gone("t1")])
    assert await mongo_db["task"].count_documents({"_id": "t1"}) == 1
    assert await outbox.count() == 0


class Standalone(MongoOutbox):
    """A MongoDB that is no replica set: every transaction refused as a standalone server does."""

    async def _in_transaction(self, change, facts):
        raise OperationFailure("Transaction numbers are only allowed on a replica set member or mongos", 20)


async def test_without_transactions_facts_are_recorded_right_after_their_change(mongo_db):
    tasks = MongoTaskRepository(mongo_db, Standalone(mongo_db))
    await tasks.add({"_id": "t1", "company": "acme"})
    assert await tasks.delete("acme", "t1", [gone("t1")]) is True
    assert await tasks.delete("acme", "t1", [gone("t1")]) is False
    assert [r["key"] for r in await mongo_db[COLLECTION].find().to_list()] == ["t1"]


async def test_concurrent_drainers_claim_each_record_once(mongo_db):
    outbox = MongoOutbox(mongo_db, LEASE_S)
    await outbox.ensure_indexes()
    for n in range(60):
        await mongo_db["task"].insert_one({"_id": f"t{n}", "company": "acme"})
        await MongoTaskRepository(mongo_db, outbox).delete("acme", f"t{n}", [gone(f"t{n}")])
    brokers = [Broker() for _ in range(3)]
    clock = later()
    counts = await asyncio.gather(*(OutboxPublisher(outbox, b, LEASE_S, clock=clock).drain() for b in brokers))
    sent = sorted(f["id"] for b in brokers for f in b.sent)
    assert sum(counts) == 60 and sent == sorted(f"t{n}" for n in range(60))
    assert await outbox.count() == 0


async def test_a_deletion_killed_before_its_facts_were_sent_is_announced_by_the_next_drainer(mongo_db):
    outbox, broker = MongoOutbox(mongo_db, LEASE_S), Broker()
    facts = OutboxPublisher(outbox, broker, LEASE_S)
    handlers = await mongo_handlers(mongo_db, facts=facts)

    async def call(endpoint, payload):
        envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=ALICE, payload=payload)
        return await handlers[endpoint](envelope)

    task_id = (await call("tasks.create", {"name": "t", "type": "training"}))["id"]
    model_id = (await call("models.create", {"name": "m", "uri": "http://files/m.bin", "task": task_id,
                                            "ready": False}))["id"]
    broker.fail = asyncio.CancelledError()  # the process dies between the change and Kafka
    with pytest.raises(asyncio.CancelledError):
        await call("tasks.delete", {"task": task_id, "delete_external_artifacts": True})
    assert await mongo_db["task"].count_documents({"_id": task_id}) == 0
    assert await mongo_db["model"].count_documents({"_id": model_id}) == 0
    assert broker.sent == [] and await outbox.count() == 2

    broker.fail = None
    assert await OutboxPublisher(outbox, broker, LEASE_S, clock=later()).drain() == 2
    assert [(f["type"], f["id"]) for f in broker.sent] == [("ModelDeleted", model_id), ("TaskDeleted", task_id)]
    assert broker.sent[1]["urls"]["model_urls"] == ["http://files/m.bin"]
    assert await outbox.count() == 0

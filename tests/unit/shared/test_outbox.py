"""The facts outbox: what is published at once, what a crash leaves to the drainer, and that a
record is claimed by one drainer only (``shared.messaging.outbox``)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from shared.messaging.outbox import InMemoryOutbox, OutboxPublisher, Pending, pending

T0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
LEASE_S = 30.0


class Broker:
    """A ``FactSender`` that keeps what it got; ``down`` makes every send fail."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict]] = []
        self.down = False

    async def send(self, key: str, fact: dict) -> None:
        if self.down:
            raise ConnectionError("broker unreachable")
        await asyncio.sleep(0)  # let concurrent drainers interleave
        self.sent.append((key, fact))


def recorded(outbox: InMemoryOutbox, *facts: Pending, at: datetime = T0) -> list[Pending]:
    """What a repository does in the change's transaction: records leased to their writer."""
    outbox.add(facts, at + timedelta(seconds=LEASE_S))
    return list(facts)


def publisher(outbox: InMemoryOutbox, broker: Broker, now: datetime) -> OutboxPublisher:
    return OutboxPublisher(outbox, broker, LEASE_S, clock=lambda: now)


def gone(task_id: str) -> Pending:
    return pending({"type": "TaskDeleted", "id": task_id, "company": "c1"})


def test_a_fact_is_keyed_by_its_entity_and_has_a_record_id_of_its_own():
    first, second = gone("t1"), gone("t1")
    assert first.key == "t1" and first.id != second.id
    assert pending({"type": "X", "id": "t1"}, key="k").key == "k"


async def test_published_facts_are_sent_in_order_and_forgotten():
    outbox, broker = InMemoryOutbox(), Broker()
    facts = recorded(outbox, gone("t1"), gone("t2"))
    facts_publisher = publisher(outbox, broker, T0)
    await facts_publisher.publish(facts)
    assert broker.sent == [("t1", facts[0].fact), ("t2", facts[1].fact)]
    await facts_publisher.settle()  # the records are forgotten after the caller's answer
    assert outbox.records == {}


class ForgetFails(InMemoryOutbox):
    async def remove(self, ids):
        raise ConnectionError("store away")


async def test_a_published_fact_whose_record_could_not_be_forgotten_is_sent_again_later():
    outbox, broker = ForgetFails(), Broker()
    facts = recorded(outbox, gone("t1"))
    facts_publisher = publisher(outbox, broker, T0)
    await facts_publisher.publish(facts)
    await facts_publisher.settle()
    assert len(broker.sent) == 1 and set(outbox.records) == {facts[0].id}
    with pytest.raises(ConnectionError):  # the drainer's own removal fails too here
        await publisher(outbox, broker, T0 + timedelta(seconds=LEASE_S)).drain()
    assert len(broker.sent) == 2  # a duplicate: the readers are idempotent


async def test_a_failed_send_keeps_the_records_for_the_drainer_without_failing_the_change():
    outbox, broker = InMemoryOutbox(), Broker()
    facts = recorded(outbox, gone("t1"))
    broker.down = True
    await publisher(outbox, broker, T0).publish(facts)  # the change is committed: no error
    assert set(outbox.records) == {facts[0].id}
    broker.down = False
    assert await publisher(outbox, broker, T0 + timedelta(seconds=LEASE_S)).drain() == 1
    assert broker.sent == [("t1", facts[0].fact)]


async def test_the_drainer_leaves_a_writer_its_lease_then_publishes_what_it_left():
    outbox, broker = InMemoryOutbox(), Broker()
    fact = recorded(outbox, gone("t1"))[0]  # the writer died before publishing
    assert await publisher(outbox, broker, T0 + timedelta(seconds=LEASE_S - 1)).drain() == 0
    assert broker.sent == [] and fact.id in outbox.records
    assert await publisher(outbox, broker, T0 + timedelta(seconds=LEASE_S)).drain() == 1
    assert broker.sent == [("t1", fact.fact)] and outbox.records == {}


async def test_a_drain_that_fails_leaves_the_record_for_a_later_one():
    outbox, broker = InMemoryOutbox(), Broker()
    fact = recorded(outbox, gone("t1"))[0]
    later = T0 + timedelta(seconds=LEASE_S)
    broker.down = True
    with pytest.raises(ConnectionError):
        await publisher(outbox, broker, later).drain()
    broker.down = False
    assert await publisher(outbox, broker, later).drain() == 0  # claimed: leased to the failed drain
    assert await publisher(outbox, broker, later + timedelta(seconds=LEASE_S)).drain() == 1
    assert broker.sent == [("t1", fact.fact)]


async def test_concurrent_drainers_publish_each_record_once():
    outbox, broker = InMemoryOutbox(), Broker()
    facts = recorded(outbox, *(gone(f"t{n}") for n in range(250)))  # more than one claim batch
    later = T0 + timedelta(seconds=LEASE_S)
    counts = await asyncio.gather(*(publisher(outbox, broker, later).drain() for _ in range(3)))
    assert sum(counts) == 250 and outbox.records == {}
    assert sorted(key for key, _ in broker.sent) == sorted(f.key for f in facts)


async def test_hold_delays_the_publication_only():
    outbox, broker = InMemoryOutbox(), Broker()
    facts = recorded(outbox, gone("t1"))
    held = OutboxPublisher(outbox, broker, LEASE_S, hold_s=0.05, clock=lambda: T0)
    started = asyncio.get_running_loop().time()
    await held.publish(facts)
    assert asyncio.get_running_loop().time() - started >= 0.05 and len(broker.sent) == 1

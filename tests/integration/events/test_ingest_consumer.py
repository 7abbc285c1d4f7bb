"""The ingest consumer on real Kafka with a scripted use case: answers go to reply_to, an
outage is retried without answering or committing, a request that can never be stored is
dead-lettered instead of blocking its partition."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer

from services.events.consumer import IngestConsumer
from services.events.settings import EventsSettings
from shared.errors import ApiError
from shared.messaging.admin import delete_topics
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from services.events.summaries import SummaryCache
from shared.messaging.signing import HEADER_SIGNATURE, sign
from shared.messaging.topics import events_ingest_topic
from tests.support.servers import KAFKA, require_servers

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")


class Group(list):
    """A scripted group: its requests, and the targets it claimed (``"claim"`` in an event)."""

    claimed: set = set()


class ScriptedIngest:
    """Answers ``{"added": n}``; an event with ``"fail": "outage"`` fails twice with a 503,
    one with ``"fail": "bug"`` always raises KeyError; ``"slow"`` makes its bulk take that many
    seconds; ``"claim"`` claims that target, and a later group touching it (``"touch"``) is not
    indexed until the claiming group is released (the rule of ``SummaryCache``)."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.outages = 2
        self.released = 0
        self.refreshes: list[int] = []  # groups per refresh
        self.claims: dict[str, asyncio.Event] = {}
        self.summaries = SummaryCache()

    async def index(self, requests):
        group = Group(requests)
        events = [e for r in requests for e in (r.envelope.payload or [])]
        for event in events:
            if "touch" in event and event["touch"] in self.claims:
                await self.claims[event["touch"]].wait()
        group.claimed = {e["claim"] for e in events if "claim" in e}
        for target in group.claimed:
            self.claims[target] = asyncio.Event()
        await asyncio.sleep(sum(e.get("slow", 0) for e in events))
        return group

    async def check(self, requests):
        self.calls.append(len(requests))
        events = [e for r in requests for e in (r.envelope.payload or [])]
        if any(e.get("fail") == "bug" for e in events):
            raise KeyError("a bug")
        if any(e.get("fail") == "outage" for e in events) and self.outages:
            self.outages -= 1
            raise ApiError(503, 0, "tasks did not answer")
        return requests

    async def refresh(self, groups):
        self.refreshes.append(len(groups))
        for group in groups:
            group.refreshed = True

    async def prepare(self, group):
        if not getattr(group, "refreshed", False):
            self.refreshes.append(1)

    async def fold(self, requests):
        return None

    def answers(self, requests):
        return [{"added": len(r.envelope.payload), "errors": 0, "errors_info": {}} for r in requests]

    def release(self, group):
        self.released += len(group)
        for target in getattr(group, "claimed", ()):
            self.claims.pop(target).set()


@pytest.fixture
async def consumer():
    require_servers(kafka=True, mongo=False)
    settings = EventsSettings(kafka_bootstrap=KAFKA, topic_prefix=f"it{uuid.uuid4().hex[:10]}.", rpc_partitions=1,
                              dev_mode=True, ingest_retry_s=0.1)
    service = ScriptedIngest()
    ingest, client = IngestConsumer(settings, service), RpcClient(settings)
    service.consumer = ingest
    await ingest.start()
    await client.start()
    try:
        yield client, service, settings
    finally:
        await client.stop()
        await ingest.stop()
        topic = events_ingest_topic(settings.topic_prefix)
        await delete_topics(KAFKA, [topic, f"{topic}.dead"])


async def send(client, settings, events):
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=ALICE, payload=events)
    return await client.call("events", envelope, key="t1", timeout=20, topic=events_ingest_topic(settings.topic_prefix),
                             sign=lambda value: [(HEADER_SIGNATURE, sign(settings.auth_token_secret, value))])


async def test_outage_is_retried_then_answered(consumer):
    client, service, settings = consumer
    assert await send(client, settings, [{"fail": "outage"}, {}]) == {"added": 2, "errors": 0, "errors_info": {}}
    assert service.calls == [1, 1, 1]
    assert service.released == 1  # the group's targets are free for the next group


async def test_a_request_that_can_never_be_stored_is_dead_lettered(consumer):
    client, service, settings = consumer
    with pytest.raises(ApiError) as info:
        await send(client, settings, [{"fail": "bug"}])
    assert info.value.code == 500
    assert await send(client, settings, [{}]) == {"added": 1, "errors": 0, "errors_info": {}}  # not blocked
    reader = AIOKafkaConsumer(f"{events_ingest_topic(settings.topic_prefix)}.dead", bootstrap_servers=KAFKA,
                              auto_offset_reset="earliest")
    await reader.start()
    records = []
    try:
        for _ in range(20):
            records += [m for batch in (await reader.getmany(timeout_ms=1000)).values() for m in batch]
            if records:
                break
    finally:
        await reader.stop()
    assert [dict(m.headers)["dead_reason"] for m in records] == [b"internal error (KeyError)"]


async def test_batches_bigger_than_the_broker_default_get_through(consumer):
    from aiokafka import AIOKafkaProducer

    from shared.messaging.envelopes import HEADER_CORRELATION_ID, HEADER_REPLY_TO

    client, service, settings = consumer
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=ALICE,
                               payload=[{"type": "plot", "plot_str": "x" * 3_000_000}])
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA, max_request_size=8 * 1024 * 1024)
    await producer.start()
    value = envelope.model_dump_json().encode()
    try:  # the gateway's producer must allow big requests too (see the report)
        await producer.send_and_wait(events_ingest_topic(settings.topic_prefix), value,
                                     headers=[(HEADER_REPLY_TO, b"nobody"), (HEADER_CORRELATION_ID, b"c1"),
                                              (HEADER_SIGNATURE, sign(settings.auth_token_secret, value))])
    finally:
        await producer.stop()
    for _ in range(300):
        if 1 in service.calls:
            break
        await asyncio.sleep(0.1)
    assert service.calls == [1]


async def test_groups_read_behind_one_share_its_refresh(consumer):
    """While the first group is bulk-indexed, the next ones are read: the first one's refresh
    waits for them, so one refresh makes all of them searchable."""
    client, service, settings = consumer
    first = asyncio.create_task(send(client, settings, [{"slow": 0.5}]))
    await asyncio.sleep(0.25)  # read and being indexed
    rest = [asyncio.create_task(send(client, settings, [{}])) for _ in range(3)]
    answers = await asyncio.gather(first, *rest)
    assert [a["added"] for a in answers] == [1, 1, 1, 1]
    assert service.refreshes[0] >= 2, service.refreshes  # not one refresh per group
    assert sum(service.refreshes) == len(service.calls)  # every group refreshed exactly once


async def test_a_claiming_group_does_not_wait_for_the_groups_held_by_its_claim(consumer):
    """A group behind a claiming group waits (in index) for that group to finish: the claiming
    group's refresh must not wait for it, or neither would ever finish."""
    client, service, settings = consumer
    first = asyncio.create_task(send(client, settings, [{"claim": "t1", "slow": 0.3}]))
    await asyncio.sleep(0.15)
    second = asyncio.create_task(send(client, settings, [{"touch": "t1"}]))
    answers = await asyncio.wait_for(asyncio.gather(first, second), 15)
    assert [a["added"] for a in answers] == [1, 1]


async def test_answered_groups_are_committed_and_drain_waits_for_the_commit(consumer):
    from aiokafka import TopicPartition

    client, service, settings = consumer
    answers = await asyncio.gather(*(send(client, settings, [{}]) for _ in range(5)))
    assert [a["added"] for a in answers] == [1] * 5
    await service.consumer.drain(timeout=10)
    partition = TopicPartition(events_ingest_topic(settings.topic_prefix), 0)
    assert await service.consumer._consumer.committed(partition) == 5  # every answered message

"""Concurrent pops on the real MongoDB-wire server: every entry is handed out exactly once
(issue 7's acceptance test), through the repository and through two queues processes over
real Kafka."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from pymongo import AsyncMongoClient

from services.queues import domain
from services.queues.main import DATABASE, create_app
from services.queues.repository.mongo import MongoQueueRepository
from services.queues.settings import QueuesSettings
from shared.messaging.admin import delete_topics
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from shared.messaging.topics import rpc_topic
from tests.support.servers import KAFKA, MONGO, require_servers

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")


async def test_twenty_concurrent_pops_over_ten_entries_hand_each_out_once(mongo_db):
    """Each pop uses its own client (its own connection), so the races are real."""
    await MongoQueueRepository(mongo_db).ensure_indexes()
    now = domain.utc_now()
    queue = domain.new_queue("q1", "acme", "alice", "race", {}, now)
    queue["entries"] = [domain.new_entry(f"t{i}", now) for i in range(10)]
    await mongo_db["queue"].insert_one(queue)
    clients = [AsyncMongoClient(MONGO, tz_aware=True) for _ in range(20)]
    try:
        repos = [MongoQueueRepository(c[mongo_db.name]) for c in clients]
        popped = [entry for _, entry in await asyncio.gather(*(repo.pop_first("acme", "q1", now) for repo in repos))]
    finally:
        await asyncio.gather(*(c.close() for c in clients))
    tasks = [entry["task"] for entry in popped if entry is not None]
    assert sorted(tasks) == sorted(f"t{i}" for i in range(10))
    assert popped.count(None) == 10
    assert (await mongo_db["queue"].find_one({"_id": "q1"}))["entries"] == []


@pytest.fixture
async def two_processes():
    """Two queues processes sharing one database and consumer group, and an RPC client."""
    require_servers(kafka=True, mongo=True)
    run = uuid.uuid4().hex[:10]
    settings = QueuesSettings(
        kafka_bootstrap=KAFKA, mongo_uri=MONGO, topic_prefix=f"it{run}.", db_prefix=f"test_{run}_", rpc_partitions=4
    )
    apps = [create_app(settings), create_app(settings)]
    client = RpcClient(settings)
    for app in apps:
        await app.start()
    await client.start()
    try:
        yield client
    finally:
        await client.stop()
        for app in apps:
            await app.stop()
        await delete_topics(KAFKA, [rpc_topic(settings.topic_prefix, "queues")])
        mongo = AsyncMongoClient(MONGO)
        await mongo.drop_database(f"{settings.db_prefix}{DATABASE}")
        await mongo.close()


async def call(client: RpcClient, endpoint: str, payload: dict, key: str | None = None):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=ALICE, payload=payload)
    return await client.call("queues", envelope, key=key, timeout=30)


async def test_twenty_concurrent_get_next_task_calls_over_kafka(two_processes):
    rpc = two_processes
    queue_id = (await call(rpc, "queues.create", {"name": f"race-{uuid.uuid4().hex[:6]}"}))["id"]
    for i in range(10):
        await call(rpc, "queues.add_task", {"queue": queue_id, "task": f"t{i}"}, key=f"t{i}")
    # Unkeyed, so the requests spread over partitions and both processes run them at once.
    keys = [uuid.uuid4().hex for _ in range(20)]
    replies = await asyncio.gather(*(call(rpc, "queues.get_next_task", {"queue": queue_id}, key) for key in keys))
    tasks = [reply["entry"]["task"] for reply in replies if reply]
    assert sorted(tasks) == sorted(f"t{i}" for i in range(10))
    assert sum(1 for reply in replies if reply == {}) == 10
    assert await call(rpc, "queues.get_num_entries", {"queue": queue_id}) == {"num": 0}


async def test_enqueue_moves_between_queues_and_dequeue_over_kafka(two_processes):
    rpc = two_processes
    first = await call(rpc, "internal.enqueue", {"task": "t1", "queue_name": "first-queue"})
    second = await call(rpc, "internal.enqueue", {"task": "t1", "queue_name": "second-queue"})
    assert first != second
    assert await call(rpc, "queues.get_num_entries", {"queue": first["queue"]}) == {"num": 0}
    assert await call(rpc, "queues.peek_task", {"queue": second["queue"]}) == {"task": "t1"}
    assert await call(rpc, "internal.dequeue", {"task": "t1"}) == {"removed": 1}
    default = await call(rpc, "internal.enqueue", {"task": "t2"})
    assert default["queue"] == (await call(rpc, "queues.get_default", {}))["id"]

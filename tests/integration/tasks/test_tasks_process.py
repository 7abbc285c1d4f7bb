"""The tasks process as ``create_app`` wires it, over real Kafka and MongoDB-wire: what the
SDK's ``Task.init`` does first (get-or-create the project, create the task, read it back,
edit it with force) and the company wall."""

from __future__ import annotations

import json
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from pymongo import AsyncMongoClient

from services.tasks.main import DATABASE, create_app
from services.tasks.settings import TasksSettings
from shared.errors import ApiError
from shared.messaging.admin import delete_topics
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from shared.messaging.topics import changes_topic, rpc_topic
from tests.support.servers import KAFKA, MONGO, require_servers

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")
EVE = Identity(company="evil-corp", user="eve")


@pytest.fixture
def settings():
    """Topic and database prefixes of this test only."""
    require_servers(kafka=True, mongo=True)
    run = uuid.uuid4().hex[:10]
    return TasksSettings(
        kafka_bootstrap=KAFKA, mongo_uri=MONGO, topic_prefix=f"it{run}.", db_prefix=f"test_{run}_", rpc_partitions=2
    )


@pytest.fixture
async def rpc(settings):
    """A running tasks process and a client to call it."""
    app, client = create_app(settings), RpcClient(settings)
    await app.start()
    await client.start()
    try:
        yield client
    finally:
        await client.stop()
        await app.stop()
        topics = [rpc_topic(settings.topic_prefix, "tasks"), changes_topic(settings.topic_prefix, "tasks")]
        await delete_topics(KAFKA, topics)
        mongo = AsyncMongoClient(MONGO)
        await mongo.drop_database(f"{settings.db_prefix}{DATABASE}")
        await mongo.close()


async def call(client: RpcClient, endpoint: str, payload: dict, identity: Identity = ALICE):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
    key = payload.get("task") or payload.get("project")
    return await client.call("tasks", envelope, key=key, timeout=30)


async def test_task_init_round_trip_over_kafka(rpc):
    lookup = {"name": r"^my\-project$", "only_fields": ["id"], "search_hidden": True}
    assert await call(rpc, "projects.get_all", lookup) == {"projects": []}
    project_id = (await call(rpc, "projects.create", {"name": "my-project", "description": ""}))["id"]
    assert await call(rpc, "projects.get_all", lookup) == {"projects": [{"id": project_id}]}

    body = {"name": "exp", "type": "training", "project": project_id, "system_tags": ["development"]}
    task_id = (await call(rpc, "tasks.create", body))["id"]
    task = (await call(rpc, "tasks.get_by_id", {"task": task_id}))["task"]
    assert (task["status"], task["project"], task["user"]) == ("created", project_id, "alice")

    configuration = {"General": {"name": "General", "value": "lr: 0.1", "type": "yaml"}}
    hyperparams = {"Args": {"lr.max": {"section": "Args", "name": "lr.max", "value": "0.1"}}}
    edit = {"task": task_id, "force": True, "configuration": configuration, "hyperparams": hyperparams}
    assert (await call(rpc, "tasks.edit", edit))["updated"] == 1
    task = (await call(rpc, "tasks.get_by_id", {"task": task_id}))["task"]
    assert task["configuration"] == configuration and task["hyperparams"] == hyperparams


async def test_errors_cross_kafka_with_their_clearml_codes(rpc):
    task_id = (await call(rpc, "tasks.create", {"name": "t", "type": "testing"}))["id"]
    with pytest.raises(ApiError) as err:
        await call(rpc, "tasks.get_by_id", {"task": task_id}, identity=EVE)
    assert (err.value.code, err.value.subcode) == (400, 101)
    with pytest.raises(ApiError) as err:
        await call(rpc, "tasks.create", {"name": "t"})
    assert (err.value.code, err.value.subcode) == (400, 12)
    with pytest.raises(ApiError) as err:
        await call(rpc, "projects.create", {"name": "/"})
    assert (err.value.code, err.value.subcode) == (400, 407)


async def test_a_deleted_task_is_announced_on_the_changes_topic(rpc, settings):
    task_id = (await call(rpc, "tasks.create", {"name": "gone", "type": "training"}))["id"]
    assert (await call(rpc, "tasks.delete", {"task": task_id}))["deleted"] is True
    topic = changes_topic(settings.topic_prefix, "tasks")
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=KAFKA, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    try:
        batch = await consumer.getmany(timeout_ms=10_000)
        facts = [json.loads(m.value) for messages in batch.values() for m in messages]
    finally:
        await consumer.stop()
    assert {"type": "TaskDeleted", "id": task_id, "company": "acme"}.items() <= facts[-1].items()

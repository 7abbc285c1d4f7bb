"""The files process's listeners on the real broker: deleted tasks and models remove their
files (artifacts, weights, and the debug images the events process releases); a logged-out
session is refused."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from services.files.auth import FilesAuth
from services.files.changes import EventChangesListener, TaskChangesListener
from shared.messaging.changes import SessionRevocationsListener
from services.files.storage import LocalStore
from shared.errors import ApiError
from shared.messaging.admin import delete_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings
from tests.integration.files.conftest import SECRET, token_for
from tests.support.servers import KAFKA, require_servers

URL = "http://127.0.0.1:18081"


@pytest.fixture
async def settings():
    require_servers(kafka=True, mongo=False)
    settings = SharedSettings(kafka_bootstrap=KAFKA, topic_prefix=f"it{uuid.uuid4().hex[:10]}.", rpc_fetch_wait_ms=100)
    yield settings
    await delete_topics(KAFKA, [changes_topic(settings.topic_prefix, p) for p in ("tasks", "identity", "events")])


async def publish(settings: SharedSettings, process: str, *facts: dict) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        for fact in facts:
            key = str(fact.get("id") or fact.get("session_id") or fact.get("task")).encode()
            await producer.send_and_wait(changes_topic(settings.topic_prefix, process), orjson.dumps(fact), key=key)
    finally:
        await producer.stop()


async def eventually(check, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


def make(root: Path, company: str, path: str) -> Path:
    target = root / company / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"data")
    return target


async def test_deleted_tasks_and_models_remove_their_files(settings, tmp_path):
    store = LocalStore(tmp_path)
    store.prepare()
    artifact = make(tmp_path, "c1", "p/t.1/artifacts/a/x.bin")
    weights = make(tmp_path, "c1", "p/t.1/models/w.pt")
    kept = make(tmp_path, "c1", "p/t.2/artifacts/a/x.bin")
    other_company = make(tmp_path, "c2", "p/t.1/models/w.pt")
    listener = TaskChangesListener(settings, store, URL)
    await listener.start()
    try:
        await publish(settings, "tasks",
                      {"type": "TaskReset", "id": "t1", "company": "c1",  # same key: read before the next
                       "urls": {"artifact_urls": [f"{URL}/p/t.2/artifacts/a/x.bin"]}},
                      {"type": "TaskDeleted", "id": "t1", "company": "c1",
                       "urls": {"artifact_urls": [f"{URL}/p/t.1/artifacts/a/x.bin", "s3://b/p/t.2/artifacts/a/x.bin"],
                                "model_urls": [], "event_urls": []}},
                      {"type": "ModelDeleted", "id": "m1", "company": "c1", "url": f"{URL}/p/t.1/models/w.pt"})
        await eventually(lambda: not artifact.exists() and not weights.exists())
    finally:
        await listener.stop()
    assert kept.exists() and other_company.exists()
    assert not (tmp_path / "c1" / "p" / "t.1").exists()


async def test_a_revoked_session_is_refused(settings):
    auth = FilesAuth(SECRET)
    assert auth.authenticate(f"Bearer {token_for('c1', 'gone')}", "").company == "c1"
    listener = SessionRevocationsListener(settings, auth.revoked)
    await listener.start()
    try:
        await publish(settings, "identity", {"type": "SessionRevoked", "session_id": "gone", "expires": 9999999999})
        await eventually(lambda: "gone" in auth.revoked)
    finally:
        await listener.stop()
    with pytest.raises(ApiError):
        auth.authenticate(f"Bearer {token_for('c1', 'gone')}", "")
    assert auth.authenticate(f"Bearer {token_for('c1', 'other')}", "").company == "c1"


async def test_debug_images_released_by_the_events_process_are_removed(settings, tmp_path):
    store = LocalStore(tmp_path)
    store.prepare()
    images = [make(tmp_path, "c1", f"p/t.1/metrics/img/v_{n:08}.png") for n in range(3)]
    kept = make(tmp_path, "c1", "p/t.2/metrics/img/v_00000000.png")
    listener = EventChangesListener(settings, store, URL)
    await listener.start()
    try:
        await publish(settings, "events",
                      {"type": "EventFilesReleased", "company": "c1", "task": "t1",
                       "urls": [f"{URL}/p/t.1/metrics/img/v_{n:08}.png" for n in range(2)]},
                      {"type": "EventFilesReleased", "company": "c1", "task": "t1",
                       "urls": [f"{URL}/p/t.1/metrics/img/v_00000002.png", "http://elsewhere/p/t.2/x.png"]})
        await eventually(lambda: not any(p.exists() for p in images))
    finally:
        await listener.stop()
    assert kept.exists()
    assert listener.topic == changes_topic(settings.topic_prefix, "events")

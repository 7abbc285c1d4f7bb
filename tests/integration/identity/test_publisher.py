"""The Kafka change publisher against the real broker: keyed JSON facts on the changes topic."""

from __future__ import annotations

import json
import uuid

from aiokafka import AIOKafkaConsumer

from services.identity.facts import CredentialsRevoked, SessionRevoked
from services.identity.facts import KafkaFactPublisher
from shared.messaging.admin import delete_topics
from shared.settings import SharedSettings
from tests.support.servers import KAFKA, require_servers


async def _read(topic: str, count: int) -> list[tuple[bytes, dict]]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=KAFKA, auto_offset_reset="earliest")
    await consumer.start()
    seen: list[tuple[bytes, dict]] = []
    try:
        for _ in range(40):  # bounded: at most ~20 s
            batches = await consumer.getmany(timeout_ms=500)
            seen += [(m.key, json.loads(m.value)) for ms in batches.values() for m in ms]
            if len(seen) >= count:
                break
    finally:
        await consumer.stop()
    return seen


async def test_changes_reach_the_identity_changes_topic_keyed_by_entity():
    require_servers(kafka=True, mongo=False)
    settings = SharedSettings(kafka_bootstrap=KAFKA, topic_prefix=f"t{uuid.uuid4().hex[:10]}.")
    publisher = KafkaFactPublisher(settings)
    await publisher.start()
    try:
        await publisher.publish(SessionRevoked("sess-1", 1_900_000_000))
        await publisher.publish(CredentialsRevoked("KEY-1", 1_796_693_165_696))
        seen = await _read(publisher.topic, 2)
    finally:
        await publisher.stop()
        await delete_topics(KAFKA, [publisher.topic])
    assert publisher.topic == f"{settings.topic_prefix}cairn.identity.changes"
    assert sorted(seen, key=lambda item: item[0]) == [
        (b"KEY-1", {"type": "CredentialsRevoked", "access_key": "KEY-1", "revoked_at_ms": 1_796_693_165_696}),
        (b"sess-1", {"type": "SessionRevoked", "session_id": "sess-1", "expires": 1_900_000_000}),
    ]

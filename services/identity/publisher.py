"""Kafka adapter of :class:`~services.identity.changes.ChangePublisher`."""

from __future__ import annotations

import json

from aiokafka import AIOKafkaProducer

from services.identity.changes import Change
from shared.messaging.admin import ensure_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

# A revoked session matters until its token expires (at most a year): keep the facts longer,
# so a gateway replaying the topic from the start still sees every live revocation. Partitions
# and retention match the gateway's listener, whichever process creates the topic first.
RETENTION_MS = 400 * 24 * 3600 * 1000
PARTITIONS = 3


class KafkaChangePublisher:
    """Publishes identity's changes to ``<prefix>cairn.identity.changes``, keyed by entity id."""

    def __init__(self, settings: SharedSettings) -> None:
        self._settings = settings
        self.topic = changes_topic(settings.topic_prefix, "identity")
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        bootstrap = self._settings.kafka_bootstrap
        await ensure_topics(bootstrap, {self.topic: PARTITIONS}, {"retention.ms": str(RETENTION_MS)})
        # linger_ms=0: a logout answers only after the fact is out, so send it at once.
        self._producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0, acks="all")
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def publish(self, change: Change) -> None:
        if self._producer is None:
            raise RuntimeError("KafkaChangePublisher.publish before start()")
        value = json.dumps(change.to_dict()).encode()
        await self._producer.send_and_wait(self.topic, value, key=change.key.encode())

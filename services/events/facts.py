"""Facts the events process publishes to ``<prefix>cairn.events.changes`` (keyed by the task or
model id), read by the files process to remove what nothing refers to any more:

``{"type": "EventFilesReleased", "company": <company id>, "task": <task id>, "urls": [...]}``
(``"model": <model id>`` instead of ``task`` for a model's events): the files the events of a
deleted task or model named (debug image ``url``\\s). Published before those events are
deleted, in facts of at most ``URLS_PER_FACT`` URLs (a Kafka message stays far below 1 MB); a
redelivery publishes them again, which is harmless (removing a file twice is a no-op).
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from services.events.domain import Target
from shared.messaging.admin import ensure_topics
from shared.messaging.changes import CHANGES_PARTITIONS
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

FILES_RELEASED = "EventFilesReleased"
URLS_PER_FACT = 1000


class EventFactPublisher(Protocol):
    """Port: publish one fact (a JSON object with ``type`` and ``company``) keyed by ``key``;
    returns once the broker has it."""

    async def publish(self, key: str, fact: dict[str, Any]) -> None: ...


def files_released(company: str, target: Target, urls: list[str]) -> list[dict[str, Any]]:
    """The ``EventFilesReleased`` facts naming ``urls`` (none for no URL)."""
    return [{"type": FILES_RELEASED, "company": company, target.entity: target.id,
             "urls": urls[start:start + URLS_PER_FACT]}
            for start in range(0, len(urls), URLS_PER_FACT)]


class KafkaEventFactPublisher:
    """``EventFactPublisher`` over Kafka (``acks=all``: a fact is not lost once published)."""

    def __init__(self, settings: SharedSettings) -> None:
        self._settings = settings
        self.topic = changes_topic(settings.topic_prefix, "events")
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: CHANGES_PARTITIONS})
        self._producer = AIOKafkaProducer(bootstrap_servers=self._settings.kafka_bootstrap, linger_ms=0, acks="all")
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def publish(self, key: str, fact: dict[str, Any]) -> None:
        if self._producer is None:
            raise RuntimeError("KafkaEventFactPublisher.publish before start()")
        await self._producer.send_and_wait(self.topic, json.dumps(fact).encode(), key=key.encode())

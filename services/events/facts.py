"""Facts the events process publishes to ``<prefix>cairn.events.changes`` (keyed by the task or
model id), read by the files process to remove what nothing refers to any more:

``{"type": "EventFilesReleased", "company": <company id>, "task": <task id>, "urls": [...]}``
(``"model": <model id>`` instead of ``task`` for a model's events): the files the events of a
deleted task or model named (debug image ``url``\\s). Published before those events are
deleted, in facts of at most ``URLS_PER_FACT`` URLs (a Kafka message stays far below 1 MB); a
redelivery publishes them again, which is harmless (removing a file twice is a no-op).
"""

from __future__ import annotations

from typing import Any, Protocol

from services.events.domain import Target
from shared.messaging.facts import FactProducer
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


class KafkaEventFactPublisher(FactProducer):
    """``EventFactPublisher`` over Kafka (``acks=all``: a fact is not lost once published)."""

    def __init__(self, settings: SharedSettings) -> None:
        super().__init__(settings, "events")

    async def publish(self, key: str, fact: dict[str, Any]) -> None:
        await self.send(key, fact)

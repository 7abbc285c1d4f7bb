"""Facts the tasks process publishes to ``<prefix>cairn.tasks.changes`` (keyed by entity id),
read by the events service to remove the events of what is gone:

``{"type": "TaskDeleted" | "TaskReset", "id": <task id>, "company": <company id>, "urls": {...}}``
and ``{"type": "ModelDeleted", "id": <model id>, "company": <company id>, "url": <uri>}``.

``urls`` holds ``artifact_urls``, ``model_urls`` (the URIs of the output models deleted with
the task) and ``event_urls``: the files process removes the ones on its server, as it removes
a ``ModelDeleted`` fact's ``url``. A deletion asked not to touch external files
(``delete_external_artifacts: false``) announces empty lists and a ``None`` url.

A fact is published after the database change it reports and before the endpoint answers.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from shared.messaging.admin import ensure_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

PARTITIONS = 3  # as the events service's listener creates the topic


class FactPublisher(Protocol):
    """Port: publish one fact (a JSON object with ``type``, ``id`` and ``company``), keyed by
    its ``id``; returns once the broker has it."""

    async def publish(self, fact: dict[str, Any]) -> None: ...


def task_fact(kind: str, task: dict[str, Any], urls: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """``TaskDeleted`` / ``TaskReset`` of a stored task."""
    return {"type": kind, "id": task["_id"], "company": task.get("company") or "", "urls": urls or {}}


class KafkaFactPublisher:
    """``FactPublisher`` over Kafka."""

    def __init__(self, settings: SharedSettings) -> None:
        self._settings = settings
        self.topic = changes_topic(settings.topic_prefix, "tasks")
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: PARTITIONS})
        self._producer = AIOKafkaProducer(bootstrap_servers=self._settings.kafka_bootstrap, linger_ms=0, acks="all")
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def publish(self, fact: dict[str, Any]) -> None:
        if self._producer is None:
            raise RuntimeError("KafkaFactPublisher.publish before start()")
        await self._producer.send_and_wait(self.topic, json.dumps(fact).encode(), key=str(fact["id"]).encode())

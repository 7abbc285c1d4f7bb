"""Publishing a process's facts to ``<prefix>cairn.<process>.changes``.

A fact is a JSON object with a ``type`` (past tense: ``TaskDeleted``, ``EventFilesReleased``)
and the ``company`` it concerns, keyed by the entity it is about, written with ``acks=all``:
once ``send`` returns, the fact is not lost. Readers subclass ``ChangeListener``
(``shared.messaging.changes``); the facts of each topic are in ``docs/asyncapi.json``.
"""

from __future__ import annotations

import json
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.messaging.admin import ensure_topics
from shared.messaging.changes import CHANGES_PARTITIONS
from shared.messaging.kafka import client_options
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings


class FactProducer:
    """The Kafka side of a process's fact publisher (a component: ``start``/``stop``)."""

    def __init__(self, settings: SharedSettings, process: str) -> None:
        self._settings = settings
        self.topic = changes_topic(settings.topic_prefix, process)
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: CHANGES_PARTITIONS})
        self._producer = AIOKafkaProducer(bootstrap_servers=self._settings.kafka_bootstrap, linger_ms=0, acks="all",
                                         **client_options())
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def send(self, key: str, fact: dict[str, Any]) -> None:
        """Return once the broker has the fact."""
        if self._producer is None:
            raise RuntimeError(f"{type(self).__name__} used before start()")
        await self._producer.send_and_wait(self.topic, json.dumps(fact).encode(), key=key.encode())

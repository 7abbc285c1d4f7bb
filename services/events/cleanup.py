"""Removing the events of deleted or reset tasks and deleted models.

The tasks service publishes facts to ``<prefix>cairn.tasks.changes`` (keyed by entity id):
``{"type": "TaskDeleted" | "TaskReset", "id": <task id>, "company": <company id>}`` and
``{"type": "ModelDeleted", "id": <model id>, "company": <company id>}``. The events process
reads them in its own consumer group and deletes the events (query, then bulk delete); the
offset is committed only after the deletion, so a crash repeats it (deleting twice is
harmless). Other facts on that topic are ignored.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer

from services.events.domain import Target
from services.events.repository import EventRepository
from shared.messaging.admin import ensure_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)

CLEARING_FACTS = {"TaskDeleted": "task", "TaskReset": "task", "ModelDeleted": "model"}


def events_to_clear(raw: bytes) -> tuple[str, Target] | None:
    """(company, task or model) whose events a fact removes, or None for any other fact."""
    try:
        fact: Any = orjson.loads(raw)
    except orjson.JSONDecodeError:
        log.warning("ignored a malformed tasks change")
        return None
    if not isinstance(fact, dict):
        return None
    entity = CLEARING_FACTS.get(fact.get("type"))
    entity_id, company = fact.get("id"), fact.get("company")
    if entity is None or not isinstance(entity_id, str) or not entity_id or not isinstance(company, str):
        return None
    return company, Target(entity, entity_id)


class TaskChangesListener:
    def __init__(self, settings: SharedSettings, repo: EventRepository) -> None:
        self._settings = settings
        self._repo = repo
        self.topic = changes_topic(settings.topic_prefix, "tasks")
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: 3})
        self._consumer = AIOKafkaConsumer(
            self.topic,
            bootstrap_servers=self._settings.kafka_bootstrap,
            group_id=f"{self.topic}.events",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self._settings.rpc_fetch_wait_ms,
        )
        await self._consumer.start()
        self._task = asyncio.create_task(self._listen(), name="tasks-changes")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer:
            await self._consumer.stop()

    async def _listen(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=100)
            for tp, messages in batches.items():
                for msg in messages:
                    await self._apply(msg.value)
                await self._consumer.commit({tp: messages[-1].offset + 1})

    async def _apply(self, raw: bytes) -> None:
        found = events_to_clear(raw)
        if found is None:
            return
        company, target = found
        while True:
            try:
                deleted = await self._repo.delete_events(company, target)
                log.info("deleted %d events of %s %s", deleted, target.entity, target.id)
                return
            except Exception:  # noqa: BLE001 - retried: the fact must not be skipped
                log.exception("deleting the events of %s %s failed; retrying", target.entity, target.id)
                await asyncio.sleep(1.0)

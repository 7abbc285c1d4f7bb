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

from services.events.domain import Target
from services.events.repository import EventRepository
from shared.messaging.changes import ChangeListener, load_change
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)

CLEARING_FACTS = {"TaskDeleted": "task", "TaskReset": "task", "ModelDeleted": "model"}


def events_to_clear(raw: bytes) -> tuple[str, Target] | None:
    """(company, task or model) whose events a fact removes, or None for any other fact."""
    fact = load_change(raw)
    if fact is None:
        return None
    entity = CLEARING_FACTS.get(fact.get("type"))
    entity_id, company = fact.get("id"), fact.get("company")
    if entity is None or not isinstance(entity_id, str) or not entity_id or not isinstance(company, str):
        return None
    return company, Target(entity, entity_id)


class TaskChangesListener(ChangeListener):
    def __init__(self, settings: SharedSettings, repo: EventRepository) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "tasks"))
        self.group = f"{self.topic}.events"
        self._repo = repo

    async def apply(self, raw: bytes) -> None:
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

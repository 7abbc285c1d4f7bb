"""Removing the events of deleted or reset tasks and deleted models, and releasing the files
the events of deleted ones named.

The tasks service publishes facts to ``<prefix>cairn.tasks.changes`` (keyed by entity id):
``{"type": "TaskDeleted" | "TaskReset", "id": <task id>, "company": <company id>}`` and
``{"type": "ModelDeleted", "id": <model id>, "company": <company id>}``. The events process
reads them in its own consumer group. For a deleted task or model it first collects the URLs
of its debug images and publishes them as ``EventFilesReleased`` facts
(``services/events/facts.py``; the files process removes those files), then deletes the
events (query, then bulk delete). A reset task keeps its id and, run again, uploads its debug
images under the same names: its events go, its files stay (as in ClearML, whose SDK removes
them on delete only). The offset is committed only after all of it, so a crash repeats it
(publishing and deleting twice is harmless). Other facts on that topic are ignored.

A ``TaskReset`` carries ``at`` (epoch ms, when the task was reset): only the events received
until then go, so a fact that arrives late (a crash left it in the tasks process's outbox for
its lease, or this consumer lagged) never deletes the events of the task's next run.
"""

from __future__ import annotations

import asyncio
import logging

from services.events.domain import IMAGE, Selection, Target
from services.events.facts import EventFactPublisher, files_released
from services.events.repository import EventRepository
from shared.messaging.changes import ChangeListener, load_change
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)

CLEARING_FACTS = {"TaskDeleted": "task", "TaskReset": "task", "ModelDeleted": "model"}
RELEASING_FACTS = frozenset({"TaskDeleted", "ModelDeleted"})


def events_to_clear(raw: bytes) -> tuple[str, Target] | None:
    """(company, task or model) whose events a fact removes, or None for any other fact."""
    found = _clearing(raw)
    return found[:2] if found else None


def _clearing(raw: bytes) -> tuple[str, Target, bool, int | None] | None:
    """(company, target, whether its files are released, received until) of a clearing fact."""
    fact = load_change(raw)
    if fact is None:
        return None
    entity = CLEARING_FACTS.get(fact.get("type"))
    entity_id, company = fact.get("id"), fact.get("company")
    if entity is None or not isinstance(entity_id, str) or not entity_id or not isinstance(company, str):
        return None
    at = fact.get("at") if fact["type"] == "TaskReset" else None
    until = at if isinstance(at, int) and not isinstance(at, bool) else None
    return company, Target(entity, entity_id), fact["type"] in RELEASING_FACTS, until


async def event_urls(repo: EventRepository, company: str, target: Target) -> list[str]:
    """The distinct URLs the debug images of a task (model) name."""
    selection = Selection.of(company, target, event_type=IMAGE)
    urls: list[str] = []
    after = None
    while True:
        page, after = await repo.image_urls(selection, after)
        urls.extend(page)
        if after is None:
            return urls


async def clear(repo: EventRepository, facts: EventFactPublisher, company: str, target: Target,
                release: bool, received_until_ms: int | None = None) -> int:
    """Publish the files a deleted task's (model's) events name, then delete its events (those
    received until ``received_until_ms`` when given)."""
    if release:
        urls = await event_urls(repo, company, target)
        for fact in files_released(company, target, urls):
            await facts.publish(target.id, fact)
        if urls:
            log.info("released %d files of %s %s", len(urls), target.entity, target.id)
    return await repo.delete_events(Selection.of(company, target, received_until_ms=received_until_ms))


class TaskChangesListener(ChangeListener):
    def __init__(self, settings: SharedSettings, repo: EventRepository, facts: EventFactPublisher) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "tasks"))
        self.group = f"{self.topic}.events"
        self._repo = repo
        self._facts = facts
        self.retry_s = 1.0

    async def apply(self, raw: bytes) -> None:
        found = _clearing(raw)
        if found is None:
            return
        company, target, release, until = found
        while True:
            try:
                deleted = await clear(self._repo, self._facts, company, target, release, until)
                log.info("deleted %d events of %s %s", deleted, target.entity, target.id)
                return
            except Exception:  # noqa: BLE001 - retried: the fact must not be skipped
                log.exception("clearing the events of %s %s failed; retrying", target.entity, target.id)
                await asyncio.sleep(self.retry_s)

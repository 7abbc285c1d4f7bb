"""Every enforcing process's local copy of the companies' access rules.

``AccessView`` replays ``<prefix>cairn.identity.changes`` from the beginning (no consumer
group: every instance reads everything) and keeps the newest ``AccessRulesChanged`` of each
company, so a decision needs no call to identity; a new fact reaches it within the topic's
fetch wait (well under a second). Until the replay has reached the end the topic had when the
process started, ``rules`` waits (a process must not decide with half the history); past
``wait_s`` it answers 503 so the client retries.

``require`` turns a decision into ClearML's answers: an entity the caller may not read is
reported as the owner's "invalid id" (as if absent, like another company's), a write without
``read_write`` on a readable one is 403/21.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.access.rules import RuleSet, Scope
from shared.access.snapshot import FACT_TYPE, READ_WRITE, AccessRulesChanged, Permission
from shared.errors import ApiError
from shared.messaging.changes import IDENTITY_RETENTION_MS, ChangeListener, load_change
from shared.messaging.envelopes import Identity
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)


class AccessRules(Protocol):
    """What enforcing code needs: a company's rules (``AccessView``; a fake in unit tests)."""

    async def rules(self, company: str) -> RuleSet: ...


class AccessView(ChangeListener):
    """A component (``start``/``stop``) of every process that enforces access rules."""

    topic_config = {"retention.ms": IDENTITY_RETENTION_MS}

    def __init__(self, settings: SharedSettings, wait_s: float = 30.0) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "identity"))
        self._sets: dict[str, RuleSet] = {}
        self._caught_up = asyncio.Event()
        self._ends: dict[TopicPartition, int] | None = None
        self._wait_s = wait_s
        self.listeners: list[Callable[[RuleSet], None]] = []

    # -- reading the facts --------------------------------------------------------------
    async def apply(self, raw: bytes) -> None:
        change = load_change(raw)
        if change is None or change.get("type") != FACT_TYPE:
            return
        self.take(AccessRulesChanged.model_validate(change))

    def take(self, snapshot: AccessRulesChanged) -> bool:
        """Keep ``snapshot`` unless a newer one of its company is known; True when kept."""
        current = self._sets.get(snapshot.company)
        if current is not None and current.version >= snapshot.version:
            return False
        ruleset = RuleSet(snapshot)
        self._sets[snapshot.company] = ruleset
        for listener in self.listeners:
            listener(ruleset)
        return True

    async def polled(self, consumer: AIOKafkaConsumer) -> None:
        if self._caught_up.is_set():
            return
        if self._ends is None:
            partitions = consumer.partitions_for_topic(self.topic) or set()
            if not partitions:
                return
            self._ends = await consumer.end_offsets([TopicPartition(self.topic, p) for p in partitions])
        assigned = consumer.assignment()
        for tp, end in self._ends.items():
            if end == 0:
                continue
            if tp not in assigned or await consumer.position(tp) < end:
                return
        log.info("access rules: replayed %s (%d companies configured)", self.topic, len(self._sets))
        self._caught_up.set()

    # -- answering ------------------------------------------------------------------------
    async def rules(self, company: str) -> RuleSet:
        """The company's rules (open when it never configured access)."""
        if not self._caught_up.is_set():
            try:
                await asyncio.wait_for(self._caught_up.wait(), self._wait_s)
            except TimeoutError:
                raise ApiError(503, 0, "access rules are still loading; retry shortly") from None
        found = self._sets.get(company)
        return found if found is not None else RuleSet.open(company)

    def version(self, company: str) -> int:
        found = self._sets.get(company)
        return found.version if found is not None else 0


class StaticAccess:
    """``AccessRules`` over fixed snapshots (unit tests, and processes built without Kafka)."""

    def __init__(self, snapshots: Iterable[AccessRulesChanged] = ()) -> None:
        self._sets = {s.company: RuleSet(s) for s in snapshots}

    def take(self, snapshot: AccessRulesChanged) -> None:
        self._sets[snapshot.company] = RuleSet(snapshot)

    async def rules(self, company: str) -> RuleSet:
        return self._sets.get(company) or RuleSet.open(company)


def require(ruleset: RuleSet, identity: Identity, chain: Iterable[Scope], needed: Permission,
            not_found: Callable[[], ApiError], what: str = "") -> Permission:
    """The caller's permission on the entity of ``chain``, or the error ClearML's answer
    would be: ``not_found()`` when the caller may not even read it, 403/21 when ``needed`` is
    ``read_write`` and only ``read`` is granted. ``what`` names the entity in the 403."""
    granted = ruleset.grant(identity.user, identity.role, chain)
    if granted is None:
        raise not_found()
    if needed == READ_WRITE and granted != READ_WRITE:
        raise ApiError.named("no_write_permission", f"read-only access to {what}" if what else None)
    return granted


def require_create(ruleset: RuleSet, identity: Identity, entity_type: str) -> None:
    """Creating an entity of ``entity_type`` outside any project needs ``read_write`` on the
    type's category (where a new entity's own chain starts): 403/21 otherwise, readable or
    not (a category is never hidden)."""
    if not ruleset.allows(identity.user, identity.role, [(entity_type, None)], READ_WRITE):
        raise ApiError.named("no_write_permission", f"no read_write access to the {entity_type} category")

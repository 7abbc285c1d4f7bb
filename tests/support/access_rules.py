"""Access rules published as identity's permissions room publishes them: a company's whole
``AccessRulesChanged`` snapshot on ``<prefix>cairn.identity.changes``, keyed by the company
(the enforcing processes' ``AccessView`` reads it). For the e2e suites that test a service's
enforcement (or groups) whatever identity's room does, and the permissions benchmark."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaProducer

from shared.access.snapshot import ENTITY_TYPES, AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.messaging.topics import changes_topic
from tests.support.servers import KAFKA

EVERYONE = GroupSnapshot(id="everyone", name="All Users", system=True, everyone=True)


def default_rules(everyone: str = EVERYONE.id, kinds: tuple[str, ...] = ENTITY_TYPES,
                  prefix: str = "default") -> list[RuleSnapshot]:
    """Identity's default rules: the group ``everyone`` reads and writes every category of
    ``kinds`` (rule ids ``<prefix>-<kind>``)."""
    return [RuleSnapshot(id=f"{prefix}-{kind}", entity_type=kind, access_permission="read_write", groups=[everyone])
            for kind in kinds]


async def send_rules(topic_prefix: str, snapshot: AccessRulesChanged) -> None:
    """Publish ``snapshot`` from a running event loop (acknowledged by every replica)."""
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(changes_topic(topic_prefix, "identity"), snapshot.model_dump_json().encode(),
                                     key=snapshot.company.encode())
    finally:
        await producer.stop()


def publish_rules(stack, snapshot: AccessRulesChanged) -> None:
    """``send_rules`` on ``stack``'s topics, from synchronous test code."""
    asyncio.run(send_rules(stack.topic_prefix, snapshot))

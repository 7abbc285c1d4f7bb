"""Access rules for the permissions suites, published as identity would: an
``AccessRulesChanged`` snapshot on ``<prefix>cairn.identity.changes``, keyed by the company
(what identity's permissions room publishes after every change; the enforcing processes'
``AccessView`` reads it)."""

from __future__ import annotations

import asyncio
import itertools
import time

import orjson
from aiokafka import AIOKafkaProducer

from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.messaging.topics import changes_topic
from tests.support.servers import KAFKA

EVERYONE = GroupSnapshot(id="everyone", name="All Users", system=True, everyone=True)
_ids = itertools.count(1)


def default_rules() -> list[RuleSnapshot]:
    """Everyone reads and writes every category (identity's default rules)."""
    return [RuleSnapshot(id=f"default-{kind}", entity_type=kind, access_permission="read_write", groups=[EVERYONE.id])
            for kind in ("task", "model", "project", "queue", "dataset", "dataview")]


def rule(entity_type: str, entity_id: str | None, permission: str, *users: str) -> RuleSnapshot:
    return RuleSnapshot(id=f"rule-{next(_ids)}", entity_type=entity_type, entity_id=entity_id,
                        access_permission=permission, users=list(users))


class RulePublisher:
    """Publishes one company's rule sets with increasing versions."""

    def __init__(self, stack, company: str) -> None:
        self.topic = changes_topic(stack.topic_prefix, "identity")
        self.company = company
        self.version = int(time.time() * 1000)

    def publish(self, *rules: RuleSnapshot, managed: bool = True, defaults: bool = True) -> int:
        """The company's whole rule set: the default rules (unless not ``defaults``) and
        ``rules``; returns its version."""
        return asyncio.run(self.send(*rules, managed=managed, defaults=defaults))

    async def send(self, *rules: RuleSnapshot, managed: bool = True, defaults: bool = True) -> int:
        """``publish`` from a running event loop."""
        self.version += 1
        snapshot = AccessRulesChanged(company=self.company, version=self.version, managed=managed, groups=[EVERYONE],
                                      rules=[*(default_rules() if defaults else []), *rules])
        value = orjson.dumps(snapshot.model_dump(mode="json"))
        producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
        await producer.start()
        try:
            await producer.send_and_wait(self.topic, value, key=self.company.encode())
        finally:
            await producer.stop()
        return self.version

"""Access rules for the tasks permissions suite and the permissions benchmark: one company's
rule sets with increasing versions, published as identity would (``tests.support.access_rules``)."""

from __future__ import annotations

import asyncio
import itertools
import time

from shared.access.snapshot import AccessRulesChanged, RuleSnapshot
from tests.support.access_rules import EVERYONE, default_rules, send_rules

_ids = itertools.count(1)
# The categories the tasks suites' companies have default rules for.
KINDS = ("task", "model", "project", "queue", "dataset", "dataview")


def rule(entity_type: str, entity_id: str | None, permission: str, *users: str) -> RuleSnapshot:
    return RuleSnapshot(id=f"rule-{next(_ids)}", entity_type=entity_type, entity_id=entity_id,
                        access_permission=permission, users=list(users))


class RulePublisher:
    """Publishes one company's rule sets with increasing versions."""

    def __init__(self, stack, company: str) -> None:
        self.topic_prefix = stack.topic_prefix
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
                                      rules=[*(default_rules(kinds=KINDS) if defaults else []), *rules])
        await send_rules(self.topic_prefix, snapshot)
        return self.version

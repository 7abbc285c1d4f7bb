"""The resources room in memory: ``InMemoryResourceStore`` (the room's ``ResourceStore`` port)
and ``ResourcesWorld``, the queues process's in-memory ``World`` with the room wired as
``services/queues/main.py`` wires it (quota check, pool link feeding, endpoint table)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from services.queues.handlers import handler_table
from services.queues.main import build_use_cases
from services.queues.resources import build_admission, build_feeder, build_room
from services.queues.resources.handlers import handler_table as resources_handler_table
from services.queues.resources.store import DuplicatePolicyName
from shared.access.snapshot import AccessRulesChanged
from shared.access.view import StaticAccess
from tests.unit.queues.world import World

Document = dict[str, Any]


class InMemoryResourceStore:
    """``ResourceStore`` in dicts (every method atomic: no await inside)."""

    def __init__(self) -> None:
        self.configs: dict[str, Document] = {}
        self.policy_docs: dict[str, Document] = {}
        self.connection_docs: dict[str, Document] = {}
        self.ledger_docs: dict[str, Document] = {}

    async def ensure_indexes(self) -> None:
        return None

    async def configuration(self, company: str) -> Document | None:
        return copy.deepcopy(self.configs.get(company))

    async def put_configuration(self, company: str, doc: Document) -> None:
        self.configs[company] = copy.deepcopy({**doc, "_id": company})

    def _name_taken(self, company: str, name: str, other: str | None = None) -> bool:
        return any(p["company"] == company and p["name"] == name and p["_id"] != other
                   for p in self.policy_docs.values())

    async def add_policy(self, policy: Document) -> None:
        if self._name_taken(policy["company"], policy["name"]):
            raise DuplicatePolicyName(policy["name"])
        self.policy_docs[policy["_id"]] = copy.deepcopy(policy)

    async def policy(self, company: str, policy_id: str) -> Document | None:
        doc = self.policy_docs.get(policy_id)
        return copy.deepcopy(doc) if doc is not None and doc["company"] == company else None

    async def policies(self, company: str) -> list[Document]:
        return sorted((copy.deepcopy(p) for p in self.policy_docs.values() if p["company"] == company),
                      key=lambda p: p["name"])

    async def update_policy(self, company: str, policy_id: str, fields: Document) -> bool:
        if await self.policy(company, policy_id) is None:
            return False
        if "name" in fields and self._name_taken(company, fields["name"], policy_id):
            raise DuplicatePolicyName(fields["name"])
        self.policy_docs[policy_id].update(copy.deepcopy(fields))
        return True

    async def delete_policy(self, company: str, policy_id: str) -> bool:
        return await self.policy(company, policy_id) is not None and self.policy_docs.pop(policy_id) is not None

    async def add_connection(self, connection: Document) -> None:
        self.connection_docs[connection["_id"]] = copy.deepcopy(connection)

    async def connections(self, company: str, policy: str | None = None) -> list[Document]:
        return [copy.deepcopy(c) for c in self.connection_docs.values()
                if c["company"] == company and (policy is None or c["policy"] == policy)]

    async def delete_connection(self, company: str, queue_id: str) -> bool:
        doc = self.connection_docs.get(queue_id)
        return doc is not None and doc["company"] == company and self.connection_docs.pop(queue_id) is not None

    async def admit(self, company: str, task: str, entry: Document) -> None:
        self.ledger_docs[f"{company}/{task}"] = {**copy.deepcopy(entry), "company": company, "task": task}

    async def forget(self, company: str, task: str) -> None:
        self.ledger_docs.pop(f"{company}/{task}", None)

    async def ledger(self, company: str, tasks: Sequence[str]) -> dict[str, Document]:
        return {t: copy.deepcopy(d) for t in tasks if (d := self.ledger_docs.get(f"{company}/{t}")) is not None}


class ResourcesWorld(World):
    """``World`` with the resources room; ``access`` holds the companies' group snapshots."""

    def __init__(self) -> None:
        super().__init__()
        self.store = InMemoryResourceStore()
        self.access = StaticAccess()
        self.use_cases = build_use_cases(
            self.queues, self.workers, self.stats, self.queue_metrics, 600, self.clock, self.new_id, tasks=self.tasks,
            containers=self.containers, serving_stats=self.serving_stats, runtime_properties=self.runtime_properties,
            admission=build_admission(self.store, self.queues, self.workers, self.access, self.clock),
            feeder=build_feeder(self.store, self.queues, self.workers, self.clock))
        room = build_room(self.store, self.queues, self.workers, self.access, self.use_cases.queues,
                          self.use_cases.entries, self.clock, self.new_id)
        self.handlers = {**handler_table(self.use_cases), **resources_handler_table(room)}

    def groups(self, snapshot: AccessRulesChanged) -> None:
        self.access.take(snapshot)

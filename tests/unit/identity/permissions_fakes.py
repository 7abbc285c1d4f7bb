"""In-memory fakes of the permissions and variables rooms' ports, and an RPC caller that
answers as the owners of entities would (the same contracts as the Mongo adapters, which
``tests/integration/identity/test_permissions_store.py`` runs against the real store)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from services.identity.permissions.domain import Group, Rule
from shared.messaging.envelopes import RequestEnvelope


class InMemoryPermissionStore:
    def __init__(self) -> None:
        self.groups_by_id: dict[str, Group] = {}
        self.rules_by_id: dict[str, Rule] = {}
        self.state: dict[str, dict[str, Any]] = {}

    async def ensure_groups(self, groups: list[Group]) -> None:
        for group in groups:
            self.groups_by_id.setdefault(group.id, group)

    async def groups(self, company: str, ids: list[str] | None = None) -> list[Group]:
        found = [g for g in self.groups_by_id.values() if g.company == company and (ids is None or g.id in ids)]
        return sorted(found, key=lambda g: (g.system is None, g.name))

    async def insert_group(self, group: Group) -> None:
        self.groups_by_id[group.id] = group

    async def update_group(self, company: str, group_id: str, changes: dict[str, Any]) -> int:
        group = self.groups_by_id.get(group_id)
        if group is None or group.company != company or group.system:
            return 0
        changes = {k: tuple(v) if k == "users" else v for k, v in changes.items()}
        self.groups_by_id[group_id] = dataclasses.replace(group, **changes)
        return 1

    async def delete_groups(self, company: str, ids: list[str]) -> int:
        gone = [g.id for g in await self.groups(company, ids) if not g.system]
        for group_id in gone:
            del self.groups_by_id[group_id]
        return len(gone)

    async def rules(self, company: str, ids: list[str] | None = None) -> list[Rule]:
        return [r for r in self.rules_by_id.values() if r.company == company and (ids is None or r.id in ids)]

    async def insert_rule(self, rule: Rule) -> None:
        self.rules_by_id[rule.id] = rule

    async def update_rule(self, rule: Rule) -> int:
        old = self.rules_by_id.get(rule.id)
        if old is None or old.company != rule.company:
            return 0
        self.rules_by_id[rule.id] = dataclasses.replace(rule, created=old.created, autocreated=old.autocreated,
                                                        default_for=old.default_for)
        return 1

    async def ensure_rules(self, rules: list[Rule]) -> int:
        missing = [r for r in rules if r.id not in self.rules_by_id]
        for rule in missing:
            self.rules_by_id[rule.id] = rule
        return len(missing)

    async def reset_rules(self, rules: list[Rule]) -> int:
        changed = 0
        for rule in rules:
            old = self.rules_by_id.get(rule.id)
            if old is None or dataclasses.replace(old, created=rule.created) != rule:
                changed += 1
                self.rules_by_id[rule.id] = dataclasses.replace(rule, created=old.created if old else rule.created)
        return changed

    async def delete_rules(self, company: str, ids: list[str]) -> int:
        gone = [r.id for r in await self.rules(company, ids)]
        for rule_id in gone:
            del self.rules_by_id[rule_id]
        return len(gone)

    async def forget_groups(self, company: str, group_ids: list[str]) -> None:
        for rule in await self.rules(company):
            kept = tuple(g for g in rule.groups if g not in group_ids)
            self.rules_by_id[rule.id] = dataclasses.replace(rule, groups=kept)

    async def forget_user(self, company: str, user: str) -> None:
        for group in await self.groups(company):
            self.groups_by_id[group.id] = dataclasses.replace(group, users=tuple(u for u in group.users if u != user))
        for rule in await self.rules(company):
            self.rules_by_id[rule.id] = dataclasses.replace(rule, users=tuple(u for u in rule.users if u != user))

    async def is_managed(self, company: str) -> bool:
        return bool(self.state.get(company, {}).get("managed"))

    async def set_managed(self, company: str) -> None:
        self.state.setdefault(company, {})["managed"] = True

    async def companies(self) -> list[str]:
        return list(self.state)

    async def next_version(self, company: str) -> tuple[int, bool]:
        state = self.state.setdefault(company, {})
        state["version"] = state.get("version", 0) + 1
        return state["version"], bool(state.get("managed"))


class FakeOwners:
    """``RpcCaller``: each (process, endpoint) answered by a function of the request."""

    def __init__(self, answers: dict[tuple[str, str], Callable[[RequestEnvelope], Any]] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[tuple[str, RequestEnvelope, str | None]] = []

    async def call(self, process: str, request: RequestEnvelope, key: str | None = None,
                   timeout: float | None = None) -> Any:
        self.calls.append((process, request, key))
        answer = self.answers.get((process, request.endpoint))
        if answer is None:
            return {}
        return answer(request)

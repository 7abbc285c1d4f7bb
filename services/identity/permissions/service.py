"""Use cases of the permissions room: user groups, access rules and the default rules of a
company (``permissions.*`` but ``check_entity_access``, see ``checks.py``).

Every change ends with ``publish``: one ``AccessRulesChanged`` snapshot of the company's whole
configuration, with the next value of the company's counter (incremented atomically after the
change was written and before the configuration is read, so the highest version always holds
every change written before it; a lower one arriving late is ignored by ``AccessView``).

A company whose access was never configured is unmanaged (open to its users). The first write
of any endpoint here makes it managed, after its default rules exist: adding one rule on a
project never locks the rest of the company.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from services.identity.domain import User, new_id
from services.identity.facts import AccessRules, FactPublisher
from services.identity.permissions.domain import (
    DEFAULT_GROUPS,
    Group,
    Rule,
    default_rules,
    snapshot,
    system_groups,
    with_members,
)
from services.identity.permissions.store import PermissionStore
from services.identity.users.store import UserDirectory, UserQuery
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


def invalid_ids(what: str, ids: list[str]) -> ApiError:
    return ApiError.named("invalid_id", f"invalid {what} id(s): {', '.join(sorted(ids))}", id=sorted(ids))


class PermissionsService:
    def __init__(self, store: PermissionStore, users: UserDirectory, publisher: FactPublisher,
                 now: Callable[[], datetime]) -> None:
        self.store = store
        self.users = users
        self.publisher = publisher
        self.now = now

    # -- the company's configuration ------------------------------------------------------
    async def prepare(self, company: str) -> None:
        """The company's two system groups exist (idempotent)."""
        await self.store.ensure_groups(system_groups(company, self.now()))

    async def manage(self, company: str) -> None:
        """Before the first change: the default rules exist, then the company is managed."""
        if not await self.store.is_managed(company):  # (a managed company has its system groups)
            await self.prepare(company)
            await self.store.ensure_rules(default_rules(company, DEFAULT_GROUPS, self.now()))
            await self.store.set_managed(company)

    async def republish(self) -> None:
        """At start: one snapshot of every company that has one. A change stored just before
        a crash, whose snapshot was never published, so reaches the services once identity is
        back (the keeper restarts it) instead of waiting for the company's next change."""
        for company in await self.store.companies():
            await self.publish(company)

    async def publish(self, company: str) -> None:
        """One ``AccessRulesChanged`` of the company's configuration as it is now."""
        version, managed = await self.store.next_version(company)
        groups = await self.store.groups(company)
        admins = await self._admins(company)
        rules = await self.store.rules(company)
        fact = snapshot(company, version, managed, [with_members(g, admins) for g in groups], rules)
        await self.publisher.publish(AccessRules(fact))

    async def company_users(self, company: str) -> list[User]:
        return await self.users.find(UserQuery(company=company, order_by=("name",)))

    async def _admins(self, company: str) -> list[str]:
        return [u.id for u in await self.company_users(company) if u.role == "admin"]

    async def _check_users(self, company: str, ids: list[str]) -> None:
        wanted = set(ids)
        if not wanted:
            return
        found = {u.id for u in await self.users.find(UserQuery(company=company, ids=tuple(wanted)))}
        if missing := wanted - found:
            raise ApiError.named("invalid_user_id", f"not users of the company: {', '.join(sorted(missing))}",
                                 id=sorted(missing))

    # -- groups ---------------------------------------------------------------------------
    async def get_groups(self, caller: Identity, ids: list[str] | None) -> tuple[list[Group], list[User]]:
        """The company's groups (``ids``: those), the admins group listing the admins; with the
        company's users (the all-users group's implicit members)."""
        await self.prepare(caller.company)
        users = await self.company_users(caller.company)
        admins = [u.id for u in users if u.role == "admin"]
        groups = await self.store.groups(caller.company, ids)
        return [with_members(g, admins) for g in groups], users

    async def save_group(self, caller: Identity, group_id: str | None, name: str | None,
                         description: str | None, users: list[str] | None) -> Group:
        """``add_or_update_user_group``: a new group (``name`` required) or the given fields of
        an existing one; the system groups are not editable."""
        company = caller.company
        await self.manage(company)
        if users is not None:
            await self._check_users(company, users)
        if group_id:
            group = await self._editable_group(company, group_id)
            given = (("name", name), ("description", description), ("users", users))
            changes = {k: v for k, v in given if v is not None}
            if name is not None:
                await self._unique_name(company, name, group_id)
            if changes:
                await self.store.update_group(company, group_id, changes)
            group = replace(group, **{k: tuple(v) if k == "users" else v for k, v in changes.items()})
        else:
            if not name:
                raise ApiError.named("missing_required_fields", "a new group needs a name", fields=["name"])
            await self._unique_name(company, name, None)
            group = Group(id=new_id(), company=company, name=name, description=description or "",
                          users=tuple(dict.fromkeys(users or ())), created=self.now())
            await self.store.insert_group(group)
        await self.publish(company)
        return group

    async def _editable_group(self, company: str, group_id: str) -> Group:
        found = await self.store.groups(company, [group_id])
        if not found:
            raise invalid_ids("group", [group_id])
        if found[0].system:
            raise ApiError.named("fields_value_error", f"the system group {found[0].name!r} cannot be changed",
                                 id=group_id)
        return found[0]

    async def _unique_name(self, company: str, name: str, own_id: str | None) -> None:
        if any(g.name == name and g.id != own_id for g in await self.store.groups(company)):
            raise ApiError.named("expected_unique_data", f"a group named {name!r} exists", name=name)

    async def delete_groups(self, caller: Identity, ids: list[str]) -> int:
        """``delete_user_groups``: the groups (not the system ones) leave every rule too."""
        company = caller.company
        await self.manage(company)
        found = await self.store.groups(company, ids)
        if missing := set(ids) - {g.id for g in found}:
            raise invalid_ids("group", list(missing))
        if system := [g.name for g in found if g.system]:
            raise ApiError.named("fields_value_error", f"system groups cannot be deleted: {', '.join(system)}")
        deleted = await self.store.delete_groups(company, ids)
        await self.store.forget_groups(company, ids)
        await self.publish(company)
        return deleted

    # -- rules ----------------------------------------------------------------------------
    async def save_rule(self, caller: Identity, rule_id: str | None, fields: dict[str, Any]) -> Rule:
        """``add_or_update_access_rule``: ``rule_id`` given = update that rule (400/10 when it
        does not exist), else a new rule."""
        company = caller.company
        await self.manage(company)
        await self._check_users(company, fields["users"])
        groups = {g.id for g in await self.store.groups(company, list(fields["groups"]))}
        if missing := set(fields["groups"]) - groups:
            raise invalid_ids("group", list(missing))
        values = {**fields, "users": tuple(dict.fromkeys(fields["users"])),
                  "groups": tuple(dict.fromkeys(fields["groups"])), "entity_id": fields.get("entity_id") or None}
        if rule_id:
            existing = await self.store.rules(company, [rule_id])
            if not existing:
                raise invalid_ids("rule", [rule_id])
            rule = replace(existing[0], **values)
            await self.store.update_rule(rule)
        else:
            rule = Rule(id=new_id(), company=company, created=self.now(), **values)
            await self.store.insert_rule(rule)
        await self.publish(company)
        return rule

    async def get_rules(self, caller: Identity, ids: list[str] | None) -> tuple[list[Rule], list[Group], list[User]]:
        await self.prepare(caller.company)
        rules = await self.store.rules(caller.company, ids)
        return rules, await self.store.groups(caller.company), await self.company_users(caller.company)

    async def delete_rules(self, caller: Identity, ids: list[str]) -> int:
        company = caller.company
        await self.manage(company)
        found = {r.id for r in await self.store.rules(company, ids)}
        if missing := set(ids) - found:
            raise invalid_ids("rule", list(missing))
        deleted = await self.store.delete_rules(company, ids)
        await self.publish(company)
        return deleted

    async def ensure_defaults(self, caller: Identity, kinds: list[str] | None) -> int:
        """``ensure_default_access_rules``: create the missing default rules of the system
        groups asked (both when none is named); how many were created."""
        company = caller.company
        await self.prepare(company)
        created = await self.store.ensure_rules(default_rules(company, tuple(kinds or DEFAULT_GROUPS), self.now()))
        await self.store.set_managed(company)
        await self.publish(company)
        return created

    async def restore_defaults(self, caller: Identity) -> int:
        """``restore_default_access_rules``: every default rule back as it was made (missing
        ones created, edited ones reset); how many were created or reset."""
        company = caller.company
        await self.prepare(company)
        restored = await self.store.reset_rules(default_rules(company, DEFAULT_GROUPS, self.now()))
        await self.store.set_managed(company)
        await self.publish(company)
        return restored

    # -- users leaving --------------------------------------------------------------------
    async def forget_user(self, company: str, user: str) -> None:
        """A deleted user leaves every group and rule (the company's facts say so too)."""
        await self.store.forget_user(company, user)
        if await self.store.is_managed(company):
            await self.publish(company)


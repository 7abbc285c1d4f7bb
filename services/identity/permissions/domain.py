"""The pure rules of the permissions room: the two system groups of a company, the default
access rules, what a rule and a group look like, and the snapshot every enforcing process
decides with (``shared.access``). No I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from shared.access.snapshot import (
    ENTITY_TYPES,
    READ_WRITE,
    AccessRulesChanged,
    GroupSnapshot,
    RuleSnapshot,
)

# The system groups of every company: all its users (implicit members) and its admins (the
# users whose role is ``admin``; admins bypass the rules anyway). Neither can be deleted.
USERS_GROUP = "users"
ADMINS_GROUP = "admins"
SYSTEM_GROUP_NAMES = {USERS_GROUP: "All Users", ADMINS_GROUP: "Admins"}
DEFAULT_GROUPS = (USERS_GROUP, ADMINS_GROUP)

# ``get_entity_access_categories``: what a rule on each entity type may name: every entity of
# the type (``all``, a category rule without ``entity_id``) or one entity (``entity``; for a
# project, the project and everything under it).
CATEGORIES = ("all", "entity")

_IDS = uuid.UUID("6f1b8a8e-3c0e-4c55-9a3c-1c7a5e0c2d16")


def system_group_id(company: str, kind: str) -> str:
    """Stable per company, so creating the system groups is idempotent."""
    return uuid.uuid5(_IDS, f"{company}/group/{kind}").hex


def default_rule_id(company: str, kind: str, entity_type: str) -> str:
    return uuid.uuid5(_IDS, f"{company}/default/{kind}/{entity_type}").hex


@dataclass(frozen=True)
class Group:
    id: str
    company: str
    name: str
    description: str = ""
    system: str | None = None  # USERS_GROUP / ADMINS_GROUP for the system groups
    users: tuple[str, ...] = ()
    created: datetime | None = None

    @property
    def everyone(self) -> bool:
        return self.system == USERS_GROUP


@dataclass(frozen=True)
class Rule:
    id: str
    company: str
    name: str
    entity_type: str
    access_permission: str
    entity_id: str | None = None
    description: str = ""
    users: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    autocreated: bool = False
    default_for: str | None = None  # the system group kind of a default rule
    metadata: dict = field(default_factory=dict)
    created: datetime | None = None

    def same_grant(self, other: Rule) -> bool:
        """The same decision content (what a restore compares)."""
        return (self.entity_type, self.entity_id, self.access_permission, set(self.users), set(self.groups)) == (
            other.entity_type, other.entity_id, other.access_permission, set(other.users), set(other.groups))


def system_groups(company: str, now: datetime) -> list[Group]:
    return [Group(id=system_group_id(company, kind), company=company, name=SYSTEM_GROUP_NAMES[kind],
                  description=f"System group: {SYSTEM_GROUP_NAMES[kind].lower()} of the company",
                  system=kind, created=now)
            for kind in DEFAULT_GROUPS]


def default_rules(company: str, kinds: tuple[str, ...] | list[str], now: datetime) -> list[Rule]:
    """One category rule per entity type granting each of ``kinds``' system group
    ``read_write``: with the ``users`` ones, every user reads and writes everything no more
    specific rule names (the company as it was before access control)."""
    return [
        Rule(id=default_rule_id(company, kind, entity_type), company=company,
             name=f"{SYSTEM_GROUP_NAMES[kind]}: all {entity_type}s", entity_type=entity_type,
             access_permission=READ_WRITE, groups=(system_group_id(company, kind),),
             description=f"Default rule: {SYSTEM_GROUP_NAMES[kind].lower()} read and write every {entity_type}",
             autocreated=True, default_for=kind, created=now)
        for kind in kinds for entity_type in ENTITY_TYPES
    ]


def with_members(group: Group, admins: list[str]) -> Group:
    """The admins system group lists the company's admins; the all-users group's members are
    implicit (every user)."""
    return replace(group, users=tuple(admins)) if group.system == ADMINS_GROUP else group


def snapshot(company: str, version: int, managed: bool, groups: list[Group], rules: list[Rule]) -> AccessRulesChanged:
    return AccessRulesChanged(
        company=company, version=version, managed=managed,
        groups=[GroupSnapshot(id=g.id, name=g.name, system=g.system is not None, everyone=g.everyone,
                              users=[] if g.everyone else list(g.users)) for g in groups],
        rules=[RuleSnapshot(id=r.id, entity_type=r.entity_type, entity_id=r.entity_id or None,
                            access_permission=r.access_permission, users=list(r.users), groups=list(r.groups))
               for r in rules],
    )


def display_name(entity_type: str, name: str) -> str:
    """A project's own name is the last part of its path (``a/b/c`` -> ``c``)."""
    return name.rsplit("/", 1)[-1] if entity_type == "project" else name

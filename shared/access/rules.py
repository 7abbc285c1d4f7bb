"""The access decision (pure): what a caller may do with an entity under a company's rules.

An entity lives in a chain of scopes, most specific first: the entity itself, then (for tasks,
models and projects) its projects from the nearest up to the root, then its type's category
(every entity of the type). The first scope that any rule names decides, for everyone: the
caller gets the strongest permission among that scope's rules that name the caller (directly
or through a group), and nothing when none does. So a rule on a project closes that project
(and all under it) to whoever it does not name, while the rest of the company keeps its
category rules (by default: every user may read and write everything). A scope no rule names
passes the question up the chain; a chain that no rule names grants nothing.

Admins (``system``, ``root``, ``admin`` roles) bypass the rules, and a company whose access was
never configured (``managed`` false) is open to all its users, as before access control.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shared.access.snapshot import READ, READ_WRITE, AccessRulesChanged, Permission, RuleSnapshot

BYPASS_ROLES = frozenset({"system", "root", "admin"})

Scope = tuple[str, str | None]  # (entity type, entity id; None: the type's category)

_RANK = {None: 0, READ: 1, READ_WRITE: 2}


def scopes_of(entity_type: str, entity_id: str | None, projects: Sequence[str] = ()) -> tuple[Scope, ...]:
    """The chain of an entity, most specific first. ``projects``: the projects it lives in,
    nearest first (a task's project then that project's parents; for a project, its parents)."""
    chain: list[Scope] = [(entity_type, entity_id)] if entity_id else []
    chain += [("project", p) for p in projects if p and (entity_type, entity_id) != ("project", p)]
    chain.append((entity_type, None))
    return tuple(chain)


def project_chain(project_id: str | None, path: Sequence[str] = ()) -> list[str]:
    """A project and its parents nearest first, from ClearML's ``path`` (root first)."""
    return ([project_id] if project_id else []) + [p for p in reversed(list(path)) if p]


def stronger(a: Permission | None, b: Permission | None) -> Permission | None:
    return a if _RANK[a] >= _RANK[b] else b


def satisfies(granted: Permission | None, needed: Permission) -> bool:
    return _RANK[granted] >= _RANK[needed]


class RuleSet:
    """One company's rules, indexed for decisions (built from an ``AccessRulesChanged``)."""

    def __init__(self, snapshot: AccessRulesChanged) -> None:
        self.snapshot = snapshot
        self.company = snapshot.company
        self.version = snapshot.version
        self.managed = snapshot.managed
        self._everyone = frozenset(g.id for g in snapshot.groups if g.everyone)
        members: dict[str, set[str]] = {}
        for group in snapshot.groups:
            for user in group.users:
                members.setdefault(user, set()).add(group.id)
        self._groups_of = {user: frozenset(groups) for user, groups in members.items()}
        by_scope: dict[Scope, list[RuleSnapshot]] = {}
        for rule in snapshot.rules:
            by_scope.setdefault((rule.entity_type, rule.entity_id or None), []).append(rule)
        self._by_scope = {scope: tuple(rules) for scope, rules in by_scope.items()}

    @classmethod
    def open(cls, company: str) -> RuleSet:
        """The rules of a company whose access was never configured: open to its users."""
        return cls(AccessRulesChanged(company=company, version=0, managed=False))

    def groups_of(self, user: str) -> frozenset[str]:
        return self._groups_of.get(user, frozenset()) | self._everyone

    def bypasses(self, role: str) -> bool:
        return not self.managed or role in BYPASS_ROLES

    def has_rules(self, scope: Scope) -> bool:
        return scope in self._by_scope

    def named_ids(self, entity_type: str) -> frozenset[str]:
        """The ids of the entities of a type that rules name (their own scope decides)."""
        return frozenset(i for t, i in self._by_scope if t == entity_type and i)

    def grant(self, user: str, role: str, chain: Iterable[Scope]) -> Permission | None:
        """The caller's permission on the entity of ``chain`` (see ``scopes_of``)."""
        if self.bypasses(role):
            return READ_WRITE
        groups = None
        for scope in chain:
            rules = self._by_scope.get(scope)
            if not rules:
                continue
            if groups is None:
                groups = self.groups_of(user)
            granted: Permission | None = None
            for rule in rules:
                if user in rule.users or not groups.isdisjoint(rule.groups):
                    granted = stronger(granted, rule.access_permission)
            return granted
        return None

    def allows(self, user: str, role: str, chain: Iterable[Scope], needed: Permission) -> bool:
        return satisfies(self.grant(user, role, chain), needed)

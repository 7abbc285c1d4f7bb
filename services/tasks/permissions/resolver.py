"""The caller's ``CallerAccess``, cached per (company, rules version, project tree version,
user, role).

The rules come from the process's ``AccessView`` (a local copy, no RPC); the project tree
version is a per-company counter in this process's database (``store.access.MongoTreeVersions``),
raised by the guarded repositories after every change of the tree (a project made, moved,
deleted, made public or private) and every move of a task or model to another project, so
that every instance of the process rebuilds a caller's access once the tree changed, and only
then. Admins, system roles and companies
whose access was never configured are unrestricted (``None``): no tree read, no cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Protocol

from services.tasks.permissions.scope import CallerAccess
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ProjectRepository, TaskRepository
from shared.access.view import AccessRules
from shared.messaging.envelopes import Identity


class TreeVersions(Protocol):
    """The per-company version of the project tree."""

    async def current(self, company: str) -> int: ...

    async def bump(self, company: str) -> None: ...


class MemoryTreeVersions:
    """``TreeVersions`` of one process without a database (unit tests)."""

    def __init__(self) -> None:
        self.versions: dict[str, int] = {}

    async def current(self, company: str) -> int:
        return self.versions.get(company, 0)

    async def bump(self, company: str) -> None:
        self.versions[company] = self.versions.get(company, 0) + 1


class AccessResolver:
    """Builds (and caches) the ``CallerAccess`` of a request's caller. ``projects``: the
    unguarded project repository (the territory is read for the caller, not as the caller)."""

    def __init__(self, rules: AccessRules, projects: ProjectRepository, versions: TreeVersions,
                 entities: Mapping[str, TaskRepository] | None = None, cache_size: int = 4096) -> None:
        self._rules = rules
        self._projects = projects
        self._entities = entities or {}
        self.versions = versions
        self._cache: OrderedDict[tuple[str, int, int, str, str], CallerAccess] = OrderedDict()
        self._cache_size = cache_size
        self.builds = 0  # how many times a CallerAccess was built (the cache's misses)

    async def resolve(self, identity: Identity) -> CallerAccess | None:
        """The caller's access; ``None``: unrestricted (see module)."""
        ruleset = await self._rules.rules(identity.company)
        if ruleset.bypasses(identity.role):
            return None
        tree = await self.versions.current(identity.company)
        key = (identity.company, ruleset.version, tree, identity.user, identity.role)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        named = sorted(ruleset.named_ids("project"))
        projects: list[dict] = []
        if named:
            projects = await self._projects.select(Selection(identity.company, public=True, ids=named), ["path"])
            known = {p["_id"] for p in projects}
            below = await self._projects.select(Selection(identity.company, public=True, below=named), ["path"])
            projects += [p for p in below if p["_id"] not in known]
        placed = {kind: await self._placed(identity.company, repository, ruleset.named_ids(kind))
                  for kind, repository in self._entities.items()}
        access = CallerAccess.build(ruleset, identity.user, identity.role, projects, tree, placed)
        self.builds += 1
        self._cache[key] = access
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return access

    @staticmethod
    async def _placed(company: str, repository: TaskRepository, ids: Iterable[str]) -> dict[str, str | None]:
        """The project of each of ``ids`` that exists (a task or model rules name)."""
        wanted = sorted(ids)
        if not wanted:
            return {}
        docs = await repository.select(Selection(company, public=True, ids=wanted), ["project"], limit=len(wanted))
        return {d["_id"]: d.get("project") for d in docs}

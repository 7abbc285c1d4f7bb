"""One caller's access to the tasks process's entities, ready for queries and checks (pure).

``CallerAccess`` is the decision of ``shared.access.rules`` unfolded for one (company, user,
role) over the company's project tree:

- ``territory``: every project under (or equal to) a project some rule names, with the
  permission the nearest named project gives the caller (``None``: closed to the caller);
  outside the territory no project of an entity's chain is named, so its type's category
  decides;
- ``named``: per entity type, the entities rules name directly, with the caller's permission
  on each (their own scope decides before any project);
- ``category``: per entity type, the caller's permission on the category.

From these it says what the caller may read of tasks, models and projects (``read_filter``,
which the store writes into every list, count and statistics query, so paging and counts stay
right) and decides on one document (``grant``) exactly as ``RuleSet.grant`` would on the
document's chain.

The caller's ``CallerAccess`` travels with the request in a context variable (``bound``/
``current``), set by ``handlers.scoped`` around every ClearML endpoint of the process; the
guarded repositories (``guard``) read it. ``None`` there means unrestricted: internal actions,
the watchdog, admins and companies whose access was never configured.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

from services.tasks.store.access import ReadableFilter
from shared.access.rules import RuleSet, satisfies
from shared.access.snapshot import READ_WRITE, Permission
from shared.errors import ApiError

Kind = Literal["task", "model", "project"]
KINDS: tuple[Kind, ...] = ("task", "model", "project")
Document = dict[str, Any]

INVALID_ID = {"task": "invalid_task_id", "model": "invalid_model_id", "project": "invalid_project_id"}


def readable(permission: Permission | None) -> bool:
    return permission is not None


def territory_of(ruleset: RuleSet, user: str, role: str, projects: list[Document]) -> dict[str, Permission | None]:
    """The caller's permission on every project of ``projects`` (``{_id, path}``: the named
    projects and all below them), decided by the nearest named project of its chain."""
    territory: dict[str, Permission | None] = {}
    for project in projects:
        chain = [project["_id"], *reversed([p for p in project.get("path") or () if p])]
        scopes = [("project", p) for p in chain]
        if any(ruleset.has_rules(s) for s in scopes):
            territory[project["_id"]] = ruleset.grant(user, role, scopes)
    return territory


@dataclass(frozen=True)
class CallerAccess:
    """A restricted caller's view (see module). Built by ``resolver.AccessResolver``."""

    company: str
    user: str
    version: tuple[int, int]  # (rules version, project tree version) it was built from
    category: Mapping[str, Permission | None]
    territory: Mapping[str, Permission | None]
    named: Mapping[str, Mapping[str, Permission | None]]
    _filters: dict[str, ReadableFilter | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, ruleset: RuleSet, user: str, role: str, projects: list[Document], tree_version: int,
              placed: Mapping[str, Mapping[str, str | None]] | None = None) -> CallerAccess:
        """``projects``: ``{_id, path}`` of the named projects and all below them;
        ``placed``: per entity type (task, model), the project of each named entity that
        exists (the query then names only the entities whose own rules change what their
        project decides; without it, every named one)."""
        category = {kind: ruleset.grant(user, role, [(kind, None)]) for kind in KINDS}
        named = {kind: {i: ruleset.grant(user, role, [(kind, i)]) for i in ruleset.named_ids(kind)} for kind in KINDS}
        access = cls(ruleset.company, user, (ruleset.version, tree_version), category,
                     territory_of(ruleset, user, role, projects), named)
        for kind in KINDS:
            access._filters[kind] = access._read_filter(kind, (placed or {}).get(kind))
        return access

    # -- one document --------------------------------------------------------------------
    def project_grant(self, project_id: str | None) -> Permission | None:
        """The caller's permission on a project (``None`` id: the project category)."""
        if project_id and project_id in self.territory:
            return self.territory[project_id]
        return self.category["project"]

    def contents_grant(self, kind: Kind, project_id: str | None) -> Permission | None:
        """The permission on an entity of ``kind`` in ``project_id`` no rule names."""
        if project_id and project_id in self.territory:
            return self.territory[project_id]
        return self.category[kind]

    def grant(self, kind: Kind, doc: Mapping[str, Any]) -> Permission | None:
        """The caller's permission on a stored task, model or project (``RuleSet.grant`` over
        the document's chain: itself, its projects nearest first, its category)."""
        entity_id = doc.get("_id")
        named = self.named[kind]
        if entity_id in named:
            return named[entity_id]
        if kind == "project":
            return self.project_grant(entity_id)
        return self.contents_grant(kind, doc.get("project"))

    # -- queries -------------------------------------------------------------------------
    def read_filter(self, kind: Kind) -> ReadableFilter | None:
        """What the caller may read of ``kind``, for the store to write into queries
        (``None``: everything)."""
        return self._filters[kind]

    def _read_filter(self, kind: Kind, placed: Mapping[str, str | None] | None) -> ReadableFilter | None:
        named = self.named[kind]
        if placed is not None and kind != "project":
            # Only the entities whose own rules decide otherwise than their project would
            # (each id named costs the store a comparison per document it filters).
            named = {i: g for i, g in named.items()
                     if i in placed and readable(g) != readable(self.contents_grant(kind, placed[i]))}
        shown = sorted(i for i, g in named.items() if readable(g))
        hidden = sorted(i for i, g in named.items() if not readable(g))
        if kind == "project":
            # A project's own scope is the first of its chain: the territory already holds it.
            shown = [i for i in shown if i not in self.territory]
            hidden = [i for i in hidden if i not in self.territory]
        found = ReadableFilter(
            in_project=kind != "project",
            category=readable(self.category[kind]),
            open_projects=tuple(sorted(p for p, g in self.territory.items() if readable(g))),
            closed_projects=tuple(sorted(p for p, g in self.territory.items() if not readable(g))),
            shown=tuple(shown),
            hidden=tuple(hidden),
        )
        if found.category and not found.closed_projects and not found.hidden:
            return None
        return found


_CURRENT: ContextVar[CallerAccess | None] = ContextVar("cairn_tasks_caller_access", default=None)


def current() -> CallerAccess | None:
    """The access of the request being answered (``None``: unrestricted)."""
    return _CURRENT.get()


@contextmanager
def bound(access: CallerAccess | None) -> Iterator[None]:
    """Answer the request under ``access`` (see module)."""
    token = _CURRENT.set(access)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def permit(access: CallerAccess | None, kind: Kind, doc: Mapping[str, Any], needed: Permission) -> None:
    """Raise what ClearML would answer when the caller may not do ``needed`` on ``doc``: the
    entity's invalid-id error when it may not even read it, 403/21 when it may only read."""
    if access is None:
        return
    granted = access.grant(kind, doc)
    if granted is None:
        raise ApiError.named(INVALID_ID[kind], id=doc.get("_id"))
    if not satisfies(granted, needed):
        raise ApiError.named("no_write_permission", f"read-only access to {kind} {doc.get('_id')}", id=doc.get("_id"))


def require_write(kind: Kind, doc: Mapping[str, Any]) -> None:
    """``permit`` of ``read_write`` for the current request."""
    permit(current(), kind, doc, READ_WRITE)


def require_write_in(kind: Kind, project_id: str | None) -> None:
    """Creating or moving an entity of ``kind`` into ``project_id`` (``None``: no project)
    needs ``read_write`` on that project and on what the entity will be there."""
    access = current()
    if access is None:
        return
    if kind == "project":
        granted = access.project_grant(project_id)
    else:
        granted = access.contents_grant(kind, project_id)
        if project_id and not satisfies(access.project_grant(project_id), READ_WRITE):
            granted = access.project_grant(project_id)
    if not satisfies(granted, READ_WRITE):
        where = f"project {project_id}" if project_id else f"the {kind} category"
        raise ApiError.named("no_write_permission", f"no read_write access to {where}", project=project_id)

"""The task, model and project repositories as the current caller may use them.

Every use case of the process is built over these wrappers (``main.build_use_cases``), so the
access rules hold for every endpoint without each use case asking:

- reads (``get``, ``get_by_name``, ``find``, ``select``, ``count``, ``distinct``,
  ``group_stats``, ``descendant_ids``) see only what the caller may read: lists and counts
  get the caller's ``read_filter`` in their MongoDB query (paging stays right); a lookup
  by id of an unreadable entity finds nothing, so the use case answers its invalid-id error;
- writes (``update``, ``update_many``, ``delete``, ``set_public``) need ``read_write`` on the
  entity (403/21), and creating or moving an entity into a project (``add``, a changed
  ``project``/``parent``) needs ``read_write`` there;
- the company's project tree version (``resolver.TreeVersions``) is raised after every change
  of the tree and every move of a task or model to another project (the query names the
  entities whose own rules overrule their project), whoever the caller.

Without a current ``CallerAccess`` (unrestricted: admins, unconfigured companies, internal
actions, the watchdog) every call goes straight to the wrapped repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from services.tasks.permissions.resolver import TreeVersions
from services.tasks.permissions.scope import CallerAccess, Kind, current, permit, require_write_in
from services.tasks.store.access import restricted
from services.tasks.store.criteria import Selection, Tags
from services.tasks.store.queries import UNPAGED_LIMIT, FindQuery
from services.tasks.store.repository import Document, ProjectRepository, TaskRepository
from shared.access.snapshot import READ_WRITE
from shared.messaging.outbox import Pending


def _restricted(selection: Selection, access: CallerAccess | None, kind: Kind) -> Selection:
    found = access.read_filter(kind) if access is not None else None
    return replace(selection, access=found) if found is not None else selection


def _query(query: FindQuery, access: CallerAccess | None, kind: Kind) -> FindQuery:
    return restricted(query, access.read_filter(kind)) if access is not None else query


def _visible(doc: Document | None, access: CallerAccess | None, kind: Kind) -> Document | None:
    if doc is None or access is None or access.grant(kind, doc) is not None:
        return doc
    return None


class GuardedEntities:
    """A ``TaskRepository`` (tasks, or models: ``kind``) under the caller's access."""

    def __init__(self, inner: TaskRepository, kind: Kind, versions: TreeVersions) -> None:
        self.inner = inner
        self._kind = kind
        self._versions = versions

    async def add(self, task: Document) -> None:
        require_write_in(self._kind, task.get("project"))
        await self.inner.add(task)

    async def get(self, company: str, task_id: str) -> Document | None:
        return _visible(await self.inner.get(company, task_id), current(), self._kind)

    async def find(self, query: FindQuery) -> list[Document]:
        return await self.inner.find(_query(query, current(), self._kind))

    async def update(
        self, company: str, task_id: str, changes: Document, expected_status: str | None = None, *,
        unset: Sequence[str] = (), add_tags: Tags | None = None, remove_tags: Tags | None = None,
        facts: Sequence[Pending] = (),
    ) -> Document | None:
        access = current()
        if access is not None:
            doc = await self.inner.get(company, task_id)
            if doc is not None:
                permit(access, self._kind, doc, READ_WRITE)
                if "project" in changes and changes["project"] != doc.get("project"):
                    require_write_in(self._kind, changes["project"])
        updated = await self.inner.update(company, task_id, changes, expected_status, unset=unset,
                                          add_tags=add_tags, remove_tags=remove_tags, facts=facts)
        if updated is not None and "project" in changes:
            await self._versions.bump(company)  # a moved entity rules name may change sides
        return updated

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await self.inner.select(_restricted(selection, current(), self._kind), fields, order_by, limit)

    async def update_many(self, selection: Selection, changes: Document, unset: Sequence[str] = (), *,
                          add_tags: Tags | None = None, remove_tags: Tags | None = None) -> int:
        access = current()
        selection = _restricted(selection, access, self._kind)
        if access is not None:
            for doc in await self.inner.select(selection, ["project"]):
                permit(access, self._kind, doc, READ_WRITE)
            if "project" in changes:
                require_write_in(self._kind, changes["project"])
        matched = await self.inner.update_many(selection, changes, unset, add_tags=add_tags, remove_tags=remove_tags)
        if matched and "project" in changes:
            await self._versions.bump(selection.company)
        return matched

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        await self._writable(company, ids)
        return await self.inner.set_public(company, ids, public, user, when)

    async def record_metrics(self, company: str, task_id: str, last_metrics: dict[str, dict[str, Document]],
                             last_iteration: int | None, when: datetime) -> bool:
        return await self.inner.record_metrics(company, task_id, last_metrics, last_iteration, when)

    async def input_users(self, model_ids: Sequence[str]) -> list[Document]:
        return await self.inner.input_users(model_ids)

    async def silent(self, status: str, before: datetime, limit: int) -> list[Document]:
        return await self.inner.silent(status, before, limit)

    async def delete(self, company: str, task_id: str, facts: Sequence[Pending] = ()) -> bool:
        await self._writable(company, [task_id])
        return await self.inner.delete(company, task_id, facts)

    async def distinct(self, field: str, selection: Selection) -> list[Any]:
        return await self.inner.distinct(field, _restricted(selection, current(), self._kind))

    async def count(self, selection: Selection) -> int:
        return await self.inner.count(_restricted(selection, current(), self._kind))

    async def group_stats(self, selection: Selection, since: datetime) -> list[Document]:
        return await self.inner.group_stats(_restricted(selection, current(), self._kind), since)

    async def _writable(self, company: str, ids: Sequence[str]) -> None:
        access = current()
        if access is None or not ids:
            return
        for doc in await self.inner.select(Selection(company, public=True, ids=list(ids)), ["project"]):
            permit(access, self._kind, doc, READ_WRITE)


_TREE_FIELDS = ("parent", "path")


class GuardedProjects:
    """A ``ProjectRepository`` under the caller's access; raises the tree version."""

    def __init__(self, inner: ProjectRepository, versions: TreeVersions) -> None:
        self.inner = inner
        self._versions = versions

    async def add(self, project: Document) -> None:
        require_write_in("project", project.get("parent"))
        await self.inner.add(project)
        await self._versions.bump(project.get("company") or "")

    async def get(self, company: str, project_id: str) -> Document | None:
        return _visible(await self.inner.get(company, project_id), current(), "project")

    async def get_by_name(self, company: str, name: str) -> list[Document]:
        access = current()
        return [d for d in await self.inner.get_by_name(company, name) if _visible(d, access, "project")]

    async def find(self, query: FindQuery) -> list[Document]:
        return await self.inner.find(_query(query, current(), "project"))

    async def descendant_ids(self, company: str, project_ids: Sequence[str]) -> list[str]:
        access = current()
        found = await self.inner.descendant_ids(company, project_ids)
        return found if access is None else [p for p in found if access.grant("project", {"_id": p}) is not None]

    async def with_ancestors(self, project_ids: Sequence[str]) -> list[str]:
        return await self.inner.with_ancestors(project_ids)

    async def touch(self, company: str, project_ids: Sequence[str], when: datetime) -> None:
        await self.inner.touch(company, project_ids, when)

    async def update(self, company: str, project_id: str, changes: Document) -> bool:
        access = current()
        if access is not None:
            doc = await self.inner.get(company, project_id)
            if doc is not None:
                permit(access, "project", doc, READ_WRITE)
                if "parent" in changes and changes["parent"] != doc.get("parent"):
                    require_write_in("project", changes["parent"])
        updated = await self.inner.update(company, project_id, changes)
        if updated and any(f in changes for f in _TREE_FIELDS):
            await self._versions.bump(company)
        return updated

    async def delete(self, company: str, project_ids: Sequence[str]) -> int:
        await self._writable(company, project_ids)
        deleted = await self.inner.delete(company, project_ids)
        if deleted:
            await self._versions.bump(company)
        return deleted

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await self.inner.select(_restricted(selection, current(), "project"), fields, order_by, limit)

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        await self._writable(company, ids)
        moved = await self.inner.set_public(company, ids, public, user, when)
        if moved:
            await self._versions.bump(company)
        return moved

    async def _writable(self, company: str, ids: Sequence[str]) -> None:
        access = current()
        if access is None or not ids:
            return
        for doc in await self.inner.select(Selection(company, public=True, ids=list(ids)), ["_id"]):
            permit(access, "project", doc, READ_WRITE)

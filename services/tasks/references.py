"""References expanded in ClearML's ``*_ex`` reads (``tasks.get_all_ex``, ``get_by_id_ex``,
``models.get_all_ex``, ``get_by_id_ex``, ``projects.get_all_ex``, and the task reads of
``reports.get_all_ex`` / ``get_task_data``), as clearml-server's joined reads answer them.

A reference field (``REFERENCES``: a task's ``project``, ``parent``, ``user``, ``company``,
``execution.queue``, ``models.input.model``, ``models.output.model``; a model's ``task``...)
is answered as an object: ``{"id": <id>}``, or ``{}`` for an empty id (a public entity's
``company``). An ``only_fields`` path through it (``project.name``, ``parent.project.name``,
``models.input.model.task.name``) reads the referenced entity with those fields, and its own
references likewise; ``project`` alone asks for no join. A referenced entity that is gone, or
not readable by the caller, stays ``{"id": <id>}``. Without ``only_fields`` every reference is
``{"id": <id>}``.

Where the referenced entity lives:

- tasks, models and projects: this process's repositories, one query per reference path of a
  page, scoped like the read (the caller's company, and public entities unless
  ``allow_public`` is false);
- queues: the queues process (``QueuePort.queue_names``, one call per page); without it the
  name stays unknown;
- users and companies: the identity process owns them and Cairn keeps no copy here, so only
  the caller's own user and company get a ``name`` (from the caller's identity, as ClearML's
  join finds the caller's own records); other users stay ``{"id": <id>}``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.tasks import domain
from services.tasks.models.service import model_to_api
from services.tasks.store.criteria import Selection
from services.tasks.tasks.queueing import NoQueues, QueuePort
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity

# Entity kind -> its reference fields (API paths) -> the kind they refer to.
REFERENCES: dict[str, dict[str, str]] = {
    "task": {"company": "company", "user": "user", "parent": "task", "project": "project",
             "execution.queue": "queue", "models.input.model": "model", "models.output.model": "model"},
    "model": {"company": "company", "user": "user", "parent": "model", "project": "project", "task": "task"},
    "project": {"company": "company", "user": "user", "parent": "project"},
}


@dataclass(frozen=True)
class Projection:
    """``only_fields`` of an entity split for a joined read: ``fields``, what to read of the
    entity itself (every joined reference included; ``None``: everything), and ``joins``, per
    reference path the fields to read of the referenced entity."""

    fields: list[str] | None
    joins: dict[str, list[str]] = field(default_factory=dict)


def plan(kind: str, only_fields: Sequence[str] | None) -> Projection:
    """Split ``only_fields`` of a ``kind`` read (see ``Projection``); ``x.*`` of a plain field
    means ``x``, and ``*`` in a join means every field of the referenced entity."""
    if not only_fields:
        return Projection(None)
    references = REFERENCES.get(kind, {})
    own: list[str] = []
    joins: dict[str, list[str]] = {}
    for name in only_fields:
        ref = next((r for r in references if name.startswith(r + ".")), None)
        if ref is None:
            own.append(name[:-2] if name.endswith(".*") else name)
        else:
            joins.setdefault(ref, []).append(name[len(ref) + 1:])
    own += [ref for ref in joins if ref not in own]
    return Projection(own, joins)


def _walk(node: Any, parts: Sequence[str], fn: Callable[[Any], Any]) -> None:
    """Replace the value at ``parts`` under ``node`` by ``fn(value)``, through lists."""
    if isinstance(node, list):
        for item in node:
            _walk(item, parts, fn)
    elif isinstance(node, dict) and parts[0] in node:
        if len(parts) == 1:
            node[parts[0]] = fn(node[parts[0]])
        else:
            _walk(node[parts[0]], parts[1:], fn)


def _ids(docs: Sequence[Document], path: str) -> list[str]:
    found: list[str] = []

    def collect(value: Any) -> Any:
        if isinstance(value, str) and value and value not in found:
            found.append(value)
        return value

    _walk(list(docs), path.split("."), collect)
    return found


def _reference(value: Any, found: dict[str, Document]) -> Any:
    """The object a stored reference id is answered as (``None`` stays ``None``)."""
    if not isinstance(value, str):
        return value
    return {"id": value, **found.get(value, {})} if value else {}


def _named(ids: Sequence[str], names: dict[str, str], wanted: Sequence[str]) -> dict[str, Document]:
    if not {"name", "*"} & set(wanted):
        return {}
    return {i: {"id": i, "name": names[i]} for i in ids if names.get(i)}


class ReferenceExpander:
    """Answers the references of ``*_ex`` reads as objects (see the module docstring)."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, models: ModelRepository,
                 queues: QueuePort | None = None):
        self._repositories = {"task": tasks, "project": projects, "model": models}
        self._queues = queues or NoQueues()

    async def expand(self, identity: Identity, kind: str, docs: list[Document], joins: dict[str, list[str]],
                     allow_public: bool = True) -> list[Document]:
        """``docs`` (API form, of ``kind``) with every reference field answered as an object,
        the ``joins`` (``plan(...).joins``) read from the referenced entities; in place."""
        for path, target in REFERENCES.get(kind, {}).items():
            ids = _ids(docs, path)
            wanted = joins.get(path)
            found = await self._read(identity, target, ids, wanted, allow_public) if ids and wanted else {}
            _walk(docs, path.split("."), lambda value, found=found: _reference(value, found))
        return docs

    async def _read(self, identity: Identity, kind: str, ids: list[str], wanted: list[str],
                    allow_public: bool) -> dict[str, Document]:
        """The referenced entities ``ids`` with the ``wanted`` fields, by id."""
        if kind == "queue":
            names = await self._queues.queue_names(identity, ids) if {"name", "*"} & set(wanted) else {}
            return _named(ids, names, wanted)
        if kind in ("user", "company"):
            own = {"user": (identity.user, identity.user_name), "company": (identity.company, identity.company_name)}
            return _named(ids, dict([own[kind]]), wanted)
        inner = plan(kind, None if "*" in wanted else wanted)
        readable = Selection(identity.company, public=allow_public, ids=ids)
        found = [_to_api(kind, doc) for doc in await self._repositories[kind].select(readable, inner.fields,
                                                                                     limit=len(ids))]
        await self.expand(identity, kind, found, inner.joins, allow_public)
        return {doc["id"]: doc for doc in found}


def _to_api(kind: str, doc: Document) -> Document:
    if kind == "task":
        return domain.task_to_api(doc)
    return model_to_api(doc) if kind == "model" else domain.to_api(doc)

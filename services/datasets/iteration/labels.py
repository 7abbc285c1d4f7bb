"""``datasets.get_label_keywords_for_running_task``: the labels of every dataset version a
task's dataviews read, joined, with their counts from the versions' last committed
statistics (so a running task sees labels before it completes).

A task names its dataviews twice (as the SDK's ``hyperdatasets.util`` writes them):
``execution.dataviews`` embeds each one (a list of ``{name, versions, filters, ...}``; the
catalog's older shape is a mapping key -> dataview) and ``input.dataviews`` maps a name to a
stored dataview's id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from services.datasets.iteration.ports import DataviewReader, Document, VersionReader
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

# ClearML's "Not Started": a task still in draft never ran
NOT_STARTED = "created"


class TaskReader(Protocol):
    """Tasks as the tasks process answers ``tasks.get_by_id`` to the caller (its errors,
    e.g. 400/101 for an unknown task, pass through)."""

    async def get(self, identity: Identity, task_id: str) -> Document: ...


class ReadsAccess(Protocol):
    """The caller's read access on what dataviews read (``access.DatasetAccess``): each raises
    the unreadable entity's invalid-id error."""

    async def dataview_reads(self, identity: Identity, dataview_id: str) -> None: ...

    async def named_datasets(self, identity: Identity, fields: dict[str, Any]) -> None: ...


def _entries(value: Any) -> list[Any]:
    """A list of entries from a list or from a mapping's values (anything else: none)."""
    if isinstance(value, Mapping):
        return list(value.values())
    return list(value) if isinstance(value, list) else []


def embedded_dataviews(task: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The dataviews embedded in ``execution.dataviews`` (list or mapping)."""
    return [dv for dv in _entries((task.get("execution") or {}).get("dataviews")) if isinstance(dv, Mapping)]


def stored_dataview_ids(task: Mapping[str, Any]) -> list[str]:
    """The ids of the stored dataviews ``input.dataviews`` maps names to."""
    return [dv for dv in _entries((task.get("input") or {}).get("dataviews")) if isinstance(dv, str) and dv]


def version_ids(dataviews: Iterable[Mapping[str, Any]]) -> list[str]:
    """The versions the dataviews' entries name, in order, once each (an entry without a
    version names none)."""
    found: dict[str, None] = {}
    for dataview in dataviews:
        for entry in _entries(dataview.get("versions")):
            version = entry.get("version") if isinstance(entry, Mapping) else None
            if isinstance(version, str) and version and version != "*":
                found.setdefault(version)
    return list(found)


def join_labels(versions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each label of the versions' ``stats.labels`` once, its counts summed; most frequent
    first, then by name."""
    counts: dict[str, int] = {}
    for version in versions:
        for label in (version.get("stats") or {}).get("labels") or ():
            name = label.get("name")
            if isinstance(name, str):
                counts[name] = counts.get(name, 0) + int(label.get("count") or 0)
    return [{"name": name, "count": count} for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


class TaskLabels:
    """The labels a task's dataviews see. The caller must read the task (the tasks process
    answers ``tasks.get_by_id`` under the caller's rights), every stored dataview the task
    names and every dataset its dataviews read (``access``)."""

    def __init__(self, tasks: TaskReader, dataviews: DataviewReader, versions: VersionReader,
                 access: ReadsAccess) -> None:
        self._tasks, self._dataviews, self._versions, self._access = tasks, dataviews, versions, access

    async def get_label_keywords_for_running_task(self, identity: Identity, request: Any) -> Document:
        """``datasets.get_label_keywords_for_running_task``: the joined labels (name, count) of
        the versions the task's dataviews read; 400/111 while the task is not started."""
        task = await self._tasks.get(identity, request.task)
        if task.get("status", NOT_STARTED) == NOT_STARTED:
            raise ApiError.named("task_not_started", task=request.task)
        for dataview_id in stored_dataview_ids(task):
            await self._access.dataview_reads(identity, dataview_id)
        for embedded in embedded_dataviews(task):
            await self._access.named_datasets(identity, dict(embedded))
        dataviews = embedded_dataviews(task) + await self._stored(identity.company, stored_dataview_ids(task))
        versions = [await self._versions.get(identity.company, v) for v in version_ids(dataviews)]
        return {"labels": join_labels(v for v in versions if v is not None)}

    async def _stored(self, company: str, ids: list[str]) -> list[Document]:
        found = [await self._dataviews.get(company, dataview_id) for dataview_id in ids]
        return [dv for dv in found if dv is not None]

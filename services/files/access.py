"""Access rules on files (issue 16): a file under a task's folder follows the task's
permission. ClearML names a task's objects ``<project>/<task name>.<task id>/...`` (artifacts,
models, debug samples), so the first path segment ending in ``.<32 hex digits>`` names the
task; a path with none is unchanged (readable and writable by the company, as before).

Only the tasks process can decide a task's permission (it knows the projects): this process
asks it (``internal.event_targets``: its ``no_read`` / ``no_write`` for the task) and keeps
the answer for at most ``ttl_s`` (one second) per caller, task and company rules version
(``AccessView.version``: a rule change is a new key, seen by the next request). A download
the caller may not read is a 404 (as if absent); an upload or delete without read_write 403.
A task the tasks process does not find for the caller (deleted, another company's) leaves the
file unchanged.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from services.files.responses import FilesError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller
from shared.schemas.tasks_internal import EventTargetsRequest

_TASK_SEGMENT = re.compile(r"\.([0-9a-f]{32})$")


def task_of(path: str) -> str | None:
    """The id of the task whose folder ``path`` (normalised) is under, or None."""
    for segment in path.split("/")[:-1]:
        found = _TASK_SEGMENT.search(segment)
        if found:
            return found.group(1)
    return None


def tasks_under(folder: str) -> list[str]:
    """The task folders' ids anywhere under the directory ``folder`` (a file system path),
    not descending into a task folder (deleting a folder deletes the tasks' files in it)."""
    found: list[str] = []
    for _root, dirs, _files in os.walk(folder, followlinks=False):
        inside = [d for d in dirs if _TASK_SEGMENT.search(d)]
        found += [_TASK_SEGMENT.search(d).group(1) for d in inside]
        dirs[:] = [d for d in dirs if d not in inside]
    return found


@dataclass(frozen=True)
class Rights:
    read: bool = True
    write: bool = True


OPEN = Rights()


class TaskRights(Protocol):
    """The caller's rights on a task, as the tasks process decides them, and the company's
    rules version it decided on (0: not said, or a caller the rules do not restrict)."""

    async def of(self, identity: Identity, task: str) -> tuple[Rights, int]: ...


class RpcTaskRights:
    """``internal.event_targets`` of the tasks process (``no_read``/``no_write``; an answer
    without them, or without the task, leaves the file open)."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def of(self, identity: Identity, task: str) -> tuple[Rights, int]:
        answer: dict[str, Any] = await self._tasks.call(identity, "internal.event_targets",
                                                        EventTargetsRequest(tasks=[task]))
        version = int(answer.get("access_version") or 0)
        if task not in (answer.get("tasks") or {}):
            return OPEN, version
        no_read = task in ((answer.get("no_read") or {}).get("tasks") or ())
        no_write = task in ((answer.get("no_write") or {}).get("tasks") or ())
        return Rights(read=not no_read, write=not (no_read or no_write)), version


class FileAccess:
    """The caller's rights on a path, cached per (company, user, role, task) for at most
    ``ttl_s`` and only while the company's rules version is the one the tasks process decided
    on (when its view lags this process's, the answer is used once and not kept)."""

    def __init__(self, rights: TaskRights, version: Callable[[str], int], ttl_s: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, capacity: int = 50_000) -> None:
        self._rights = rights
        self._version = version
        self._ttl = ttl_s
        self._clock = clock
        self._capacity = capacity
        self._known: dict[tuple[str, str, str, str], tuple[float, int, Rights]] = {}

    async def rights(self, identity: Identity, path: str) -> Rights:
        task = task_of(path)
        if task is None:
            return OPEN
        key = (identity.company, identity.user, identity.role, task)
        version, now = self._version(identity.company), self._clock()
        known = self._known.get(key)
        if known is not None and known[0] > now and known[1] == version:
            return known[2]
        found, decided_on = await self._rights.of(identity, task)
        if len(self._known) >= self._capacity:
            self._known.clear()
        self._known[key] = (now + self._ttl, decided_on or version, found)
        return found

    async def may_delete(self, identity: Identity, path: str, folder_tasks: list[str]) -> bool:
        """Whether the caller may delete ``path`` and, when it is a folder, every task folder
        under it (``folder_tasks``: their ids)."""
        if not (await self.rights(identity, path)).write:
            return False
        for task in dict.fromkeys(folder_tasks):
            if not (await self.rights(identity, f"{path}/_.{task}/_")).write:
                return False
        return True

    async def require_read(self, identity: Identity, path: str) -> None:
        """404 (as if absent) unless the caller may read the file's task."""
        if not (await self.rights(identity, path)).read:
            raise FilesError(404, f"File {path} not found")

    async def require_write(self, identity: Identity, path: str) -> None:
        """403 unless the caller may read and write the file's task."""
        if not (await self.rights(identity, path)).write:
            raise FilesError(403, f"Forbidden (no write permission): {path}")


class OpenAccess(FileAccess):
    """Every path open (no tasks process to ask: tests of the files server alone)."""

    def __init__(self) -> None:
        super().__init__(rights=None, version=lambda company: 0)  # type: ignore[arg-type]

    async def rights(self, identity: Identity, path: str) -> Rights:
        return OPEN

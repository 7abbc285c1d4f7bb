"""Where the operations log is written: one hook for every task use case.

Every change a task use case makes goes through ``TaskRepository``; ``RecordingTasks`` wraps
the process's repository and records each effective change that carries a user
(``last_changed_by``: status changes, enqueue/dequeue, edits, resets, publishing) plus every
creation, as the operation of the endpoint being answered. Which endpoint and caller that is,
``recording_operations`` (wrapped around the process's handler table in ``main.py``) keeps in a
context variable for the duration of one request, so no use case has to know about the log.

A request that changes a task several times (``tasks.enqueue`` sets the status, then the
queue) records its first change of the task and each status move after it. The
operations are written once the request succeeded, so a refused or rolled-back request logs
nothing. Changes outside a request (the watchdog), ``tasks.ping``'s keep-alive and batch
updates of a whole selection (a project's tasks) are not operations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.tasks import domain
from services.tasks.oplog.store import OperationsStore
from services.tasks.store.criteria import Selection, Tags
from services.tasks.store.repository import TaskRepository
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.outbox import Pending
from shared.messaging.rpc_server import Handler

Document = dict[str, Any]

# Endpoints whose writes are bookkeeping, not operations a user would look for.
NOT_OPERATIONS = frozenset({"tasks.ping", "internal.worker_report", "internal.fold_metrics"})


@dataclass
class Operation:
    """The request being answered: its endpoint and caller, and the tasks already logged."""

    endpoint: str
    user_name: str = ""
    logged: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    pending: list[Document] = field(default_factory=list)

    @property
    def name(self) -> str:
        """``tasks.enqueue`` -> ``enqueue``."""
        return self.endpoint.rsplit(".", 1)[-1]


_current: ContextVar[Operation | None] = ContextVar("cairn_task_operation", default=None)


def recording_operations(handlers: dict[str, Handler], log: OperationsStore) -> dict[str, Handler]:
    """Each handler run with its request's ``Operation`` current (contextvars are per asyncio
    task, so concurrent requests never see each other's); what it recorded is stored after
    the handler answered."""
    return {name: _with_operation(name, handler, log) for name, handler in handlers.items()}


def _with_operation(endpoint: str, handler: Handler, log: OperationsStore) -> Handler:
    async def handle(request: RequestEnvelope) -> Any:
        user_name = request.identity.user_name if request.identity else ""
        op = Operation(endpoint, user_name)
        token = _current.set(op)
        try:
            answer = await handler(request)
        finally:
            _current.reset(token)
        for entry in op.pending:
            await log.add(entry)
        return answer

    handle.__name__ = getattr(handler, "__name__", "handle")
    return handle


def operation_entry(op: Operation, company: str, task: str, user: str, when: datetime,
                    before: str | None, changes: Document, new_id: Callable[[], str]) -> Document:
    """The stored operation: who, when, what (the endpoint's action) and, for a status move,
    ``info`` ``"<from> -> <to>"`` and the status reason."""
    new_status = changes.get("status")
    if new_status is not None and before is not None and before != new_status:
        info = f"status: {before} -> {new_status}"
    elif new_status is not None:
        info = f"status: {new_status}"
    else:
        info = ", ".join(sorted(k for k in changes if not k.startswith("last_"))) or ""
    return {
        "_id": new_id(), "company": company, "task": task, "created": when, "seq": time.time_ns(),
        "operation": op.name, "endpoint": op.endpoint, "user": user, "user_name": op.user_name,
        "info": info, "reason": changes.get("status_reason") or "",
    }


class RecordingTasks:
    """A ``TaskRepository`` that logs the operations of the current request (see the module
    docstring); every other call passes through unchanged."""

    def __init__(self, tasks: TaskRepository, log: OperationsStore,
                 clock: Callable[[], datetime] = domain.utc_now, new_id: Callable[[], str] = domain.new_id) -> None:
        # ``log`` is written directly only when a task is deleted (its log goes with it);
        # operations are written by ``recording_operations`` once their request succeeded.
        self._tasks = tasks
        self._log = log
        self._clock = clock
        self._new_id = new_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tasks, name)

    async def add(self, task: Document) -> None:
        await self._tasks.add(task)
        op = _current.get()
        if op is not None:
            user = task.get("user") or ""
            created = {"status": task.get("status"), "last_change": task.get("created")}
            await self._record(op, task.get("company") or "", task["_id"], user, None,
                               {k: v for k, v in created.items() if v})

    async def update(
        self, company: str, task_id: str, changes: Document, expected_status: str | None = None, *,
        unset: Sequence[str] = (), add_tags: Tags | None = None, remove_tags: Tags | None = None,
        facts: Sequence[Pending] = (),
    ) -> Document | None:
        op = self._recording(changes)
        before = None
        if op is not None and "status" in changes and expected_status is None:
            current = await self._tasks.get(company, task_id)
            before = current.get("status") if current else None
        updated = await self._tasks.update(company, task_id, changes, expected_status, unset=unset,
                                           add_tags=add_tags, remove_tags=remove_tags, facts=facts)
        if op is not None and updated is not None:
            await self._record(op, company, task_id, changes["last_changed_by"], expected_status or before, changes)
        return updated

    async def update_many(self, selection: Selection, changes: Document, unset: Sequence[str] = (), *,
                          add_tags: Tags | None = None, remove_tags: Tags | None = None) -> int:
        op = self._recording(changes) if selection.ids is not None else None
        targets = await self._tasks.select(selection, ["status"]) if op is not None else []
        matched = await self._tasks.update_many(selection, changes, unset, add_tags=add_tags, remove_tags=remove_tags)
        for task in targets:
            await self._record(op, selection.company, task["_id"], changes["last_changed_by"], task.get("status"),
                               changes)
        return matched

    async def delete(self, company: str, task_id: str, facts: Sequence[Pending] = ()) -> bool:
        """A deleted task's log goes with it."""
        deleted = await self._tasks.delete(company, task_id, facts)
        if deleted:
            await self._log.clear(company, task_id)
            op = _current.get()
            if op is not None:
                op.deleted.add(task_id)
                op.pending[:] = [entry for entry in op.pending if entry["task"] != task_id]
        return deleted

    def _recording(self, changes: Document) -> Operation | None:
        op = _current.get()
        if op is None or op.endpoint in NOT_OPERATIONS or not changes.get("last_changed_by"):
            return None
        return op

    async def _record(self, op: Operation | None, company: str, task_id: str, user: str, before: str | None,
                      changes: Document) -> None:
        if op is None or op.endpoint in NOT_OPERATIONS or task_id in op.deleted:
            return
        if task_id in op.logged and "status" not in changes:
            return
        op.logged.add(task_id)
        when = changes.get("last_change")
        if not isinstance(when, datetime):
            when = self._clock()
        op.pending.append(operation_entry(op, company, task_id, user, when, before, changes, self._new_id))

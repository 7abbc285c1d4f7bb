"""``tasks.get_operations_log`` and ``tasks.clear_operations_log``: reading and clearing a
task's operations log (written by ``recording.RecordingTasks``)."""

from __future__ import annotations

from typing import Any

from services.tasks.oplog.store import Document, OperationsStore
from services.tasks.permissions.scope import require_write
from services.tasks.store.repository import TaskRepository
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.paging import checked_skip
from shared.schemas.generated import tasks as api

# Without ``page_size`` one answer holds at most this many operations (also the largest page).
MAX_PAGE_SIZE = 500


class OperationsLog:
    """A task's operations, for whoever may read the task; cleared by its company only, by
    whoever may write it. ``tasks``: the guarded repository (``OplogRoom.endpoints``)."""

    def __init__(self, tasks: TaskRepository, log: OperationsStore) -> None:
        self._tasks = tasks
        self._log = log

    async def get_operations_log(self, identity: Identity, request: api.GetOperationsLogRequest) -> dict[str, Any]:
        """The task's operations, newest first unless ``order: asc``; ``page`` (from 0) of
        ``page_size`` operations. ``group`` (the Enterprise web UI's grouping of repeated
        operations into a ``summary``) is accepted, and every operation stands alone."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None:
            raise ApiError.named("invalid_task_id", id=request.task)
        size = request.page_size if request.page_size is not None else MAX_PAGE_SIZE
        page = request.page or 0
        if size < 1 or size > MAX_PAGE_SIZE or page < 0:
            raise ApiError.named("validation_error",
                                 f"page must be >= 0 and page_size between 1 and {MAX_PAGE_SIZE}")
        rows = await self._log.page(task.get("company") or "", request.task, request.order != "asc",
                                    checked_skip(page * size, page=page, page_size=size), size)
        return {"operations": [operation_form(row) for row in rows]}

    async def clear_operations_log(self, identity: Identity, request: api.ClearOperationsLogRequest) -> dict[str, Any]:
        """Remove every operation of the caller's company's task; answers ``{deleted}``.
        Clearing is a change of the task: read-only access to it -> 403/21."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None or task.get("company") != identity.company:
            raise ApiError.named("invalid_task_id", id=request.task)
        require_write("task", task)
        return {"deleted": await self._log.clear(identity.company, request.task)}


def operation_form(row: Document) -> dict[str, Any]:
    """A stored operation as ``get_operations_log`` answers it."""
    return {
        "id": row["_id"],
        "created": to_api(row["created"]),
        "operation": row.get("operation"),
        "user": {"id": row.get("user") or "", "name": row.get("user_name") or ""},
        "info": row.get("info") or "",
        "reason": row.get("reason") or "",
    }

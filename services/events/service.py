"""Use cases that change stored events outside the ingest path: deleting a task's or a
model's events (``events.delete_for_task`` / ``events.delete_for_model``) or a task's console
log (``events.clear_task_log``). They ask the tasks
service (``internal.event_targets``) whether the caller's company has that task or model and
whether it is published (a public task is read only: 403/21, as is one the access rules give
the caller only read on; ``access.RuledTasks``)."""

from __future__ import annotations

from typing import Any

import time

from services.events.access import read_only
from services.events.domain import LOG, Selection, Target
from services.events.ingestion import LOCKED_TASK_STATUSES
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api


class EventDeletion:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def delete_for_task(self, identity: Identity, req: api.DeleteForTaskRequest) -> dict[str, Any]:
        """``events.delete_for_task``: every event of the task (refused for a published task
        unless ``allow_locked``, with ClearML's "invalid task id (or task published)"); answers
        how many were deleted, as ClearML does."""
        await self._writable_task(identity, req.task, req.allow_locked)
        deleted = await self._repo.delete_events(Selection.of(identity.company, Target("task", req.task)))
        return {"deleted": deleted}

    async def delete_for_model(self, identity: Identity, req: api.DeleteForModelRequest) -> dict[str, Any]:
        """``events.delete_for_model``: every event of the model (refused for a published
        model unless ``allow_locked``)."""
        found = await self._tasks.event_targets(identity, [], [req.model])
        model = (found.get("models") or {}).get(req.model)
        if model is None:
            raise ApiError.named("invalid_model_id", id=req.model)
        if req.model in read_only(found, "models"):
            raise ApiError.named("no_write_permission", "read-only access to the model", id=req.model)
        if model.get("ready") and not req.allow_locked:
            raise ApiError.named("invalid_model_id", "or model published", id=req.model)
        deleted = await self._repo.delete_events(Selection.of(identity.company, Target("model", req.model)))
        return {"deleted": deleted}

    async def clear_task_log(self, identity: Identity, req: api.ClearTaskLogRequest) -> dict[str, Any]:
        """``events.clear_task_log``: delete the task's console log, or only the lines older
        than ``threshold_sec`` seconds (refused for a published task unless ``allow_locked``).
        Answers ``{deleted: <count>}``."""
        await self._writable_task(identity, req.task, req.allow_locked)
        older = int((time.time() - req.threshold_sec) * 1000) if req.threshold_sec else None
        selection = Selection.of(identity.company, Target("task", req.task), event_type=LOG, older_than_ms=older,
                                 metric_in=tuple(req.include_metrics or ()),
                                 metric_not_in=tuple(req.exclude_metrics or ()))
        deleted = await self._repo.delete_events(selection)
        return {"deleted": deleted}

    async def _writable_task(self, identity: Identity, task: str, allow_locked: bool) -> None:
        found = await self._tasks.event_targets(identity, [task], [])
        status = (found.get("tasks") or {}).get(task)
        if status is None:
            raise ApiError.named("invalid_task_id", id=task)
        if task in (found.get("owners") or {}):
            raise ApiError.named("no_write_permission", "a public task is read only", id=task)
        if task in read_only(found, "tasks"):
            raise ApiError.named("no_write_permission", "read-only access to the task", id=task)
        if status in LOCKED_TASK_STATUSES and not allow_locked:
            raise ApiError.named("invalid_task_id", "or task published", id=task)

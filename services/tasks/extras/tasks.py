"""``tasks.share`` and ``tasks.update_iteration`` (Enterprise)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.tasks.permissions.scope import require_write
from services.tasks.store.repository import Document, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import tasks as api
from shared.schemas.tasks_enterprise import UpdateIterationRequest

SHARED_TAG = "shared"


class TaskExtras:
    """Changes of the caller's own tasks that no open-source endpoint makes."""

    def __init__(self, tasks: TaskRepository, clock: Callable[[], datetime]) -> None:
        self._tasks = tasks
        self._clock = clock

    async def share(self, identity: Identity, request: api.ShareRequest) -> dict[str, Any]:
        """``tasks.share``: mark the caller's tasks shared (``share: false``: no longer), as the
        ``shared`` system tag every task read shows; an unknown or another company's id ->
        400/101 naming it, before anything changes. Answers ``{changed}``: the tasks whose
        state changed. Cairn keeps the mark; letting users of other companies open a shared
        task by its link is not built (they get 400/101 as for any task not theirs)."""
        ids = list(dict.fromkeys(request.tasks or []))
        found = [await self._own(identity, task_id) for task_id in ids]
        stamps = {"last_change": self._clock(), "last_changed_by": identity.user}
        tag = {"system_tags": [SHARED_TAG]}
        changed = 0
        for task in found:
            if (SHARED_TAG in (task.get("system_tags") or [])) == bool(request.share):
                continue
            if request.share:
                await self._tasks.update(identity.company, task["_id"], stamps, add_tags=tag)
            else:
                await self._tasks.update(identity.company, task["_id"], stamps, remove_tags=tag)
            changed += 1
        return {"changed": changed}

    async def update_iteration(self, identity: Identity, request: UpdateIterationRequest) -> dict[str, Any]:
        """``tasks.update_iteration``: the task's ``last_iteration`` raised to ``iteration``
        (never lowered, as reported events raise it), or set to ``override_iteration`` when
        given (lowering it too). Answers ``{updated}``: 1, or 0 when nothing changed."""
        if not request.task:
            raise ApiError.named("missing_required_fields", "task is required", field="task")
        task = await self._own(identity, request.task)
        current = task.get("last_iteration")
        target = request.override_iteration if request.override_iteration is not None else request.iteration
        if request.override_iteration is None and current is not None and current >= target:
            return {"updated": 0}
        if current == target:
            return {"updated": 0}
        changes = {"last_iteration": target, "last_update": self._clock()}
        updated = await self._tasks.update(identity.company, task["_id"], changes)
        return {"updated": 0 if updated is None else 1}

    async def _own(self, identity: Identity, task_id: str) -> Document:
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id)
        if task.get("company") != identity.company:
            raise ApiError.named("no_write_permission", "cannot modify a public task", id=task_id)
        require_write("task", task)  # before any change: read-only access to one -> 403/21
        return task

"""Use cases of ``queues.*`` on a queue's entries: add, pop, remove, reorder, peek, count,
clear. Every change is one atomic conditional update (``repository.py``).

TODO(tasks RPC): ClearML keeps the task's status in step with these changes: ``add_task``
sets ``execution.queue`` (``update_execution_queue``), ``get_next_task`` flips a popped
``stopped`` task back to ``queued``, ``remove_task(update_task_status)`` and ``clear_queue``
revert tasks to their ``enqueue_status``. They need internal actions of the tasks service.
"""

from __future__ import annotations

from typing import Any

from services.queues import domain
from services.queues.queue_metrics import QueueMetrics
from services.queues.repository import Document, QueueRepository
from services.queues.service import Clock, own_queue
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import queues as generated

REORDER_ATTEMPTS = 20


def _not_queued(queue_id: str, task: str) -> ApiError:
    return ApiError.named("invalid_queue_or_task_not_queued", queue=queue_id, task=task)


class EntryService:
    """``queues.*`` use cases on entries."""

    def __init__(self, queues: QueueRepository, metrics: QueueMetrics, clock: Clock = domain.utc_now) -> None:
        self._queues = queues
        self._metrics = metrics
        self._clock = clock

    async def _changed(self, identity: Identity, queue_id: str) -> None:
        """Record the queue's new length and waiting time (``queue_metrics.py``)."""
        queue = await self._queues.get(identity.company, queue_id)
        if queue is not None:
            self._metrics.record(identity.company, [queue], self._clock())

    async def add_task(self, identity: Identity, request: generated.AddTaskRequest) -> dict[str, Any]:
        """``queues.add_task``: append the task; already in this queue -> 400/706."""
        await own_queue(self._queues, identity, request.queue, entries=False)
        await self.push(identity, request.queue, request.task, identity.user)
        return {"added": 1}

    async def push(self, identity: Identity, queue_id: str, task: str, user: str | None) -> None:
        """Append ``task`` to the (already checked) queue, or 400/706 if it holds it."""
        now = self._clock()
        if not await self._queues.push(queue_id, domain.new_entry(task, now, user), now):
            raise ApiError.named("task_already_queued", task=task, queue=queue_id)
        await self._changed(identity, queue_id)

    async def get_next_task(self, identity: Identity, request: generated.GetNextTaskRequest) -> dict[str, Any]:
        """``queues.get_next_task``: pop the first entry (only if it is ``task`` when given);
        ``{}`` when there is none. ``task_info`` gives the task's company and, when it was
        enqueued by the tasks service, its owner."""
        queue = await own_queue(self._queues, identity, request.queue, entries=False)
        entry = await self._queues.pop_first(request.queue, self._clock(), request.task)
        if entry is None:
            return {}
        await self._changed(identity, request.queue)
        data: dict[str, Any] = {"entry": domain.entry_to_api(entry)}
        if request.get_task_info:
            info = {"company": queue["company"]}
            if entry.get("user"):
                info["user"] = entry["user"]
            data["task_info"] = info
        return data

    async def remove_task(self, identity: Identity, request: generated.RemoveTaskRequest) -> dict[str, Any]:
        """``queues.remove_task``: the task's entries leave the queue; not there -> 400/703."""
        await own_queue(self._queues, identity, request.queue, entries=False)
        removed = await self._queues.pull(request.queue, request.task, self._clock())
        if not removed:
            raise _not_queued(request.queue, request.task)
        await self._changed(identity, request.queue)
        return {"removed": removed}

    async def move_task_forward(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``queues.move_task_forward``: ``count`` places towards the front -> ``{position}``."""
        return await self._reposition(identity, request.queue, request.task, -request.count)

    async def move_task_backward(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``queues.move_task_backward``: ``count`` places towards the back."""
        return await self._reposition(identity, request.queue, request.task, request.count)

    async def move_task_to_front(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``queues.move_task_to_front``: position 0."""
        return await self._reposition(identity, request.queue, request.task, "first")

    async def move_task_to_back(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``queues.move_task_to_back``: the last position."""
        return await self._reposition(identity, request.queue, request.task, "last")

    async def _reposition(self, identity: Identity, queue_id: str, task: str, move: int | str) -> dict[str, Any]:
        """Compare-and-set of the whole entry list on the ``seq`` read; retried when another
        change came first. The task not in the queue -> 400/703."""
        for _ in range(REORDER_ATTEMPTS):
            queue = await own_queue(self._queues, identity, queue_id)
            entries: list[Document] = queue.get("entries") or []
            current = domain.position_of(entries, task)
            if current is None:
                raise _not_queued(queue_id, task)
            target = domain.target_position(current, len(entries), move)
            if target == current:
                return {"position": current}
            reordered = domain.moved(entries, task, target)
            if await self._queues.replace_entries(queue_id, queue.get("seq", 0), reordered, self._clock()):
                return {"position": target}
        raise ApiError.named("failed_adding_during_reposition", task=task, queue=queue_id)

    async def peek_task(self, identity: Identity, request: generated.PeekTaskRequest) -> dict[str, Any]:
        """``queues.peek_task``: the first task without removing it (``None`` if empty)."""
        entries = (await own_queue(self._queues, identity, request.queue)).get("entries") or []
        return {"task": entries[0]["task"] if entries else None}

    async def get_num_entries(self, identity: Identity, request: generated.GetNumEntriesRequest) -> dict[str, Any]:
        """``queues.get_num_entries``: ``{num}``."""
        return {"num": len((await own_queue(self._queues, identity, request.queue)).get("entries") or [])}

    async def clear_queue(self, identity: Identity, request: generated.ClearQueueRequest) -> dict[str, Any]:
        """``queues.clear_queue``: remove every entry -> ``{removed_tasks: [ids]}`` (exactly
        the entries removed: a conditional update on the ``seq`` read)."""
        for _ in range(REORDER_ATTEMPTS):
            queue = await own_queue(self._queues, identity, request.queue)
            entries = queue.get("entries") or []
            if not entries:
                return {"removed_tasks": []}
            if await self._queues.replace_entries(request.queue, queue.get("seq", 0), [], self._clock()):
                await self._changed(identity, request.queue)
                return {"removed_tasks": [e["task"] for e in entries]}
        raise ApiError.named("update_failed", "the queue kept changing", queue=request.queue)

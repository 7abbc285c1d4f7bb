"""Use cases of ``queues.*`` on a queue's entries: add, pop, remove, reorder, peek, count,
clear. Every change is one atomic conditional update (``repository.py``).

The task's status is kept in step through the tasks process (``task_sync.TaskPort``):
``get_next_task`` flips a popped ``stopped`` task back to ``queued``,
``remove_task(update_task_status)`` and ``clear_queue`` revert tasks to their
``enqueue_status``. The queue change is made first and stands even if the tasks process
cannot be told (logged): the entry is gone either way.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from services.queues import domain
from services.queues.queue_metrics import QueueMetrics
from services.queues.repository import Document, QueueRepository
from services.queues.service import Clock, own_queue, unknown_queue
from services.queues.task_sync import NoTasks, TaskPort
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import queues as generated

REORDER_ATTEMPTS = 20
log = logging.getLogger(__name__)


def _not_queued(queue_id: str, task: str) -> ApiError:
    return ApiError.named("invalid_queue_or_task_not_queued", queue=queue_id, task=task)


class QueueFeeder(Protocol):
    """The queues whose first entry ``get_next_task`` hands out when ``queue`` is empty
    (the resources room's pool link queues serve their policy queues), in order."""

    async def sources(self, identity: Identity, queue: Document) -> list[str]: ...


class EntryService:
    """``queues.*`` use cases on entries."""

    def __init__(self, queues: QueueRepository, metrics: QueueMetrics, clock: Clock = domain.utc_now,
                 tasks: TaskPort | None = None, feeder: QueueFeeder | None = None) -> None:
        self._queues = queues
        self._feeder = feeder
        self._metrics = metrics
        self._clock = clock
        self._tasks = tasks or NoTasks()

    async def revert(self, identity: Identity, tasks: list[str]) -> None:
        """Tell the tasks process that ``tasks`` left a queue unrun (calls the tasks process:
        ``internal.revert_dequeued``); a failure is logged, the queue change stands."""
        try:
            await self._tasks.revert(identity, tasks)
        except Exception:  # noqa: BLE001 - the entries are gone whatever the tasks process says
            log.warning("could not revert the status of dequeued tasks %s", tasks, exc_info=True)

    async def _changed(self, identity: Identity, queue_id: str) -> None:
        """Record the queue's new length and waiting time (``queue_metrics.py``)."""
        queue = await self._queues.get(identity.company, queue_id)
        if queue is not None:
            self._metrics.record(identity.company, [queue], self._clock())

    async def add_task(self, identity: Identity, request: generated.AddTaskRequest) -> dict[str, Any]:
        """``queues.add_task``: append the task; already in this queue -> 400/706."""
        queue = await own_queue(self._queues, identity, request.queue)
        await self.push(identity, queue, request.task, identity.user)
        return {"added": 1}

    async def push(self, identity: Identity, queue: Document, task: str, user: str | None,
                   name: str | None = None) -> None:
        """Append ``task`` to ``queue`` (the caller's, as just read with its entries), or
        400/706 if it holds it. The queue-metrics point is the queue as read plus the new
        entry (no second read; a concurrent change shows in the next point)."""
        now = self._clock()
        entry = domain.new_entry(task, now, user, name)
        if not await self._queues.push(queue["_id"], entry, now):
            raise ApiError.named("task_already_queued", task=task, queue=queue["_id"])
        self._metrics.record(identity.company, [{**queue, "entries": [*(queue.get("entries") or []), entry]}], now)

    async def get_next_task(self, identity: Identity, request: generated.GetNextTaskRequest) -> dict[str, Any]:
        """``queues.get_next_task``: pop the first entry (only if it is ``task`` when given);
        ``{}`` when there is none. ``task_info`` gives the task's company and, when it was
        enqueued by the tasks service, its owner. A popped ``stopped`` task is ``queued``
        again (calls the tasks process: ``internal.queue_popped``). An empty queue that a
        ``feeder`` serves from other queues hands out their first entry (a pool link's queue
        serves its policy queues, ``resources/feeding.py``)."""
        now = self._clock()
        queue, entry = await self._queues.pop_first(identity.company, request.queue, now, request.task)
        if queue is None:
            raise unknown_queue(request.queue)
        if entry is None and self._feeder is not None and not request.task:
            queue, entry = await self._fed(identity, queue, now)
        if entry is None:
            return {}
        # The point after the pop, from the queue as read for it (no second read).
        self._metrics.record(identity.company, [{**queue, "entries": queue["entries"][1:]}], now)
        try:
            await self._tasks.popped(identity, entry["task"])
        except Exception:  # noqa: BLE001 - the entry is handed out whatever the tasks process says
            log.warning("could not tell the tasks process that %s was popped", entry["task"], exc_info=True)
        data: dict[str, Any] = {"entry": domain.entry_to_api(entry)}
        if request.get_task_info:
            info = {"company": queue["company"]}
            if entry.get("user"):
                info["user"] = entry["user"]
            data["task_info"] = info
        return data

    async def _fed(self, identity: Identity, queue: Document, now) -> tuple[Document, Document | None]:
        """The first entry of the first of the feeder's queues that still has one."""
        for source in await self._feeder.sources(identity, queue):
            found, entry = await self._queues.pop_first(identity.company, source, now)
            if found is not None and entry is not None:
                return found, entry
        return queue, None

    async def remove_task(self, identity: Identity, request: generated.RemoveTaskRequest) -> dict[str, Any]:
        """``queues.remove_task``: the task's entries leave the queue; not there (or no such
        queue) -> 400/703.
        With ``update_task_status`` the task goes back to its ``enqueue_status`` (calls the
        tasks process: ``internal.revert_dequeued``)."""
        if await self._queues.get(identity.company, request.queue, entries=False) is None:
            raise _not_queued(request.queue, request.task)  # ClearML looks for the queue holding the task
        removed = await self._queues.pull(request.queue, request.task, self._clock())
        if not removed:
            raise _not_queued(request.queue, request.task)
        await self._changed(identity, request.queue)
        if request.update_task_status:
            await self.revert(identity, [request.task])
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
        change came first. The task not in the queue (or no such queue) -> 400/703."""
        for _ in range(REORDER_ATTEMPTS):
            queue = await self._queues.get(identity.company, queue_id) or {}
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
        the entries removed: a conditional update on the ``seq`` read); the removed tasks go
        back to their ``enqueue_status`` (calls the tasks process: ``internal.revert_dequeued``)."""
        for _ in range(REORDER_ATTEMPTS):
            queue = await own_queue(self._queues, identity, request.queue)
            entries = queue.get("entries") or []
            if not entries:
                return {"removed_tasks": []}
            if await self._queues.replace_entries(request.queue, queue.get("seq", 0), [], self._clock()):
                await self._changed(identity, request.queue)
                removed = [e["task"] for e in entries]
                await self.revert(identity, removed)
                return {"removed_tasks": removed}
        raise ApiError.named("update_failed", "the queue kept changing", queue=request.queue)

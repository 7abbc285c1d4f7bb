"""``tasks.enqueue``, ``tasks.dequeue`` and their ``*_many`` variants (CLEARML_BEHAVIOR
section 6), and the port to the queues process they (and stop/reset/archive/delete) use.

The queues process owns the queue entries; these use cases call it over Kafka RPC
(``internal.enqueue`` / ``internal.dequeue``) and await its answer, so the task is in its
queue before ``tasks.enqueue`` answers. The queues process never calls the tasks process
while serving those two actions, so the call chain cannot close into a cycle; and the calls
carry no Kafka key, so they never wait behind another request of the same entity (see
``RpcQueues``).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess, for_each
from services.tasks.store.repository import Document, ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller
from shared.schemas import tasks_queueing as api
from shared.schemas import queues as queues_api

log = logging.getLogger(__name__)


class QueuePort(Protocol):
    """The queues process, as the tasks use cases need it."""

    async def enqueue(self, identity: Identity, task: str, queue: str | None, queue_name: str | None,
                      task_user: str | None, task_name: str | None = None) -> str:
        """Append ``task`` to the queue (by id, else by name, created when missing, else the
        default queue) after taking it out of every other queue -> the queue's id. Unknown
        queue -> 400/701; already in that queue -> 400/706."""
        ...

    async def dequeue(self, identity: Identity, task: str) -> int:
        """Take ``task`` out of every queue of the company -> how many queues it left."""
        ...

    async def queue_names(self, identity: Identity, ids: list[str]) -> dict[str, str]:
        """The names of the queues ``ids`` the caller may read (its company's and public
        ones), by id; unknown ids are left out (``*_ex`` reads' ``execution.queue.name``)."""
        ...


class RpcQueues:
    """``QueuePort`` over Kafka RPC to the queues process (``internal.enqueue`` /
    ``internal.dequeue`` / ``internal.queue_names``). No Kafka key: the queues process's request for the same queue may
    itself be waiting on the tasks process (``internal.queue_popped``), and a keyed call would
    queue behind it."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._queues = ProcessRpc(rpc, "queues")

    async def enqueue(self, identity: Identity, task: str, queue: str | None, queue_name: str | None,
                      task_user: str | None, task_name: str | None = None) -> str:
        request = queues_api.EnqueueRequest(task=task, queue=queue, queue_name=queue_name, task_user=task_user,
                                            task_name=task_name)
        return (await self._queues.call(identity, "internal.enqueue", request))["queue"]

    async def dequeue(self, identity: Identity, task: str) -> int:
        answer = await self._queues.call(identity, "internal.dequeue", queues_api.DequeueRequest(task=task))
        return int(answer.get("removed") or 0)

    async def queue_names(self, identity: Identity, ids: list[str]) -> dict[str, str]:
        answer = await self._queues.call(identity, "internal.queue_names", queues_api.QueueNamesRequest(ids=ids))
        return dict(answer.get("names") or {})


class NoQueues:
    """``QueuePort`` of a process wired without the queues service: every change answers 503,
    queue names are unknown."""

    async def enqueue(self, identity: Identity, task: str, queue: str | None, queue_name: str | None,
                      task_user: str | None, task_name: str | None = None) -> str:
        raise ApiError(503, 0, "the queues service is not connected")

    async def dequeue(self, identity: Identity, task: str) -> int:
        raise ApiError(503, 0, "the queues service is not connected")

    async def queue_names(self, identity: Identity, ids: list[str]) -> dict[str, str]:
        return {}  # no queues process: the names stay unknown, a read does not fail for them


async def leave_queue(queues: QueuePort | None, identity: Identity, task: Document) -> bool:
    """Take a ``queued`` task out of its queue before its status leaves ``queued`` (stop,
    reset, archive, delete). True if it was in a queue."""
    if queues is None or task.get("status") != status.QUEUED:
        return False
    return bool(await queues.dequeue(identity, task["_id"]))


class QueueingService(TaskAccess):
    """Enqueue and dequeue tasks (the status here, the queue entry in the queues process)."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, queues: QueuePort,
                 clock: Clock = domain.utc_now):
        super().__init__(tasks, projects, clock)
        self._queues = queues

    async def enqueue(self, identity: Identity, request: api.EnqueueRequest) -> dict[str, Any]:
        """``tasks.enqueue`` (calls the queues process: ``internal.enqueue``): -> queued from a
        status that allows it (any with ``force``), remembering the status it had in
        ``enqueue_status``, without the ``development`` system tag, with ``execution.queue``
        set; then appended to its queue (a queued task moves to that queue). A failed push
        puts the status back and answers the queue's error (after an unanswered push the task
        is also taken out of every queue, in case the push happened late). Answers
        ``{queued: 1, updated, fields}``. As clearml-server, it refuses (400/12)
        ``verify_watched_queue`` without ``update_execution_queue``, both ``queue`` and
        ``queue_name``, and keeping ``execution.queue`` of a task not queued in one."""
        if request.verify_watched_queue and not request.update_execution_queue:
            raise ApiError.named("validation_error",
                                 "verify_watched_queue cannot be used with update_execution_queue=False")
        return await self._enqueue(identity, request.task, request, getattr(request, "force", False))

    async def _enqueue(self, identity: Identity, task_id: str, request, force: bool) -> dict[str, Any]:
        if request.queue and request.queue_name:
            raise ApiError.named("validation_error", "Either queue id or queue name should be provided")
        task = await self._writable_task(identity, task_id)
        keeps_queue = task["status"] == status.QUEUED and (task.get("execution") or {}).get("queue")
        if not getattr(request, "update_execution_queue", True) and not keeps_queue:
            raise ApiError.named("validation_error", "cannot keep the execution queue of a task not queued in one")
        status.check_change(task["status"], status.QUEUED, force)
        now = self._clock()
        changes = status.change_fields(status.QUEUED, identity.user, now, request.status_reason,
                                       request.status_message)
        # Enqueued again (to another queue): the status before the first enqueue is kept.
        changes["enqueue_status"] = task.get("enqueue_status") if task["status"] == status.QUEUED else task["status"]
        await self._apply(identity, task, changes, remove_tags={"system_tags": [status.DEVELOPMENT_TAG]})
        try:
            queue = await self._queues.enqueue(identity, task_id, request.queue, request.queue_name,
                                               task.get("user"), task.get("name"))
        except Exception as exc:
            if not isinstance(exc, ApiError) or exc.code >= 500:
                await self._undo_late_push(identity, task_id)
            await self._roll_back(identity, task)
            raise
        if getattr(request, "update_execution_queue", True):
            changes["execution.queue"] = queue
            await self._tasks.update(identity.company, task_id, {"execution.queue": queue})
        return {"queued": 1, "updated": 1, "fields": domain.changes_to_api(changes)}

    async def _undo_late_push(self, identity: Identity, task_id: str) -> None:
        try:
            await self._queues.dequeue(identity, task_id)
        except Exception:  # noqa: BLE001 - best effort; the caller gets the first error
            log.warning("could not take %s out of its queues after a failed enqueue", task_id, exc_info=True)

    async def _roll_back(self, identity: Identity, task: Document) -> None:
        """Undo ``_enqueue``'s status change (only while the task is still ``queued``)."""
        restore = {key: task.get(key) for key in ("status", "status_reason", "status_message",
                                                  "status_changed", "last_change", "last_changed_by")}
        changes = {k: v for k, v in restore.items() if v is not None}
        unset = []
        if task.get("enqueue_status") is not None:
            changes["enqueue_status"] = task["enqueue_status"]
        else:
            unset.append("enqueue_status")
        if status.DEVELOPMENT_TAG in (task.get("system_tags") or ()):
            changes["system_tags"] = task["system_tags"]
        await self._tasks.update(identity.company, task["_id"], changes, status.QUEUED, unset=unset)

    async def enqueue_many(self, identity: Identity, request: api.EnqueueManyRequest) -> dict[str, Any]:
        """``tasks.enqueue_many``: ``enqueue`` for each id (calls the queues process)."""

        async def one(task_id: str) -> dict[str, Any]:
            result = await self._enqueue(identity, task_id, request, False)
            return {"queued": True, "updated": result["updated"], "fields": result["fields"]}

        return await for_each(request.ids, one)

    async def dequeue(self, identity: Identity, request: api.DequeueRequest) -> dict[str, Any]:
        """``tasks.dequeue`` (calls the queues process: ``internal.dequeue``), as clearml-server
        answers it: a queued task leaves its queues (any task with ``remove_from_all_queues``);
        a queued or running one then goes to ``new_status``, else its ``enqueue_status``,
        else created, whatever the status rules (the agent dequeues the task it popped with
        ``new_status=in_progress``); ``execution.queue`` stays. Another status, or an unknown
        task (taken out of the queues all the same), is left alone: ``updated: 0``. An
        unknown ``new_status`` -> 400/12. Answers ``{dequeued: 1, updated, fields?}``."""
        return await self._dequeue(identity, request.task, request)

    async def _dequeue(self, identity: Identity, task_id: str, request) -> dict[str, Any]:
        if request.new_status and request.new_status not in status.STATUSES:
            raise ApiError.named("validation_error", f"Invalid task status: {request.new_status}")
        if await self._tasks.get(identity.company, task_id) is None:
            await self._queues.dequeue(identity, task_id)
            return {"dequeued": 1, "updated": 0}
        task = await self._writable_task(identity, task_id)
        if task["status"] == status.QUEUED or request.remove_from_all_queues:
            await self._queues.dequeue(identity, task_id)
        if task["status"] not in (status.QUEUED, status.IN_PROGRESS):
            return {"dequeued": 1, "updated": 0}
        back = request.new_status or task.get("enqueue_status") or status.CREATED
        result = await self._change_status(identity, task, back, force=True, reason=request.status_reason,
                                           message=request.status_message, unset=("enqueue_status",))
        result["fields"]["enqueue_status"] = None
        return {"dequeued": 1, **result}

    async def dequeue_many(self, identity: Identity, request: api.DequeueManyRequest) -> dict[str, Any]:
        """``tasks.dequeue_many``: ``dequeue`` for each id (calls the queues process)."""

        async def one(task_id: str) -> dict[str, Any]:
            result = await self._dequeue(identity, task_id, request)
            return {**result, "dequeued": bool(result["dequeued"])}

        return await for_each(request.ids, one)

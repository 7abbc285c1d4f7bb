"""Internal RPC actions the queues process calls (not ClearML endpoints, never routed by the
gateway, not in ``handled/tasks.txt``): the task's side of queue changes made by
``queues.*`` and ``workers.*`` endpoints (CLEARML_BEHAVIOR sections 6, 7 and 9).

None of these actions calls the queues process, and the queues process's own answers to
``internal.enqueue``/``internal.dequeue`` never call the tasks process: a chain of calls
between the two processes is at most one hop each way, never a cycle.
"""

from __future__ import annotations

from typing import Any

from services.tasks.tasks import status
from services.tasks.tasks.access import TaskAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks_queueing as api


class QueueSyncService(TaskAccess):
    """The tasks side of the queues process's calls."""

    async def queue_popped(self, identity: Identity, request: api.QueuePoppedRequest) -> dict[str, Any]:
        """``internal.queue_popped``: a popped ``stopped`` task is ``queued`` again (its worker
        will call ``tasks.started``). A concurrent change of the task wins quietly."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None or task.get("company") != identity.company:
            return {"status": None}
        if task["status"] != status.STOPPED:
            return {"status": task["status"]}
        changes = status.change_fields(status.QUEUED, identity.user, self._clock(), "", "")
        updated = await self._tasks.update(identity.company, task["_id"], changes, status.STOPPED)
        return {"status": status.QUEUED if updated is not None else task["status"]}

    async def revert_dequeued(self, identity: Identity, request: api.RevertDequeuedRequest) -> dict[str, Any]:
        """``internal.revert_dequeued``: each task still ``queued`` goes back to its
        ``enqueue_status`` (else created); others (already popped or changed) stay."""
        reverted = 0
        for task_id in dict.fromkeys(request.tasks):
            task = await self._tasks.get(identity.company, task_id)
            if task is None or task.get("company") != identity.company or task["status"] != status.QUEUED:
                continue
            back = task.get("enqueue_status") or status.CREATED
            changes = status.change_fields(back, identity.user, self._clock())
            if await self._tasks.update(identity.company, task_id, changes, status.QUEUED,
                                        unset=("enqueue_status", "execution.queue")) is not None:
                reverted += 1
        return {"reverted": reverted}

    async def worker_report(self, identity: Identity, request: api.WorkerReportRequest) -> dict[str, Any]:
        """``internal.worker_report``: ``last_worker``/``last_worker_report``/``last_update``
        of the reported task; not the caller's company's task -> 400/101. Answers the task's
        name, project ``{id, name}``, ``started`` and ``last_iteration`` for ``workers.get_all``."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None or task.get("company") != identity.company:
            raise ApiError.named("invalid_task_id", id=request.task)
        now = self._clock()
        changes = {"last_worker": request.worker, "last_worker_report": now, "last_update": now}
        await self._tasks.update(identity.company, request.task, changes)
        project = await self._projects.get(identity.company, task["project"]) if task.get("project") else None
        return {"updated": 1, "name": task.get("name"), "started": task.get("started"),
                "last_iteration": task.get("last_iteration"),
                "project": {"id": project["_id"], "name": project.get("name")} if project else None}

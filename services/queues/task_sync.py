"""The port to the tasks process that keeps a task's status in step with queue changes made
by ``queues.*`` / ``workers.*`` endpoints (CLEARML_BEHAVIOR sections 6, 7, 9), and its Kafka
RPC adapter.

The tasks process calls this process (``internal.enqueue``/``internal.dequeue``) and this
process calls the tasks process (``internal.queue_popped``, ``internal.revert_dequeued``,
``internal.worker_report``), but never inside the same request chain: none of the actions on
either side calls back. The calls carry no Kafka key, so they never wait behind another
request for the same entity in the other process.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller
from shared.schemas.tasks_queueing import QueuePoppedRequest, RevertDequeuedRequest, WorkerReportRequest

log = logging.getLogger(__name__)
POPPED_ATTEMPTS = 4  # internal.queue_popped, while the tasks process answers 5xx (not at all)
POPPED_RETRY_S = 1.0


class TaskPort(Protocol):
    """The tasks process, as the queues use cases need it."""

    async def popped(self, identity: Identity, task: str) -> None:
        """``queues.get_next_task`` handed ``task`` out: a ``stopped`` task becomes ``queued``.
        May return before the tasks process has done it (the change is conditional on
        ``stopped``, so it cannot undo the worker's ``tasks.started``)."""
        ...

    async def revert(self, identity: Identity, tasks: list[str]) -> None:
        """``tasks`` left their queue without being run: those still ``queued`` go back to
        their ``enqueue_status`` (else created)."""
        ...

    async def worker_report(self, identity: Identity, task: str, worker: str) -> dict[str, Any] | None:
        """``worker`` reports running ``task``: its ``last_worker``/``last_worker_report``.
        Answers what the worker entry shows of the task: ``{name, project: {id, name} | None,
        started, last_iteration}`` (None: not known). Unknown task -> 400/101."""
        ...


class RpcTasks:
    """``TaskPort`` over Kafka RPC to the tasks process. ``popped`` does not wait for the
    answer: ``get_next_task`` is the agents' polling call and must not stall on the tasks
    process."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")
        self._background: set[asyncio.Task] = set()

    async def popped(self, identity: Identity, task: str) -> None:
        job = asyncio.create_task(self._quietly_popped(identity, task))
        self._background.add(job)
        job.add_done_callback(self._background.discard)

    async def _quietly_popped(self, identity: Identity, task: str) -> None:
        """Retried while the tasks process does not answer (e.g. its instances rebalancing):
        the change is conditional (``stopped`` -> ``queued``), so applying it twice is harmless,
        while giving up would leave the popped task ``stopped``."""
        for attempt in range(POPPED_ATTEMPTS):
            try:
                await self._tasks.call(identity, "internal.queue_popped", QueuePoppedRequest(task=task))
                return
            except ApiError as exc:
                if exc.code < 500 or attempt == POPPED_ATTEMPTS - 1:
                    log.warning("internal.queue_popped for %s failed: %s", {"task": task}, exc)
                    return
            except Exception:  # noqa: BLE001 - nobody awaits this call
                log.warning("internal.queue_popped for %s failed", {"task": task}, exc_info=True)
                return
            await asyncio.sleep(POPPED_RETRY_S * (attempt + 1))

    async def revert(self, identity: Identity, tasks: list[str]) -> None:
        if tasks:
            await self._tasks.call(identity, "internal.revert_dequeued", RevertDequeuedRequest(tasks=tasks))

    async def worker_report(self, identity: Identity, task: str, worker: str) -> dict[str, Any] | None:
        request = WorkerReportRequest(task=task, worker=worker)
        answer = await self._tasks.call(identity, "internal.worker_report", request)
        return answer if isinstance(answer, dict) else None


class NoTasks:
    """``TaskPort`` of a queues process wired without the tasks service (unit tests of the
    queue rules alone): task statuses are not kept in step."""

    async def popped(self, identity: Identity, task: str) -> None:
        return None

    async def revert(self, identity: Identity, tasks: list[str]) -> None:
        return None

    async def worker_report(self, identity: Identity, task: str, worker: str) -> dict[str, Any] | None:
        return None

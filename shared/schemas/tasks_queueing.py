"""Requests of ClearML's ``tasks.enqueue`` / ``tasks.dequeue`` and their ``*_many`` variants
(CLEARML_BEHAVIOR section 6). The tasks process serves them, calling the queues process for
the queue side. Fields follow ``spec/endpoints.json`` (newest version)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.schemas.base import Request
from shared.schemas.generated import tasks as generated


class EnqueueRequest(generated.EnqueueRequest):
    """``tasks.enqueue``: -> queued and appended to the queue given by id, else by
    ``queue_name`` (created when missing), else the company's default queue. Answers
    ``{queued, updated, fields}``.
    Refines the catalog's ``EnqueueRequest``: ``update_execution_queue`` and
    ``verify_watched_queue`` refuse null; also takes ``force`` (not in the newest catalog)."""

    update_execution_queue: bool = True
    verify_watched_queue: bool = False
    force: bool = False


class DequeueRequest(generated.DequeueRequest):
    """``tasks.dequeue``: out of its queue, back to ``new_status`` or the status it had
    before it was enqueued (``enqueue_status``), else created. Answers ``{dequeued, updated, fields}``.
    Refines the catalog's ``DequeueRequest``: ``remove_from_all_queues`` refuses null."""

    remove_from_all_queues: bool = False


class EnqueueManyRequest(generated.EnqueueManyRequest):
    """``tasks.enqueue_many``: ``enqueue`` for each id -> ``{succeeded: [{id, queued, updated, fields}], failed}``.
    Refines the catalog's ``EnqueueManyRequest``: ``validate_tasks`` and ``verify_watched_queue``
    refuse null; ``ids`` must not be empty."""

    ids: list[str] = Field(min_length=1)
    validate_tasks: bool = False
    verify_watched_queue: bool = False


class DequeueManyRequest(generated.DequeueManyRequest):
    """``tasks.dequeue_many``: ``dequeue`` for each id -> ``{succeeded: [{id, dequeued, updated, fields}], failed}``.
    Refines the catalog's ``DequeueManyRequest``: ``remove_from_all_queues`` refuses null; ``ids``
    must not be empty."""

    ids: list[str] = Field(min_length=1)
    remove_from_all_queues: bool = False


REQUESTS: dict[str, type[BaseModel]] = {
    "tasks.enqueue": EnqueueRequest,
    "tasks.dequeue": DequeueRequest,
    "tasks.enqueue_many": EnqueueManyRequest,
    "tasks.dequeue_many": DequeueManyRequest,
}


# --- internal RPC actions the queues process sends to the tasks process ----------------------
# (not ClearML endpoints, never routed by the gateway, not in ``handled/tasks.txt``)


class QueuePoppedRequest(Request):
    """``internal.queue_popped`` (for ``queues.get_next_task``): the entry of ``task`` was
    handed to a worker; a ``stopped`` task (stopped while queued, a race) goes back to
    ``queued``. Answers ``{"status": <the task's status>}`` (``None``: no such task)."""

    task: str = Field(min_length=1)


class RevertDequeuedRequest(Request):
    """``internal.revert_dequeued`` (for ``queues.remove_task(update_task_status)``,
    ``queues.clear_queue``, ``queues.delete(force)``): each of ``tasks`` still ``queued`` goes
    back to its ``enqueue_status`` (else created). Answers ``{"reverted": <count>}``."""

    tasks: list[str] = Field(default_factory=list, max_length=10_000)


class WorkerReportRequest(Request):
    """``internal.worker_report`` (for ``workers.status_report`` with a task): sets the task's
    ``last_worker``, ``last_worker_report`` and ``last_update``. Unknown task -> 400/101."""

    task: str = Field(min_length=1)
    worker: str = Field(min_length=1)


INTERNAL_REQUESTS: dict[str, type[Request]] = {
    "internal.queue_popped": QueuePoppedRequest,
    "internal.revert_dequeued": RevertDequeuedRequest,
    "internal.worker_report": WorkerReportRequest,
}

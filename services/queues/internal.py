"""Internal RPC actions the tasks service calls (not ClearML endpoints, never routed by the
gateway, not in ``handled/queues.txt``):

- ``internal.enqueue`` (for ``tasks.enqueue``): the task leaves every other queue of the
  company and joins the end of the queue named by id, else by name (created when missing, as
  ClearML does for ``queue_name``), else the company's default queue. The task's name comes
  along and is stored with the entry: the queues process never asks the tasks process for
  names (``get_all_ex`` and ``workers.get_all`` stay single reads of this process's data, and
  no call chain closes between the two processes); a task renamed while queued keeps its old
  name in the entry until it leaves the queue. An ``admission`` (the resources room's quota
  check) sees the target queue first and may refuse the enqueue: nothing changes then; an
  admitted task joins the queue while the admission holds its policy (one check and push at
  a time per policy in this process).
- ``internal.dequeue`` (for ``tasks.dequeue``, ``stop``, ``reset``, ``archive``, ``delete``):
  the task leaves every queue of the company.
- ``internal.queue_names`` (for ``execution.queue.name`` in the tasks service's ``*_ex``
  reads): the names of the given queues of the company and the public ones.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any, Protocol

from services.queues import domain
from services.queues.access import QueueAccess
from services.queues.entries import EntryService
from services.queues.filters import QueueFilter
from services.queues.repository import Document, DuplicateName, QueueRepository
from services.queues.service import Clock, DefaultQueues, IdFactory, own_queue
from shared.access.snapshot import READ_WRITE
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.queues import DequeueRequest, EnqueueRequest, QueueNamesRequest


class EnqueueAdmission(Protocol):
    """Decides whether ``task`` may join ``queue``: entering the context raises ``ApiError``
    when not; the task joins the queue inside it."""

    def admitting(self, identity: Identity, queue: Document, task: str,
                  task_user: str | None) -> AbstractAsyncContextManager[None]: ...


class InternalService:
    """``internal.*`` actions for the tasks service."""

    def __init__(
        self,
        queues: QueueRepository,
        entries: EntryService,
        defaults: DefaultQueues,
        clock: Clock = domain.utc_now,
        new_id: IdFactory = domain.new_id,
        access: QueueAccess | None = None,
        admission: EnqueueAdmission | None = None,
    ) -> None:
        self._access = access
        self._queues = queues
        self._admission = admission
        self._entries = entries
        self._defaults = defaults
        self._clock = clock
        self._new_id = new_id

    async def enqueue(self, identity: Identity, request: EnqueueRequest) -> dict[str, Any]:
        """Put ``task`` into the target queue -> ``{"queue": id}``. Unknown queue id (or one
        the caller may not read) -> 400/701, one it may only read -> 403/21; already in that
        queue -> 400/706 (and it stays there, alone)."""
        queue = await self._target(identity, request)
        if self._access is not None:
            await self._access.require(identity, queue["_id"], READ_WRITE)
        admitted = (nullcontext() if self._admission is None
                    else self._admission.admitting(identity, queue, request.task, request.task_user))
        async with admitted:
            await self._queues.pull_everywhere(identity.company, request.task, self._clock(), keep=queue["_id"])
            await self._entries.push(identity, queue, request.task, request.task_user or identity.user,
                                     request.task_name)
        return {"queue": queue["_id"]}

    async def _target(self, identity: Identity, request: EnqueueRequest) -> Document:
        if request.queue:
            return await own_queue(self._queues, identity, request.queue)
        if request.queue_name:
            return await self._by_name(identity, request.queue_name)
        return await self._defaults.get(identity)

    async def _by_name(self, identity: Identity, name: str) -> Document:
        """The company's queue with this name, created when missing (a concurrent creation
        of the same name is not an error)."""
        name = domain.queue_name(name)
        existing = await self._queues.by_name(identity.company, name)
        if existing is not None:
            return existing
        doc = domain.new_queue(self._new_id(), identity.company, identity.user, name, {}, self._clock())
        try:
            await self._queues.add(doc)
        except DuplicateName:
            existing = await self._queues.by_name(identity.company, name)
            if existing is None:
                raise ApiError.named("expected_unique_data", name=name) from None
            return existing
        return doc

    async def dequeue(self, identity: Identity, request: DequeueRequest) -> dict[str, Any]:
        """Remove ``task`` from every queue of the company -> ``{"removed": <queues>}``."""
        return {"removed": await self._queues.pull_everywhere(identity.company, request.task, self._clock())}

    async def queue_names(self, identity: Identity, request: QueueNamesRequest) -> dict[str, Any]:
        """``{"names": {id: name}}`` of the caller's company's queues among ``ids``."""
        ids = tuple(dict.fromkeys(request.ids))
        found = await self._queues.find(QueueFilter(company=identity.company, ids=ids, limit=len(ids))) if ids else []
        return {"names": {queue["_id"]: queue.get("name") for queue in found}}

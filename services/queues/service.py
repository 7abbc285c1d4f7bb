"""Use cases of ``queues.*`` that manage queues as objects: create, read, update, delete,
metadata and the company's default queue. (Entries: ``entries.py``.)

Each public method mirrors one ClearML endpoint: it takes the caller's identity and the
parsed request and returns the ClearML response data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from services.queues import domain
from services.queues.access import QueueAccess
from services.queues.filters import project, queue_filter, queues_with_ids
from services.queues.queue_metrics import QueueMetrics
from services.queues.repository import Document, DuplicateName, QueueRepository, WorkerRepository
from shared.access.listing import EVERYTHING, Readable
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import queues as queues_api
from shared.schemas.generated import queues as generated

Clock = Callable[[], datetime]
IdFactory = Callable[[], str]


def unknown_queue(queue_id: str) -> ApiError:
    return ApiError.named("invalid_queue_id", queue=queue_id)


def duplicate_name(name: str) -> ApiError:
    return ApiError.named("expected_unique_data", "Queue with the same name already exists", name=name)


async def own_queue(queues: QueueRepository, identity: Identity, queue_id: str, entries: bool = True) -> Document:
    """The caller's queue (``entries`` only if asked for), or 400/701 invalid_queue_id."""
    doc = await queues.get(identity.company, queue_id, entries)
    if doc is None:
        raise unknown_queue(queue_id)
    return doc


class DefaultQueues:
    """The company's default queue (system tag ``default``), created on the company's first
    need (the first ``get_default``, ``get_all`` or enqueue without a queue): the company is
    only known per request. Concurrent creators race on the unique (company, name) index."""

    def __init__(self, queues: QueueRepository, clock: Clock, new_id: IdFactory) -> None:
        self._queues = queues
        self._clock = clock
        self._new_id = new_id
        self._ensured: set[str] = set()

    async def ensure(self, identity: Identity) -> None:
        """Create the default queue unless the company has (or had, in this process) one."""
        if identity.company in self._ensured:
            return
        if not await self._queues.defaults(identity.company):
            doc = domain.new_queue(
                self._new_id(), identity.company, identity.user, domain.DEFAULT_QUEUE_NAME,
                {"system_tags": [domain.DEFAULT_TAG]}, self._clock(),
            )
            try:
                await self._queues.add(doc)
            except DuplicateName:
                pass  # created meanwhile, or a user queue took the name (then: no default)
        self._ensured.add(identity.company)

    async def get(self, identity: Identity) -> Document:
        """The default queue; none -> 400/707, several -> 400/708."""
        await self.ensure(identity)
        found = await self._queues.defaults(identity.company)
        if not found:
            raise ApiError.named("no_default_queue")
        if len(found) > 1:
            raise ApiError.named("multiple_default_queues", queues=[q["_id"] for q in found])
        return found[0]


class QueueService:
    """``queues.*`` use cases on queue objects."""

    def __init__(
        self,
        queues: QueueRepository,
        workers: WorkerRepository,
        defaults: DefaultQueues,
        metrics: QueueMetrics,
        clock: Clock = domain.utc_now,
        new_id: IdFactory = domain.new_id,
        revert: Callable[[Identity, list[str]], Awaitable[None]] | None = None,
        access: QueueAccess | None = None,
    ) -> None:
        self._queues = queues
        self._access = access
        self._revert = revert
        self._workers = workers
        self._defaults = defaults
        self._metrics = metrics
        self._clock = clock
        self._new_id = new_id

    async def create(self, identity: Identity, request: generated.CreateRequest) -> dict[str, Any]:
        """``queues.create``: a new queue; name shorter than 3 -> 400/12, a name the company
        already uses -> 400/801."""
        await self._defaults.ensure(identity)
        fields = request.model_dump(exclude={"name"}, exclude_none=True)
        doc = domain.new_queue(self._new_id(), identity.company, identity.user, request.name, fields, self._clock())
        try:
            await self._queues.add(doc)
        except DuplicateName:
            raise duplicate_name(doc["name"]) from None
        return {"id": doc["_id"]}

    async def get_by_id(self, identity: Identity, request: generated.GetByIdRequest) -> dict[str, Any]:
        """``queues.get_by_id``: unknown or another company's -> 400/701."""
        doc = await own_queue(self._queues, identity, request.queue)
        return {"queue": domain.queue_to_api(doc, request.max_task_entries or None)}

    async def _readable(self, identity: Identity) -> Readable:
        return EVERYTHING if self._access is None else await self._access.readable(identity)

    async def get_all(self, identity: Identity, request: queues_api.GetAllRequest,
                      entry_form=domain.entry_to_api) -> dict[str, Any]:
        """``queues.get_all``: the company's queues matching the filters that the caller may
        read (filtered in the query: pages stay full)."""
        await self._defaults.ensure(identity)
        docs = await self._queues.find(queue_filter(identity.company, request, await self._readable(identity)))
        limit = request.max_task_entries or None
        return {"queues": [project(domain.queue_to_api(d, limit, entry_form), request.only_fields) for d in docs]}

    async def get_all_ex(self, identity: Identity, request: queues_api.GetAllRequest) -> dict[str, Any]:
        """``queues.get_all_ex``: ``get_all`` with each entry's task as ``{id, name}`` (the
        name stored at enqueue) plus, per queue, the live ``workers`` listening on it
        (``{name, key, ip, task}``)."""
        result = await self.get_all(identity, request, domain.entry_with_name)
        listening: dict[str, list[Document]] = {}
        for worker in await self._workers.live(identity.company, self._clock()):
            for queue_id in worker.get("queues") or ():
                listening.setdefault(queue_id, []).append(worker)
        for queue in result["queues"]:
            queue["workers"] = [
                {"name": w["worker"], "key": w["_id"], "ip": w.get("ip"), "task": w.get("task")}
                for w in listening.get(queue["id"], [])
            ]
        return result

    async def get_default(self, identity: Identity, request: generated.GetDefaultRequest) -> dict[str, Any]:
        """``queues.get_default``: ``{id, name}`` of the company's default queue (one the
        caller may not read is none to it: 400/707)."""
        doc = await self._defaults.get(identity)
        if not (await self._readable(identity)).allows(doc["_id"]):
            raise ApiError.named("no_default_queue")
        return {"id": doc["_id"], "name": doc["name"]}

    async def update(self, identity: Identity, request: generated.UpdateRequest) -> dict[str, Any]:
        """``queues.update``: name, display name, tags, system tags, metadata. Answers
        ``{updated, fields}`` with the fields given (none: ``updated`` 0); like ClearML it
        leaves ``last_update`` as it is. A used name -> 400/801, unknown queue -> 400/701."""
        changes = self._changes(request)
        try:
            doc = await self._queues.update(identity.company, request.queue, changes)
        except DuplicateName:
            raise duplicate_name(changes["name"]) from None
        if doc is None:
            raise unknown_queue(request.queue)
        if not changes:
            return {"updated": 0, "fields": {}}
        fields = domain.queue_to_api({"_id": doc["_id"], **changes})
        fields.pop("id")
        return {"updated": 1, "fields": {**{k: None for k, v in changes.items() if v is None}, **fields}}

    def _changes(self, request: generated.UpdateRequest) -> Document:
        given = request.model_dump(exclude={"queue"}, exclude_unset=True)
        changes: Document = {}
        if "name" in given and given["name"] is not None:
            changes["name"] = domain.queue_name(given["name"])
        if "display_name" in given:
            changes["display_name"] = given["display_name"]
        for field in ("tags", "system_tags"):
            if given.get(field) is not None:
                changes[field] = domain.tag_list(given[field])
        if given.get("metadata") is not None:
            changes["metadata"] = domain.metadata_items(request.metadata)
        return changes

    async def delete(self, identity: Identity, request: generated.DeleteRequest) -> dict[str, Any]:
        """``queues.delete``: a queue with entries only with ``force`` (else 400/702).
        The delete is conditional on the entries read, so a task added meanwhile is never
        lost silently. With ``force`` each removed task goes back to its ``enqueue_status``
        (or ``created``; calls the tasks process through ``revert``: ``internal.revert_dequeued``)."""
        doc = await own_queue(self._queues, identity, request.queue)
        if doc.get("entries") and not request.force:
            raise ApiError.named("queue_not_empty", "use force=true to delete", id=request.queue)
        expected = None if request.force else doc.get("seq", 0)
        if not await self._queues.delete(identity.company, request.queue, expected):
            if await self._queues.get(identity.company, request.queue) is None:
                raise unknown_queue(request.queue)
            raise ApiError.named("queue_not_empty", "use force=true to delete", id=request.queue)
        if doc.get("entries") and self._revert is not None:
            await self._revert(identity, [e["task"] for e in doc["entries"]])
        return {"deleted": 1}

    async def add_or_update_metadata(
        self, identity: Identity, request: generated.AddOrUpdateMetadataRequest
    ) -> dict[str, Any]:
        """``queues.add_or_update_metadata``: set items by key (``replace_metadata``: the
        given items become the whole metadata)."""
        items = domain.metadata_items(request.metadata)
        if not await self._queues.set_metadata(identity.company, request.queue, items,
                                               bool(request.replace_metadata), self._clock()):
            raise unknown_queue(request.queue)
        return {"updated": 1}

    async def delete_metadata(self, identity: Identity, request: generated.DeleteMetadataRequest) -> dict[str, Any]:
        """``queues.delete_metadata``: remove the items with these keys."""
        keys = [domain.escape_key(key) for key in request.keys]
        if not await self._queues.delete_metadata(identity.company, request.queue, keys, self._clock()):
            raise unknown_queue(request.queue)
        return {"updated": 1}

    async def get_queue_metrics(self, identity: Identity, request: queues_api.GetQueueMetricsRequest) -> dict[str, Any]:
        """``queues.get_queue_metrics``: length and average waiting time over time, per queue
        for ``queue_ids`` (the company's only), else all queues together as ``"total"`` (hidden
        ones only with ``search_hidden``); ``refresh`` records the current state first. No such queue -> no
        series, before the dates are checked (as ClearML)."""
        queues = await self._queues.find(queues_with_ids(identity.company, request.queue_ids, request.search_hidden,
                                                         await self._readable(identity)))
        if not queues:
            return {"queues": []}
        domain.check_date_range(request.from_date, request.to_date, request.interval)
        if request.refresh:
            self._metrics.record(identity.company, queues, self._clock())
        ids = [q["_id"] for q in queues]
        series = await self._metrics.read(identity.company, ids, bool(request.queue_ids), request.from_date,
                                          request.to_date, request.interval)
        return {"queues": series}

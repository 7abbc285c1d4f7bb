"""Access rules on queues (issue 16). A queue's chain is the queue, then the queue category
(``scopes_of("queue", id)``); routes likewise (``route``: the routers room's ``routes.py``
enforces them through this object's route methods).

Serving containers (``serving.*``) are no entity of their own: a container serves the tasks
and models its ``reference`` names, whose access the tasks process decides
(``ReferenceAccess``, its ``internal.event_targets``). A restricted caller sees only the
containers whose referenced tasks and models it may read, and registers or reports one only
with read on what it references (``readable_containers``/``require_references``).

The endpoint table says what each endpoint needs (``QueueAccess.reading`` / ``writing`` wrap
a use case whose request names a ``queue``): a queue the caller may not read is answered as
absent (the endpoint's own "unknown queue" error), a write with only ``read`` is 403/21.
Listings filter in their query (``readable``). The rules are the process's ``AccessView``
(a replayed local copy: no call to identity per request).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from services.queues.repository import QueueRepository
from shared.access.listing import Readable, readable
from shared.access.rules import scopes_of
from shared.access.snapshot import READ, READ_WRITE, Permission
from shared.access.view import AccessRules, require, require_create
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.handlers import UseCase
from shared.messaging.process_rpc import ProcessRpc, RpcCaller
from shared.schemas.access_internal import CheckAccessRequest

NotFound = Callable[[str], ApiError]


def unknown_queue(queue_id: str) -> ApiError:
    return ApiError.named("invalid_queue_id", queue=queue_id)


def unknown_route(route_id: str) -> ApiError:
    return ApiError.named("invalid_id", "invalid route id", id=route_id)


Document = dict[str, Any]
# A serving container's reference types that name an entity with access rules.
REFERENCED = {"task": "tasks", "model": "models"}


class ReferenceAccess(Protocol):
    """Of some tasks and models, the ids the caller may not read (unknown ones are not among
    them: they show nothing)."""

    async def unreadable(self, identity: Identity, tasks: list[str], models: list[str]) -> set[str]: ...


class OpenReferences:
    """``ReferenceAccess`` without a tasks process: everything readable (unit tests)."""

    async def unreadable(self, identity: Identity, tasks: list[str], models: list[str]) -> set[str]:
        return set()


class RpcReferenceAccess:
    """``ReferenceAccess`` over the tasks process's ``internal.event_targets`` (``no_read``)."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def unreadable(self, identity: Identity, tasks: list[str], models: list[str]) -> set[str]:
        answer = await self._tasks.call(identity, "internal.event_targets", {"tasks": tasks, "models": models})
        hidden = answer.get("no_read") or {}
        return {*(hidden.get("tasks") or ()), *(hidden.get("models") or ())}


def references(containers: Iterable[Document]) -> dict[str, list[str]]:
    """The task and model ids the containers' ``reference`` items name (``{tasks, models}``)."""
    found: dict[str, dict[str, None]] = {key: {} for key in REFERENCED.values()}
    for container in containers:
        for item in container.get("reference") or ():
            key = REFERENCED.get(item.get("type")) if isinstance(item, dict) else None
            if key and item.get("value"):
                found[key].setdefault(item["value"])
    return {key: list(ids) for key, ids in found.items()}


def _named(container: Document) -> set[str]:
    return {i for ids in references([container]).values() for i in ids}


class QueueAccess:
    """The caller's rights on queues (and routes), from the company's rules; on serving
    containers, from the tasks process's answer on what they reference."""

    def __init__(self, rules: AccessRules, queues: QueueRepository | None = None,
                 references: ReferenceAccess | None = None) -> None:
        self._rules = rules
        self._queues = queues
        self._references = references or OpenReferences()

    async def readable(self, identity: Identity, needed: Permission = READ) -> Readable:
        """The queues the caller may read (``needed``): a condition for a listing's query."""
        return readable(await self._rules.rules(identity.company), identity, "queue", needed)

    async def require(self, identity: Identity, queue_id: str, needed: Permission,
                      not_found: NotFound = unknown_queue) -> None:
        """``not_found(queue_id)`` unless the caller may read the queue, 403/21 when it needs
        ``read_write`` and may only read."""
        await self._require(identity, "queue", queue_id, needed, not_found)

    async def _require(self, identity: Identity, entity_type: str, entity_id: str, needed: Permission,
                       not_found: NotFound) -> None:
        ruleset = await self._rules.rules(identity.company)
        require(ruleset, identity, scopes_of(entity_type, entity_id), needed, lambda: not_found(entity_id),
                f"{entity_type} {entity_id}")

    async def _unreadable_references(self, identity: Identity, containers: list[Document]) -> set[str]:
        if (await self._rules.rules(identity.company)).bypasses(identity.role):
            return set()
        named = references(containers)
        if not any(named.values()):
            return set()
        return await self._references.unreadable(identity, named["tasks"], named["models"])

    async def readable_containers(self, identity: Identity, containers: list[Document]) -> list[Document]:
        """The serving containers whose referenced tasks and models the caller may read."""
        hidden = await self._unreadable_references(identity, containers)
        return [c for c in containers if not _named(c) & hidden] if hidden else containers

    async def require_references(self, identity: Identity, container: Document) -> None:
        """Registering or reporting ``container`` needs read on what it references: else the
        first unreadable one's invalid-id error (as if absent)."""
        hidden = await self._unreadable_references(identity, [container])
        for item in container.get("reference") or ():
            if item.get("value") in hidden:
                error = "invalid_task_id" if item.get("type") == "task" else "invalid_model_id"
                raise ApiError.named(error, id=item["value"])

    async def readable_routes(self, identity: Identity) -> Readable:
        """The routes the caller may read (``routers.get_routes``)."""
        return readable(await self._rules.rules(identity.company), identity, "route", READ)

    async def require_route(self, identity: Identity, route_id: str, needed: Permission) -> None:
        """``unknown_route`` unless the caller may read the route, 403/21 when it needs
        ``read_write`` and may only read."""
        await self._require(identity, "route", route_id, needed, unknown_route)

    async def require_new_route(self, identity: Identity) -> None:
        require_create(await self._rules.rules(identity.company), identity, "route")

    def creating(self, use_case: UseCase) -> UseCase:
        """``use_case`` after checking that the caller may write the queue category (where a
        new queue's chain starts)."""

        async def guarded(identity: Identity, request: Any) -> Any:
            require_create(await self._rules.rules(identity.company), identity, "queue")
            return await use_case(identity, request)

        guarded.__doc__ = use_case.__doc__
        return guarded

    def reading(self, use_case: UseCase, not_found: NotFound = unknown_queue) -> UseCase:
        """``use_case`` after checking that the caller may read ``request.queue``."""
        return self._guarded(use_case, READ, not_found)

    def writing(self, use_case: UseCase, not_found: NotFound = unknown_queue) -> UseCase:
        """``use_case`` after checking that the caller may read and write ``request.queue``."""
        return self._guarded(use_case, READ_WRITE, not_found)

    def _guarded(self, use_case: UseCase, needed: Permission, not_found: NotFound) -> UseCase:
        async def guarded(identity: Identity, request: Any) -> Any:
            await self.require(identity, request.queue, needed, not_found)
            return await use_case(identity, request)

        guarded.__doc__ = use_case.__doc__
        return guarded

    async def check_access(self, identity: Identity, request: CheckAccessRequest) -> dict[str, Any]:
        """``internal.check_access`` (identity's ``permissions.check_entity_access``): ``{}``
        when the caller has ``access_permission`` on the queue or route, else the error the
        enforcement raises (an unknown queue: 400/701, as its reads answer)."""
        if request.entity_type == "queue":
            await self._require(identity, "queue", request.entity_id, request.access_permission, unknown_queue)
            if self._queues is not None and await self._queues.get(identity.company, request.entity_id, False) is None:
                raise unknown_queue(request.entity_id)
        elif request.entity_type == "route":
            await self._require(identity, "route", request.entity_id, request.access_permission, unknown_route)
        else:
            raise ApiError.named("validation_error", f"the queues process owns no {request.entity_type}")
        return {}

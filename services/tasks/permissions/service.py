"""The permissions room's own actions: ``internal.check_access`` (identity's
``permissions.check_entity_access`` forwards to it) and the access part of
``internal.event_targets`` (the events process enforces the tasks' and models' rules with it,
without knowing projects). Both decide with the enforcement's own code (``scope.permit`` over
the caller's ``CallerAccess``), so they agree with what the endpoints do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.tasks.permissions.resolver import AccessResolver
from services.tasks.permissions.scope import INVALID_ID, KINDS, Kind, permit
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.access_internal import CheckAccessRequest
from shared.schemas.tasks_internal import EventTargetsRequest


EventTargets = Callable[[Identity, EventTargetsRequest], Awaitable[dict[str, Any]]]


class PermissionService:
    """Built over the unguarded repositories (it decides for the caller, it does not read as
    the caller)."""

    def __init__(self, resolver: AccessResolver, tasks: TaskRepository, models: TaskRepository,
                 projects: ProjectRepository, event_targets: EventTargets) -> None:
        self._resolver = resolver
        self._repositories: dict[str, Any] = {"task": tasks, "model": models, "project": projects}
        self._event_targets = event_targets

    async def check_access(self, identity: Identity, request: CheckAccessRequest) -> dict[str, Any]:
        """``{}`` when allowed; else the error the endpoints answer: the entity's invalid-id
        error (absent, or unreadable), or 403/21 (``read_write`` asked, ``read`` granted)."""
        if request.entity_type not in KINDS:
            raise ApiError.named("validation_error", f"the tasks process decides for task, model and project, "
                                                     f"not {request.entity_type}")
        kind: Kind = request.entity_type
        doc = await self._repositories[kind].get(identity.company, request.entity_id)
        if doc is None:
            raise ApiError.named(INVALID_ID[kind], id=request.entity_id)
        permit(await self._resolver.resolve(identity), kind, doc, request.access_permission)
        return {}

    async def event_targets(self, identity: Identity, request: EventTargetsRequest) -> dict[str, Any]:
        """``internal.event_targets`` (``InternalService.event_targets``'s answer) plus
        ``no_read`` and ``no_write`` (``{"tasks": [...], "models": [...]}``: the found ids the
        caller may not read, and may not write, which includes the unreadable ones) and
        ``access_version`` (the company's rules version the answer was decided on, 0: the
        caller is unrestricted)."""
        answer = await self._event_targets(identity, request)
        access = await self._resolver.resolve(identity)
        no_read: dict[str, list[str]] = {"tasks": [], "models": []}
        no_write: dict[str, list[str]] = {"tasks": [], "models": []}
        if access is not None:
            for kind, key in (("task", "tasks"), ("model", "models")):
                ids = list(answer.get(key) or {})
                if not ids:
                    continue
                docs = await self._repositories[kind].select(Selection(identity.company, public=True, ids=ids),
                                                             ["project"], limit=len(ids))
                for doc in docs:
                    granted = access.grant(kind, doc)
                    if granted is None:
                        no_read[key].append(doc["_id"])
                    if granted != "read_write":
                        no_write[key].append(doc["_id"])
        version = access.version[0] if access is not None else 0
        return {**answer, "no_read": no_read, "no_write": no_write, "access_version": version}


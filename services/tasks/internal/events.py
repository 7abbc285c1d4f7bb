"""The tasks side of the internal RPC actions the events service calls
(``internal.event_targets``, ``internal.fold_metrics``; their requests are
``shared.schemas.tasks_internal``)."""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.tasks.access import Clock, TaskAccess
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas.tasks_internal import EventTargetsRequest, FoldMetricsRequest


class InternalService(TaskAccess):
    """The tasks side of the events service's calls."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, models: ModelRepository,
                 clock: Clock = domain.utc_now):
        super().__init__(tasks, projects, clock)
        self._models = models

    async def event_targets(self, identity: Identity, request: EventTargetsRequest) -> dict[str, Any]:
        """``internal.event_targets`` -> ``{"tasks": {id: status}, "models": {id: {"ready"}},
        "owners": {id: company}}``, only ids that exist and the caller's company may read (its
        own or public; ``owners``: of the public ones, the company that made them public)."""
        tasks = await _readable(self._tasks, identity.company, request.tasks, "status")
        models = await _readable(self._models, identity.company, request.models, "ready")
        return {
            "tasks": {doc["_id"]: doc.get("status") for doc in tasks},
            "models": {doc["_id"]: {"ready": bool(doc.get("ready"))} for doc in models},
            # Public tasks: their events are stored under the company that made them public.
            "owners": {doc["_id"]: doc.get("company_origin") or "" for doc in tasks if doc.get("company") == ""},
        }

    async def fold_metrics(self, identity: Identity, request: FoldMetricsRequest) -> dict[str, Any]:
        """``internal.fold_metrics`` -> ``{"updated": 0|1}`` (0: no such task or model of the
        caller's company)."""
        repository = self._tasks if request.entity == "task" else self._models
        metrics = {metric: {variant: value.model_dump(exclude_none=True) for variant, value in variants.items()}
                   for metric, variants in request.last_metrics.items()}
        updated = await repository.record_metrics(identity.company, request.id, metrics, request.last_iteration,
                                                  self._clock())
        return {"updated": 1 if updated else 0}


async def _readable(repository: TaskRepository, company: str, ids: list[str], field: str) -> list[dict[str, Any]]:
    """The documents among ``ids`` the company may read (its own and public ones)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    selection = Selection(company, public=True, ids=ids)
    return await repository.select(selection, [field, "company", "company_origin"], limit=len(ids))

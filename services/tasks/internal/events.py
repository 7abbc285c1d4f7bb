"""The tasks side of the internal RPC actions the events service calls
(``internal.event_targets``, ``internal.fold_metrics``; their requests are
``shared.schemas.tasks_internal``)."""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.tasks.access import Clock, TaskAccess
from services.tasks.store.queries import FindQuery
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
        changes: dict[str, Any] = {"last_update": self._clock()}
        for metric, variants in request.last_metrics.items():
            for variant, value in variants.items():
                changes[f"last_metrics.{metric}.{variant}"] = value.model_dump(exclude_none=True)
        update: dict[str, Any] = {"$set": changes}
        if request.last_iteration is not None:
            update["$max"] = {"last_iteration": request.last_iteration}
        # No read-back: this is on the events' hot path (one fold per task per ingest group).
        updated = await repository.apply_many({"_id": request.id, "company": identity.company}, update)
        return {"updated": 1 if updated else 0}


async def _readable(repository: TaskRepository, company: str, ids: list[str], field: str) -> list[dict[str, Any]]:
    """The documents among ``ids`` the company may read (looked up by ``_id`` alone, the
    company checked here: see ``repository.readable``)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    query = FindQuery(filter={"_id": {"$in": ids}}, projection={field: 1, "company": 1, "company_origin": 1},
                      limit=len(ids))
    return [doc for doc in await repository.find(query) if doc.get("company") in (company, "")]

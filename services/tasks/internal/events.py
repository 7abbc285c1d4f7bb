"""Internal RPC actions the events service calls (not ClearML endpoints, never routed by the
gateway, not in ``handled/tasks.txt``):

- ``internal.event_targets``: which of the tasks/models an event batch names exist and may be
  read by the caller's company, with their status (events for published tasks are refused by
  the events service).
- ``internal.fold_metrics``: store a task's last metrics and last iteration, computed by the
  events service from Elasticsearch. The values are absolute, so a repeated call changes
  nothing: each ``last_metrics.<metric hash>.<variant hash>`` is set, ``last_iteration`` only
  grows.

"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.tasks import domain
from services.tasks.tasks.access import Clock, TaskAccess
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity

MAX_IDS = 10_000
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


class EventTargetsRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    tasks: list[str] = Field(default_factory=list, max_length=MAX_IDS)
    models: list[str] = Field(default_factory=list, max_length=MAX_IDS)


class MetricValue(BaseModel):
    """One ``last_metrics`` entry (ClearML's ``metric_event``-derived statistics)."""

    model_config = ConfigDict(extra="ignore")

    metric: str = ""
    variant: str = ""
    value: float | None = None
    min_value: float | None = None
    min_value_iteration: int | None = None
    max_value: float | None = None
    max_value_iteration: int | None = None
    first_value: float | None = None
    first_value_iteration: int | None = None
    mean_value: float | None = None
    count: int | None = None
    x_axis_label: str | None = None


class FoldMetricsRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    entity: Literal["task", "model"]
    id: str
    last_iteration: int | None = None
    last_metrics: dict[str, dict[str, MetricValue]] = Field(default_factory=dict)

    @field_validator("last_metrics")
    @classmethod
    def _safe_keys(cls, value: dict[str, dict[str, MetricValue]]) -> dict[str, dict[str, MetricValue]]:
        """Hashes become MongoDB path segments: no dots, no ``$``."""
        for metric, variants in value.items():
            for key in (metric, *variants):
                if not _SAFE_KEY.match(key):
                    raise ValueError(f"metric and variant keys must be hashes, got {key!r}")
        return value


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

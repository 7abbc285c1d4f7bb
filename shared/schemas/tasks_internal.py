"""Internal RPC actions the events process sends to the tasks process (not ClearML endpoints,
never routed by the gateway, not in ``handled/tasks.txt``). The events process builds these
requests and the tasks process parses them: one shape for both.

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
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


INTERNAL_REQUESTS: dict[str, type[BaseModel]] = {
    "internal.event_targets": EventTargetsRequest,
    "internal.fold_metrics": FoldMetricsRequest,
}


class CopyTasksRequest(BaseModel):
    """``internal.copy_tasks`` (identity's ``system.copy_tasks``): copy the tasks that
    ``source_company`` may read into the caller's company, as the caller's user, into
    ``project`` or the project named ``new_project_name`` (got or created)."""

    model_config = ConfigDict(extra="ignore")

    tasks: list[str] = Field(min_length=1, max_length=MAX_IDS)
    source_company: str
    project: str | None = None
    new_project_name: str | None = None

"""Requests of ClearML's ``workers`` service (the endpoints Cairn implements).

The generated models carry the catalog's fields and defaults (``timeout`` 600 s for
``register``, ``last_seen`` 3600 s for ``get_all``, 0 = any for ``get_count``).
"""

from __future__ import annotations

from typing import get_args

from pydantic import BaseModel, Field

from shared.schemas.generated import workers as generated


class RegisterRequest(generated.RegisterRequest):
    """``workers.register``: the worker (id chosen by the agent) listens on ``queues``; its
    registration lapses ``timeout`` seconds after its last register or status report.
    Refines the catalog's ``RegisterRequest``: ``worker`` must not be empty; ``timeout`` is at
    least 0."""

    worker: str = Field(min_length=1)
    timeout: int | None = 600  # 0: the default; below 0: 400/1002 (the use case says so)


class StatusReportRequest(generated.StatusReportRequest):
    """``workers.status_report``: the worker is alive (an unknown one is registered), runs
    ``task`` (or nothing) taken from ``queue``, listens on ``queues``.
    Refines the catalog's ``StatusReportRequest``: ``worker`` must not be empty."""

    worker: str = Field(min_length=1)


StatKey = get_args(generated.StatItem.model_fields["key"].annotation)[0]  # the catalog's metric names


class StatItem(generated.StatItem):
    """One ``workers.get_stats`` item. clearml-server's request class names the aggregation
    ``aggregation`` (avg by default) and does not read the catalog's ``category``; ``key``
    is required."""

    key: StatKey
    aggregation: generated.AggregationType = generated.AggregationType.avg


class GetActivityReportRequest(generated.GetActivityReportRequest):
    """``workers.get_activity_report``: dates at least 0, an interval of at least 1 second
    (else 400/12, as clearml-server's request class)."""

    from_date: float = Field(ge=0)
    to_date: float = Field(ge=0)
    interval: int = Field(ge=1)


class GetStatsRequest(GetActivityReportRequest, generated.GetStatsRequest):
    """``workers.get_stats``: the report's window and at least one item (else 400/12)."""

    items: list[StatItem] = Field(min_length=1)


class RuntimeProperty(generated.SetRuntimePropertiesRequestRuntimePropertiesItem):
    """One runtime property: ``key`` (required), ``value``, ``expiry`` in seconds (none:
    kept until changed; 0: remove the property)."""

    key: str = Field(min_length=1)


class SetRuntimePropertiesRequest(generated.SetRuntimePropertiesRequest):
    """``workers.set_runtime_properties`` (enterprise catalog; clearml-agent calls it for
    ``max_num_instances`` and dynamic GPUs, users for ``force: on|off``): set or remove the
    caller's worker's properties -> ``{added, removed, errors}`` (property keys).
    Refines the catalog's ``SetRuntimePropertiesRequest``: ``worker`` must not be empty;
    ``runtime_properties`` is parsed as Cairn's ``RuntimeProperty``."""

    worker: str = Field(min_length=1)
    runtime_properties: list[RuntimeProperty]


class GetRuntimePropertiesRequest(generated.GetRuntimePropertiesRequest):
    """``workers.get_runtime_properties``: the caller's worker's unexpired properties with
    the seconds each has left (``expiry``, none when it never expires).
    Refines the catalog's ``GetRuntimePropertiesRequest``: ``worker`` must not be empty."""

    worker: str = Field(min_length=1)


REQUESTS: dict[str, type[BaseModel]] = {
    "workers.register": RegisterRequest,
    "workers.unregister": generated.UnregisterRequest,
    "workers.status_report": StatusReportRequest,
    "workers.get_all": generated.GetAllRequest,
    "workers.get_count": generated.GetCountRequest,
    "workers.get_stats": GetStatsRequest,
    "workers.get_activity_report": GetActivityReportRequest,
    "workers.get_metric_keys": generated.GetMetricKeysRequest,
    "workers.set_runtime_properties": SetRuntimePropertiesRequest,
    "workers.get_runtime_properties": GetRuntimePropertiesRequest,
}

"""Requests of ClearML's ``serving`` service (API 2.31; answered by the queues process).

The generated models (``shared.schemas.generated.serving``) carry the catalog's fields; the
refinements here refuse empty ids and names and a registration ``timeout`` below one second
(the reference server stores the entry with that many seconds to live).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.schemas.generated import serving as generated


class RegisterContainerRequest(generated.RegisterContainerRequest):
    """``serving.register_container``: the container serves (or is loading, without
    ``endpoint_url``) ``model_name`` behind ``endpoint_name``; its entry lapses ``timeout``
    seconds (default 600) after its last registration or report.
    Refines the catalog's ``RegisterContainerRequest``: ``container_id``, ``endpoint_name`` and
    ``model_name`` must not be empty; ``timeout`` is at least 1."""

    container_id: str = Field(min_length=1)
    endpoint_name: str = Field(min_length=1)
    model_name: str = Field(min_length=1)
    timeout: int | None = Field(default=600, ge=1)


class ContainerStatusReportRequest(generated.ContainerStatusReportRequest):
    """``serving.container_status_report``: the container's current model, counters
    (``requests_num`` since start, ``requests_min``, ``latency_ms``, ``uptime_sec``) and
    ``machine_stats``; an unknown or lapsed container is registered first.
    Refines the catalog's ``ContainerStatusReportRequest``: ``container_id``, ``endpoint_name``
    and ``model_name`` must not be empty."""

    container_id: str = Field(min_length=1)
    endpoint_name: str = Field(min_length=1)
    model_name: str = Field(min_length=1)


class UnregisterContainerRequest(generated.UnregisterContainerRequest):
    """``serving.unregister_container``: an unknown container is not an error.
    Refines the catalog's ``UnregisterContainerRequest``: ``container_id`` must not be empty."""

    container_id: str = Field(min_length=1)


class GetEndpointMetricsHistoryRequest(generated.GetEndpointMetricsHistoryRequest):
    """``serving.get_endpoint_metrics_history``: one metric of an endpoint's containers over
    [from_date, to_date] (seconds) in ``interval``-second buckets (at least 40).
    Refines the catalog's ``GetEndpointMetricsHistoryRequest``: ``interval`` is at least 1."""

    interval: int = Field(ge=1)


REQUESTS: dict[str, type[BaseModel]] = {
    "serving.register_container": RegisterContainerRequest,
    "serving.unregister_container": UnregisterContainerRequest,
    "serving.container_status_report": ContainerStatusReportRequest,
    "serving.get_endpoints": generated.GetEndpointsRequest,
    "serving.get_loading_instances": generated.GetLoadingInstancesRequest,
    "serving.get_endpoint_details": generated.GetEndpointDetailsRequest,
    "serving.get_endpoint_metrics_history": GetEndpointMetricsHistoryRequest,
}

"""Requests of ClearML's ``serving`` service (API 2.31; answered by the queues process).

The generated models (``shared.schemas.generated.serving``) carry the catalog's fields; the
refinements here refuse empty ids and names and a registration ``timeout`` below one second
(the reference server stores the entry with that many seconds to live).
"""

from __future__ import annotations

from numbers import Number
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from shared.schemas.generated import serving as generated


def _number_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, Number) else value


# clearml-server's request class takes a number for ``input_size`` and keeps it as text
# (the catalog says string; clearml-serving's own tests send bytes as an integer).
InputSize = Annotated[str | None, BeforeValidator(_number_as_text)]


class RegisterContainerRequest(generated.RegisterContainerRequest):
    """``serving.register_container``: the container serves (or is loading, without
    ``endpoint_url``) ``model_name`` behind ``endpoint_name``; its entry lapses ``timeout``
    seconds (default 600) after its last registration or report.
    Refines the catalog's ``RegisterContainerRequest``: ``container_id``, ``endpoint_name`` and
    ``model_name`` must not be empty; ``timeout`` is at least 1."""

    container_id: str = Field(min_length=1)
    endpoint_name: str = Field(min_length=1)
    model_name: str = Field(min_length=1)
    input_size: InputSize = None
    timeout: int | None = Field(default=600, ge=1)


class ContainerStatusReportRequest(generated.ContainerStatusReportRequest):
    """``serving.container_status_report``: the container's current model, counters
    (``requests_num`` since start, ``requests_min``, ``latency_ms``, ``uptime_sec``) and
    ``machine_stats``; an unknown or lapsed container is registered first. Unlike a
    registration, a report needs an ``endpoint_url`` (400/12).
    Refines the catalog's ``ContainerStatusReportRequest``: ``container_id``, ``endpoint_name``
    and ``model_name`` must not be empty."""

    container_id: str = Field(min_length=1)
    endpoint_name: str = Field(min_length=1)
    model_name: str = Field(min_length=1)
    input_size: InputSize = None

    @model_validator(mode="after")
    def _needs_url(self) -> ContainerStatusReportRequest:
        if not self.endpoint_url:
            raise ValueError("Missing required field 'endpoint_url'")
        return self


class UnregisterContainerRequest(generated.UnregisterContainerRequest):
    """``serving.unregister_container``: an unknown container is not an error.
    Refines the catalog's ``UnregisterContainerRequest``: ``container_id`` must not be empty."""

    container_id: str = Field(min_length=1)


class GetEndpointMetricsHistoryRequest(generated.GetEndpointMetricsHistoryRequest):
    """``serving.get_endpoint_metrics_history``: one metric of an endpoint's containers over
    [from_date, to_date] (seconds, at least 0) in ``interval``-second buckets (at least 40).
    Refines the catalog's ``GetEndpointMetricsHistoryRequest``: ``from_date`` is at least 0;
    ``interval`` is at least 1; ``to_date`` is at least 0."""

    from_date: float = Field(ge=0)
    to_date: float = Field(ge=0)
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

"""ClearML service ``serving``: 5 seed definitions, 7 endpoints, 28 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/serving.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictModel, GeneratedStrictRequest
from shared.schemas.generated._common import MachineStats  # noqa: F401


class ContainerInfo(GeneratedModel):
    """From the seed ``serving.container_info``."""

    age_sec: int | None = Field(None, description='Amount of seconds since the container registration')
    endpoint: str | None = Field(None, description='Endpoint name')
    id: str | None = Field(None, description='Container ID')
    input_size: str | None = Field(None, description='Input size')
    input_type: str | None = Field(None, description='Input type')
    last_update: datetime | None = Field(None, description='The latest time when the container instance sent update')
    model: str | None = Field(None, description='Model name')
    model_source: str | None = Field(None, description='Model source')
    model_version: str | None = Field(None, description='Model version')
    preprocess_artifact: str | None = Field(None, description='Preprocess Artifact')
    uptime_sec: int | None = Field(None, description='Model instance uptime in seconds')
    url: str | None = Field(None, description='Model url')


class ContainerInstanceStatsReference(GeneratedModel):
    """From the seed ``serving.container_instance_stats/reference``."""

    type: Literal['app_id', 'app_instance', 'model', 'task', 'url'] = Field(..., description='The type of the reference item')
    value: str = Field(..., description='The reference item value')


class ContainerInstanceStats(GeneratedModel):
    """From the seed ``serving.container_instance_stats``."""

    cpu_count: int | None = Field(None, description='CPU Count')
    gpu_count: int | None = Field(None, description='GPU Count')
    id: str | None = Field(None, description='Container ID')
    last_update: datetime | None = Field(None, description='The latest time when the container instance sent update')
    latency_ms: int | None = Field(None, description='Average request latency in ms')
    reference: list[ContainerInstanceStatsReference] | None = Field(None, description='Array of reference items provided by the container instance. Can contain multiple reference items with the same type')
    requests: int | None = Field(None, description='Number of requests')
    requests_min: float | None = Field(None, description='Average requests per minute')
    uptime_sec: int | None = Field(None, description='Uptime in seconds')


class EndpointStats(GeneratedModel):
    """From the seed ``serving.endpoint_stats``."""

    endpoint: str | None = Field(None, description='Endpoint name')
    instances: int | None = Field(None, description='The number of model serving instances')
    last_update: datetime | None = Field(None, description='The latest time when one of the model instances was updated')
    latency_ms: int | None = Field(None, description='Average of latency of model instances in ms')
    model: str | None = Field(None, description='Model name')
    requests: int | None = Field(None, description='Total requests processed by model instances')
    requests_min: float | None = Field(None, description='Average of request rate of model instances per minute')
    uptime_sec: int | None = Field(None, description='Max of model instance uptime in seconds')
    url: str | None = Field(None, description='Model url')


class MetricsHistorySeries(GeneratedModel):
    """From the catalog definition ``serving.metrics_history_series``."""

    dates: list[int] | None = None
    title: str | None = None
    values: list[float] | None = None


class ReferenceItem(GeneratedModel):
    type: Literal['app_id', 'app_instance', 'model', 'task', 'url']
    value: str


# From the catalog definition ``serving.reference``.
Reference = list[ReferenceItem]


class ServingModelInfo(GeneratedModel):
    """From the catalog definition ``serving.serving_model_info``."""

    endpoint: str | None = None
    input_size: str | None = None
    input_type: str | None = None
    model: str | None = None
    model_source: str | None = None
    model_version: str | None = None
    preprocess_artifact: str | None = None
    url: str | None = None


class ServingModelReportReferenceItem(ReferenceItem):
    pass


class ServingModelReport(GeneratedModel):
    """From the catalog definition ``serving.serving_model_report``."""

    container_id: str
    endpoint_name: str
    endpoint_url: str | None = None
    input_size: str | None = None
    input_type: str | None = None
    model_name: str
    model_source: str | None = None
    model_version: str | None = None
    preprocess_artifact: str | None = None
    reference: list[ServingModelReportReferenceItem] | None = None


class ContainerStatusReportRequestReferenceItem(ReferenceItem):
    pass


class ContainerStatusReportRequest(GeneratedRequest):
    """``serving.container_status_report`` (API 2.31)."""

    container_id: str
    endpoint_name: str
    endpoint_url: str | None = None
    input_size: str | None = None
    input_type: str | None = None
    latency_ms: int | None = None
    machine_stats: MachineStats | None = None
    model_name: str
    model_source: str | None = None
    model_version: str | None = None
    preprocess_artifact: str | None = None
    reference: list[ContainerStatusReportRequestReferenceItem] | None = None
    requests_min: float | None = None
    requests_num: int | None = None
    uptime_sec: int | None = None


class ContainerStatusReportResponse(GeneratedStrictModel):
    """``serving.container_status_report`` (API 2.31)."""


class GetEndpointDetailsRequest(GeneratedRequest):
    """``serving.get_endpoint_details`` (API 2.31)."""

    endpoint_url: str


class GetEndpointDetailsResponse(GeneratedModel):
    """``serving.get_endpoint_details`` (API 2.31)."""

    endpoint: str | None = None
    input_size: str | None = None
    input_type: str | None = None
    instances: list[ContainerInstanceStats] | None = None
    last_update: datetime | None = None
    model: str | None = None
    model_source: str | None = None
    model_version: str | None = None
    preprocess_artifact: str | None = None
    uptime_sec: int | None = None
    url: str | None = None


class GetEndpointMetricsHistoryRequest(GeneratedRequest):
    """``serving.get_endpoint_metrics_history`` (API 2.31)."""

    endpoint_url: str
    from_date: float
    instance_charts: bool | None = True
    interval: int
    metric_type: Literal['requests', 'requests_min', 'latency_ms', 'cpu_count', 'gpu_count', 'cpu_util', 'gpu_util', 'ram_total', 'ram_used', 'ram_free', 'gpu_ram_total', 'gpu_ram_used', 'gpu_ram_free', 'network_rx', 'network_tx'] | None = 'requests'
    to_date: float


class GetEndpointMetricsHistoryResponseInstancesValue(MetricsHistorySeries):
    pass


class GetEndpointMetricsHistoryResponseTotal(MetricsHistorySeries):
    pass


class GetEndpointMetricsHistoryResponse(GeneratedModel):
    """``serving.get_endpoint_metrics_history`` (API 2.31)."""

    computed_interval: int | None = None
    instances: dict[str, GetEndpointMetricsHistoryResponseInstancesValue] | None = None
    total: GetEndpointMetricsHistoryResponseTotal | None = None


class GetEndpointsRequest(GeneratedStrictRequest):
    """``serving.get_endpoints`` (API 2.31)."""


class GetEndpointsResponse(GeneratedModel):
    """``serving.get_endpoints`` (API 2.31)."""

    endpoints: list[EndpointStats] | None = None


class GetLoadingInstancesRequest(GeneratedStrictRequest):
    """``serving.get_loading_instances`` (API 2.31)."""


class GetLoadingInstancesResponse(GeneratedModel):
    """``serving.get_loading_instances`` (API 2.31)."""

    instances: list[ContainerInfo] | None = None


class RegisterContainerRequestReferenceItem(ReferenceItem):
    pass


class RegisterContainerRequest(GeneratedRequest):
    """``serving.register_container`` (API 2.31)."""

    container_id: str
    endpoint_name: str
    endpoint_url: str | None = None
    input_size: str | None = None
    input_type: str | None = None
    model_name: str
    model_source: str | None = None
    model_version: str | None = None
    preprocess_artifact: str | None = None
    reference: list[RegisterContainerRequestReferenceItem] | None = None
    timeout: int | None = 600


class RegisterContainerResponse(GeneratedStrictModel):
    """``serving.register_container`` (API 2.31)."""


class UnregisterContainerRequest(GeneratedRequest):
    """``serving.unregister_container`` (API 2.31)."""

    container_id: str


class UnregisterContainerResponse(GeneratedStrictModel):
    """``serving.unregister_container`` (API 2.31)."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'serving.container_info': ContainerInfo,
    'serving.container_instance_stats': ContainerInstanceStats,
    'serving.container_instance_stats/reference': ContainerInstanceStatsReference,
    'serving.endpoint_stats': EndpointStats,
    'serving.machine_stats': MachineStats,
}

REQUESTS: dict[str, Any] = {
    'serving.container_status_report': ContainerStatusReportRequest,
    'serving.get_endpoint_details': GetEndpointDetailsRequest,
    'serving.get_endpoint_metrics_history': GetEndpointMetricsHistoryRequest,
    'serving.get_endpoints': GetEndpointsRequest,
    'serving.get_loading_instances': GetLoadingInstancesRequest,
    'serving.register_container': RegisterContainerRequest,
    'serving.unregister_container': UnregisterContainerRequest,
}

RESPONSES: dict[str, Any] = {
    'serving.container_status_report': ContainerStatusReportResponse,
    'serving.get_endpoint_details': GetEndpointDetailsResponse,
    'serving.get_endpoint_metrics_history': GetEndpointMetricsHistoryResponse,
    'serving.get_endpoints': GetEndpointsResponse,
    'serving.get_loading_instances': GetLoadingInstancesResponse,
    'serving.register_container': RegisterContainerResponse,
    'serving.unregister_container': UnregisterContainerResponse,
}

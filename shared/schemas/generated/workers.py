"""ClearML service ``workers``: 15 seed definitions, 19 endpoints, 94 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/workers.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field, RootModel

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import MachineStats, UnregisterResponse  # noqa: F401


class ActivitySeries(GeneratedModel):
    """From the seed ``workers.activity_series``."""

    counts: list[int] | None = Field(None, description='List of counts corresponding to the timestamps in the dates list.')
    dates: list[int] | None = Field(None, description='List of timestamps (in seconds from epoch) in the acceding order. The timestamps are separated by the requested interval.')


class AggregationType(str, Enum):
    """Metric aggregation type. From the seed ``workers.aggregation_type``."""

    avg = 'avg'
    min = 'min'
    max = 'max'


class MetricResourceSeries(GeneratedModel):
    """From the seed ``workers.metric_resource_series``."""

    name: str | None = Field(None, description='Resource name')
    values: list[float] | None = Field(None, description='List of values corresponding to the dates in metric statistics')


class AggregationStats(GeneratedModel):
    """From the seed ``workers.aggregation_stats``."""

    aggregation: AggregationType | None = None
    dates: list[int] | None = Field(None, description='List of timestamps (in seconds from epoch) in the acceding order. The timestamps are separated by the requested interval. Timestamps where no workers activity was recorded are omitted.')
    resource_series: list[MetricResourceSeries] | None = Field(None, description='Metric data per single resource. Return only if split_by_resource request parameter is set to True')
    values: list[float] | None = Field(None, description='List of values corresponding to the dates in metric statistics')


class CurrentTaskEntry(GeneratedModel):
    """From the seed ``workers.current_task_entry``."""

    id: str | None = Field(None, description='Worker ID')
    last_iteration: int | None = Field(None, description='Last task iteration')
    name: str | None = Field(None, description='Worker name')
    running_time: int | None = Field(None, description='Task running time')


class IdNameEntry(GeneratedModel):
    """From the seed ``workers.id_name_entry``."""

    id: str | None = Field(None, description='Worker ID')
    name: str | None = Field(None, description='Worker name')


class MetricStats(GeneratedModel):
    """From the seed ``workers.metric_stats``."""

    metric: str | None = Field(None, description='Name of the metric (cpu_usage, memory_used etc.)')
    stats: list[AggregationStats] | None = Field(None, description='Statistics data by type')
    variant: str | None = Field(None, description="Name of the metric component. Set only if 'split_by_variant' was set in the request")


class MetricsCategory(GeneratedModel):
    """From the seed ``workers.metrics_category``."""

    metric_keys: list[str] | None = Field(None, description='The names of the metrics in the category.')
    name: str | None = Field(None, description='Name of the metrics category.')


class QueueEntry(GeneratedModel):
    """From the seed ``workers.queue_entry``."""

    display_name: str | None = Field(None, description='Display name for the queue (if defined)')
    id: str | None = Field(None, description='Worker ID')
    name: str | None = Field(None, description='Worker name')
    next_task: IdNameEntry | None = Field(None, description='Next task in the queue')
    num_tasks: int | None = Field(None, description='Number of task entries in the queue')


class ResourceUsageSeries(GeneratedModel):
    """From the seed ``workers.resource_usage_series``."""

    dates: list[int] | None = Field(None, description='List of timestamps (in seconds from epoch) in the acceding order. The timestamps are separated by the requested interval.')
    title: str | None = Field(None, description='The title of the series')
    values: list[float] | None = Field(None, description='List of values corresponding to the timestamps in the dates list.')


class StatItem(GeneratedModel):
    """From the seed ``workers.stat_item``."""

    category: AggregationType | None = None
    key: Literal['cpu_usage', 'cpu_temperature', 'memory_used', 'memory_free', 'gpu_usage', 'gpu_temperature', 'gpu_fraction', 'gpu_memory_free', 'gpu_memory_used', 'network_tx', 'network_rx', 'disk_free_home', 'disk_free_temp', 'disk_read', 'disk_write'] | None = Field(None, description='Name of a metric')


class Worker(GeneratedModel):
    """From the seed ``workers.worker``."""

    company: IdNameEntry | None = Field(None, description='Associated company')
    id: str | None = Field(None, description='Worker ID')
    ip: str | None = Field(None, description='IP of the worker')
    key: str | None = Field(None, description='Worker entry key')
    last_activity_time: datetime | None = Field(None, description='Last activity time (even if an error occurred)')
    last_report_time: datetime | None = Field(None, description='Last successful report time')
    project: IdNameEntry | None = Field(None, description='Project in which currently executing task resides')
    queue: QueueEntry | None = Field(None, description='Queue from which running task was taken')
    queues: list[QueueEntry] | None = Field(None, description='List of queues on which the worker is listening')
    register_time: datetime | None = Field(None, description='Registration time')
    system_tags: list[str] | None = Field(None, description='System tags for the worker')
    tags: list[str] | None = Field(None, description='User tags for the worker')
    task: CurrentTaskEntry | None = Field(None, description='Task currently being run by the worker')
    user: IdNameEntry | None = Field(None, description='Associated user (under whose credentials are used by the worker daemon)')


class WorkerStats(GeneratedModel):
    """From the seed ``workers.worker_stats``."""

    metrics: list[MetricStats] | None = Field(None, description='List of the metrics statistics for the worker')
    worker: str | None = Field(None, description='ID of the worker')


class WorkerV15(GeneratedModel):
    """From the seed ``workers.worker_v1_5``."""

    company: IdNameEntry | None = Field(None, description='Associated company')
    id: str | None = Field(None, description='Worker ID')
    ip: str | None = Field(None, description='IP of the worker')
    last_activity_time: datetime | None = Field(None, description='Last activity time (even if an error occurred)')
    last_report_time: datetime | None = Field(None, description='Last successful report time')
    queue: str | None = Field(None, description='ID of the queue from which task was received')
    queues: list[str] | None = Field(None, description='List of queue IDs on which the worker is listening')
    register_time: datetime | None = Field(None, description='Registration time')
    task: IdNameEntry | None = Field(None, description='Task currently being run by the worker')
    user: IdNameEntry | None = Field(None, description='Associated user (under whose credentials are used by the worker daemon)')


class WorkerStatKey(str, Enum):
    """From the catalog definition ``workers.worker_stat_key``."""

    cpu_usage = 'cpu_usage'
    cpu_temperature = 'cpu_temperature'
    memory_used = 'memory_used'
    memory_free = 'memory_free'
    gpu_usage = 'gpu_usage'
    gpu_temperature = 'gpu_temperature'
    gpu_fraction = 'gpu_fraction'
    gpu_memory_free = 'gpu_memory_free'
    gpu_memory_used = 'gpu_memory_used'
    network_tx = 'network_tx'
    network_rx = 'network_rx'
    disk_free_home = 'disk_free_home'
    disk_free_temp = 'disk_free_temp'
    disk_read = 'disk_read'
    disk_write = 'disk_write'


class GetActivityReportRequest(GeneratedRequest):
    """``workers.get_activity_report`` (API 2.4)."""

    from_date: float
    interval: int
    to_date: float


class GetActivityReportResponse(GeneratedModel):
    """``workers.get_activity_report`` (API 2.4)."""

    active: ActivitySeries | None = None
    total: ActivitySeries | None = None


class GetAllRequest(GeneratedRequest):
    """``workers.get_all`` (API 2.4 to 2.30)."""

    last_seen: int | None = 3600
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    worker_pattern: str | None = None


class GetAllResponse(GeneratedModel):
    """``workers.get_all`` (API 2.4 to 2.30)."""

    workers: list[Worker] | None = None


class GetCountRequest(GeneratedRequest):
    """``workers.get_count`` (API 2.26 to 2.30)."""

    last_seen: int | None = 0
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    worker_pattern: str | None = None


class GetCountResponse(GeneratedModel):
    """``workers.get_count`` (API 2.26 to 2.30)."""

    count: int | None = None


class GetMetricKeysRequest(GeneratedRequest):
    """``workers.get_metric_keys`` (API 2.4)."""

    worker_ids: list[str] | None = None


class GetMetricKeysResponse(GeneratedModel):
    """``workers.get_metric_keys`` (API 2.4)."""

    categories: list[MetricsCategory] | None = None


class GetStatsRequest(GeneratedRequest):
    """``workers.get_stats`` (API 2.4 to 2.32)."""

    from_date: float
    interval: int
    items: list[StatItem]
    split_by_resource: bool | None = False
    split_by_variant: bool | None = False
    to_date: float
    worker_ids: list[str] | None = None


class GetStatsResponse(GeneratedModel):
    """``workers.get_stats`` (API 2.4 to 2.32)."""

    workers: list[WorkerStats] | None = None


class RegisterRequestResources(GeneratedModel):
    cpu_usage: float | None = None
    gpu_usage: float | None = None


class RegisterRequest(GeneratedRequest):
    """``workers.register`` (API 2.4 to 2.34)."""

    queues: list[str] | None = None
    resources: RegisterRequestResources | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    timeout: int | None = 600
    worker: str


class RegisterResponse(GeneratedModel):
    """``workers.register`` (API 2.4 to 2.34)."""


class StatusReportRequest(GeneratedRequest):
    """``workers.status_report`` (API 2.4 to 2.22)."""

    machine_stats: MachineStats | None = None
    queue: str | None = None
    queues: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str | None = None
    timestamp: int
    worker: str


class StatusReportResponse(GeneratedModel):
    """``workers.status_report`` (API 2.4 to 2.22)."""


class UnregisterRequest(GeneratedRequest):
    """``workers.unregister`` (API 2.4)."""

    worker: str


class ClusterReportRequestProperties(GeneratedModel):
    max_cpus: float | None = None
    max_gpus: float | None = None


class ClusterReportRequest(GeneratedRequest):
    """``workers.cluster_report``."""

    key: str
    partial: bool | None = False
    properties: ClusterReportRequestProperties | None = None
    resource_groups: list[str] | None = None
    timeout: int | None = None
    timestamp: int
    worker: str | None = None


class ClusterReportResponse(GeneratedModel):
    """``workers.cluster_report``."""


class ClusterUnregisterRequest(GeneratedRequest):
    """``workers.cluster_unregister``."""

    key: str
    partial: bool | None = False
    worker: str | None = None


class ClusterUnregisterResponse(GeneratedModel):
    """``workers.cluster_unregister``."""

    unregistered: int | None = None


class DownloadEventsLogRequest(GeneratedRequest):
    """``workers.download_events_log``."""

    max_age_days: int | None = None


class DownloadEventsLogResponse(RootModel[str]):
    """``workers.download_events_log``."""


class GetResourceHistoryRequest(GeneratedRequest):
    """``workers.get_resource_history``."""

    category: str | None = None
    from_date: float
    interval: int
    resource_group: str | None = None
    resource_type: Literal['computation_count', 'computation_util', 'memory', 'storage', 'network'] | None = 'computation_count'
    to_date: float


class GetResourceHistoryResponse(GeneratedModel):
    """``workers.get_resource_history``."""

    avg_cpu_load: ResourceUsageSeries | None = None
    avg_gpu_util: ResourceUsageSeries | None = None
    computed_interval: int | None = None
    cpu_count: ResourceUsageSeries | None = None
    cpu_idle_count: ResourceUsageSeries | None = None
    cpu_max_allowed: ResourceUsageSeries | None = None
    gpu_count: ResourceUsageSeries | None = None
    gpu_idle_count: ResourceUsageSeries | None = None
    gpu_max_allowed: ResourceUsageSeries | None = None
    gpu_ram_free: ResourceUsageSeries | None = None
    gpu_ram_total: ResourceUsageSeries | None = None
    home_free: ResourceUsageSeries | None = None
    network_rx: ResourceUsageSeries | None = None
    network_tx: ResourceUsageSeries | None = None
    ram_free: ResourceUsageSeries | None = None
    ram_total: ResourceUsageSeries | None = None
    worker_count: ResourceUsageSeries | None = None
    worker_max_allowed: ResourceUsageSeries | None = None


class GetResourceThresholdsRequest(GeneratedRequest):
    """``workers.get_resource_thresholds``."""


class GetResourceThresholdsResponse(GeneratedModel):
    """``workers.get_resource_thresholds``."""

    cpu_load: float | None = None
    gpu_util: float | None = None
    home_free: float | None = None
    last_update: int | None = None
    ram_free: float | None = None
    updated_by: str | None = None


class GetResourceUsagesRequestFiltersValue(GeneratedModel):
    allowed_values: list[str] | None = None
    max_value: float | None = None
    min_value: float | None = None


class GetResourceUsagesRequest(GeneratedRequest):
    """``workers.get_resource_usages``."""

    events_from_date: float | None = None
    expand_groups: list[str] | None = None
    filters: dict[str, GetResourceUsagesRequestFiltersValue] | None = None
    last_events: int | None = None


class GetResourceUsagesResponseCategoriesItemCpus(GeneratedModel):
    idle: int | None = None
    max_allowed: float | None = None
    total: int | None = None


class GetResourceUsagesResponseCategoriesItemGpus(GetResourceUsagesResponseCategoriesItemCpus):
    pass


class GetResourceUsagesResponseCategoriesItemWorkers(GetResourceUsagesResponseCategoriesItemCpus):
    pass


class GetResourceUsagesResponseCategoriesItem(GeneratedModel):
    cpus: GetResourceUsagesResponseCategoriesItemCpus | None = None
    gpus: GetResourceUsagesResponseCategoriesItemGpus | None = None
    key: str | None = None
    workers: GetResourceUsagesResponseCategoriesItemWorkers | None = None


class GetResourceUsagesResponseEventsItemValue(GeneratedModel):
    event_type: Literal['registered', 'unregistered', 'idle', 'busy'] | None = None
    msg: str | None = None
    resource_group: str | None = None
    timestamp: str | None = None
    worker: str | None = None
    worker_category: str | None = None


class GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad(GeneratedModel):
    alarm: int | None = None
    value: float | None = None


class GetResourceUsagesResponseResourceGroupsItemAvgGpuUtil(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemCpuCount(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemGpuCount(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemGpuRamFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemGpuRamTotal(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemHomeFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemIdleTime(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemNetworkRx(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemNetworkTx(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemRamFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemRamTotal(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkerCount(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemAvgCpuLoad(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemAvgGpuUtil(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemCpuCount(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuCount(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuRamFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuRamTotal(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemHomeFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemIdleTime(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemNetworkRx(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemNetworkTx(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemRamFree(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItemRamTotal(GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad):
    pass


class GetResourceUsagesResponseResourceGroupsItemWorkersItem(GeneratedModel):
    avg_cpu_load: GetResourceUsagesResponseResourceGroupsItemWorkersItemAvgCpuLoad | None = None
    avg_gpu_util: GetResourceUsagesResponseResourceGroupsItemWorkersItemAvgGpuUtil | None = None
    cpu_count: GetResourceUsagesResponseResourceGroupsItemWorkersItemCpuCount | None = None
    gpu_count: GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuCount | None = None
    gpu_ram_free: GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuRamFree | None = None
    gpu_ram_total: GetResourceUsagesResponseResourceGroupsItemWorkersItemGpuRamTotal | None = None
    home_free: GetResourceUsagesResponseResourceGroupsItemWorkersItemHomeFree | None = None
    id: str | None = None
    idle_time: GetResourceUsagesResponseResourceGroupsItemWorkersItemIdleTime | None = None
    key: str | None = None
    network_rx: GetResourceUsagesResponseResourceGroupsItemWorkersItemNetworkRx | None = None
    network_tx: GetResourceUsagesResponseResourceGroupsItemWorkersItemNetworkTx | None = None
    ram_free: GetResourceUsagesResponseResourceGroupsItemWorkersItemRamFree | None = None
    ram_total: GetResourceUsagesResponseResourceGroupsItemWorkersItemRamTotal | None = None


class GetResourceUsagesResponseResourceGroupsItem(GeneratedModel):
    avg_cpu_load: GetResourceUsagesResponseResourceGroupsItemAvgCpuLoad | None = None
    avg_gpu_util: GetResourceUsagesResponseResourceGroupsItemAvgGpuUtil | None = None
    cpu_count: GetResourceUsagesResponseResourceGroupsItemCpuCount | None = None
    gpu_count: GetResourceUsagesResponseResourceGroupsItemGpuCount | None = None
    gpu_ram_free: GetResourceUsagesResponseResourceGroupsItemGpuRamFree | None = None
    gpu_ram_total: GetResourceUsagesResponseResourceGroupsItemGpuRamTotal | None = None
    home_free: GetResourceUsagesResponseResourceGroupsItemHomeFree | None = None
    idle_time: GetResourceUsagesResponseResourceGroupsItemIdleTime | None = None
    key: str | None = None
    network_rx: GetResourceUsagesResponseResourceGroupsItemNetworkRx | None = None
    network_tx: GetResourceUsagesResponseResourceGroupsItemNetworkTx | None = None
    ram_free: GetResourceUsagesResponseResourceGroupsItemRamFree | None = None
    ram_total: GetResourceUsagesResponseResourceGroupsItemRamTotal | None = None
    worker_count: GetResourceUsagesResponseResourceGroupsItemWorkerCount | None = None
    workers: list[GetResourceUsagesResponseResourceGroupsItemWorkersItem] | None = None


class GetResourceUsagesResponseSettings(GeneratedModel):
    used_cpu_threshold_percentage: int | None = None
    used_gpu_threshold_percentage: int | None = None


class GetResourceUsagesResponseTotalCpus(GetResourceUsagesResponseCategoriesItemCpus):
    pass


class GetResourceUsagesResponseTotalGpus(GetResourceUsagesResponseCategoriesItemCpus):
    pass


class GetResourceUsagesResponseTotalWorkers(GetResourceUsagesResponseCategoriesItemCpus):
    pass


class GetResourceUsagesResponseTotal(GeneratedModel):
    cpus: GetResourceUsagesResponseTotalCpus | None = None
    gpus: GetResourceUsagesResponseTotalGpus | None = None
    workers: GetResourceUsagesResponseTotalWorkers | None = None


class GetResourceUsagesResponse(GeneratedModel):
    """``workers.get_resource_usages``."""

    categories: list[GetResourceUsagesResponseCategoriesItem] | None = None
    events: list[dict[str, GetResourceUsagesResponseEventsItemValue]] | None = None
    resource_groups: list[GetResourceUsagesResponseResourceGroupsItem] | None = None
    settings: GetResourceUsagesResponseSettings | None = None
    total: GetResourceUsagesResponseTotal | None = None


class GetRuntimePropertiesRequest(UnregisterRequest):
    """``workers.get_runtime_properties``."""


class GetRuntimePropertiesResponseRuntimePropertiesItem(GeneratedModel):
    expiry: int | None = None
    key: str | None = None
    value: str | None = None


class GetRuntimePropertiesResponse(GeneratedModel):
    """``workers.get_runtime_properties``."""

    runtime_properties: list[GetRuntimePropertiesResponseRuntimePropertiesItem] | None = None


class ListenerReportRequest(GeneratedRequest):
    """``workers.listener_report``."""

    id: str
    name: str | None = None
    queues: list[str] | None = None
    timeout: int | None = None
    type: str | None = None


class ListenerReportResponse(GeneratedModel):
    """``workers.listener_report``."""


class ListenerUnregisterRequest(GeneratedRequest):
    """``workers.listener_unregister``."""

    id: str


class ListenerUnregisterResponse(GeneratedModel):
    """``workers.listener_unregister``."""


class SetResourceThresholdsRequest(GeneratedRequest):
    """``workers.set_resource_thresholds``."""

    cpu_load: float | None = None
    gpu_util: float | None = None
    home_free: float | None = None
    ram_free: float | None = None


class SetResourceThresholdsResponse(GeneratedModel):
    """``workers.set_resource_thresholds``."""

    updated: int | None = None


class SetRuntimePropertiesRequestRuntimePropertiesItem(GetRuntimePropertiesResponseRuntimePropertiesItem):
    pass


class SetRuntimePropertiesRequest(GeneratedRequest):
    """``workers.set_runtime_properties``."""

    runtime_properties: list[SetRuntimePropertiesRequestRuntimePropertiesItem]
    worker: str


class SetRuntimePropertiesResponse(GeneratedModel):
    """``workers.set_runtime_properties``."""

    added: list[str] | None = None
    errors: list[str] | None = None
    removed: list[str] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'workers.activity_series': ActivitySeries,
    'workers.aggregation_stats': AggregationStats,
    'workers.aggregation_type': AggregationType,
    'workers.current_task_entry': CurrentTaskEntry,
    'workers.id_name_entry': IdNameEntry,
    'workers.machine_stats': MachineStats,
    'workers.metric_resource_series': MetricResourceSeries,
    'workers.metric_stats': MetricStats,
    'workers.metrics_category': MetricsCategory,
    'workers.queue_entry': QueueEntry,
    'workers.resource_usage_series': ResourceUsageSeries,
    'workers.stat_item': StatItem,
    'workers.worker': Worker,
    'workers.worker_stats': WorkerStats,
    'workers.worker_v1_5': WorkerV15,
}

REQUESTS: dict[str, Any] = {
    'workers.get_activity_report': GetActivityReportRequest,
    'workers.get_all': GetAllRequest,
    'workers.get_count': GetCountRequest,
    'workers.get_metric_keys': GetMetricKeysRequest,
    'workers.get_stats': GetStatsRequest,
    'workers.register': RegisterRequest,
    'workers.status_report': StatusReportRequest,
    'workers.unregister': UnregisterRequest,
    'workers.cluster_report': ClusterReportRequest,
    'workers.cluster_unregister': ClusterUnregisterRequest,
    'workers.download_events_log': DownloadEventsLogRequest,
    'workers.get_resource_history': GetResourceHistoryRequest,
    'workers.get_resource_thresholds': GetResourceThresholdsRequest,
    'workers.get_resource_usages': GetResourceUsagesRequest,
    'workers.get_runtime_properties': GetRuntimePropertiesRequest,
    'workers.listener_report': ListenerReportRequest,
    'workers.listener_unregister': ListenerUnregisterRequest,
    'workers.set_resource_thresholds': SetResourceThresholdsRequest,
    'workers.set_runtime_properties': SetRuntimePropertiesRequest,
}

RESPONSES: dict[str, Any] = {
    'workers.get_activity_report': GetActivityReportResponse,
    'workers.get_all': GetAllResponse,
    'workers.get_count': GetCountResponse,
    'workers.get_metric_keys': GetMetricKeysResponse,
    'workers.get_stats': GetStatsResponse,
    'workers.register': RegisterResponse,
    'workers.status_report': StatusReportResponse,
    'workers.unregister': UnregisterResponse,
    'workers.cluster_report': ClusterReportResponse,
    'workers.cluster_unregister': ClusterUnregisterResponse,
    'workers.download_events_log': DownloadEventsLogResponse,
    'workers.get_resource_history': GetResourceHistoryResponse,
    'workers.get_resource_thresholds': GetResourceThresholdsResponse,
    'workers.get_resource_usages': GetResourceUsagesResponse,
    'workers.get_runtime_properties': GetRuntimePropertiesResponse,
    'workers.listener_report': ListenerReportResponse,
    'workers.listener_unregister': ListenerUnregisterResponse,
    'workers.set_resource_thresholds': SetResourceThresholdsResponse,
    'workers.set_runtime_properties': SetRuntimePropertiesResponse,
}

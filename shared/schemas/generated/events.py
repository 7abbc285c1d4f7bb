"""ClearML service ``events``: 22 seed definitions, 28 endpoints, 71 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/events.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import Field, RootModel

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictModel
from shared.schemas.generated._common import DebugImagesResponseTaskMetrics, DebugImagesResponseTaskMetricsIterations, MetricVariants, ScalarKeyEnum, SingleValueTaskMetrics, SingleValueTaskMetricsValues  # noqa: F401


class DebugImageSampleResponse(GeneratedModel):
    """From the seed ``events.debug_image_sample_response``."""

    event: dict[str, Any] | None = Field(None, description='Debug image event')
    max_iteration: int | None = Field(None, description='maximal valid iteration for the variant')
    min_iteration: int | None = Field(None, description='minimal valid iteration for the variant')
    scroll_id: str | None = Field(None, description='Scroll ID to pass to the next calls to get_debug_image_sample or next_debug_image_sample')


class DebugImagesResponse(GeneratedModel):
    """From the seed ``events.debug_images_response``."""

    metrics: list[DebugImagesResponseTaskMetrics] | None = Field(None, description='Debug image events grouped by tasks and iterations')
    scroll_id: str | None = Field(None, description='Scroll ID for getting more results')


class EventTypeEnum(str, Enum):
    """From the seed ``events.event_type_enum``."""

    training_stats_scalar = 'training_stats_scalar'
    training_stats_vector = 'training_stats_vector'
    training_debug_image = 'training_debug_image'
    plot = 'plot'
    log = 'log'


class LogLevelEnum(str, Enum):
    """From the seed ``events.log_level_enum``."""

    notset = 'notset'
    debug = 'debug'
    verbose = 'verbose'
    info = 'info'
    warn = 'warn'
    warning = 'warning'
    error = 'error'
    fatal = 'fatal'
    critical = 'critical'


class MetricsImageEvent(GeneratedModel):
    """An image or video was dumped to storage for debugging. From the seed ``events.metrics_image_event``."""

    iter: int | None = Field(None, description='Iteration')
    key: str | None = Field(None, description='File key')
    metric: str | None = Field(None, description="Metric name, e.g. 'count', 'loss', 'accuracy'")
    task: str = Field(..., description='Task ID (required)')
    timestamp: float | None = Field(None, description='Epoch milliseconds UTC, will be set by the server if not set.')
    type: str = Field(..., description="'training_debug_image'")
    url: str | None = Field(None, description='File URL')
    variant: str | None = Field(None, description="E.g. 'class_1', 'total', 'average")


class MetricsPlotEvent(GeneratedModel):
    """An entire plot (not single datapoint) and it's layout. Used for plotting ROC curves, confidence matrices, etc. when evaluating the net. From the seed ``events.metrics_plot_event``."""

    iter: int | None = Field(None, description='Iteration')
    metric: str | None = Field(None, description="Metric name, e.g. 'count', 'loss', 'accuracy'")
    plot_str: str | None = Field(None, description="An entire plot (not single datapoint) and it's layout. Used for plotting ROC curves, confidence matrices, etc. when evaluating the net.")
    skip_validation: bool | None = Field(None, description='If set then plot_str is not checked for a valid json. The default is False')
    task: str = Field(..., description='Task ID (required)')
    timestamp: float | None = Field(None, description='Epoch milliseconds UTC, will be set by the server if not set.')
    type: str = Field(..., description="'plot'")
    variant: str | None = Field(None, description="E.g. 'class_1', 'total', 'average")


class MetricsScalarEvent(GeneratedModel):
    """Used for reporting scalar metrics during training task. From the seed ``events.metrics_scalar_event``."""

    iter: int | None = Field(None, description='Iteration')
    metric: str | None = Field(None, description="Metric name, e.g. 'count', 'loss', 'accuracy'")
    task: str = Field(..., description='Task ID (required)')
    timestamp: float | None = Field(None, description='Epoch milliseconds UTC, will be set by the server if not set.')
    type: str = Field(..., description="'training_stats_scalar'")
    value: float | None = None
    variant: str | None = Field(None, description="E.g. 'class_1', 'total', 'average'")
    x_axis_label: str | None = Field(None, description='Custom X-Axis label to be used when displaying the scalars histogram')


class MetricsVectorEvent(GeneratedModel):
    """Used for reporting vector metrics during training task. From the seed ``events.metrics_vector_event``."""

    iter: int | None = Field(None, description='Iteration')
    metric: str | None = Field(None, description="Metric name, e.g. 'count', 'loss', 'accuracy'")
    task: str = Field(..., description='Task ID (required)')
    timestamp: float | None = Field(None, description='Epoch milliseconds UTC, will be set by the server if not set.')
    type: str | None = Field(None, description="'training_stats_vector'")
    values: list[float] | None = Field(None, description='vector of float values')
    variant: str | None = Field(None, description="E.g. 'class_1', 'total', 'average")


class PlotSampleResponse(GeneratedModel):
    """From the seed ``events.plot_sample_response``."""

    events: list[dict[str, Any]] | None = Field(None, description='Plot events')
    max_iteration: int | None = Field(None, description='maximal valid iteration for the metric')
    min_iteration: int | None = Field(None, description='minimal valid iteration for the metric')
    scroll_id: str | None = Field(None, description='Scroll ID to pass to the next calls to get_plot_sample or next_plot_sample')


class PlotsResponseTaskMetricsIterations(GeneratedModel):
    """From the seed ``events.plots_response_task_metrics/iterations``."""

    events: list[dict[str, Any]] | None = None
    iter: int | None = Field(None, description='Iteration number')


class PlotsResponseTaskMetrics(GeneratedModel):
    """From the seed ``events.plots_response_task_metrics``."""

    iterations: list[PlotsResponseTaskMetricsIterations] | None = None
    task: str | None = Field(None, description='Task ID')


class PlotsResponse(GeneratedModel):
    """From the seed ``events.plots_response``."""

    metrics: list[PlotsResponseTaskMetrics] | None = Field(None, description='Plot events grouped by tasks and iterations')
    scroll_id: str | None = Field(None, description='Scroll ID for getting more results')


class SingleValueMetricsResponse(GeneratedModel):
    """From the seed ``events.single_value_metrics_response``."""

    tasks: list[SingleValueTaskMetrics] | None = Field(None, description='Single value metrics grouped by task')


class TaskLogEvent(GeneratedModel):
    """A log event associated with a task. From the seed ``events.task_log_event``."""

    level: LogLevelEnum | None = Field(None, description='Log level.')
    msg: str | None = Field(None, description='Log message.')
    task: str = Field(..., description='Task ID (required)')
    timestamp: float | None = Field(None, description='Epoch milliseconds UTC, will be set by the server if not set.')
    type: str = Field(..., description="'log'")
    worker: str | None = Field(None, description='Name of machine running the task.')


class TaskMetric(GeneratedModel):
    """From the seed ``events.task_metric``."""

    metric: str | None = Field(None, description='Metric name')
    task: str = Field(..., description='Task ID')


class TaskMetricVariants(GeneratedModel):
    """From the seed ``events.task_metric_variants``."""

    metric: str | None = Field(None, description='Metric name')
    task: str = Field(..., description='Task ID')
    variants: list[str] | None = Field(None, description='Metric variant names')


class AddRequestMetricsScalarEvent(MetricsScalarEvent):
    allow_locked: bool | None = False
    model_event: bool | None = False


class AddRequestMetricsVectorEvent(MetricsVectorEvent):
    allow_locked: bool | None = False
    model_event: bool | None = False


class AddRequestMetricsImageEvent(MetricsImageEvent):
    allow_locked: bool | None = False
    model_event: bool | None = False


class AddRequestMetricsPlotEvent(MetricsPlotEvent):
    allow_locked: bool | None = False
    model_event: bool | None = False


class AddRequestTaskLogEvent(TaskLogEvent):
    allow_locked: bool | None = False
    model_event: bool | None = False


class AddRequest(RootModel[AddRequestMetricsScalarEvent | AddRequestMetricsVectorEvent | AddRequestMetricsImageEvent | AddRequestMetricsPlotEvent | AddRequestTaskLogEvent]):
    """``events.add`` (API 2.1 to 2.22)."""


class AddResponse(GeneratedModel):
    """``events.add`` (API 2.1 to 2.22)."""


class ClearScrollRequest(GeneratedRequest):
    """``events.clear_scroll`` (API 2.18)."""

    scroll_id: str


class ClearScrollResponse(GeneratedStrictModel):
    """``events.clear_scroll`` (API 2.18)."""


class ClearTaskLogRequest(GeneratedRequest):
    """``events.clear_task_log`` (API 2.19 to 2.30)."""

    allow_locked: bool | None = False
    exclude_metrics: list[str] | None = None
    include_metrics: list[str] | None = None
    task: str
    threshold_sec: int | None = None


class ClearTaskLogResponse(GeneratedModel):
    """``events.clear_task_log`` (API 2.19 to 2.30)."""

    deleted: int | None = None


class DebugImagesRequest(GeneratedRequest):
    """``events.debug_images`` (API 2.1 to 2.22)."""

    iters: int | None = None
    metrics: list[TaskMetricVariants]
    model_events: bool | None = False
    navigate_earlier: bool | None = None
    refresh: bool | None = None
    scroll_id: str | None = None


class DeleteForModelRequest(GeneratedRequest):
    """``events.delete_for_model`` (API 2.22)."""

    allow_locked: bool | None = False
    model: str


class DeleteForModelResponse(GeneratedModel):
    """``events.delete_for_model`` (API 2.22)."""

    deleted: bool | None = None


class DeleteForTaskRequest(GeneratedRequest):
    """``events.delete_for_task`` (API 2.1)."""

    allow_locked: bool | None = False
    task: str


class DeleteForTaskResponse(DeleteForModelResponse):
    """``events.delete_for_task`` (API 2.1)."""


class DownloadTaskLogRequest(GeneratedRequest):
    """``events.download_task_log`` (API 2.1)."""

    line_format: str | None = '{asctime} {worker} {level} {msg}'
    line_type: Literal['json', 'text'] | None = None
    task: str


class DownloadTaskLogResponse(RootModel[str]):
    """``events.download_task_log`` (API 2.1)."""


class GetDebugImageSampleRequest(GeneratedRequest):
    """``events.get_debug_image_sample`` (API 2.12 to 2.22)."""

    iteration: int | None = None
    metric: str
    model_events: bool | None = False
    navigate_current_metric: bool | None = True
    refresh: bool | None = None
    scroll_id: str | None = None
    task: str
    variant: str


class GetMultiTaskMetricsRequest(GeneratedRequest):
    """``events.get_multi_task_metrics`` (API 2.28)."""

    event_type: EventTypeEnum | None = None
    model_events: bool | None = False
    tasks: list[str]


class GetMultiTaskMetricsResponse(GeneratedModel):
    """``events.get_multi_task_metrics`` (API 2.28)."""

    metrics: list[MetricVariants] | None = None


class GetMultiTaskPlotsRequest(GeneratedRequest):
    """``events.get_multi_task_plots`` (API 2.1 to 2.28)."""

    iters: int | None = None
    last_iters_per_task_metric: bool | None = True
    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    no_scroll: bool | None = False
    scroll_id: str | None = None
    tasks: list[str]


class GetMultiTaskPlotsResponse(GeneratedModel):
    """``events.get_multi_task_plots`` (API 2.1 to 2.28)."""

    plots: dict[str, Any] | None = None
    returned: int | None = None
    scroll_id: str | None = None
    total: float | None = None


class GetPlotSampleRequest(GeneratedRequest):
    """``events.get_plot_sample`` (API 2.20 to 2.22)."""

    iteration: int | None = None
    metric: str
    model_events: bool | None = False
    navigate_current_metric: bool | None = True
    refresh: bool | None = None
    scroll_id: str | None = None
    task: str


class GetScalarMetricDataRequest(GeneratedRequest):
    """``events.get_scalar_metric_data`` (API 2.1 to 2.22)."""

    metric: str | None = None
    model_events: bool | None = False
    no_scroll: bool | None = False
    scroll_id: str | None = None
    task: str | None = None


class GetScalarMetricDataResponse(GeneratedModel):
    """``events.get_scalar_metric_data`` (API 2.1 to 2.22)."""

    events: list[dict[str, Any]] | None = None
    returned: int | None = None
    scroll_id: str | None = None
    total: int | None = None


class GetScalarMetricsAndVariantsRequest(GeneratedRequest):
    """``events.get_scalar_metrics_and_variants`` (API 2.1 to 2.22)."""

    model_events: bool | None = False
    task: str


class GetScalarMetricsAndVariantsResponse(GeneratedModel):
    """``events.get_scalar_metrics_and_variants`` (API 2.1 to 2.22)."""

    metrics: dict[str, Any] | None = None


class GetTaskEventsRequest(GeneratedRequest):
    """``events.get_task_events`` (API 2.1 to 2.22)."""

    batch_size: int | None = None
    event_type: str | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    order: Literal['asc', 'desc'] | None = None
    scroll_id: str | None = None
    task: str


class GetTaskEventsResponse(GeneratedModel):
    """``events.get_task_events`` (API 2.1 to 2.22)."""

    events: list[dict[str, Any]] | None = None
    returned: int | None = None
    scroll_id: str | None = None
    total: float | None = None


class GetTaskLatestScalarValuesRequest(GeneratedRequest):
    """``events.get_task_latest_scalar_values`` (API 2.1)."""

    task: str


class GetTaskLatestScalarValuesResponseMetricsItemVariantsItem(GeneratedModel):
    last_100_value: float | None = None
    last_value: float | None = None
    name: str | None = None


class GetTaskLatestScalarValuesResponseMetricsItem(GeneratedModel):
    name: str | None = None
    variants: list[GetTaskLatestScalarValuesResponseMetricsItemVariantsItem] | None = None


class GetTaskLatestScalarValuesResponse(GeneratedModel):
    """``events.get_task_latest_scalar_values`` (API 2.1)."""

    metrics: list[GetTaskLatestScalarValuesResponseMetricsItem] | None = None


class GetTaskLogRequest(GeneratedRequest):
    """``events.get_task_log`` (API 1.5 to 2.30)."""

    batch_size: int | None = None
    from_timestamp: float | None = None
    navigate_earlier: bool | None = None
    order: Literal['asc', 'desc'] | None = None
    task: str


class GetTaskLogResponse(GeneratedModel):
    """``events.get_task_log`` (API 1.5 to 2.30)."""

    events: list[dict[str, Any]] | None = None
    returned: int | None = None
    total: float | None = None


class GetTaskMetricsRequest(GetMultiTaskMetricsRequest):
    """``events.get_task_metrics`` (API 2.7 to 2.22)."""


class GetTaskMetricsResponse(GeneratedModel):
    """``events.get_task_metrics`` (API 2.7 to 2.22)."""

    metrics: list[dict[str, Any]] | None = None


class GetTaskPlotsRequest(GeneratedRequest):
    """``events.get_task_plots`` (API 2.1 to 2.22)."""

    iters: int | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    no_scroll: bool | None = False
    scroll_id: str | None = None
    task: str


class GetTaskPlotsResponse(GeneratedModel):
    """``events.get_task_plots`` (API 2.1 to 2.22)."""

    plots: list[dict[str, Any]] | None = None
    returned: int | None = None
    scroll_id: str | None = None
    total: float | None = None


class GetTaskSingleValueMetricsRequest(GeneratedRequest):
    """``events.get_task_single_value_metrics`` (API 2.20 to 2.28)."""

    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    tasks: list[str]


class GetVectorMetricsAndVariantsRequest(GetScalarMetricsAndVariantsRequest):
    """``events.get_vector_metrics_and_variants`` (API 2.1 to 2.22)."""


class GetVectorMetricsAndVariantsResponse(GetTaskMetricsResponse):
    """``events.get_vector_metrics_and_variants`` (API 2.1 to 2.22)."""


class MultiTaskScalarMetricsIterHistogramRequest(GeneratedRequest):
    """``events.multi_task_scalar_metrics_iter_histogram`` (API 2.1 to 2.28)."""

    key: ScalarKeyEnum | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    samples: int | None = None
    tasks: list[str]


class MultiTaskScalarMetricsIterHistogramResponse(GeneratedModel):
    """``events.multi_task_scalar_metrics_iter_histogram`` (API 2.1 to 2.28)."""


class NextDebugImageSampleRequest(GeneratedRequest):
    """``events.next_debug_image_sample`` (API 2.12 to 2.22)."""

    model_events: bool | None = False
    navigate_earlier: bool | None = None
    next_iteration: bool | None = False
    scroll_id: str
    task: str


class NextPlotSampleRequest(NextDebugImageSampleRequest):
    """``events.next_plot_sample`` (API 2.20 to 2.22)."""


class PlotsRequest(DebugImagesRequest):
    """``events.plots`` (API 2.20 to 2.22)."""


class ScalarMetricsIterHistogramRequest(GeneratedRequest):
    """``events.scalar_metrics_iter_histogram`` (API 2.1 to 2.22)."""

    key: ScalarKeyEnum | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool | None = False
    samples: int | None = None
    task: str


class ScalarMetricsIterHistogramResponse(GeneratedModel):
    """``events.scalar_metrics_iter_histogram`` (API 2.1 to 2.22)."""

    images: list[dict[str, Any]] | None = None


class ScalarMetricsIterRawRequest(GeneratedRequest):
    """``events.scalar_metrics_iter_raw`` (API 2.16 to 2.22)."""

    batch_size: int | None = 10000
    count_total: bool | None = False
    key: ScalarKeyEnum | None = None
    metric: MetricVariants
    model_events: bool | None = False
    scroll_id: str | None = None
    task: str


class ScalarMetricsIterRawResponse(GeneratedModel):
    """``events.scalar_metrics_iter_raw`` (API 2.16 to 2.22)."""

    returned: int | None = None
    scroll_id: str | None = None
    total: int | None = None
    variants: dict[str, Any] | None = None


class VectorMetricsIterHistogramRequest(GeneratedRequest):
    """``events.vector_metrics_iter_histogram`` (API 2.1 to 2.22)."""

    metric: str
    model_events: bool | None = False
    task: str
    variant: str


class VectorMetricsIterHistogramResponse(ScalarMetricsIterHistogramResponse):
    """``events.vector_metrics_iter_histogram`` (API 2.1 to 2.22)."""


class AddBatchResponse(GeneratedModel):
    """``events.add_batch`` (API 2.1 to 2.22)."""

    added: int | None = None
    errors: int | None = None
    errors_info: dict[str, Any] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'events.debug_image_sample_response': DebugImageSampleResponse,
    'events.debug_images_response': DebugImagesResponse,
    'events.debug_images_response_task_metrics': DebugImagesResponseTaskMetrics,
    'events.debug_images_response_task_metrics/iterations': DebugImagesResponseTaskMetricsIterations,
    'events.event_type_enum': EventTypeEnum,
    'events.log_level_enum': LogLevelEnum,
    'events.metric_variants': MetricVariants,
    'events.metrics_image_event': MetricsImageEvent,
    'events.metrics_plot_event': MetricsPlotEvent,
    'events.metrics_scalar_event': MetricsScalarEvent,
    'events.metrics_vector_event': MetricsVectorEvent,
    'events.plot_sample_response': PlotSampleResponse,
    'events.plots_response': PlotsResponse,
    'events.plots_response_task_metrics': PlotsResponseTaskMetrics,
    'events.plots_response_task_metrics/iterations': PlotsResponseTaskMetricsIterations,
    'events.scalar_key_enum': ScalarKeyEnum,
    'events.single_value_metrics_response': SingleValueMetricsResponse,
    'events.single_value_task_metrics': SingleValueTaskMetrics,
    'events.single_value_task_metrics/values': SingleValueTaskMetricsValues,
    'events.task_log_event': TaskLogEvent,
    'events.task_metric': TaskMetric,
    'events.task_metric_variants': TaskMetricVariants,
}

REQUESTS: dict[str, Any] = {
    'events.add': AddRequest,
    'events.clear_scroll': ClearScrollRequest,
    'events.clear_task_log': ClearTaskLogRequest,
    'events.debug_images': DebugImagesRequest,
    'events.delete_for_model': DeleteForModelRequest,
    'events.delete_for_task': DeleteForTaskRequest,
    'events.download_task_log': DownloadTaskLogRequest,
    'events.get_debug_image_sample': GetDebugImageSampleRequest,
    'events.get_multi_task_metrics': GetMultiTaskMetricsRequest,
    'events.get_multi_task_plots': GetMultiTaskPlotsRequest,
    'events.get_plot_sample': GetPlotSampleRequest,
    'events.get_scalar_metric_data': GetScalarMetricDataRequest,
    'events.get_scalar_metrics_and_variants': GetScalarMetricsAndVariantsRequest,
    'events.get_task_events': GetTaskEventsRequest,
    'events.get_task_latest_scalar_values': GetTaskLatestScalarValuesRequest,
    'events.get_task_log': GetTaskLogRequest,
    'events.get_task_metrics': GetTaskMetricsRequest,
    'events.get_task_plots': GetTaskPlotsRequest,
    'events.get_task_single_value_metrics': GetTaskSingleValueMetricsRequest,
    'events.get_vector_metrics_and_variants': GetVectorMetricsAndVariantsRequest,
    'events.multi_task_scalar_metrics_iter_histogram': MultiTaskScalarMetricsIterHistogramRequest,
    'events.next_debug_image_sample': NextDebugImageSampleRequest,
    'events.next_plot_sample': NextPlotSampleRequest,
    'events.plots': PlotsRequest,
    'events.scalar_metrics_iter_histogram': ScalarMetricsIterHistogramRequest,
    'events.scalar_metrics_iter_raw': ScalarMetricsIterRawRequest,
    'events.vector_metrics_iter_histogram': VectorMetricsIterHistogramRequest,
    'events.add_batch': AddRequest,
}

RESPONSES: dict[str, Any] = {
    'events.add': AddResponse,
    'events.clear_scroll': ClearScrollResponse,
    'events.clear_task_log': ClearTaskLogResponse,
    'events.debug_images': DebugImagesResponse,
    'events.delete_for_model': DeleteForModelResponse,
    'events.delete_for_task': DeleteForTaskResponse,
    'events.download_task_log': DownloadTaskLogResponse,
    'events.get_debug_image_sample': DebugImageSampleResponse,
    'events.get_multi_task_metrics': GetMultiTaskMetricsResponse,
    'events.get_multi_task_plots': GetMultiTaskPlotsResponse,
    'events.get_plot_sample': PlotSampleResponse,
    'events.get_scalar_metric_data': GetScalarMetricDataResponse,
    'events.get_scalar_metrics_and_variants': GetScalarMetricsAndVariantsResponse,
    'events.get_task_events': GetTaskEventsResponse,
    'events.get_task_latest_scalar_values': GetTaskLatestScalarValuesResponse,
    'events.get_task_log': GetTaskLogResponse,
    'events.get_task_metrics': GetTaskMetricsResponse,
    'events.get_task_plots': GetTaskPlotsResponse,
    'events.get_task_single_value_metrics': SingleValueMetricsResponse,
    'events.get_vector_metrics_and_variants': GetVectorMetricsAndVariantsResponse,
    'events.multi_task_scalar_metrics_iter_histogram': MultiTaskScalarMetricsIterHistogramResponse,
    'events.next_debug_image_sample': DebugImageSampleResponse,
    'events.next_plot_sample': PlotSampleResponse,
    'events.plots': PlotsResponse,
    'events.scalar_metrics_iter_histogram': ScalarMetricsIterHistogramResponse,
    'events.scalar_metrics_iter_raw': ScalarMetricsIterRawResponse,
    'events.vector_metrics_iter_histogram': VectorMetricsIterHistogramResponse,
    'events.add_batch': AddBatchResponse,
}

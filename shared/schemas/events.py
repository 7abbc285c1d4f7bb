"""Requests of ClearML's ``events`` service.

``events.add`` (and each line of ``events.add_batch``) is deliberately lenient: the gateway
only refuses what can never be an event (not a JSON object). Everything else is judged per
event by the events service, which counts bad events in ``errors``/``errors_info`` as ClearML
does instead of refusing the whole batch. Read requests follow the endpoint catalog
(``spec/endpoints.json``, newest version of each endpoint).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from shared.schemas.base import Model, Request
from shared.schemas.generated.events import ClearScrollRequest
from shared.schemas.generated.events import GetTaskLatestScalarValuesRequest as LatestScalarValuesRequest

EventType = Literal["training_stats_scalar", "training_stats_vector", "training_debug_image", "plot", "log"]
ScalarKey = Literal["iter", "timestamp", "iso_time"]


class AddRequest(Model):
    """``events.add``: one event (``metrics_*_event`` or ``task_log_event``), kept whole."""

    type: Any = None
    task: Any = None
    allow_locked: Any = None
    model_event: Any = None


class MetricVariants(Model):
    """``metric_variants``: one metric and optionally some of its variants."""

    metric: str | None = None
    variants: list[str] | None = None


class TaskMetricVariants(Model):
    """``task_metric_variants``: a task, and optionally one metric and its variants."""

    task: str
    metric: str | None = None
    variants: list[str] | None = None


class GetTaskLogRequest(Request):
    """``events.get_task_log``: a page of console lines, newest first by default."""

    task: str
    batch_size: int | None = None
    from_timestamp: float | None = None
    navigate_earlier: bool | None = None
    order: Literal["asc", "desc"] | None = None
    # versions before 2.9: "head" or "tail"
    from_: str | None = Field(default=None, alias="from")
    scroll_id: str | None = None


class GetTaskEventsRequest(Request):
    """``events.get_task_events``: a task's events of one type (or all), paged by scroll id."""

    task: str
    batch_size: int | None = None
    event_type: str | None = None  # the catalog types it as a string (checked by the service)
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    order: Literal["asc", "desc"] | None = None
    scroll_id: str | None = None


class ScalarHistogramRequest(Request):
    """``events.scalar_metrics_iter_histogram``: every scalar series of a task, bucketed."""

    task: str
    key: ScalarKey | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    samples: int | None = None


class GetTaskPlotsRequest(Request):
    """``events.get_task_plots``: the plots of a task's last ``iters`` iterations."""

    task: str
    iters: int | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    no_scroll: bool = False
    scroll_id: str | None = None


class SingleValueMetricsRequest(Request):
    """``events.get_task_single_value_metrics``: values reported with ``report_single_value``."""

    tasks: list[str]
    metrics: list[MetricVariants] | None = None
    model_events: bool = False


class GetTaskMetricsRequest(Request):
    """``events.get_task_metrics``: the metric names a task reported (per event type)."""

    tasks: list[str]
    event_type: EventType | None = None
    model_events: bool = False


class DebugImagesRequest(Request):
    """``events.debug_images`` / ``events.plots``: the debug images (plots) of the last
    ``iters`` iterations of each requested task (metric, variants)."""

    metrics: list[TaskMetricVariants]
    iters: int | None = None
    model_events: bool = False
    navigate_earlier: bool | None = None
    refresh: bool | None = None
    scroll_id: str | None = None


class SampleRequest(Request):
    """``events.get_debug_image_sample`` / ``events.get_plot_sample``: one iteration's event(s)."""

    task: str
    metric: str
    variant: str | None = None
    iteration: int | None = None
    model_events: bool = False
    navigate_current_metric: bool = True
    refresh: bool | None = None
    scroll_id: str | None = None


class NextSampleRequest(Request):
    """``events.next_debug_image_sample`` / ``events.next_plot_sample``: step from the
    position in ``scroll_id`` (earlier by default)."""

    task: str
    scroll_id: str
    navigate_earlier: bool | None = None
    next_iteration: bool = False
    model_events: bool = False


class DeleteForTaskRequest(Request):
    """``events.delete_for_task``: remove every event of a task."""

    task: str
    allow_locked: bool = False


class DeleteForModelRequest(Request):
    """``events.delete_for_model``: remove every event of a model."""

    model: str
    allow_locked: bool = False


class MultiTaskMetricsRequest(Request):
    """``events.get_multi_task_metrics``: the metrics and variants the tasks reported."""

    tasks: list[str]
    event_type: EventType | None = None
    model_events: bool = False


class ScalarMetricDataRequest(Request):
    """``events.get_scalar_metric_data``: the scalar events of one metric of a task, paged."""

    task: str | None = None
    metric: str | None = None
    model_events: bool = False
    no_scroll: bool = False
    scroll_id: str | None = None


class ScalarRawRequest(Request):
    """``events.scalar_metrics_iter_raw``: every point of one metric's variants, paged."""

    task: str
    metric: MetricVariants
    key: ScalarKey | None = None
    batch_size: int | None = None
    count_total: bool = False
    model_events: bool = False
    scroll_id: str | None = None


class ClearTaskLogRequest(Request):
    """``events.clear_task_log``: delete a task's console log (or the part older than
    ``threshold_sec`` seconds)."""

    task: str
    allow_locked: bool = False
    threshold_sec: int | None = None
    include_metrics: list[str] | None = None
    exclude_metrics: list[str] | None = None


class MetricsAndVariantsRequest(Request):
    """``events.get_scalar_metrics_and_variants`` / ``get_vector_metrics_and_variants``."""

    task: str
    model_events: bool = False


class VectorHistogramRequest(Request):
    """``events.vector_metrics_iter_histogram``: one vector series' values per iteration."""

    task: str
    metric: str
    variant: str
    model_events: bool = False


class MultiTaskScalarHistogramRequest(Request):
    """``events.multi_task_scalar_metrics_iter_histogram``: the scalar series of several tasks
    (or models), side by side. ``tasks`` may also be one comma-separated string, as ClearML
    accepts; at most 100 tasks."""

    tasks: list[str] | str
    key: ScalarKey | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    samples: int | None = None

    def task_ids(self) -> list[str]:
        """The requested ids in order, without blanks and repeats."""
        raw = self.tasks.split(",") if isinstance(self.tasks, str) else self.tasks
        return list(dict.fromkeys(t.strip() for t in raw if t and t.strip()))


class MultiTaskPlotsRequest(Request):
    """``events.get_multi_task_plots``: the plots of the last ``iters`` iterations of several
    tasks (per task and metric with ``last_iters_per_task_metric``, the default)."""

    tasks: list[str]
    iters: int | None = None
    last_iters_per_task_metric: bool = True
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    no_scroll: bool = False
    scroll_id: str | None = None


class DownloadTaskLogRequest(Request):
    """``events.download_task_log``: a task's whole console log as a file, one JSON object
    (``line_type: json``, the default) or one ``line_format`` line (``text``) per event."""

    task: str
    line_type: Literal["json", "text"] | None = None
    line_format: str | None = None

    @field_validator("line_type", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        # ClearML compares the line type case-insensitively.
        return value.lower() if isinstance(value, str) else value


REQUESTS = {
    "events.add": AddRequest,
    "events.add_batch": AddRequest,
    "events.get_task_log": GetTaskLogRequest,
    "events.get_task_events": GetTaskEventsRequest,
    "events.scalar_metrics_iter_histogram": ScalarHistogramRequest,
    "events.get_task_plots": GetTaskPlotsRequest,
    "events.get_task_single_value_metrics": SingleValueMetricsRequest,
    "events.get_task_latest_scalar_values": LatestScalarValuesRequest,
    "events.get_task_metrics": GetTaskMetricsRequest,
    "events.debug_images": DebugImagesRequest,
    "events.get_debug_image_sample": SampleRequest,
    "events.get_plot_sample": SampleRequest,
    "events.delete_for_task": DeleteForTaskRequest,
    "events.delete_for_model": DeleteForModelRequest,
    "events.clear_scroll": ClearScrollRequest,  # Cairn's scroll ids hold no server state
    "events.get_multi_task_metrics": MultiTaskMetricsRequest,
    "events.get_scalar_metric_data": ScalarMetricDataRequest,
    "events.scalar_metrics_iter_raw": ScalarRawRequest,
    "events.clear_task_log": ClearTaskLogRequest,
    "events.get_scalar_metrics_and_variants": MetricsAndVariantsRequest,
    "events.get_vector_metrics_and_variants": MetricsAndVariantsRequest,
    "events.vector_metrics_iter_histogram": VectorHistogramRequest,
    "events.next_debug_image_sample": NextSampleRequest,
    "events.next_plot_sample": NextSampleRequest,
    "events.plots": DebugImagesRequest,
    "events.multi_task_scalar_metrics_iter_histogram": MultiTaskScalarHistogramRequest,
    "events.get_multi_task_plots": MultiTaskPlotsRequest,
    "events.download_task_log": DownloadTaskLogRequest,
}

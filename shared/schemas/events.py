"""Requests of ClearML's ``events`` service.

``events.add`` (and each line of ``events.add_batch``) is deliberately lenient: the gateway
only refuses what can never be an event (not a JSON object). Everything else is judged per
event by the events service, which counts bad events in ``errors``/``errors_info`` as ClearML
does instead of refusing the whole batch. Read requests follow the endpoint catalog
(``spec/endpoints.json``, newest version of each endpoint).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from shared.schemas.base import Model
from shared.schemas.generated import events as generated
from shared.schemas.generated.events import GetTaskLatestScalarValuesRequest as LatestScalarValuesRequest

EventType = Literal["training_stats_scalar", "training_stats_vector", "training_debug_image", "plot", "log"]
ScalarKey = Literal["iter", "timestamp", "iso_time"]
# The task lists of ClearML's multi-task requests hold at least one id (400/12 otherwise).
TaskIds = Annotated[list[str], Field(min_length=1)]
# ClearML's histogram ``samples``: 1 to 6000 (400/12 outside), 2000 when not given.
Samples = Annotated[int, Field(ge=1, le=6000)]


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


class GetTaskLogRequest(generated.GetTaskLogRequest):
    """``events.get_task_log``: a page of console lines, in navigation order (newest first by
    default).
    Refines the catalog's ``GetTaskLogRequest``: also takes ``metrics``, ``from`` and
    ``scroll_id`` (not in the newest catalog)."""

    metrics: list[MetricVariants] | None = None  # ClearML's request declares it (the catalog does not)
    # versions before 2.9: "head" or "tail"
    from_: str | None = Field(default=None, alias="from")
    scroll_id: str | None = None


class GetTaskEventsRequest(generated.GetTaskEventsRequest):
    """``events.get_task_events``: a task's events of one type (or all), paged by scroll id.
    Refines the catalog's ``GetTaskEventsRequest``: ``model_events`` refuses null; ``metrics`` is
    parsed as Cairn's ``MetricVariants``; also takes ``count_total`` (not in the newest catalog)."""

    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    count_total: bool = True  # ClearML's request declares it (the catalog does not): false answers total null


class ScalarHistogramRequest(generated.ScalarMetricsIterHistogramRequest):
    """``events.scalar_metrics_iter_histogram``: every scalar series of a task, bucketed.
    Refines the catalog's ``ScalarMetricsIterHistogramRequest``: ``model_events`` refuses null;
    ``key`` is a plain string (a ``Literal``, not the generated enum); ``metrics`` is parsed as
    Cairn's ``MetricVariants``; ``samples`` is typed ``Optional[Annotated[int,
    FieldInfo(annotation=NoneType, required=True, metadata=[Ge(ge=1), Le(le=6000)])]]``."""

    key: ScalarKey | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    samples: Samples | None = None


class GetTaskPlotsRequest(generated.GetTaskPlotsRequest):
    """``events.get_task_plots``: the plots of a task's last ``iters`` iterations.
    Refines the catalog's ``GetTaskPlotsRequest``: ``model_events`` and ``no_scroll`` refuse null;
    ``metrics`` is parsed as Cairn's ``MetricVariants``."""

    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    no_scroll: bool = False


class SingleValueMetricsRequest(generated.GetTaskSingleValueMetricsRequest):
    """``events.get_task_single_value_metrics``: values reported with ``report_single_value``.
    Refines the catalog's ``GetTaskSingleValueMetricsRequest``: ``model_events`` refuses null;
    ``tasks`` must not be empty; ``metrics`` is parsed as Cairn's ``MetricVariants``."""

    tasks: TaskIds
    metrics: list[MetricVariants] | None = None
    model_events: bool = False


class GetTaskMetricsRequest(generated.GetTaskMetricsRequest):
    """``events.get_task_metrics``: the metric names a task reported (per event type).
    Refines the catalog's ``GetTaskMetricsRequest``: ``model_events`` refuses null; ``tasks`` must
    not be empty; ``event_type`` is a plain string (a ``Literal``, not the generated enum)."""

    tasks: TaskIds
    event_type: EventType | None = None
    model_events: bool = False


class DebugImagesRequest(generated.PlotsRequest):
    """``events.debug_images`` / ``events.plots``: the debug images (plots) of the last
    ``iters`` iterations of each requested task (metric, variants). As ClearML: at least one
    ``metrics`` item, ``iters`` at least 1 (400/12 otherwise).
    Refines the catalog's ``PlotsRequest``: ``model_events`` refuses null; ``metrics`` must not be
    empty; ``metrics`` is parsed as Cairn's ``TaskMetricVariants``; ``iters`` is typed
    ``Optional[Annotated[int, FieldInfo(annotation=NoneType, required=True,
    metadata=[Ge(ge=1)])]]``."""

    metrics: list[TaskMetricVariants] = Field(min_length=1)
    iters: Annotated[int, Field(ge=1)] | None = None
    model_events: bool = False


class SampleRequest(generated.GetDebugImageSampleRequest, generated.GetPlotSampleRequest):
    """``events.get_debug_image_sample`` / ``events.get_plot_sample``: one iteration's event(s).
    Refines the catalog's ``GetDebugImageSampleRequest``: ``model_events`` and
    ``navigate_current_metric`` refuse null; ``variant`` is optional."""

    variant: str | None = None
    model_events: bool = False
    navigate_current_metric: bool = True


class NextSampleRequest(generated.NextPlotSampleRequest):
    """``events.next_debug_image_sample`` / ``events.next_plot_sample``: step from the
    position in ``scroll_id`` (earlier by default).
    Refines the catalog's ``NextPlotSampleRequest``: ``model_events`` and ``next_iteration``
    refuse null; ``scroll_id`` is optional."""

    scroll_id: str | None = None  # ClearML's request declares it optional: none is 400/1104
    next_iteration: bool = False
    model_events: bool = False


class DeleteForTaskRequest(generated.DeleteForTaskRequest):
    """``events.delete_for_task``: remove every event of a task.
    Refines the catalog's ``DeleteForTaskRequest``: ``allow_locked`` refuses null."""

    allow_locked: bool = False


class DeleteForModelRequest(generated.DeleteForModelRequest):
    """``events.delete_for_model``: remove every event of a model.
    Refines the catalog's ``DeleteForModelRequest``: ``allow_locked`` refuses null."""

    allow_locked: bool = False


class ClearScrollRequest(generated.ClearScrollRequest):
    """``events.clear_scroll``: forget a scroll (Cairn's scroll ids hold no server state); as in
    ClearML, ``scroll_id`` may be left out.
    Refines the catalog's ``ClearScrollRequest``: ``scroll_id`` is optional."""

    scroll_id: str | None = None


class MultiTaskMetricsRequest(generated.GetMultiTaskMetricsRequest):
    """``events.get_multi_task_metrics``: the metrics and variants the tasks reported.
    Refines the catalog's ``GetMultiTaskMetricsRequest``: ``model_events`` refuses null; ``tasks``
    must not be empty; ``event_type`` is a plain string (a ``Literal``, not the generated enum)."""

    tasks: TaskIds
    event_type: EventType | None = None
    model_events: bool = False


class ScalarMetricDataRequest(generated.GetScalarMetricDataRequest):
    """``events.get_scalar_metric_data``: the scalar events of one metric of a task, paged.
    Refines the catalog's ``GetScalarMetricDataRequest``: ``model_events`` and ``no_scroll``
    refuse null."""

    model_events: bool = False
    no_scroll: bool = False


class ScalarRawRequest(generated.ScalarMetricsIterRawRequest):
    """``events.scalar_metrics_iter_raw``: every point of one metric's variants, paged.
    Refines the catalog's ``ScalarMetricsIterRawRequest``: ``count_total`` and ``model_events``
    refuse null; ``batch_size`` defaults to null (catalog: 10000); ``key`` is a plain string (a
    ``Literal``, not the generated enum); ``metric`` is parsed as Cairn's ``MetricVariants``."""

    metric: MetricVariants
    key: ScalarKey | None = None
    batch_size: int | None = None
    count_total: bool = False
    model_events: bool = False


class ClearTaskLogRequest(generated.ClearTaskLogRequest):
    """``events.clear_task_log``: delete a task's console log (or the part older than
    ``threshold_sec`` seconds).
    Refines the catalog's ``ClearTaskLogRequest``: ``allow_locked`` refuses null."""

    allow_locked: bool = False


class MetricsAndVariantsRequest(generated.GetVectorMetricsAndVariantsRequest):
    """``events.get_scalar_metrics_and_variants`` / ``get_vector_metrics_and_variants``.
    Refines the catalog's ``GetVectorMetricsAndVariantsRequest``: ``model_events`` refuses null."""

    model_events: bool = False


class VectorHistogramRequest(generated.VectorMetricsIterHistogramRequest):
    """``events.vector_metrics_iter_histogram``: one vector series' values per iteration.
    Refines the catalog's ``VectorMetricsIterHistogramRequest``: ``model_events`` refuses null."""

    model_events: bool = False


class MultiTaskScalarHistogramRequest(generated.MultiTaskScalarMetricsIterHistogramRequest):
    """``events.multi_task_scalar_metrics_iter_histogram``: the scalar series of several tasks
    (or models), side by side. ``tasks`` may also be one comma-separated string, as ClearML
    accepts; at most 100 tasks.
    Refines the catalog's ``MultiTaskScalarMetricsIterHistogramRequest``: ``model_events`` refuses
    null; ``key`` is a plain string (a ``Literal``, not the generated enum); ``metrics`` is parsed
    as Cairn's ``MetricVariants``; ``samples`` is typed ``Optional[Annotated[int,
    FieldInfo(annotation=NoneType, required=True, metadata=[Ge(ge=1), Le(le=6000)])]]``; ``tasks``
    is typed ``list[str] | str``."""

    tasks: list[str] | str
    key: ScalarKey | None = None
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    samples: Samples | None = None

    def task_ids(self) -> list[str]:
        """The requested ids in order, without blanks and repeats."""
        raw = self.tasks.split(",") if isinstance(self.tasks, str) else self.tasks
        return list(dict.fromkeys(t.strip() for t in raw if t and t.strip()))


class MultiTaskPlotsRequest(generated.GetMultiTaskPlotsRequest):
    """``events.get_multi_task_plots``: the plots of the last ``iters`` iterations of several
    tasks (per task and metric with ``last_iters_per_task_metric``, the default).
    Refines the catalog's ``GetMultiTaskPlotsRequest``: ``last_iters_per_task_metric``,
    ``model_events`` and ``no_scroll`` refuse null; ``tasks`` must not be empty; ``metrics`` is
    parsed as Cairn's ``MetricVariants``."""

    tasks: TaskIds
    last_iters_per_task_metric: bool = True
    metrics: list[MetricVariants] | None = None
    model_events: bool = False
    no_scroll: bool = False


class DownloadTaskLogRequest(generated.DownloadTaskLogRequest):
    """``events.download_task_log``: a task's whole console log as a file, one JSON object
    (``line_type: json``, the default) or one ``line_format`` line (``text``) per event.
    Refines the catalog's ``DownloadTaskLogRequest``: ``line_format`` defaults to null (the use
    case applies ClearML's format); ``line_type`` is compared case-insensitively."""

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
    "events.clear_scroll": ClearScrollRequest,
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

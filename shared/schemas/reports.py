"""Requests of ClearML's ``reports`` service: a report is a task of type ``report`` (markdown
in ``report``, files in ``report_assets``) kept in the hidden ``<project>/.reports`` project."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from shared.schemas.base import Request
from shared.schemas.events import MetricVariants
from shared.schemas.tasks import GetAllExRequest as TasksGetAllExRequest
from shared.schemas.tasks import TaskFilters


class CreateRequest(Request):
    """``reports.create``: answers ``{id, project_id}`` (the ``.reports`` project). A name
    has at least 3 characters (400/12), as clearml-server's request class says."""

    name: str = Field(min_length=3)
    comment: str | None = None
    tags: list[str] | None = None
    project: str | None = None
    report: str | None = None
    report_assets: list[str] | None = None


class UpdateRequest(Request):
    """``reports.update``: a published report takes only name, tags and comment (400/110).
    ``{updated, fields}``."""

    task: str
    name: str | None = Field(default=None, min_length=3)
    comment: str | None = None
    tags: list[str] | None = None
    report: str | None = None
    report_assets: list[str] | None = None


class ReportRequest(Request):
    """``reports.publish`` / ``archive`` / ``unarchive``: ``message`` becomes the report's
    status message."""

    task: str
    message: str = ""


class DeleteRequest(Request):
    """``reports.delete``: only an archived report unless ``force``."""

    task: str
    force: bool = False


class MoveRequest(Request):
    """``reports.move``: into ``<project>/.reports``; ``{project_id}``."""

    task: str
    project: str | None = None
    project_name: str | None = None


class GetTagsRequest(Request):
    """``reports.get_tags``: the tags of the company's reports."""


class GetAllExRequest(TasksGetAllExRequest):
    """``reports.get_all_ex``: reports; ``project`` names the projects whose reports to list.
    The filters are ``tasks.get_all_ex``'s (``status`` values unchecked, as in ClearML)."""


class DebugImagesPart(Request):
    """``debug_images`` of ``reports.get_task_data``: the last ``iters`` iterations."""

    iters: int | None = Field(default=None, ge=1)
    metrics: list[MetricVariants] | None = None


class PlotsPart(Request):
    """``plots``: the last ``iters`` iterations of each metric (``last_iters_per_task_metric``)
    or of the task."""

    iters: int | None = Field(default=None, ge=1)
    last_iters_per_task_metric: bool = True
    metrics: list[MetricVariants] | None = None


class ScalarHistogramPart(Request):
    """``scalar_metrics_iter_histogram``: x by ``key`` (iter, timestamp, iso_time)."""

    key: Literal["iter", "timestamp", "iso_time"] | None = None
    metrics: list[MetricVariants] | None = None
    samples: int | None = Field(default=None, ge=1)


class GetTaskDataRequest(TaskFilters):
    """``reports.get_task_data``: the tasks (models with ``model_events``) a ``get_all_ex``
    filter finds, up to ``size`` of them, and for each part asked for, their events data."""

    allow_public: bool = True
    size: int | None = Field(default=None, ge=1)
    model_events: bool = False
    debug_images: DebugImagesPart | None = None
    plots: PlotsPart | None = None
    scalar_metrics_iter_histogram: ScalarHistogramPart | None = None
    single_value_metrics: dict[str, Any] | None = None


REQUESTS: dict[str, type[Request]] = {
    "reports.create": CreateRequest,
    "reports.update": UpdateRequest,
    "reports.publish": ReportRequest,
    "reports.archive": ReportRequest,
    "reports.unarchive": ReportRequest,
    "reports.delete": DeleteRequest,
    "reports.move": MoveRequest,
    "reports.get_tags": GetTagsRequest,
    "reports.get_all_ex": GetAllExRequest,
    "reports.get_task_data": GetTaskDataRequest,
}

"""Requests of ClearML's ``reports`` service: a report is a task of type ``report`` (markdown
in ``report``, files in ``report_assets``) kept in the hidden ``<project>/.reports`` project."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.schemas.base import IGNORE_UNKNOWN_FIELDS, Request
from shared.schemas.generated import reports as generated
from shared.schemas.generated.reports import MoveRequest
from shared.schemas.events import MetricVariants
from shared.schemas.tasks import GetAllExRequest as TasksGetAllExRequest
from shared.schemas.tasks import TaskFilters


class CreateRequest(generated.CreateRequest):
    """``reports.create``: answers ``{id, project_id}`` (the ``.reports`` project).
    Refines the catalog's ``CreateRequest``: ``name`` has at least 3 characters (400/12), as
    clearml-server's request class says."""

    name: str = Field(min_length=3)


class UpdateRequest(generated.UpdateRequest):
    """``reports.update``: a published report takes only name, tags and comment (400/110).
    ``{updated, fields}``.
    Refines the catalog's ``UpdateRequest``: ``name`` has at least 3 characters (400/12)."""

    name: str | None = Field(default=None, min_length=3)


class ArchiveRequest(generated.ArchiveRequest):
    """``reports.archive`` (and the base of ``publish`` / ``unarchive``): ``message`` becomes
    the report's status message.
    Refines the catalog's ``ArchiveRequest``: takes ``message`` (clearml-server's request
    class; the catalog's ``comment`` is taken and ignored)."""

    message: str = ""


class PublishRequest(ArchiveRequest, generated.PublishRequest):
    """``reports.publish``: as ``ArchiveRequest``."""


class UnarchiveRequest(ArchiveRequest, generated.UnarchiveRequest):
    """``reports.unarchive``: as ``ArchiveRequest``."""


# The shape ``reports.publish`` / ``archive`` / ``unarchive`` share (the use cases' annotation).
ReportRequest = ArchiveRequest


class GetTagsRequest(generated.GetTagsRequest):
    """``reports.get_tags``: the tags of the company's reports. Unknown fields ignored (see
    ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class DeleteRequest(generated.DeleteRequest):
    """``reports.delete``: only an archived report unless ``force``.
    Refines the catalog's ``DeleteRequest``: ``force`` refuses null."""

    force: bool = False


class GetAllExRequest(TasksGetAllExRequest, generated.GetAllExRequest):
    """``reports.get_all_ex``: reports; ``project`` names the projects whose reports to list.
    The filters are ``tasks.get_all_ex``'s (``status`` values unchecked, as in ClearML).
    Refines the catalog's ``GetAllExRequest``: ``allow_public`` and ``include_subprojects`` refuse
    null; the list filters ``id``, ``project``, ``status``, ``status_changed``, ``system_tags``,
    ``tags`` and ``user`` take one value as a one-item list (``ListFilter``); ``_all_`` and
    ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``; ``filters`` is parsed as Cairn's
    ``FieldFilter``; also takes ``parent``, ``search_hidden``, ``type``, ``comment``, ``report``,
    ``created``, ``started``, ``active_duration``, ``last_iteration``, ``last_update`` and
    ``last_change`` (not in the newest catalog); unknown fields kept (the dotted filter fields)."""

    model_config = ConfigDict(extra="allow")  # the dotted filter fields (``TaskFilters``)


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


class GetTaskDataRequest(TaskFilters, generated.GetTaskDataRequest):
    """``reports.get_task_data``: the tasks (models with ``model_events``) a ``get_all_ex``
    filter finds, up to ``size`` of them, and for each part asked for, their events data.
    Refines the catalog's ``GetTaskDataRequest``: ``allow_public``, ``include_subprojects``,
    ``model_events`` and ``search_hidden`` refuse null; the list filters ``id``, ``parent``,
    ``project``, ``status``, ``status_changed``, ``system_tags``, ``tags``, ``type`` and ``user``
    take one value as a one-item list (``ListFilter``); ``_all_`` and ``_any_`` are parsed as
    Cairn's ``MultiFieldPatternData``; ``debug_images`` is parsed as Cairn's ``DebugImagesPart``;
    ``plots`` is parsed as Cairn's ``PlotsPart``; ``scalar_metrics_iter_histogram`` is parsed as
    Cairn's ``ScalarHistogramPart``; ``input_view_entries_dataset`` and
    ``input_view_entries_version`` take any value; also takes ``comment``, ``report``,
    ``created``, ``started``, ``active_duration``, ``last_iteration``, ``last_update`` and
    ``last_change`` (not in the newest catalog); unknown fields kept (the dotted filter fields)."""

    model_config = ConfigDict(extra="allow")  # the dotted filter fields (``TaskFilters``)
    # Enterprise dataset views: not served; any value is taken and passed on as the other
    # unknown (dotted filter) fields are.
    input_view_entries_dataset: Any = None
    input_view_entries_version: Any = None

    allow_public: bool = True
    model_events: bool = False
    debug_images: DebugImagesPart | None = None
    plots: PlotsPart | None = None
    scalar_metrics_iter_histogram: ScalarHistogramPart | None = None


REQUESTS: dict[str, type[BaseModel]] = {
    "reports.create": CreateRequest,
    "reports.update": UpdateRequest,
    "reports.publish": PublishRequest,
    "reports.archive": ArchiveRequest,
    "reports.unarchive": UnarchiveRequest,
    "reports.delete": DeleteRequest,
    "reports.move": MoveRequest,
    "reports.get_tags": GetTagsRequest,
    "reports.get_all_ex": GetAllExRequest,
    "reports.get_task_data": GetTaskDataRequest,
}

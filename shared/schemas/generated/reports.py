"""ClearML service ``reports``: 42 seed definitions, 10 endpoints, 27 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/reports.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import Artifact, ArtifactId, ArtifactModeEnum, ArtifactTypeData, Augmentation, AugmentationSet, BatchOperation, ConfigurationItem, Credentials, DebugImagesResponseTaskMetrics, DebugImagesResponseTaskMetricsIterations, DeleteResponse, Execution, FieldFilter, FieldFilterAll, FieldFilterAny, FilterByRoiEnum, FilterLabelRule, FilterRule, FilterRuleVectorSearch, Filtering, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, Input, Iteration, Jump, LabelSource, LastMetricsEvent, LastMetricsVariants, Mapping, MappingRule, MetadataItem, MetricVariants, ModelTypeEnum, MultiFieldPatternData, Output, OutputRoisEnum, ParamsItem, PublishResponse, ScalarKeyEnum, Script, SectionParams, SimilarityFunction, SingleValueTaskMetrics, SingleValueTaskMetricsValues, Task, TaskExecutionProgressEnum, TaskModelItem, TaskModels, TaskStatusEnum, TaskTypeEnum, UpdateResponse, UpdateResponseBody, View, ViewEntry  # noqa: F401


class ReportStatusEnum(str, Enum):
    """From the seed ``reports.report_status_enum``."""

    created = 'created'
    published = 'published'


class Report(GeneratedModel):
    """From the seed ``reports.report``."""

    comment: str | None = Field(None, description='Free text comment')
    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='Report creation time (UTC)')
    id: str | None = Field(None, description='Report id')
    last_update: datetime | None = Field(None, description='Last time this report was created, edited, changed')
    name: str | None = Field(None, description='Report Name')
    project: str | None = Field(None, description='Project ID of the project to which this report is assigned')
    published: datetime | None = Field(None, description='Report publish time')
    report: str | None = Field(None, description='Report template')
    report_assets: list[str] | None = Field(None, description='List of the external report assets')
    status: ReportStatusEnum | None = None
    status_changed: datetime | None = Field(None, description='Last status change time')
    status_message: str | None = Field(None, description='free text string representing info about the status')
    status_reason: str | None = Field(None, description='Reason for last status change')
    system_tags: list[str] | None = Field(None, description="System tags list. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags list')
    user: str | None = Field(None, description='Associated user id')


class DebugImagesResponse(GeneratedModel):
    """From the catalog definition ``reports.debug_images_response``."""

    metrics: list[DebugImagesResponseTaskMetrics] | None = None
    scroll_id: str | None = None


class PlotsResponseTaskMetricsIterationsItem(GeneratedModel):
    events: list[dict[str, Any]] | None = None
    iter: int | None = None


class PlotsResponseTaskMetrics(GeneratedModel):
    """From the catalog definition ``reports.plots_response_task_metrics``."""

    iterations: list[PlotsResponseTaskMetricsIterationsItem] | None = None
    task: str | None = None


class PlotsResponse(GeneratedModel):
    """From the catalog definition ``reports.plots_response``."""

    metrics: list[PlotsResponseTaskMetrics] | None = None
    scroll_id: str | None = None


class SingleValueMetricsResponse(GeneratedModel):
    """From the catalog definition ``reports.single_value_metrics_response``."""

    tasks: list[SingleValueTaskMetrics] | None = None


class ArchiveRequest(GeneratedRequest):
    """``reports.archive`` (API 2.23)."""

    comment: str | None = None
    task: str


class ArchiveResponse(GeneratedModel):
    """``reports.archive`` (API 2.23)."""

    archived: Literal[0, 1] | None = None


class CreateRequest(GeneratedRequest):
    """``reports.create`` (API 2.23 to 2.24)."""

    comment: str | None = None
    name: str
    project: str | None = None
    report: str | None = None
    report_assets: list[str] | None = None
    tags: list[str] | None = None


class CreateResponse(GeneratedModel):
    """``reports.create`` (API 2.23 to 2.24)."""

    id: str | None = None
    project_id: str | None = None


class DeleteRequest(GeneratedRequest):
    """``reports.delete`` (API 2.23)."""

    force: bool | None = False
    task: str


class GetAllExRequest(GeneratedRequest):
    """``reports.get_all_ex`` (API 2.23 to 2.27)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    allow_public: bool | None = True
    filters: dict[str, GetAllExRequestFiltersValue] | None = None
    id: list[str] | None = None
    include_subprojects: bool | None = False
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: list[str] | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    status: list[ReportStatusEnum] | None = None
    status_changed: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    user: list[str] | None = None


class GetAllExResponse(GeneratedModel):
    """``reports.get_all_ex`` (API 2.23 to 2.27)."""

    scroll_id: str | None = None
    tasks: list[Report] | None = None


class GetTagsRequest(GeneratedStrictRequest):
    """``reports.get_tags`` (API 2.23)."""


class GetTagsResponse(GeneratedModel):
    """``reports.get_tags`` (API 2.23)."""

    tags: list[str] | None = None


class GetTaskDataRequestDebugImages(GeneratedModel):
    iters: int | None = None
    metrics: list[MetricVariants] | None = None


class GetTaskDataRequestPlots(GeneratedModel):
    iters: int | None = None
    last_iters_per_task_metric: bool | None = True
    metrics: list[MetricVariants] | None = None


class GetTaskDataRequestScalarMetricsIterHistogram(GeneratedModel):
    key: ScalarKeyEnum | None = None
    metrics: list[MetricVariants] | None = None
    samples: int | None = None


class GetTaskDataRequest(GeneratedRequest):
    """``reports.get_task_data`` (API 2.23 to 2.26)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    allow_public: bool | None = True
    debug_images: GetTaskDataRequestDebugImages | None = None
    id: list[str] | None = None
    include_subprojects: bool | None = False
    input_view_entries_dataset: list[str] | None = Field(None, alias='input.view.entries.dataset')
    input_view_entries_version: list[str] | None = Field(None, alias='input.view.entries.version')
    model_events: bool | None = False
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    parent: str | None = None
    plots: GetTaskDataRequestPlots | None = None
    project: list[str] | None = None
    scalar_metrics_iter_histogram: GetTaskDataRequestScalarMetricsIterHistogram | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    single_value_metrics: dict[str, Any] | None = None
    size: int | None = Field(None, ge=1)
    status: list[TaskStatusEnum] | None = None
    status_changed: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: list[str] | None = None
    user: list[str] | None = None


class GetTaskDataResponse(GeneratedModel):
    """``reports.get_task_data`` (API 2.23 to 2.26)."""

    debug_images: list[DebugImagesResponseTaskMetrics] | None = None
    plots: dict[str, Any] | None = None
    scalar_metrics_iter_histogram: dict[str, Any] | None = None
    single_value_metrics: list[SingleValueTaskMetrics] | None = None
    tasks: list[Task] | None = None


class MoveRequest(GeneratedRequest):
    """``reports.move`` (API 2.23)."""

    project: str | None = None
    project_name: str | None = None
    task: str


class MoveResponse(GeneratedModel):
    """``reports.move`` (API 2.23)."""

    project_id: str | None = None


class PublishRequest(ArchiveRequest):
    """``reports.publish`` (API 2.23)."""


class UnarchiveRequest(ArchiveRequest):
    """``reports.unarchive`` (API 2.23)."""


class UnarchiveResponse(GeneratedModel):
    """``reports.unarchive`` (API 2.23)."""

    unarchived: Literal[0, 1] | None = None


class UpdateRequest(GeneratedRequest):
    """``reports.update`` (API 2.23 to 2.24)."""

    comment: str | None = None
    name: str | None = None
    report: str | None = None
    report_assets: list[str] | None = None
    tags: list[str] | None = None
    task: str


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'reports.artifact': Artifact,
    'reports.artifact_mode_enum': ArtifactModeEnum,
    'reports.artifact_type_data': ArtifactTypeData,
    'reports.augmentation': Augmentation,
    'reports.augmentation_set': AugmentationSet,
    'reports.configuration_item': ConfigurationItem,
    'reports.debug_images_response_task_metrics': DebugImagesResponseTaskMetrics,
    'reports.debug_images_response_task_metrics/iterations': DebugImagesResponseTaskMetricsIterations,
    'reports.execution': Execution,
    'reports.filter_by_roi_enum': FilterByRoiEnum,
    'reports.filter_label_rule': FilterLabelRule,
    'reports.filter_rule': FilterRule,
    'reports.filter_rule/vector_search': FilterRuleVectorSearch,
    'reports.filtering': Filtering,
    'reports.input': Input,
    'reports.iteration': Iteration,
    'reports.jump': Jump,
    'reports.label_source': LabelSource,
    'reports.last_metrics_event': LastMetricsEvent,
    'reports.last_metrics_variants': LastMetricsVariants,
    'reports.mapping': Mapping,
    'reports.mapping_rule': MappingRule,
    'reports.metric_variants': MetricVariants,
    'reports.multi_field_pattern_data': MultiFieldPatternData,
    'reports.output': Output,
    'reports.output_rois_enum': OutputRoisEnum,
    'reports.params_item': ParamsItem,
    'reports.report': Report,
    'reports.report_status_enum': ReportStatusEnum,
    'reports.scalar_key_enum': ScalarKeyEnum,
    'reports.script': Script,
    'reports.section_params': SectionParams,
    'reports.similarity_function': SimilarityFunction,
    'reports.single_value_task_metrics': SingleValueTaskMetrics,
    'reports.single_value_task_metrics/values': SingleValueTaskMetricsValues,
    'reports.task': Task,
    'reports.task_model_item': TaskModelItem,
    'reports.task_models': TaskModels,
    'reports.task_status_enum': TaskStatusEnum,
    'reports.task_type_enum': TaskTypeEnum,
    'reports.view': View,
    'reports.view_entry': ViewEntry,
}

REQUESTS: dict[str, Any] = {
    'reports.archive': ArchiveRequest,
    'reports.create': CreateRequest,
    'reports.delete': DeleteRequest,
    'reports.get_all_ex': GetAllExRequest,
    'reports.get_tags': GetTagsRequest,
    'reports.get_task_data': GetTaskDataRequest,
    'reports.move': MoveRequest,
    'reports.publish': PublishRequest,
    'reports.unarchive': UnarchiveRequest,
    'reports.update': UpdateRequest,
}

RESPONSES: dict[str, Any] = {
    'reports.archive': ArchiveResponse,
    'reports.create': CreateResponse,
    'reports.delete': DeleteResponse,
    'reports.get_all_ex': GetAllExResponse,
    'reports.get_tags': GetTagsResponse,
    'reports.get_task_data': GetTaskDataResponse,
    'reports.move': MoveResponse,
    'reports.publish': PublishResponse,
    'reports.unarchive': UnarchiveResponse,
    'reports.update': UpdateResponseBody,
}

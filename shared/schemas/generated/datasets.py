"""ClearML service ``datasets``: 15 seed definitions, 29 endpoints, 70 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/datasets.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import CreateResponse, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, GetTagsResponse, MoveRequest, MoveResponse, MultiFieldPatternData, RoiMask, StatCount, UpdateResponse, VersionStatusEnum  # noqa: F401


class Statistics(GeneratedModel):
    """From the seed ``datasets.statistics``."""

    content_types: list[StatCount] | None = None
    frames: list[StatCount] | None = None
    labels: list[StatCount] | None = None


class Version(GeneratedModel):
    """From the seed ``datasets.version``."""

    comment: str | None = Field(None, description='Version comment')
    committed: datetime | None = Field(None, description='Commit time')
    committed_frames_ts: float | None = Field(None, description='Timestamp of last committed frame')
    committed_rois_ts: float | None = Field(None, description='Timestamp of last committed ROI')
    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='Version creation time (UTC)')
    dataset: str | None = Field(None, description='Datset ID')
    es_index: str | None = Field(None, description='Name of elasticsearch index')
    id: str | None = Field(None, description='Version ID')
    last_frames_update: datetime | None = Field(None, description='Last time version was created, committed or frames were updated or saved')
    metadata: dict[str, Any] | None = Field(None, description='User-provided metadata')
    name: str | None = Field(None, description='Version name')
    parent: str | None = Field(None, description='Version parent ID')
    published: datetime | None = Field(None, description='Publish time')
    stats: Statistics | None = Field(None, description='Version statistics')
    status: VersionStatusEnum | None = Field(None, description='Version status')
    system_tags: list[str] | None = Field(None, description="List of system tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='List of user-defined tags')
    task: str | None = Field(None, description='Task ID of the task which created the version')
    user: str | None = Field(None, description='Associated user ID')


class VersionParadigmEnum(str, Enum):
    """From the seed ``datasets.version_paradigm_enum``."""

    single_version = 'single_version'
    general = 'general'


class Dataset(GeneratedModel):
    """From the seed ``datasets.dataset``."""

    comment: str | None = None
    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='Dataset creation time (UTC)')
    display_stats: Statistics | None = Field(None, description='Calculated statistics for the latest committed or published version')
    display_version_name: str | None = Field(None, description='The name of the version from which statistics are taken')
    head_version: Version | None = Field(None, description='The most recent version for write operations. Calculated as the non-published version with the longest path to the root.')
    id: str | None = Field(None, description='Dataset ID')
    last_update: datetime | None = Field(None, description='Time of last update (UTC). Updated on dataset update; on any version operation: when version is created, modified, committed, published or deleted; and on any frame operation: when frames are added, modified or deleted.')
    metadata: dict[str, Any] | None = Field(None, description='User-provided metadata')
    name: str | None = Field(None, description='Dataset name')
    paradigm: VersionParadigmEnum | None = Field(None, description="'single_version' for datasets whose version tree has only one path, 'general' otherwise")
    project: str | None = Field(None, description='Associated project ID')
    system_tags: list[str] | None = Field(None, description="List of system tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='List of user-defined tags')
    terms_of_use: str | None = Field(None, description='Terms of use string')
    user: str | None = Field(None, description='Associated user ID')
    version_count: int | None = Field(None, description='Amount of versions in dataset. Only supported by datasets.get_all.')


class Roi(GeneratedModel):
    """From the seed ``datasets.roi``."""

    confidence: float | None = Field(None, description='ROI confidence')
    id: str | None = Field(None, description='ROI id')
    label: list[str] = Field(..., description='ROI labels')
    mask: RoiMask | None = Field(None, description='Mask info for this ROI')
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the roi')
    poly: list[float] | None = Field(None, description='ROI polygon (x0, y0, ..., xn, yn)')
    sources: list[str] | None = Field(None, description='Source ID')


class Mask(GeneratedModel):
    """From the seed ``datasets.mask``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    id: str = Field(..., description='unique ID (in this frame)')
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str = Field(..., description='Data URI')
    width: int | None = Field(None, description='Width in pixels')


class Preview(GeneratedModel):
    """From the seed ``datasets.preview``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str = Field(..., description='Data URI')
    width: int | None = Field(None, description='Width in pixels')


class Source(GeneratedModel):
    """From the seed ``datasets.source``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    id: str = Field(..., description='Source unique ID within this DatasetVersion')
    masks: list[Mask] | None = None
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the source')
    preview: Preview | None = None
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str = Field(..., description='Source data URI')
    width: int | None = Field(None, description='Width in pixels')


class Frame(GeneratedModel):
    """From the seed ``datasets.frame``."""

    blob: str | None = Field(None, description='Raw data (blob) for the frame')
    context_id: str | None = Field(None, description='Context ID. Used for the default frames sorting. If not set then it is filled from the uri of the first source.')
    id: str | None = Field(None, description="Frame id. Must be unique within the dataset's version. If already exists, will cause existing frame to be updated")
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the frame. Please note that using this field effectively defines a schema (dictionary structure and types used as values) - frames within the same dataset cannot use conflicting schemas for this field (see documentation for more details).')
    meta_blob: dict[str, Any] | None = Field(None, description='Non searchable metadata dictionary for the frame. The fields in this object cannot be searched by and are not added to the frame schema')
    rois: list[Roi] | None = Field(None, description='Frame regions of interest')
    sources: list[Source] = Field(..., description='Sources of this frame')
    timestamp: int | None = Field(None, description="Frame's offset in milliseconds, used primarily for video content. Used for the default frames sorting as the secondary key (with the primary key being 'context_id'). For images, this value should typically be 0. If not set, value is filled from the timestamp of the first source. We recommend using this field only in cases concerning the default sorting behavior.")


class Frame15(GeneratedModel):
    """From the seed ``datasets.frame_15``."""

    blob: str | None = Field(None, description='Raw data (blob) for the frame')
    content_type: str | None = Field(None, description="Frame content type (e.g. 'image/jpeg', 'image/png')")
    context_id: str | None = Field(None, description='Context ID. Used for the default frames sorting. If not set then it is filled from the uri of the first source.')
    height: int | None = Field(None, description='Frame height in pixels')
    id: str | None = Field(None, description="Frame id. Must be unique within the dataset's version. If already exists, will cause existing frame to be updated")
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the frame. Please note that using this field effectively defines a schema (dictionary structure and types used as values) - frames within the same dataset cannot use conflicting schemas for this field (see documentation for more details).')
    rois: list[Roi] | None = Field(None, description='Frame regions of interest')
    sources: list[Source] = Field(..., description='Sources of this frame')
    src: str | None = Field(None, description='Frame source data URI')
    timestamp: int | None = Field(None, description="Frame's offset in milliseconds, used primarily for video content. Used for the default frames sorting as the secondary key (with the primary key being 'context_id'). For images, this value should typically be 0. If not set, value is filled from the timestamp of the first source. We recommend using this field only in cases concerning the default sorting behavior.")
    width: int | None = Field(None, description='Frame width in pixels')


class SchemaTypeEnum(str, Enum):
    """From the seed ``datasets.schema_type_enum``."""

    frame = 'frame'
    source = 'source'
    roi = 'roi'
    all = 'all'


class CommitVersionRequest(GeneratedRequest):
    """``datasets.commit_version`` (API 2.23)."""

    calculate_stats: bool | None = True
    force: bool | None = False
    override_stats: Statistics | None = None
    publish: bool | None = False
    publishing_task: str | None = None
    version: str


class CommitVersionResponse(GeneratedModel):
    """``datasets.commit_version`` (API 2.23)."""

    dataset: str | None = None
    deleted: int | None = None
    errors: list[dict[str, Any]] | None = None
    failed: int | None = None
    merged: int | None = None
    parent: str | None = None
    saved_and_updated: int | None = None
    total: int | None = None
    version: str | None = None


class CreateRequest(GeneratedRequest):
    """``datasets.create`` (API 2.23)."""

    comment: str | None = None
    metadata: dict[str, Any] | None = None
    name: str
    project: str | None = None
    public: bool | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    terms_of_use: str | None = None


class CreateVersionRequest(GeneratedRequest):
    """``datasets.create_version`` (API 2.23)."""

    comment: str | None = None
    dataset: str
    metadata: dict[str, Any] | None = None
    name: str
    parent: str | None = None
    stats: Statistics | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str | None = None


class CreateVersionResponse(GeneratedModel):
    """``datasets.create_version`` (API 2.23)."""

    id: str | None = None


class DeleteRequest(GeneratedRequest):
    """``datasets.delete`` (API 2.23)."""

    dataset: str
    delete_all_versions: bool | None = None
    force: bool | None = None


class DeleteResponse(GeneratedModel):
    """``datasets.delete`` (API 2.23)."""

    deleted: bool | None = None
    deleted_versions: list[str] | None = None


class DeleteFramesRequest(GeneratedRequest):
    """``datasets.delete_frames`` (API 2.23)."""

    force: bool | None = False
    frames: list[str]
    version: str


class DeleteFramesResponse(GeneratedModel):
    """``datasets.delete_frames`` (API 2.23)."""

    deleted: int | None = None


class DeleteVersionRequest(GeneratedRequest):
    """``datasets.delete_version`` (API 2.23)."""

    force: bool | None = None
    version: str


class DeleteVersionResponse(GeneratedModel):
    """``datasets.delete_version`` (API 2.23)."""

    deleted: bool | None = None


class GetAllRequest(GeneratedRequest):
    """``datasets.get_all`` (API 2.23)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    allow_public: bool | None = True
    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: str | None = None
    refresh_scroll: bool | None = None
    resolve_head: bool | None = False
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``datasets.get_all`` (API 2.23)."""

    datasets: list[Dataset] | None = None
    scroll_id: str | None = None


class GetAllExRequest(GeneratedRequest):
    """``datasets.get_all_ex``."""

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
    refresh_scroll: bool | None = None
    resolve_head: bool | None = False
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllExResponse(GetAllResponse):
    """``datasets.get_all_ex``."""


class GetByIdRequest(GeneratedRequest):
    """``datasets.get_by_id`` (API 2.23)."""

    dataset: str


class GetByIdResponse(GeneratedModel):
    """``datasets.get_by_id`` (API 2.23)."""

    dataset: Dataset | None = None


class GetByNameRequest(GetByIdRequest):
    """``datasets.get_by_name`` (API 2.23)."""


class GetByNameResponse(GetByIdResponse):
    """``datasets.get_by_name`` (API 2.23)."""


class GetLabelKeywordsForRunningTaskRequest(GeneratedRequest):
    """``datasets.get_label_keywords_for_running_task`` (API 2.23)."""

    task: str


class GetLabelKeywordsForRunningTaskResponseLabelsItem(GeneratedModel):
    count: int | None = None
    name: str | None = None


class GetLabelKeywordsForRunningTaskResponse(GeneratedModel):
    """``datasets.get_label_keywords_for_running_task`` (API 2.23)."""

    labels: list[GetLabelKeywordsForRunningTaskResponseLabelsItem] | None = None


class GetSchemaRequest(GeneratedRequest):
    """``datasets.get_schema`` (API 2.23)."""

    dataset: str | None = None
    schema_type: SchemaTypeEnum | None = 'frame'
    versions: list[str]


class GetSchemaResponse(GeneratedModel):
    """``datasets.get_schema`` (API 2.23)."""

    schema_: dict[str, Any] | None = Field(None, alias='schema')


class GetSchemaKeysRequest(GeneratedRequest):
    """``datasets.get_schema_keys`` (API 2.23)."""

    dataset: str | None = None
    versions: list[str]


class GetSchemaKeysResponse(GeneratedModel):
    """``datasets.get_schema_keys`` (API 2.23)."""

    frame_keys: list[str] | None = None
    roi_keys: list[str] | None = None
    source_keys: list[str] | None = None


class GetSnippetsRequest(GeneratedRequest):
    """``datasets.get_snippets`` (API 2.23)."""

    dataset: str
    max_count: int | None = 100
    version: str | None = None


class GetSnippetsResponse(GeneratedModel):
    """``datasets.get_snippets`` (API 2.23)."""

    snippets: list[Frame] | None = None


class GetSourceIdsRequest(GetSnippetsRequest):
    """``datasets.get_source_ids`` (API 2.23)."""


class GetSourceIdsResponse(GeneratedModel):
    """``datasets.get_source_ids`` (API 2.23)."""

    source_ids: list[str] | None = None


class GetSourcesRequest(GetSnippetsRequest):
    """``datasets.get_sources`` (API 2.23)."""


class GetSourcesResponse(GeneratedModel):
    """``datasets.get_sources`` (API 2.23)."""

    sources: dict[str, Any] | None = None


class GetStatsRequest(GeneratedRequest):
    """``datasets.get_stats`` (API 2.23)."""

    version: str


class GetStatsResponse(Statistics):
    """``datasets.get_stats`` (API 2.23)."""


class GetTagsRequest(GeneratedRequest):
    """``datasets.get_tags`` (API 2.23)."""

    datasets: list[str] | None = None
    include_system: bool | None = False


class GetVectorFieldsRequest(GeneratedRequest):
    """``datasets.get_vector_fields``."""

    dataset: str | None = None
    versions: list[str] | None = None


class GetVectorFieldsResponseFieldsItemProperties(GeneratedModel):
    dims: int | None = None
    element_type: Literal['float', 'byte', 'bit'] | None = 'float'
    index: bool | None = None
    similarity: Literal['l2_norm', 'dot_product', 'cosine'] | None = None
    supported_functions: list[Literal['l2_norm', 'dot_product', 'cosine']] | None = None
    type: Literal['dense_vector'] | None = None


class GetVectorFieldsResponseFieldsItem(GeneratedModel):
    key: str | None = None
    properties: GetVectorFieldsResponseFieldsItemProperties | None = None


class GetVectorFieldsResponse(GeneratedModel):
    """``datasets.get_vector_fields``."""

    fields_: list[GetVectorFieldsResponseFieldsItem] | None = Field(None, alias='fields')


class GetVersionsRequest(GeneratedRequest):
    """``datasets.get_versions`` (API 2.23)."""

    dataset: str
    only_fields: list[str] | None = None
    only_published: bool | None = True
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    search_text: str | None = None
    start_from: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    versions: list[str] | None = None


class GetVersionsResponse(GeneratedModel):
    """``datasets.get_versions`` (API 2.23)."""

    versions: list[Version] | None = None


class GetVersionsExRequestFiltersValueAll(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class GetVersionsExRequestFiltersValueAny(GetVersionsExRequestFiltersValueAll):
    pass


class GetVersionsExRequestFiltersValue(GeneratedModel):
    all: GetVersionsExRequestFiltersValueAll | None = None
    any: GetVersionsExRequestFiltersValueAny | None = None
    op: Literal['and', 'or'] | None = 'and'


class GetVersionsExRequest(GeneratedRequest):
    """``datasets.get_versions_ex``."""

    dataset: str
    filters: dict[str, GetVersionsExRequestFiltersValue] | None = None
    only_fields: list[str] | None = None
    only_published: bool | None = True
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    search_text: str | None = None
    start_from: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    versions: list[str] | None = None


class GetVersionsExResponse(GetVersionsResponse):
    """``datasets.get_versions_ex``."""


class PublishAndCreateChildVersionRequest(GeneratedRequest):
    """``datasets.publish_and_create_child_version`` (API 2.23)."""

    child_comment: str | None = None
    child_metadata: dict[str, Any] | None = None
    child_name: str | None = None
    child_system_tags: list[str] | None = None
    child_tags: list[str] | None = None
    dataset: str
    publish_comment: str | None = None
    publish_metadata: dict[str, Any] | None = None
    publish_name: str | None = None
    publish_system_tags: list[str] | None = None
    publish_tags: list[str] | None = None
    version: str


class PublishAndCreateChildVersionResponse(CreateVersionResponse):
    """``datasets.publish_and_create_child_version`` (API 2.23)."""


class PublishVersionRequest(GeneratedRequest):
    """``datasets.publish_version`` (API 2.23)."""

    force: bool | None = False
    publishing_task: str | None = None
    version: str


class PublishVersionResponse(GeneratedModel):
    """``datasets.publish_version`` (API 2.23)."""


class SaveFramesRequest(GeneratedRequest):
    """``datasets.save_frames`` (API 2.23)."""

    frames: list[Frame]
    version: str


class SaveFramesResponse(GeneratedModel):
    """``datasets.save_frames`` (API 2.23)."""

    errors: list[dict[str, Any]] | None = None
    failed: int | None = None
    ids: list[str] | None = None
    saved: int | None = None
    total_rois: int | None = None


class UpdateRequest(GeneratedRequest):
    """``datasets.update`` (API 2.23)."""

    comment: str | None = None
    dataset: str
    metadata: dict[str, Any] | None = None
    name: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    terms_of_use: str | None = None


class UpdateFramesRequest(SaveFramesRequest):
    """``datasets.update_frames`` (API 2.23)."""


class UpdateFramesResponse(GeneratedModel):
    """``datasets.update_frames`` (API 2.23)."""

    errors: list[dict[str, Any]] | None = None
    failed: int | None = None
    ids: list[str] | None = None
    merged: int | None = None
    total_rois: int | None = None
    updated: int | None = None


class UpdateStatsForAllVersionsRequest(GeneratedRequest):
    """``datasets.update_stats_for_all_versions``."""

    datasets: list[str] | None = None


class UpdateStatsForAllVersionsResponse(GeneratedModel):
    """``datasets.update_stats_for_all_versions``."""

    updated: list[str] | None = None


class UpdateVersionRequest(GeneratedRequest):
    """``datasets.update_version`` (API 2.23)."""

    comment: str | None = None
    metadata: dict[str, Any] | None = None
    name: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    version: str


class UpdateVersionResponse(GeneratedModel):
    """``datasets.update_version`` (API 2.23)."""

    updated: Literal[0, 1] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'datasets.dataset': Dataset,
    'datasets.frame': Frame,
    'datasets.frame_15': Frame15,
    'datasets.mask': Mask,
    'datasets.multi_field_pattern_data': MultiFieldPatternData,
    'datasets.preview': Preview,
    'datasets.roi': Roi,
    'datasets.roi_mask': RoiMask,
    'datasets.schema_type_enum': SchemaTypeEnum,
    'datasets.source': Source,
    'datasets.stat_count': StatCount,
    'datasets.statistics': Statistics,
    'datasets.version': Version,
    'datasets.version_paradigm_enum': VersionParadigmEnum,
    'datasets.version_status_enum': VersionStatusEnum,
}

REQUESTS: dict[str, Any] = {
    'datasets.commit_version': CommitVersionRequest,
    'datasets.create': CreateRequest,
    'datasets.create_version': CreateVersionRequest,
    'datasets.delete': DeleteRequest,
    'datasets.delete_frames': DeleteFramesRequest,
    'datasets.delete_version': DeleteVersionRequest,
    'datasets.get_all': GetAllRequest,
    'datasets.get_all_ex': GetAllExRequest,
    'datasets.get_by_id': GetByIdRequest,
    'datasets.get_by_name': GetByNameRequest,
    'datasets.get_label_keywords_for_running_task': GetLabelKeywordsForRunningTaskRequest,
    'datasets.get_schema': GetSchemaRequest,
    'datasets.get_schema_keys': GetSchemaKeysRequest,
    'datasets.get_snippets': GetSnippetsRequest,
    'datasets.get_source_ids': GetSourceIdsRequest,
    'datasets.get_sources': GetSourcesRequest,
    'datasets.get_stats': GetStatsRequest,
    'datasets.get_tags': GetTagsRequest,
    'datasets.get_vector_fields': GetVectorFieldsRequest,
    'datasets.get_versions': GetVersionsRequest,
    'datasets.get_versions_ex': GetVersionsExRequest,
    'datasets.move': MoveRequest,
    'datasets.publish_and_create_child_version': PublishAndCreateChildVersionRequest,
    'datasets.publish_version': PublishVersionRequest,
    'datasets.save_frames': SaveFramesRequest,
    'datasets.update': UpdateRequest,
    'datasets.update_frames': UpdateFramesRequest,
    'datasets.update_stats_for_all_versions': UpdateStatsForAllVersionsRequest,
    'datasets.update_version': UpdateVersionRequest,
}

RESPONSES: dict[str, Any] = {
    'datasets.commit_version': CommitVersionResponse,
    'datasets.create': CreateResponse,
    'datasets.create_version': CreateVersionResponse,
    'datasets.delete': DeleteResponse,
    'datasets.delete_frames': DeleteFramesResponse,
    'datasets.delete_version': DeleteVersionResponse,
    'datasets.get_all': GetAllResponse,
    'datasets.get_all_ex': GetAllExResponse,
    'datasets.get_by_id': GetByIdResponse,
    'datasets.get_by_name': GetByNameResponse,
    'datasets.get_label_keywords_for_running_task': GetLabelKeywordsForRunningTaskResponse,
    'datasets.get_schema': GetSchemaResponse,
    'datasets.get_schema_keys': GetSchemaKeysResponse,
    'datasets.get_snippets': GetSnippetsResponse,
    'datasets.get_source_ids': GetSourceIdsResponse,
    'datasets.get_sources': GetSourcesResponse,
    'datasets.get_stats': GetStatsResponse,
    'datasets.get_tags': GetTagsResponse,
    'datasets.get_vector_fields': GetVectorFieldsResponse,
    'datasets.get_versions': GetVersionsResponse,
    'datasets.get_versions_ex': GetVersionsExResponse,
    'datasets.move': MoveResponse,
    'datasets.publish_and_create_child_version': PublishAndCreateChildVersionResponse,
    'datasets.publish_version': PublishVersionResponse,
    'datasets.save_frames': SaveFramesResponse,
    'datasets.update': UpdateResponse,
    'datasets.update_frames': UpdateFramesResponse,
    'datasets.update_stats_for_all_versions': UpdateStatsForAllVersionsResponse,
    'datasets.update_version': UpdateVersionResponse,
}

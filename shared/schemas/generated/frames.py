"""ClearML service ``frames``: 29 seed definitions, 19 endpoints, 59 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/frames.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import FilterByRoiEnum, FilterLabelRule, FilterRule, FilterRuleVectorSearch, IterationOrderEnum, Jump, LabelSource, Mapping, MappingRule, OutputRoisEnum, RoiMask, SimilarityFunction, StatCount, ViewEntry  # noqa: F401


class Augmentation(GeneratedModel):
    """From the seed ``frames.augmentation``."""

    arguments: dict[str, Any] | None = Field(None, description='Arguments dictionary, passed to custom augmentations.')
    cls: str | None = Field(None, description='Augmentation class (see global definitions)')
    params: list[float] | None = Field(None, description='Transform parameters, an array ot 3 randomly generated values. Fixed values are passed in case of affine reflect augmentation.')
    strength: float | None = Field(None, description='Transform strength. Required for pixel transforms.')
    trans_mat: list[list[float]] | None = Field(None, description='Transform matrix (list of lists). Required for affine transforms.')
    type: str | None = Field(None, description='Augmentation type (see global definitions)')


class DatasetVersion(GeneratedModel):
    """From the seed ``frames.dataset_version``."""

    id: str | None = Field(None, description='Dataset id')
    version: str | None = Field(None, description='Dataset version id')


class DvAugmentationSet(GeneratedModel):
    """From the seed ``frames.dv_augmentation_set``."""

    arguments: dict[str, dict[str, Any]] | None = Field(None, description='Arguments dictionary per custom augmentation type.')
    cls: str | None = Field(None, description='Augmentation class')
    strength: float | None = Field(None, description='Augmentation strength. Range [0,).', ge=0)
    types: list[str] | None = Field(None, description='Augmentation type')


class DvAugmentation(GeneratedModel):
    """From the seed ``frames.dv_augmentation``."""

    crop_around_rois: bool | None = Field(None, description='Crop image data around all frame ROIs')
    sets: list[DvAugmentationSet] | None = Field(None, description='List of augmentation sets')


class Iteration(GeneratedModel):
    """Sequential Iteration API configuration. From the seed ``frames.iteration``."""

    infinite: bool | None = Field(None, description='Infinite iteration')
    jump: Jump | None = Field(None, description='Jump entry')
    limit: int | None = Field(None, description='Maximum frames per task. If not passed, frames will end when no more matching frames are found, unless infinite is True.')
    min_sequence: int | None = Field(None, description='Length (in ms) of video clips to return. This is used in random order, and in sequential order only if jumping is provided and only for video frames')
    order: IterationOrderEnum | None = Field(None, description="Input frames order. Values: 'sequential', 'random' In Sequential mode frames will be returned according to the order in which the frames were added to the dataset.")
    random_seed: int | None = Field(None, description='Random seed used when iterating over the dataview')


class Dataview(GeneratedModel):
    """From the seed ``frames.dataview``."""

    augmentation: DvAugmentation | None = Field(None, description='Augmentation parameters. Only for training and testing tasks.')
    filters: list[FilterRule] | None = Field(None, description="List of FilterRule ('OR' relationship)")
    iteration: Iteration | None = Field(None, description='Iteration parameters. Not applicable for register (import) tasks.')
    labels_enumeration: dict[str, int] | None = Field(None, description='Labels enumerations, specifies numbers to be assigned to ROI labels when getting frames')
    mapping: Mapping | None = Field(None, description='Mapping parameters')
    output_rois: OutputRoisEnum | None = Field(None, description="'all_in_frame' - all rois for a frame are returned 'only_filtered' - only rois which led this frame to be selected 'frame_per_roi' - single roi per frame. Frame can be returned multiple times with a different roi each time. Note: this should be used for Training tasks only Note: frame_per_roi implies that only filtered rois will be returned")
    versions: list[ViewEntry] | None = Field(None, description='View dataset versions')


class FlowControl(GeneratedModel):
    """From the seed ``frames.flow_control``."""

    bidirectional: bool | None = Field(None, description='If set then frames retreival can go either forward or backwards. Otherwise only forward. The default is False. The limitations of bidirectional navigation: - Frames are always returned in sequential order - The iteration is finite (no support for infinite iteration)')
    navigate_backwards: bool | None = Field(None, description='When bidirectional is True, settings this to True navigates backwards duing frames retreival. Default is False')


class Roi(GeneratedModel):
    """From the seed ``frames.roi``."""

    area: int | None = Field(None, description='ROI area (not used)')
    confidence: float | None = Field(None, description='ROI confidence')
    id: str | None = Field(None, description='ROI id')
    label: list[str] | None = Field(None, description='ROI labels')
    label_num: int | None = Field(None, description="Label number according to the specified labels mapping Used only when ROI is returned as part of a task's frame.")
    mask: RoiMask | None = Field(None, description='Mask info for this ROI')
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the roi')
    poly: list[float] | None = Field(None, description='ROI polygon (x0, y0, ..., xn, yn)')
    sources: list[str] | None = Field(None, description='Sources that this ROI belongs to')


class Mask(GeneratedModel):
    """From the seed ``frames.mask``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    id: str | None = Field(None, description='unique ID (in this frame)')
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str | None = Field(None, description='Data URI')
    width: int | None = Field(None, description='Width in pixels')


class Preview(GeneratedModel):
    """From the seed ``frames.preview``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str | None = Field(None, description='Data URI')
    width: int | None = Field(None, description='Width in pixels')


class Source(GeneratedModel):
    """From the seed ``frames.source``."""

    content_type: str | None = Field(None, description="Content type (e.g. 'image/jpeg', 'image/png')")
    height: int | None = Field(None, description='Height in pixels')
    id: str | None = Field(None, description='unique ID (in this frame)')
    masks: list[Mask] | None = None
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the source')
    preview: Preview | None = None
    timestamp: int | None = Field(None, description='Timestamp in the source data (for video content. for images, this value should be 0)')
    uri: str | None = Field(None, description='Data URI')
    width: int | None = Field(None, description='Width in pixels')


class Frame(GeneratedModel):
    """From the seed ``frames.frame``."""

    augmentation: list[Augmentation] | None = Field(None, description='List of augmentations')
    blob: str | None = Field(None, description='Raw data (blob) for the frame')
    context_id: str | None = Field(None, description='Context ID. Used for the default frames sorting. If not set then it is filled from the uri of the first source.')
    dataset: DatasetVersion | None = Field(None, description="Frame's dataset version")
    deleted: bool | None = Field(None, description="Set to 'true' for the deleted frames")
    id: str | None = Field(None, description='Frame id')
    is_key_frame: bool | None = Field(None, description="Is this a key frame (only applicable in frames who'se src is a video)")
    key_frame: str | None = Field(None, description='ID of the key frame that this frame belongs to')
    label_rule_counts: dict[str, Any] | None = Field(None, description='The number of matched roi per lable rule')
    labels_size: int | None = Field(None, description='Number of labels returned')
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the frame. Please note that using this field effectively defines a schema (dictionary structure and types used as values) - frames within the same dataset cannot use conflicting schemas for this field (see documentation for more details).')
    meta_blob: dict[str, Any] | None = Field(None, description='Non searchable metadata dictionary for the frame. The fields in this object cannot be searched by and are not added to the frame schema')
    new_ver: Frame | None = Field(None, description='Newer version of this frame, if asked to merge')
    rois: list[Roi] | None = Field(None, description='Frame regions of interest')
    rule_name: str | None = Field(None, description='Name of the filtering rule according to which this frame was provided (if applicable)')
    saved: int | None = Field(None, description='Last time frame was saved (timestamp)')
    saved_in_version: str | None = Field(None, description='Last version this frame was saved in (version ID)')
    sources: list[Source] | None = Field(None, description='Sources of this frame')
    timestamp: int | None = Field(None, description="Frame's offset in milliseconds, used primarily for video content. Used for the default frames sorting as the secondary key (with the primary key being 'context_id'). For images, this value should typically be 0. If not set, value is filled from the timestamp of the first source. We recommend using this field only in cases concerning the default sorting behavior.")
    updated: int | None = Field(None, description='Last time frame was saved (timestamp)')
    updated_in_version: str | None = Field(None, description='Last version this frame was updated in (version ID)')
    video_gop: float | None = Field(None, description='Video encoding GOP value for the source of this frame. Only valid for video frames')


class Frame15(GeneratedModel):
    """From the seed ``frames.frame_15``."""

    augmentation: list[Augmentation] | None = Field(None, description='List of augmentations')
    blob: str | None = Field(None, description='Raw data (blob) for the frame')
    content_type: str | None = Field(None, description="Frame content type (e.g. 'image/jpeg', 'image/png')")
    context_id: str | None = Field(None, description='Context ID. Used for the default frames sorting. If not set then it is filled from the uri of the first source.')
    dataset: DatasetVersion | None = Field(None, description="Frame's dataset version")
    height: int | None = Field(None, description='Frame height in pixels')
    id: str | None = Field(None, description='Frame id')
    is_key_frame: bool | None = Field(None, description="Is this a key frame (only applicable in frames who'se src is a video)")
    key_frame: str | None = Field(None, description='ID of the key frame that this frame belongs to')
    label_stats: dict[str, Any] | None = Field(None, description='Mapping of label name to number of appearances')
    labels_size: int | None = Field(None, description='Number of labels returned')
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the frame. Please note that using this field effectively defines a schema (dictionary structure and types used as values) - frames within the same dataset cannot use conflicting schemas for this field (see documentation for more details).')
    new_ver: Frame15 | None = Field(None, description='Newer version of this frame, if asked to merge')
    rois: list[Roi] | None = Field(None, description='Frame regions of interest')
    rule_name: str | None = Field(None, description='Name of the filtering rule according to which this frame was provided (if applicable)')
    saved: int | None = Field(None, description='Last time frame was saved (timestamp)')
    saved_in_version: str | None = Field(None, description='Last version this frame was saved in (version ID)')
    sources: list[Source] | None = Field(None, description='Sources of this frame')
    src: str | None = Field(None, description='Frame data URI')
    task: str | None = Field(None, description='Task which created the frame')
    timestamp: int | None = Field(None, description="Frame's offset in milliseconds, used primarily for video content. Used for the default frames sorting as the secondary key (with the primary key being 'context_id'). For images, this value should typically be 0. If not set, value is filled from the timestamp of the first source. We recommend using this field only in cases concerning the default sorting behavior.")
    updated: int | None = Field(None, description='Last time frame was saved (timestamp)')
    updated_in_version: str | None = Field(None, description='Last version this frame was updated in (version ID)')
    video_gop: float | None = Field(None, description='Video encoding GOP value for the source of this frame. Only valid for video frames')
    width: int | None = Field(None, description='Frame width in pixels')


class RuleCount(GeneratedModel):
    """From the seed ``frames.rule_count``."""

    accurate: bool | None = Field(None, description="True if the provided count is accurate. If False, 'reason' will contain the reason why.")
    count: int | None = Field(None, description='Number of frames matching this rule')
    name: str | None = Field(None, description='Rule name')
    reason: str | None = Field(None, description="Reason for the count being inaccurate if 'accurate' is True, empty otherwise.")
    rule_index: int | None = Field(None, description='Rule index')


class Snippet(GeneratedModel):
    """From the seed ``frames.snippet``."""

    key_: str | None = Field(None, alias='_key', description='The grouping key for the agggregated frames')
    score_: float | None = Field(None, alias='_score', description='For vector search return the similarity score that frame vector field got relative to the input vector')
    augmentation: list[Augmentation] | None = Field(None, description='List of augmentations')
    blob: str | None = Field(None, description='Raw data (blob) for the frame')
    context_id: str | None = Field(None, description='Context ID. Used for the default frames sorting. If not set then it is filled from the uri of the first source.')
    dataset: DatasetVersion | None = Field(None, description="Frame's dataset version")
    deleted: bool | None = Field(None, description="Set to 'true' for the deleted frames")
    id: str | None = Field(None, description='Frame id')
    is_key_frame: bool | None = Field(None, description="Is this a key frame (only applicable in frames who'se src is a video)")
    key_frame: str | None = Field(None, description='ID of the key frame that this frame belongs to')
    label_rule_counts: dict[str, Any] | None = Field(None, description='The number of matched roi per lable rule')
    labels_size: int | None = Field(None, description='Number of labels returned')
    meta: dict[str, Any] | None = Field(None, description='Additional metadata dictionary for the frame. Please note that using this field effectively defines a schema (dictionary structure and types used as values) - frames within the same dataset cannot use conflicting schemas for this field (see documentation for more details).')
    meta_blob: dict[str, Any] | None = Field(None, description='Non searchable metadata dictionary for the frame. The fields in this object cannot be searched by and are not added to the frame schema')
    new_ver: Frame | None = Field(None, description='Newer version of this frame, if asked to merge')
    num_frames: int | None = Field(None, description='Number of frames represented by this snippet')
    rois: list[Roi] | None = Field(None, description='Frame regions of interest')
    rule_name: str | None = Field(None, description='Name of the filtering rule according to which this frame was provided (if applicable)')
    saved: int | None = Field(None, description='Last time frame was saved (timestamp)')
    saved_in_version: str | None = Field(None, description='Last version this frame was saved in (version ID)')
    sources: list[Source] | None = Field(None, description='Sources of this frame')
    timestamp: int | None = Field(None, description="Frame's offset in milliseconds, used primarily for video content. Used for the default frames sorting as the secondary key (with the primary key being 'context_id'). For images, this value should typically be 0. If not set, value is filled from the timestamp of the first source. We recommend using this field only in cases concerning the default sorting behavior.")
    updated: int | None = Field(None, description='Last time frame was saved (timestamp)')
    updated_in_version: str | None = Field(None, description='Last version this frame was updated in (version ID)')
    video_gop: float | None = Field(None, description='Video encoding GOP value for the source of this frame. Only valid for video frames')


class ClearGetNextStateRequest(GeneratedRequest):
    """``frames.clear_get_next_state`` (API 2.23)."""

    scroll_id: str


class ClearGetNextStateResponse(GeneratedModel):
    """``frames.clear_get_next_state`` (API 2.23)."""


class DownloadForDataviewRequest(GeneratedRequest):
    """``frames.download_for_dataview`` (API 2.23)."""

    prepare_id: str


class DownloadForDataviewResponse(GeneratedModel):
    """``frames.download_for_dataview`` (API 2.23)."""


class GetByIdRequest(GeneratedRequest):
    """``frames.get_by_id`` (API 2.23)."""

    dataset: str
    frame: str
    projection: list[str] | None = None
    version: str


class GetByIdResponse(GeneratedModel):
    """``frames.get_by_id`` (API 2.23)."""

    frame: Frame | None = None


class GetByIdsRequest(GeneratedRequest):
    """``frames.get_by_ids`` (API 2.23)."""

    dataset: str
    frame_ids: list[str]
    projection: list[str] | None = None
    version: str


class GetByIdsResponse(GeneratedModel):
    """``frames.get_by_ids`` (API 2.23)."""

    frames: list[Frame] | None = None


class GetCountRequest(GeneratedRequest):
    """``frames.get_count`` (API 2.23)."""

    dataset: str | None = None
    labels: list[str] | None = None
    version: str


class GetCountResponse(GeneratedModel):
    """``frames.get_count`` (API 2.23)."""

    total: int | None = None


class GetCountForDataviewRequest(GeneratedRequest):
    """``frames.get_count_for_dataview`` (API 2.23)."""

    dataview: Dataview


class GetCountForDataviewResponse(GeneratedModel):
    """``frames.get_count_for_dataview`` (API 2.23)."""

    rules: list[RuleCount] | None = None
    total: int | None = None


class GetCountForDataviewIdRequest(GeneratedRequest):
    """``frames.get_count_for_dataview_id`` (API 2.23)."""

    dataview: str


class GetCountForDataviewIdResponse(GetCountForDataviewResponse):
    """``frames.get_count_for_dataview_id`` (API 2.23)."""


class GetGroupSnippetsForDataviewRequestOrderByItem(GeneratedModel):
    field: str | None = None
    order: Literal['asc', 'desc'] | None = 'asc'


class GetGroupSnippetsForDataviewRequestSampleAggregation(GeneratedModel):
    field: str
    filter: str | None = None
    samples: int | None = None
    type: Literal['frame', 'roi', 'source']


class GetGroupSnippetsForDataviewRequest(GeneratedRequest):
    """``frames.get_group_snippets_for_dataview``."""

    dataview: Dataview | None = None
    group_key: str | None = None
    order_by: list[GetGroupSnippetsForDataviewRequestOrderByItem] | None = None
    projection: list[str] | None = None
    sample_aggregation: GetGroupSnippetsForDataviewRequestSampleAggregation | None = None


class GetGroupSnippetsForDataviewResponse(GeneratedModel):
    """``frames.get_group_snippets_for_dataview``."""

    frames: list[Snippet] | None = None


class GetNextRequest(GeneratedRequest):
    """``frames.get_next`` (API 2.23)."""

    batch_size: int | None = 100
    clean_subfields: bool | None = False
    dataset: str
    labels: list[str] | None = None
    merge_with: str | None = None
    node: int | None = None
    projection: list[str] | None = None
    remove_none_values: bool | None = False
    scroll_id: str | None = None
    version: str


class GetNextResponse(GeneratedModel):
    """``frames.get_next`` (API 2.23)."""

    eof: bool | None = None
    frames: list[Frame] | None = None
    frames_returned: int | None = None
    roi_stats: dict[str, int] | None = None
    scroll_id: str | None = None
    scroll_state: dict[str, Any] | None = None


class GetNextForDataviewRequest(GeneratedRequest):
    """``frames.get_next_for_dataview`` (API 2.23)."""

    batch_size: int | None = 500
    clean_subfields: bool | None = False
    dataview: Dataview
    flow_control: FlowControl | None = None
    force_scroll_id: bool | None = None
    node: int | None = None
    projection: list[str] | None = None
    random_seed: int | None = None
    remove_none_values: bool | None = False
    reset_scroll: bool | None = None
    scroll_id: str | None = None


class GetNextForDataviewResponse(GeneratedModel):
    """``frames.get_next_for_dataview`` (API 2.23)."""

    eof: bool | None = None
    frames: list[Frame] | None = None
    frames_returned: int | None = None
    random_seed: int | None = None
    roi_stats: dict[str, int] | None = None
    scroll_id: str | None = None
    scroll_state: dict[str, Any] | None = None


class GetNextForDataviewAndContextIdRequest(GeneratedRequest):
    """``frames.get_next_for_dataview_and_context_id`` (API 2.23)."""

    batch_size: int | None = 500
    clean_subfields: bool | None = False
    context_id: str
    dataview: Dataview
    flow_control: FlowControl | None = None
    node: int | None = None
    projection: list[str] | None = None
    random_seed: int | None = None
    remove_none_values: bool | None = False
    scroll_id: str | None = None
    timestamp: int | None = 0


class GetNextForDataviewAndContextIdResponse(GetNextForDataviewResponse):
    """``frames.get_next_for_dataview_and_context_id`` (API 2.23)."""


class GetNextForDataviewIdRequest(GeneratedRequest):
    """``frames.get_next_for_dataview_id`` (API 2.23)."""

    batch_size: int | None = 500
    clean_subfields: bool | None = False
    dataview: str
    flow_control: FlowControl | None = None
    force_scroll_id: bool | None = None
    node: int | None = None
    projection: list[str] | None = None
    random_seed: int | None = None
    remove_none_values: bool | None = False
    reset_scroll: bool | None = None
    scroll_id: str | None = None


class GetNextForDataviewIdResponse(GetNextForDataviewResponse):
    """``frames.get_next_for_dataview_id`` (API 2.23)."""


class GetSnippetsForDataviewRequest(GeneratedRequest):
    """``frames.get_snippets_for_dataview`` (API 2.23)."""

    aggregate_on_context_id: bool | None = None
    dataview: Dataview
    page: int | None = 0
    page_size: int | None = 50
    paging_id: str | None = None
    projection: list[str] | None = None


class GetSnippetsForDataviewResponse(GeneratedModel):
    """``frames.get_snippets_for_dataview`` (API 2.23)."""

    frames: list[Snippet] | None = None
    frames_total: int | None = None
    page: int | None = None
    pages_total: int | None = None
    paging_id: str | None = None
    total_in_versions: int | None = None
    versions_updated: list[str] | None = None


class GetSnippetsForDataview2RequestAggregation(GeneratedModel):
    aggregate: bool
    fields_: list[str] | None = Field(None, alias='fields')


class GetSnippetsForDataview2RequestOrderByItem(GetGroupSnippetsForDataviewRequestOrderByItem):
    pass


class GetSnippetsForDataview2Request(GeneratedRequest):
    """``frames.get_snippets_for_dataview2`` (API 2.23)."""

    aggregation: GetSnippetsForDataview2RequestAggregation | None = None
    dataview: Dataview
    order_by: list[GetSnippetsForDataview2RequestOrderByItem] | None = None
    projection: list[str] | None = None
    search_after: str | None = None
    size: int | None = 50


class GetSnippetsForDataview2Response(GeneratedModel):
    """``frames.get_snippets_for_dataview2`` (API 2.23)."""

    frames: list[Snippet] | None = None
    frames_total: int | None = None
    search_after: str | None = None
    total_in_versions: int | None = None


class GetSnippetsQueryForDataviewRequest(GetCountForDataviewRequest):
    """``frames.get_snippets_query_for_dataview`` (API 2.23)."""


class GetSnippetsQueryForDataviewResponse(GeneratedModel):
    """``frames.get_snippets_query_for_dataview`` (API 2.23)."""

    kibana_link: str | None = None
    query: dict[str, Any] | None = None


class GetSourceIdsForDataviewRequest(GeneratedRequest):
    """``frames.get_source_ids_for_dataview`` (API 2.23)."""

    dataview: Dataview
    max_count: int | None = 100


class GetSourceIdsForDataviewResponse(GeneratedModel):
    """``frames.get_source_ids_for_dataview`` (API 2.23)."""

    source_ids: list[str] | None = None


class GetStatsForDataviewRequestLabelsProperty(GeneratedModel):
    field: str
    filter: str | None = None
    type: Literal['frame', 'roi', 'source']


class GetStatsForDataviewRequest(GeneratedRequest):
    """``frames.get_stats_for_dataview``."""

    dataview: Dataview
    labels_property: GetStatsForDataviewRequestLabelsProperty | None = None


class GetStatsForDataviewResponse(GeneratedModel):
    """``frames.get_stats_for_dataview``."""

    content_types: list[StatCount] | None = None
    frames: list[StatCount] | None = None
    labels: list[StatCount] | None = None


class GetWithProjectionRequestQueryItem(GeneratedModel):
    field: str | None = None
    projection: list[str] | None = None
    values: list[str] | None = None


class GetWithProjectionRequest(GeneratedRequest):
    """``frames.get_with_projection`` (API 2.23)."""

    query: list[GetWithProjectionRequestQueryItem] | None = None
    versions: list[ViewEntry] | None = None


class GetWithProjectionResponse(GeneratedModel):
    """``frames.get_with_projection`` (API 2.23)."""

    frames: dict[str, Any] | None = None


class PrepareDownloadForDataviewRequest(GeneratedRequest):
    """``frames.prepare_download_for_dataview`` (API 2.23)."""

    clean_subfields: bool | None = False
    dataview: Dataview
    download_type: Literal['json', 'jsonlines', 'json jsonlines'] | None = 'json'
    node: int | None = None
    projection: list[str] | None = None
    random_seed: int | None = None
    remove_none_values: bool | None = False


class PrepareDownloadForDataviewResponse(GeneratedModel):
    """``frames.prepare_download_for_dataview`` (API 2.23)."""

    prepare_id: str | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'frames.augmentation': Augmentation,
    'frames.dataset_version': DatasetVersion,
    'frames.dataview': Dataview,
    'frames.dv_augmentation': DvAugmentation,
    'frames.dv_augmentation_set': DvAugmentationSet,
    'frames.filter_by_roi_enum': FilterByRoiEnum,
    'frames.filter_label_rule': FilterLabelRule,
    'frames.filter_rule': FilterRule,
    'frames.filter_rule/vector_search': FilterRuleVectorSearch,
    'frames.flow_control': FlowControl,
    'frames.frame': Frame,
    'frames.frame_15': Frame15,
    'frames.iteration': Iteration,
    'frames.iteration_order_enum': IterationOrderEnum,
    'frames.jump': Jump,
    'frames.label_source': LabelSource,
    'frames.mapping': Mapping,
    'frames.mapping_rule': MappingRule,
    'frames.mask': Mask,
    'frames.output_rois_enum': OutputRoisEnum,
    'frames.preview': Preview,
    'frames.roi': Roi,
    'frames.roi_mask': RoiMask,
    'frames.rule_count': RuleCount,
    'frames.similarity_function': SimilarityFunction,
    'frames.snippet': Snippet,
    'frames.source': Source,
    'frames.stat_count': StatCount,
    'frames.view_entry': ViewEntry,
}

REQUESTS: dict[str, Any] = {
    'frames.clear_get_next_state': ClearGetNextStateRequest,
    'frames.download_for_dataview': DownloadForDataviewRequest,
    'frames.get_by_id': GetByIdRequest,
    'frames.get_by_ids': GetByIdsRequest,
    'frames.get_count': GetCountRequest,
    'frames.get_count_for_dataview': GetCountForDataviewRequest,
    'frames.get_count_for_dataview_id': GetCountForDataviewIdRequest,
    'frames.get_group_snippets_for_dataview': GetGroupSnippetsForDataviewRequest,
    'frames.get_next': GetNextRequest,
    'frames.get_next_for_dataview': GetNextForDataviewRequest,
    'frames.get_next_for_dataview_and_context_id': GetNextForDataviewAndContextIdRequest,
    'frames.get_next_for_dataview_id': GetNextForDataviewIdRequest,
    'frames.get_snippets_for_dataview': GetSnippetsForDataviewRequest,
    'frames.get_snippets_for_dataview2': GetSnippetsForDataview2Request,
    'frames.get_snippets_query_for_dataview': GetSnippetsQueryForDataviewRequest,
    'frames.get_source_ids_for_dataview': GetSourceIdsForDataviewRequest,
    'frames.get_stats_for_dataview': GetStatsForDataviewRequest,
    'frames.get_with_projection': GetWithProjectionRequest,
    'frames.prepare_download_for_dataview': PrepareDownloadForDataviewRequest,
}

RESPONSES: dict[str, Any] = {
    'frames.clear_get_next_state': ClearGetNextStateResponse,
    'frames.download_for_dataview': DownloadForDataviewResponse,
    'frames.get_by_id': GetByIdResponse,
    'frames.get_by_ids': GetByIdsResponse,
    'frames.get_count': GetCountResponse,
    'frames.get_count_for_dataview': GetCountForDataviewResponse,
    'frames.get_count_for_dataview_id': GetCountForDataviewIdResponse,
    'frames.get_group_snippets_for_dataview': GetGroupSnippetsForDataviewResponse,
    'frames.get_next': GetNextResponse,
    'frames.get_next_for_dataview': GetNextForDataviewResponse,
    'frames.get_next_for_dataview_and_context_id': GetNextForDataviewAndContextIdResponse,
    'frames.get_next_for_dataview_id': GetNextForDataviewIdResponse,
    'frames.get_snippets_for_dataview': GetSnippetsForDataviewResponse,
    'frames.get_snippets_for_dataview2': GetSnippetsForDataview2Response,
    'frames.get_snippets_query_for_dataview': GetSnippetsQueryForDataviewResponse,
    'frames.get_source_ids_for_dataview': GetSourceIdsForDataviewResponse,
    'frames.get_stats_for_dataview': GetStatsForDataviewResponse,
    'frames.get_with_projection': GetWithProjectionResponse,
    'frames.prepare_download_for_dataview': PrepareDownloadForDataviewResponse,
}

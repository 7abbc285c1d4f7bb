"""ClearML service ``dataviews``: 17 seed definitions, 11 endpoints, 51 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/dataviews.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class AugmentationSet(GeneratedModel):
    """From the seed ``dataviews.augmentation_set``."""

    arguments: dict[str, dict[str, Any]] | None = Field(None, description='Arguments dictionary per custom augmentation type.')
    cls: str | None = Field(None, description='Augmentation class')
    strength: float | None = Field(None, description='Augmentation strength. Range [0,).', ge=0)
    types: list[str] | None = Field(None, description='Augmentation type')


class Augmentation(GeneratedModel):
    """From the seed ``dataviews.augmentation``."""

    crop_around_rois: bool | None = Field(None, description='Crop image data around all frame ROIs')
    sets: list[AugmentationSet] | None = Field(None, description='List of augmentation sets')


class DataviewEntry(GeneratedModel):
    """From the seed ``dataviews.dataview_entry``."""

    dataset: str = Field(..., description='Existing Dataset id')
    merge_with: str | None = Field(None, description='Version ID to merge with')
    version: str = Field(..., description='Version id of a version belonging to the dataset')


class FilterByRoiEnum(str, Enum):
    """From the seed ``dataviews.filter_by_roi_enum``."""

    disabled = 'disabled'
    no_rois = 'no_rois'
    label_rules = 'label_rules'


class FilterLabelRule(GeneratedModel):
    """From the seed ``dataviews.filter_label_rule``."""

    conf_range: list[float] | None = Field(None, description='Range of ROI confidence level in the frame (min, max). -1 for not applicable Both min and max can be either -1 or positive. 2nd number (max) must be either -1 or larger than or equal to the 1st number (min)')
    count_range: list[int] | None = Field(None, description='Range of times ROI appears in the frame (min, max). -1 for not applicable. Both integers must be larger than or equal to -1. 2nd integer (max) must be either -1 or larger than or equal to the 1st integer (min)')
    label: str = Field(..., description="Lucene format query (see lucene query syntax). Default search field is label.keyword and default operator is AND, so searching for: 'Bus Stop' Blue is equivalent to: Label.keyword:'Bus Stop' AND label.keyword:'Blue'")
    must_not: bool | None = Field(False, description='If set then the label must not exist or lucene query must not be true. The default value is false')


class SimilarityFunction(str, Enum):
    """From the seed ``dataviews.similarity_function``."""

    l2_norm = 'l2_norm'
    dot_product = 'dot_product'
    cosine = 'cosine'


class FilterRuleVectorSearch(GeneratedModel):
    """From the seed ``dataviews.filter_rule/vector_search``."""

    field: str = Field(..., description='Vector field name')
    min_score: float | None = Field(None, description='Min allowed score')
    similarity_func: SimilarityFunction | None = Field(None, description='The function for calculating distance from the search vector')
    sort: Literal['asc', 'desc'] | None = None
    vector: list[float] = Field(..., description='The search vector')


class FilterRule(GeneratedModel):
    """From the seed ``dataviews.filter_rule``."""

    dataset: str = Field(..., description="Dataset ID. Must be a dataset which is in the task's view. If set to '*' all datasets in View are used.")
    filter_by_roi: FilterByRoiEnum | None = Field(None, description="Type of filter. Optional, the default value is 'label_rules'")
    frame_query: str | None = Field(None, description='Frame filter, in Lucene query syntax')
    label_rules: list[FilterLabelRule] | None = Field(None, description="List of FilterLabelRule ('AND' connection) disabled - No filtering by ROIs. Select all frames, even if they don't have ROIs (all frames) no_rois - Select only frames without ROIs (empty frames) label_rules - Select frames according to label rules")
    sources_query: str | None = Field(None, description='Sources filter, in Lucene query syntax. Filters sources in each frame.')
    vector_search: FilterRuleVectorSearch | None = Field(None, description='Vector search rule')
    version: str | None = Field(None, description="Dataset version to apply rule to. Must belong to the dataset and be in the task's view. If set to '*' all version of the datasets in View are used.")
    weight: float | None = Field(None, description='Rule weight. Default is 1')


class IterationOrderEnum(str, Enum):
    """From the seed ``dataviews.iteration_order_enum``."""

    sequential = 'sequential'
    random = 'random'


class Jump(GeneratedModel):
    """From the seed ``dataviews.jump``."""

    time: int | None = Field(None, description='Max time in milliseconds between frames')


class Iteration(GeneratedModel):
    """Sequential Iteration API configuration. From the seed ``dataviews.iteration``."""

    infinite: bool | None = Field(None, description='Infinite iteration')
    jump: Jump | None = Field(None, description='Jump entry')
    limit: int | None = Field(None, description='Maximum frames per task. If not passed, frames will end when no more matching frames are found, unless infinite is True.')
    min_sequence: int | None = Field(None, description='Length (in ms) of video clips to return. This is used in random order, and in sequential order only if jumping is provided and only for video frames')
    order: IterationOrderEnum | None = Field(None, description="Input frames order. Values: 'sequential', 'random' In Sequential mode frames will be returned according to the order in which the frames were added to the dataset.")
    random_seed: int | None = Field(None, description='Random seed used when iterating over the dataview')


class LabelSource(GeneratedModel):
    """From the seed ``dataviews.label_source``."""

    dataset: str | None = Field(None, description="Source dataset id. '*' for all datasets in view")
    labels: list[str] | None = Field(None, description="List of source labels (AND connection). '*' indicates any label. Labels must exist in at least one of the dataset versions in the task's view")
    version: str | None = Field(None, description="Source dataset version id. Default is '*' (for all versions in dataset in the view) Version must belong to the selected dataset, and must be in the task's view[i]")


class MappingRule(GeneratedModel):
    """From the seed ``dataviews.mapping_rule``."""

    source: LabelSource | None = Field(None, description='Source label info')
    target: str | None = Field(None, description='Target label name')


class Mapping(GeneratedModel):
    """From the seed ``dataviews.mapping``."""

    rules: list[MappingRule] | None = Field(None, description='Rules list')


class OutputRoisEnum(str, Enum):
    """From the seed ``dataviews.output_rois_enum``."""

    all_in_frame = 'all_in_frame'
    only_filtered = 'only_filtered'
    frame_per_roi = 'frame_per_roi'


class Dataview(GeneratedModel):
    """From the seed ``dataviews.dataview``."""

    augmentation: Augmentation | None = Field(None, description='Augmentation parameters. Only for training and testing tasks.')
    company: str | None = Field(None, description='Company id')
    created: datetime | None = Field(None, description='Dataview creation time (UTC)')
    description: str | None = Field(None, description='Dataview description')
    filters: list[FilterRule] | None = Field(None, description="List of FilterRule ('OR' connection)")
    id: str = Field(..., description='Dataview ID')
    iteration: Iteration | None = Field(None, description='Iteration parameters. Not applicable for register (import) tasks.')
    labels_enumeration: dict[str, int] | None = Field(None, description='Labels enumerations, specifies numbers to be assigned to ROI labels when getting frames')
    mapping: Mapping | None = Field(None, description='Mapping parameters')
    name: str = Field(..., description='Dataview name')
    output_rois: OutputRoisEnum | None = Field(None, description="'all_in_frame' - all rois for a frame are returned 'only_filtered' - only rois which led this frame to be selected 'frame_per_roi' - single roi per frame. Frame can be returned multiple times with a different roi each time. Note: this should be used for Training tasks only Note: frame_per_roi implies that only filtered rois will be returned")
    project: str | None = Field(None, description='Project ID of the project to which this task is assigned')
    system_tags: list[str] | None = Field(None, description="System tags list. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags list')
    user: str | None = Field(None, description='Associated user id')
    versions: list[DataviewEntry] | None = Field(None, description='List of dataview entries. All tasks must have at least one dataview.')


class MultiFieldPatternData(GeneratedModel):
    """From the seed ``dataviews.multi_field_pattern_data``."""

    datetime: str | None = Field(None, description="Date time conditions (applicable only to datetime fields). Either 'pattern' or 'datetime' should be specified")
    fields_: list[str] | None = Field(None, alias='fields', description='List of field names')
    pattern: str | None = Field(None, description="Pattern string (regex). Either 'pattern' or 'datetime' should be specified")


class ArchiveManyRequest(GeneratedRequest):
    """``dataviews.archive_many`` (API 2.23)."""

    ids: list[str]


class ArchiveManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class ArchiveManyResponseFailedItem(GeneratedModel):
    error: ArchiveManyResponseFailedItemError | None = None
    id: str | None = None


class ArchiveManyResponseSucceededItem(GeneratedModel):
    archived: bool | None = None
    id: str | None = None


class ArchiveManyResponse(GeneratedModel):
    """``dataviews.archive_many`` (API 2.23)."""

    failed: list[ArchiveManyResponseFailedItem] | None = None
    succeeded: list[ArchiveManyResponseSucceededItem] | None = None


class CreateRequest(GeneratedRequest):
    """``dataviews.create`` (API 2.23)."""

    augmentation: Augmentation | None = None
    description: str | None = None
    filters: list[FilterRule] | None = None
    iteration: Iteration | None = None
    labels_enumeration: dict[str, int] | None = None
    mapping: Mapping | None = None
    name: str
    output_rois: OutputRoisEnum | None = 'all_in_frame'
    project: str | None = None
    status: Literal['draft', 'published'] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    versions: list[DataviewEntry] | None = None


class CreateResponse(GeneratedModel):
    """``dataviews.create`` (API 2.23)."""

    id: str | None = None


class DeleteRequest(GeneratedRequest):
    """``dataviews.delete`` (API 2.23)."""

    dataview: str
    force: bool | None = False


class DeleteResponse(GeneratedModel):
    """``dataviews.delete`` (API 2.23)."""

    deleted: Literal[0, 1] | None = None


class DeleteManyRequest(GeneratedRequest):
    """``dataviews.delete_many`` (API 2.23)."""

    force: bool | None = False
    ids: list[str]


class DeleteManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class DeleteManyResponseFailedItem(GeneratedModel):
    error: DeleteManyResponseFailedItemError | None = None
    id: str | None = None


class DeleteManyResponseSucceededItem(GeneratedModel):
    deleted: bool | None = None
    id: str | None = None


class DeleteManyResponse(GeneratedModel):
    """``dataviews.delete_many`` (API 2.23)."""

    failed: list[DeleteManyResponseFailedItem] | None = None
    succeeded: list[DeleteManyResponseSucceededItem] | None = None


class GetAllRequest(GeneratedRequest):
    """``dataviews.get_all`` (API 2.23)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    output_rois: list[OutputRoisEnum] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: list[str] | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    status: Literal['draft', 'published'] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    user: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``dataviews.get_all`` (API 2.23)."""

    dataviews: list[Dataview] | None = None
    scroll_id: str | None = None


class GetByIdRequest(GeneratedRequest):
    """``dataviews.get_by_id`` (API 2.23)."""

    dataview: str


class GetByIdResponse(GeneratedModel):
    """``dataviews.get_by_id`` (API 2.23)."""

    dataview: Dataview | None = None


class MoveRequest(GeneratedRequest):
    """``dataviews.move`` (API 2.23)."""

    ids: list[str]
    project: str | None = None
    project_name: str | None = None


class MoveResponse(GeneratedModel):
    """``dataviews.move`` (API 2.23)."""



class PublishRequest(GeneratedRequest):
    """``dataviews.publish`` (API 2.23)."""

    dataview: str


class PublishResponse(GeneratedModel):
    """``dataviews.publish`` (API 2.23)."""

    published: Literal[0, 1] | None = None


class PublishManyRequest(GeneratedRequest):
    """``dataviews.publish_many`` (API 2.23)."""

    ids: list[str]


class PublishManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class PublishManyResponseFailedItem(GeneratedModel):
    error: PublishManyResponseFailedItemError | None = None
    id: str | None = None


class PublishManyResponseSucceededItem(GeneratedModel):
    id: str | None = None
    published: bool | None = None


class PublishManyResponse(GeneratedModel):
    """``dataviews.publish_many`` (API 2.23)."""

    failed: list[PublishManyResponseFailedItem] | None = None
    succeeded: list[PublishManyResponseSucceededItem] | None = None


class UnarchiveManyRequest(GeneratedRequest):
    """``dataviews.unarchive_many`` (API 2.23)."""

    ids: list[str]


class UnarchiveManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class UnarchiveManyResponseFailedItem(GeneratedModel):
    error: UnarchiveManyResponseFailedItemError | None = None
    id: str | None = None


class UnarchiveManyResponseSucceededItem(GeneratedModel):
    id: str | None = None
    unarchived: bool | None = None


class UnarchiveManyResponse(GeneratedModel):
    """``dataviews.unarchive_many`` (API 2.23)."""

    failed: list[UnarchiveManyResponseFailedItem] | None = None
    succeeded: list[UnarchiveManyResponseSucceededItem] | None = None


class UpdateRequest(GeneratedRequest):
    """``dataviews.update`` (API 2.23)."""

    augmentation: Augmentation | None = None
    dataview: str
    description: str | None = None
    filters: list[FilterRule] | None = None
    force: bool | None = False
    iteration: Iteration | None = None
    labels_enumeration: dict[str, int] | None = None
    mapping: Mapping | None = None
    name: str | None = None
    output_rois: OutputRoisEnum | None = None
    project: str | None = None
    status: Literal['draft', 'published'] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    versions: list[DataviewEntry] | None = None


class UpdateResponse(GeneratedModel):
    """``dataviews.update`` (API 2.23)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'dataviews.augmentation': Augmentation,
    'dataviews.augmentation_set': AugmentationSet,
    'dataviews.dataview': Dataview,
    'dataviews.dataview_entry': DataviewEntry,
    'dataviews.filter_by_roi_enum': FilterByRoiEnum,
    'dataviews.filter_label_rule': FilterLabelRule,
    'dataviews.filter_rule': FilterRule,
    'dataviews.filter_rule/vector_search': FilterRuleVectorSearch,
    'dataviews.iteration': Iteration,
    'dataviews.iteration_order_enum': IterationOrderEnum,
    'dataviews.jump': Jump,
    'dataviews.label_source': LabelSource,
    'dataviews.mapping': Mapping,
    'dataviews.mapping_rule': MappingRule,
    'dataviews.multi_field_pattern_data': MultiFieldPatternData,
    'dataviews.output_rois_enum': OutputRoisEnum,
    'dataviews.similarity_function': SimilarityFunction,
}

REQUESTS: dict[str, Any] = {
    'dataviews.archive_many': ArchiveManyRequest,
    'dataviews.create': CreateRequest,
    'dataviews.delete': DeleteRequest,
    'dataviews.delete_many': DeleteManyRequest,
    'dataviews.get_all': GetAllRequest,
    'dataviews.get_by_id': GetByIdRequest,
    'dataviews.move': MoveRequest,
    'dataviews.publish': PublishRequest,
    'dataviews.publish_many': PublishManyRequest,
    'dataviews.unarchive_many': UnarchiveManyRequest,
    'dataviews.update': UpdateRequest,
}

RESPONSES: dict[str, Any] = {
    'dataviews.archive_many': ArchiveManyResponse,
    'dataviews.create': CreateResponse,
    'dataviews.delete': DeleteResponse,
    'dataviews.delete_many': DeleteManyResponse,
    'dataviews.get_all': GetAllResponse,
    'dataviews.get_by_id': GetByIdResponse,
    'dataviews.move': MoveResponse,
    'dataviews.publish': PublishResponse,
    'dataviews.publish_many': PublishManyResponse,
    'dataviews.unarchive_many': UnarchiveManyResponse,
    'dataviews.update': UpdateResponse,
}

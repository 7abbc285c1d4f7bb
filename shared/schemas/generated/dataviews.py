"""ClearML service ``dataviews``: 17 seed definitions, 11 endpoints, 18 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/dataviews.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import ArchiveManyRequest, ArchiveManyResponse, ArchiveManyResponseFailedItem, ArchiveManyResponseFailedItemError, ArchiveManyResponseSucceededItem, Augmentation, AugmentationSet, CreateResponse, DeleteManyResponseFailedItem, DeleteManyResponseFailedItemError, DeleteResponse, FilterByRoiEnum, FilterLabelRule, FilterRule, FilterRuleVectorSearch, IterationOrderEnum, Jump, LabelSource, Mapping, MappingRule, MoveRequest, MoveResponse, MultiFieldPatternData, OutputRoisEnum, PublishManyResponseFailedItem, PublishManyResponseFailedItemError, SimilarityFunction, UnarchiveManyRequest, UnarchiveManyResponse, UnarchiveManyResponseFailedItem, UnarchiveManyResponseFailedItemError, UnarchiveManyResponseSucceededItem, UpdateResponse  # noqa: F401


class DataviewEntry(GeneratedModel):
    """From the seed ``dataviews.dataview_entry``."""

    dataset: str = Field(..., description='Existing Dataset id')
    merge_with: str | None = Field(None, description='Version ID to merge with')
    version: str = Field(..., description='Version id of a version belonging to the dataset')


class Iteration(GeneratedModel):
    """Sequential Iteration API configuration. From the seed ``dataviews.iteration``."""

    infinite: bool | None = Field(None, description='Infinite iteration')
    jump: Jump | None = Field(None, description='Jump entry')
    limit: int | None = Field(None, description='Maximum frames per task. If not passed, frames will end when no more matching frames are found, unless infinite is True.')
    min_sequence: int | None = Field(None, description='Length (in ms) of video clips to return. This is used in random order, and in sequential order only if jumping is provided and only for video frames')
    order: IterationOrderEnum | None = Field(None, description="Input frames order. Values: 'sequential', 'random' In Sequential mode frames will be returned according to the order in which the frames were added to the dataset.")
    random_seed: int | None = Field(None, description='Random seed used when iterating over the dataview')


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


class DeleteRequest(GeneratedRequest):
    """``dataviews.delete`` (API 2.23)."""

    dataview: str
    force: bool | None = False


class DeleteManyRequest(GeneratedRequest):
    """``dataviews.delete_many`` (API 2.23)."""

    force: bool | None = False
    ids: list[str]


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


class PublishRequest(GetByIdRequest):
    """``dataviews.publish`` (API 2.23)."""


class PublishResponse(GeneratedModel):
    """``dataviews.publish`` (API 2.23)."""

    published: Literal[0, 1] | None = None


class PublishManyRequest(GeneratedRequest):
    """``dataviews.publish_many`` (API 2.23)."""

    ids: list[str]


class PublishManyResponseSucceededItem(GeneratedModel):
    id: str | None = None
    published: bool | None = None


class PublishManyResponse(GeneratedModel):
    """``dataviews.publish_many`` (API 2.23)."""

    failed: list[PublishManyResponseFailedItem] | None = None
    succeeded: list[PublishManyResponseSucceededItem] | None = None


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

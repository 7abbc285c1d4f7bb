"""ClearML service ``models``: 6 seed definitions, 22 endpoints, 51 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/models.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import AddOrUpdateMetadataResponse, ArchiveManyRequest, ArchiveManyResponse, ArchiveManyResponseFailedItem, ArchiveManyResponseFailedItemError, ArchiveManyResponseSucceededItem, ArtifactId, ArtifactModeEnum, BatchOperation, Credentials, DeleteManyResponseFailedItem, DeleteManyResponseFailedItemError, DeleteMetadataResponse, EditResponse, FieldFilter, FieldFilterAll, FieldFilterAny, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, LastMetricsEvent, LastMetricsVariants, MakePrivateRequest, MakePrivateResponse, MakePublicRequest, MakePublicResponse, ModelTypeEnum, MoveRequest, MoveResponse, MultiFieldPatternData, PublishManyResponseFailedItem, PublishManyResponseFailedItemError, TaskExecutionProgressEnum, TaskStatusEnum, UnarchiveManyRequest, UnarchiveManyResponse, UnarchiveManyResponseFailedItem, UnarchiveManyResponseFailedItemError, UnarchiveManyResponseSucceededItem, UpdateResponse, UpdateTagsRequest, UpdateTagsResponse  # noqa: F401


class MetadataItem(GeneratedModel):
    """From the seed ``models.metadata_item``."""

    key: str | None = Field(None, description='The key uniquely identifying the metadata item inside the given entity')
    type: str | None = Field(None, description='The type of the metadata item')
    value: str | None = Field(None, description='The value stored in the metadata item')


class ModelStats(GeneratedModel):
    """From the seed ``models.model/stats``."""

    labels_count: int | None = Field(None, description='Number of the model labels')


class Model(GeneratedModel):
    """From the seed ``models.model``."""

    comment: str | None = Field(None, description='Model comment')
    company: str | None = Field(None, description='Company id')
    created: datetime | None = Field(None, description='Model creation time')
    design: dict[str, Any] | None = Field(None, description='Json object representing the model design. Should be identical to the network design of the task which created the model')
    framework: str | None = Field(None, description='Framework on which the model is based. Should be identical to the framework of the task which created the model')
    id: str | None = Field(None, description='Model id')
    labels: dict[str, int] | None = Field(None, description="Json object representing the ids of the labels in the model. The keys are the layers' names and the values are the ids.")
    last_iteration: int | None = Field(None, description='Last iteration reported for this model')
    last_metrics: dict[str, LastMetricsVariants] | None = Field(None, description='Last metric variants (hash to events), one for each metric hash')
    last_update: datetime | None = Field(None, description='Model last update time')
    metadata: dict[str, MetadataItem] | None = Field(None, description='Model metadata')
    name: str | None = Field(None, description='Model name')
    parent: str | None = Field(None, description='Parent model ID')
    project: str | None = Field(None, description='Associated project ID')
    ready: bool | None = Field(None, description='Indication if the model is final and can be used by other tasks')
    stats: ModelStats | None = Field(None, description='Model statistics')
    system_tags: list[str] | None = Field(None, description="System tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags')
    task: str | None = Field(None, description='Task ID of task in which the model was created')
    ui_cache: dict[str, Any] | None = Field(None, description='UI cache for this model')
    uri: str | None = Field(None, description='URI for the model, pointing to the destination storage.')
    user: str | None = Field(None, description='Associated user id')


class ArtifactTypeData(GeneratedModel):
    """From the catalog definition ``models.artifact_type_data``."""

    content_type: str | None = None
    data_hash: str | None = None
    preview: str | None = None


class Artifact(GeneratedModel):
    """From the catalog definition ``models.artifact``."""

    content_size: int | None = None
    display_data: list[list[str]] | None = None
    hash: str | None = None
    key: str
    mode: ArtifactModeEnum | None = None
    timestamp: int | None = None
    type: str
    type_data: ArtifactTypeData | None = None
    uri: str | None = None


class ConfigurationItem(GeneratedModel):
    """From the catalog definition ``models.configuration_item``."""

    description: str | None = None
    name: str | None = None
    type: str | None = None
    value: str | None = None


class Execution(GeneratedModel):
    """From the catalog definition ``models.execution``."""

    artifacts: list[Artifact] | None = None
    docker_cmd: str | None = None
    framework: str | None = None
    model: str | None = None
    model_desc: dict[str, Any] | None = None
    model_labels: dict[str, int] | None = None
    parameters: dict[str, Any] | None = None
    queue: str | None = None


class Output(GeneratedModel):
    """From the catalog definition ``models.output``."""

    destination: str | None = None
    error: str | None = None
    model: str | None = None
    result: str | None = None


class ParamsItem(GeneratedModel):
    """From the catalog definition ``models.params_item``."""

    description: str | None = None
    name: str | None = None
    section: str | None = None
    type: str | None = None
    value: str | None = None


class PublishedTaskItemData(GeneratedModel):
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class PublishedTaskItem(GeneratedModel):
    """From the catalog definition ``models.published_task_item``."""

    data: PublishedTaskItemData | None = None
    id: str | None = None


class Script(GeneratedModel):
    """From the catalog definition ``models.script``."""

    binary: str | None = 'python'
    branch: str | None = None
    diff: str | None = None
    entry_point: str | None = None
    repository: str | None = None
    requirements: dict[str, Any] | None = None
    tag: str | None = None
    version_num: str | None = None
    working_dir: str | None = None


# From the catalog definition ``models.section_params``.
SectionParams = dict[str, ParamsItem]


class TaskModelItem(GeneratedModel):
    """From the catalog definition ``models.task_model_item``."""

    model: str
    name: str


class TaskModels(GeneratedModel):
    """From the catalog definition ``models.task_models``."""

    input: list[TaskModelItem] | None = None
    output: list[TaskModelItem] | None = None


class TaskTypeEnum(str, Enum):
    """From the catalog definition ``models.task_type_enum``."""

    training = 'training'
    testing = 'testing'
    inference = 'inference'
    data_processing = 'data_processing'
    application = 'application'
    monitor = 'monitor'
    controller = 'controller'
    optimizer = 'optimizer'
    service = 'service'
    qc = 'qc'
    custom = 'custom'


class Task(GeneratedModel):
    """From the catalog definition ``models.task``."""

    active_duration: int | None = None
    comment: str | None = None
    company: str | None = None
    completed: datetime | None = None
    configuration: dict[str, ConfigurationItem] | None = None
    container: dict[str, str] | None = None
    created: datetime | None = None
    execution: Execution | None = None
    hyperparams: dict[str, SectionParams] | None = None
    id: str | None = None
    last_change: datetime | None = None
    last_iteration: int | None = None
    last_metrics: dict[str, LastMetricsVariants] | None = None
    last_update: datetime | None = None
    last_worker: str | None = None
    last_worker_report: datetime | None = None
    models: TaskModels | None = None
    name: str | None = None
    output: Output | None = None
    parent: str | None = None
    project: str | None = None
    published: datetime | None = None
    runtime: dict[str, Any] | None = None
    script: Script | None = None
    started: datetime | None = None
    status: TaskStatusEnum | None = None
    status_changed: datetime | None = None
    status_message: str | None = None
    status_reason: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: TaskTypeEnum | None = None
    user: str | None = None


class AddOrUpdateMetadataRequest(GeneratedRequest):
    """``models.add_or_update_metadata`` (API 2.13)."""

    metadata: list[MetadataItem]
    model: str
    replace_metadata: bool | None = False


class CreateRequest(GeneratedRequest):
    """``models.create`` (API 2.1 to 2.13)."""

    comment: str | None = None
    design: dict[str, Any] | None = None
    framework: str | None = None
    labels: dict[str, int] | None = None
    name: str
    parent: str | None = None
    project: str | None = None
    public: bool | None = False
    ready: bool | None = False
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str | None = None
    uri: str


class CreateResponse(GeneratedModel):
    """``models.create`` (API 2.1 to 2.13)."""

    created: bool | None = None
    id: str | None = None


class DeleteRequest(GeneratedRequest):
    """``models.delete`` (API 2.1 to 2.13)."""

    force: bool | None = None
    model: str


class DeleteResponse(GeneratedModel):
    """``models.delete`` (API 2.1 to 2.13)."""

    deleted: bool | None = None
    url: str | None = None


class DeleteManyRequest(GeneratedRequest):
    """``models.delete_many`` (API 2.13)."""

    force: bool | None = None
    ids: list[str]


class DeleteManyResponseSucceededItem(GeneratedModel):
    deleted: bool | None = None
    id: str | None = None
    url: str | None = None


class DeleteManyResponse(GeneratedModel):
    """``models.delete_many`` (API 2.13)."""

    failed: list[DeleteManyResponseFailedItem] | None = None
    succeeded: list[DeleteManyResponseSucceededItem] | None = None


class DeleteMetadataRequest(GeneratedRequest):
    """``models.delete_metadata`` (API 2.13)."""

    keys: list[str]
    model: str


class EditRequest(GeneratedRequest):
    """``models.edit`` (API 2.1 to 2.13)."""

    comment: str | None = None
    design: dict[str, Any] | None = None
    framework: str | None = None
    iteration: int | None = None
    labels: dict[str, int] | None = None
    model: str
    name: str | None = None
    parent: str | None = None
    project: str | None = None
    ready: bool | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str | None = None
    uri: str | None = None


class GetAllRequest(GeneratedRequest):
    """``models.get_all`` (API 2.1 to 2.26)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    framework: list[str] | None = None
    id: list[str] | None = None
    include_subprojects: bool | None = False
    last_update: list[str] | str | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: list[str] | None = None
    ready: bool | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: list[str] | None = None
    uri: list[str] | None = None
    user: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``models.get_all`` (API 2.1 to 2.26)."""

    models: list[Model] | None = None
    scroll_id: str | None = None


class GetAllExRequest(GeneratedRequest):
    """``models.get_all_ex`` (API 2.1 to 2.27)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    allow_public: bool | None = True
    filters: dict[str, GetAllExRequestFiltersValue] | None = None
    framework: list[str] | None = None
    id: list[str] | None = None
    include_stats: bool | None = False
    include_subprojects: bool | None = False
    last_update: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: list[str] | None = None
    ready: bool | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: list[str] | None = None
    uri: list[str] | None = None
    user: list[str] | None = None


class GetAllExResponse(GetAllResponse):
    """``models.get_all_ex`` (API 2.1 to 2.27)."""


class GetByIdRequest(GeneratedRequest):
    """``models.get_by_id`` (API 2.1)."""

    model: str


class GetByIdResponse(GeneratedModel):
    """``models.get_by_id`` (API 2.1)."""

    model: Model | None = None


class GetByIdExRequest(GeneratedRequest):
    """``models.get_by_id_ex`` (API 2.11)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    framework: list[str] | None = None
    id: list[str] | None = None
    last_update: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    project: list[str] | None = None
    ready: bool | None = None
    search_text: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: list[str] | None = None
    uri: list[str] | None = None
    user: list[str] | None = None


class GetByIdExResponse(GeneratedModel):
    """``models.get_by_id_ex`` (API 2.11)."""

    models: list[Model] | None = None


class GetByTaskIdRequest(GeneratedRequest):
    """``models.get_by_task_id`` (API 2.1)."""

    task: str | None = None


class GetByTaskIdResponse(GetByIdResponse):
    """``models.get_by_task_id`` (API 2.1)."""


class GetFrameworksRequest(GeneratedRequest):
    """``models.get_frameworks`` (API 2.8)."""

    projects: list[str] | None = None


class GetFrameworksResponse(GeneratedModel):
    """``models.get_frameworks`` (API 2.8)."""

    frameworks: list[str] | None = None


class PublishManyRequest(GeneratedRequest):
    """``models.publish_many`` (API 2.13)."""

    force_publish_task: bool | None = None
    ids: list[str]
    publish_tasks: bool | None = None


class PublishManyResponseSucceededItemPublishedTaskData(PublishedTaskItemData):
    pass


class PublishManyResponseSucceededItemPublishedTask(GeneratedModel):
    data: PublishManyResponseSucceededItemPublishedTaskData | None = None
    id: str | None = None


class PublishManyResponseSucceededItem(GeneratedModel):
    id: str | None = None
    published_task: PublishManyResponseSucceededItemPublishedTask | None = None
    updated: bool | None = None


class PublishManyResponse(GeneratedModel):
    """``models.publish_many`` (API 2.13)."""

    failed: list[PublishManyResponseFailedItem] | None = None
    succeeded: list[PublishManyResponseSucceededItem] | None = None


class SetReadyRequest(GeneratedRequest):
    """``models.set_ready`` (API 2.1)."""

    force_publish_task: bool | None = None
    model: str
    publish_task: bool | None = None


class SetReadyResponsePublishedTaskData(PublishedTaskItemData):
    pass


class SetReadyResponsePublishedTask(GeneratedModel):
    data: SetReadyResponsePublishedTaskData | None = None
    id: str | None = None


class SetReadyResponse(GeneratedModel):
    """``models.set_ready`` (API 2.1)."""

    published_task: SetReadyResponsePublishedTask | None = None
    updated: Literal[0, 1] | None = None


class UpdateRequest(GeneratedRequest):
    """``models.update`` (API 2.1 to 2.13)."""

    comment: str | None = None
    created: datetime | None = None
    iteration: int | None = None
    model: str
    name: str | None = None
    project: str | None = None
    ready: bool | None = False
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str | None = None
    ui_cache: dict[str, Any] | None = None


class UpdateForTaskRequest(GeneratedRequest):
    """``models.update_for_task`` (API 2.1)."""

    comment: str | None = None
    iteration: int | None = None
    name: str | None = None
    override_model_id: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str
    uri: str | None = None


class UpdateForTaskResponse(GeneratedModel):
    """``models.update_for_task`` (API 2.1)."""

    created: bool | None = None
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    updated: int | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'models.last_metrics_event': LastMetricsEvent,
    'models.last_metrics_variants': LastMetricsVariants,
    'models.metadata_item': MetadataItem,
    'models.model': Model,
    'models.model/stats': ModelStats,
    'models.multi_field_pattern_data': MultiFieldPatternData,
}

REQUESTS: dict[str, Any] = {
    'models.add_or_update_metadata': AddOrUpdateMetadataRequest,
    'models.archive_many': ArchiveManyRequest,
    'models.create': CreateRequest,
    'models.delete': DeleteRequest,
    'models.delete_many': DeleteManyRequest,
    'models.delete_metadata': DeleteMetadataRequest,
    'models.edit': EditRequest,
    'models.get_all': GetAllRequest,
    'models.get_all_ex': GetAllExRequest,
    'models.get_by_id': GetByIdRequest,
    'models.get_by_id_ex': GetByIdExRequest,
    'models.get_by_task_id': GetByTaskIdRequest,
    'models.get_frameworks': GetFrameworksRequest,
    'models.make_private': MakePrivateRequest,
    'models.make_public': MakePublicRequest,
    'models.move': MoveRequest,
    'models.publish_many': PublishManyRequest,
    'models.set_ready': SetReadyRequest,
    'models.unarchive_many': UnarchiveManyRequest,
    'models.update': UpdateRequest,
    'models.update_for_task': UpdateForTaskRequest,
    'models.update_tags': UpdateTagsRequest,
}

RESPONSES: dict[str, Any] = {
    'models.add_or_update_metadata': AddOrUpdateMetadataResponse,
    'models.archive_many': ArchiveManyResponse,
    'models.create': CreateResponse,
    'models.delete': DeleteResponse,
    'models.delete_many': DeleteManyResponse,
    'models.delete_metadata': DeleteMetadataResponse,
    'models.edit': EditResponse,
    'models.get_all': GetAllResponse,
    'models.get_all_ex': GetAllExResponse,
    'models.get_by_id': GetByIdResponse,
    'models.get_by_id_ex': GetByIdExResponse,
    'models.get_by_task_id': GetByTaskIdResponse,
    'models.get_frameworks': GetFrameworksResponse,
    'models.make_private': MakePrivateResponse,
    'models.make_public': MakePublicResponse,
    'models.move': MoveResponse,
    'models.publish_many': PublishManyResponse,
    'models.set_ready': SetReadyResponse,
    'models.unarchive_many': UnarchiveManyResponse,
    'models.update': UpdateResponse,
    'models.update_for_task': UpdateForTaskResponse,
    'models.update_tags': UpdateTagsResponse,
}

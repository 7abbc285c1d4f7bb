"""ClearML service ``tasks``: 41 seed definitions, 53 endpoints, 122 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/tasks.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictModel
from shared.schemas.generated._common import ArchiveManyResponse, ArchiveManyResponseFailedItem, ArchiveManyResponseFailedItemError, ArchiveManyResponseSucceededItem, Artifact, ArtifactModeEnum, ArtifactTypeData, Augmentation, AugmentationSet, BatchOperation, ConfigurationItem, CreateResponse, Credentials, DeleteManyResponseFailedItem, DeleteManyResponseFailedItemError, EditResponse, Execution, FieldFilter, FieldFilterAll, FieldFilterAny, FilterByRoiEnum, FilterLabelRule, FilterRule, FilterRuleVectorSearch, Filtering, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, Input, Iteration, Jump, LabelSource, LastMetricsEvent, LastMetricsVariants, MakePrivateRequest, MakePrivateResponse, MakePublicRequest, MakePublicResponse, Mapping, MappingRule, MetadataItem, ModelTypeEnum, MoveRequest, MoveResponse, MultiFieldPatternData, Output, OutputRoisEnum, ParamsItem, PublishManyResponseFailedItem, PublishManyResponseFailedItemError, PublishResponse, Script, SectionParams, SimilarityFunction, Task, TaskExecutionProgressEnum, TaskModelItem, TaskModels, TaskStatusEnum, TaskTypeEnum, UnarchiveManyResponse, UnarchiveManyResponseFailedItem, UnarchiveManyResponseFailedItemError, UnarchiveManyResponseSucceededItem, UpdateResponse, UpdateResponseBody, UpdateTagsRequest, UpdateTagsResponse, View, ViewEntry  # noqa: F401


class ArtifactId(GeneratedModel):
    """From the seed ``tasks.artifact_id``."""

    key: str = Field(..., description='Entry key')
    mode: ArtifactModeEnum | None = Field(None, description='System defined input/output indication')


class Execution15(GeneratedModel):
    """Task execution params. From the seed ``tasks.execution_15``."""

    dataviews: dict[str, Any] | None = Field(None, description='key to embedded Dataview mapping')
    framework: str | None = Field(None, description='Framework related to the task. Case insensitive. Mandatory for Training tasks.')
    model: str | None = Field(None, description='Execution input model ID Not applicable for Register (Import) tasks')
    model_desc: dict[str, Any] | None = Field(None, description='Json object representing the Model descriptors')
    model_labels: dict[str, int] | None = Field(None, description="Json object representing the ids of the labels in the model. The keys are the layers' names and the values are the IDs. Not applicable for Register (Import) tasks. Mandatory for Training tasks")
    parameters: dict[str, Any] | None = Field(None, description='Json object containing the Task parameters')
    queue: str | None = Field(None, description='Queue ID where task was queued.')
    test_split: int | None = Field(None, description='Percentage of frames to use for testing only')


class ParamKey(GeneratedModel):
    """From the seed ``tasks.param_key``."""

    name: str | None = Field(None, description='Name of the parameter. If the name is ommitted then the corresponding operation is performed on the whole section')
    section: str | None = Field(None, description='Section that the parameter belongs to')


class ReplaceHyperparamsEnum(str, Enum):
    """From the seed ``tasks.replace_hyperparams_enum``."""

    none = 'none'
    section = 'section'
    all = 'all'


class Task15(GeneratedModel):
    """From the seed ``tasks.task_15``."""

    comment: str | None = Field(None, description='Free text comment')
    company: str | None = Field(None, description='Company ID')
    completed: datetime | None = Field(None, description='Task end time (UTC)')
    created: datetime | None = Field(None, description='Task creation time (UTC)')
    execution: Execution15 | None = None
    id: str | None = Field(None, description='Task id')
    input: Input | None = None
    last_change: datetime | None = Field(None, description='Last time any update was done to the task')
    last_iteration: int | None = Field(None, description='Last iteration reported for this task')
    last_metrics: dict[str, LastMetricsVariants] | None = Field(None, description='Last metric variants (hash to events), one for each metric hash')
    last_update: datetime | None = Field(None, description='Last time this task was created, edited, changed or events for this task were reported')
    last_worker: str | None = Field(None, description='ID of last worker that handled the task')
    last_worker_report: datetime | None = Field(None, description='Last time a worker reported while working on this task')
    name: str | None = Field(None, description='Task Name')
    output: Output | None = Field(None, description='Task output params')
    parent: str | None = Field(None, description='Parent task id')
    project: str | None = Field(None, description='Project ID of the project to which this task is assigned')
    published: datetime | None = Field(None, description='Last status change time')
    script: Script | None = None
    started: datetime | None = Field(None, description='Task start time (UTC)')
    status: TaskStatusEnum | None = None
    status_changed: datetime | None = Field(None, description='Last status change time')
    status_message: str | None = Field(None, description='free text string representing info about the status')
    status_reason: str | None = Field(None, description='Reason for last status change')
    system_tags: list[str] | None = Field(None, description="System tags list. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags list')
    type: TaskTypeEnum | None = Field(None, description="Type of task. Values: 'dataset_import', 'annotation', 'training', 'testing'")
    user: str | None = Field(None, description='Associated user id')


class TaskUrls(GeneratedModel):
    """From the seed ``tasks.task_urls``."""

    artifact_urls: list[str] | None = None
    event_urls: list[str] | None = None
    model_urls: list[str] | None = None


# From the catalog definition ``tasks.change_many_request``.
ChangeManyRequest = Any


class AddOrUpdateArtifactsRequest(GeneratedRequest):
    """``tasks.add_or_update_artifacts`` (API 2.10)."""

    artifacts: list[Artifact]
    force: bool | None = None
    task: str


class AddOrUpdateArtifactsResponse(GeneratedModel):
    """``tasks.add_or_update_artifacts`` (API 2.10)."""

    updated: int | None = None


class AddOrUpdateModelRequest(GeneratedRequest):
    """``tasks.add_or_update_model`` (API 2.13)."""

    iteration: int | None = None
    model: str
    name: str
    task: str
    type: ModelTypeEnum


class AddOrUpdateModelResponse(GeneratedModel):
    """``tasks.add_or_update_model`` (API 2.13)."""

    updated: Literal[0, 1] | None = None


class ArchiveRequest(GeneratedRequest):
    """``tasks.archive`` (API 2.12 to 2.30)."""

    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    tasks: list[str]


class ArchiveResponse(GeneratedModel):
    """``tasks.archive`` (API 2.12 to 2.30)."""

    archived: int | None = None


class ArchiveManyRequest(GeneratedRequest):
    """``tasks.archive_many`` (API 2.13 to 2.30)."""

    ids: list[str]
    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None


class CloneRequest(GeneratedRequest):
    """``tasks.clone`` (API 2.5 to 2.13)."""

    execution_overrides: Execution | None = None
    new_project_name: str | None = None
    new_task_comment: str | None = None
    new_task_configuration: dict[str, ConfigurationItem] | None = None
    new_task_container: dict[str, str] | None = None
    new_task_hyperparams: dict[str, SectionParams] | None = None
    new_task_input_models: list[TaskModelItem] | None = None
    new_task_name: str | None = None
    new_task_parent: str | None = None
    new_task_project: str | None = None
    new_task_system_tags: list[str] | None = None
    new_task_tags: list[str] | None = None
    task: str
    validate_references: bool | None = None


class CloneResponseNewProject(GeneratedModel):
    id: str | None = None
    name: str | None = None


class CloneResponse(GeneratedModel):
    """``tasks.clone`` (API 2.5 to 2.13)."""

    id: str | None = None
    new_project: CloneResponseNewProject | None = None


class CloseRequest(GeneratedRequest):
    """``tasks.close`` (API 2.1)."""

    force: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class CloseResponse(GeneratedModel):
    """``tasks.close`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class CompletedRequest(GeneratedRequest):
    """``tasks.completed`` (API 2.2 to 2.20)."""

    force: bool | None = False
    publish: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class CompletedResponse(GeneratedModel):
    """``tasks.completed`` (API 2.2 to 2.20)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    published: Literal[0, 1] | None = None
    updated: Literal[0, 1] | None = None


class CreateRequest(GeneratedRequest):
    """``tasks.create`` (API 2.1 to 2.13)."""

    comment: str | None = None
    configuration: dict[str, ConfigurationItem] | None = None
    container: dict[str, str] | None = None
    execution: Execution | None = None
    hyperparams: dict[str, SectionParams] | None = None
    models: TaskModels | None = None
    name: str
    output_dest: str | None = None
    parent: str | None = None
    project: str | None = None
    script: Script | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: TaskTypeEnum


class DeleteRequest(GeneratedRequest):
    """``tasks.delete`` (API 2.1 to 2.30)."""

    delete_external_artifacts: bool | None = True
    delete_output_models: bool | None = None
    force: bool | None = False
    include_pipeline_steps: bool | None = False
    move_to_trash: bool | None = False
    return_file_urls: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class DeleteResponse(GeneratedModel):
    """``tasks.delete`` (API 2.1 to 2.30)."""

    deleted: bool | None = None
    events: dict[str, Any] | None = None
    updated_children: int | None = None
    updated_models: int | None = None
    urls: TaskUrls | None = None


class DeleteArtifactsRequest(GeneratedRequest):
    """``tasks.delete_artifacts`` (API 2.10)."""

    artifacts: list[ArtifactId]
    force: bool | None = None
    task: str


class DeleteArtifactsResponse(GeneratedModel):
    """``tasks.delete_artifacts`` (API 2.10)."""

    deleted: int | None = None


class DeleteConfigurationRequest(GeneratedRequest):
    """``tasks.delete_configuration`` (API 2.9)."""

    configuration: list[str]
    force: bool | None = None
    task: str


class DeleteConfigurationResponse(DeleteArtifactsResponse):
    """``tasks.delete_configuration`` (API 2.9)."""


class DeleteHyperParamsRequest(GeneratedRequest):
    """``tasks.delete_hyper_params`` (API 2.9)."""

    force: bool | None = None
    hyperparams: list[ParamKey]
    task: str


class DeleteHyperParamsResponse(DeleteArtifactsResponse):
    """``tasks.delete_hyper_params`` (API 2.9)."""


class DeleteManyRequest(GeneratedRequest):
    """``tasks.delete_many`` (API 2.13 to 2.30)."""

    delete_external_artifacts: bool | None = True
    delete_output_models: bool | None = None
    force: bool | None = False
    ids: list[str]
    include_pipeline_steps: bool | None = False
    move_to_trash: bool | None = False
    return_file_urls: bool | None = None


class DeleteManyResponseSucceededItem(GeneratedModel):
    deleted: bool | None = None
    deleted_models: int | None = None
    id: str | None = None
    updated_children: int | None = None
    updated_models: int | None = None
    urls: TaskUrls | None = None


class DeleteManyResponse(GeneratedModel):
    """``tasks.delete_many`` (API 2.13 to 2.30)."""

    failed: list[DeleteManyResponseFailedItem] | None = None
    succeeded: list[DeleteManyResponseSucceededItem] | None = None


class DeleteModelsRequestModelsItem(GeneratedModel):
    name: str
    type: ModelTypeEnum


class DeleteModelsRequest(GeneratedRequest):
    """``tasks.delete_models`` (API 2.13)."""

    models: list[DeleteModelsRequestModelsItem]
    task: str


class DeleteModelsResponse(AddOrUpdateModelResponse):
    """``tasks.delete_models`` (API 2.13)."""


class DequeueRequest(GeneratedRequest):
    """``tasks.dequeue`` (API 1.5 to 2.26)."""

    new_status: str | None = None
    remove_from_all_queues: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class DequeueResponse(GeneratedModel):
    """``tasks.dequeue`` (API 1.5 to 2.26)."""

    dequeued: Literal[0, 1] | None = None
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class DequeueManyRequest(GeneratedRequest):
    """``tasks.dequeue_many`` (API 2.13 to 2.26)."""

    ids: list[str]
    new_status: str | None = None
    remove_from_all_queues: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None


class DequeueManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class DequeueManyResponseFailedItem(GeneratedModel):
    error: DequeueManyResponseFailedItemError | None = None
    id: str | None = None


class DequeueManyResponseSucceededItem(GeneratedModel):
    dequeued: bool | None = None
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    updated: Literal[0, 1] | None = None


class DequeueManyResponse(GeneratedModel):
    """``tasks.dequeue_many`` (API 2.13 to 2.26)."""

    failed: list[DequeueManyResponseFailedItem] | None = None
    succeeded: list[DequeueManyResponseSucceededItem] | None = None


class EditRequest(GeneratedRequest):
    """``tasks.edit`` (API 2.1 to 2.13)."""

    comment: str | None = None
    configuration: dict[str, ConfigurationItem] | None = None
    container: dict[str, str] | None = None
    execution: Execution | None = None
    force: bool | None = False
    hyperparams: dict[str, SectionParams] | None = None
    models: TaskModels | None = None
    name: str | None = None
    output_dest: str | None = None
    parent: str | None = None
    project: str | None = None
    runtime: dict[str, Any] | None = None
    script: Script | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str
    type: TaskTypeEnum | None = None


class EditConfigurationRequest(GeneratedRequest):
    """``tasks.edit_configuration`` (API 2.9)."""

    configuration: list[ConfigurationItem]
    force: bool | None = None
    replace_configuration: bool | None = None
    task: str


class EditConfigurationResponse(AddOrUpdateArtifactsResponse):
    """``tasks.edit_configuration`` (API 2.9)."""


class EditHyperParamsRequest(GeneratedRequest):
    """``tasks.edit_hyper_params`` (API 2.9)."""

    force: bool | None = None
    hyperparams: list[ParamsItem]
    replace_hyperparams: ReplaceHyperparamsEnum | None = None
    task: str


class EditHyperParamsResponse(AddOrUpdateArtifactsResponse):
    """``tasks.edit_hyper_params`` (API 2.9)."""


class EditRuntimeRequest(GeneratedRequest):
    """``tasks.edit_runtime`` (API 2.34)."""

    add_or_update: dict[str, str] | None = None
    force: bool | None = None
    remove: list[str] | None = None
    task: str


class EditRuntimeResponse(AddOrUpdateArtifactsResponse):
    """``tasks.edit_runtime`` (API 2.34)."""


class EnqueueRequest(GeneratedRequest):
    """``tasks.enqueue`` (API 1.5 to 2.31)."""

    queue: str | None = None
    queue_name: str | None = None
    status_message: str | None = None
    status_reason: str | None = None
    task: str
    update_execution_queue: bool | None = True
    verify_watched_queue: bool | None = False


class EnqueueResponse(GeneratedModel):
    """``tasks.enqueue`` (API 1.5 to 2.31)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    queue_watched: bool | None = None
    queued: Literal[0, 1] | None = None
    updated: Literal[0, 1] | None = None


class EnqueueManyRequest(GeneratedRequest):
    """``tasks.enqueue_many`` (API 2.13 to 2.22)."""

    ids: list[str]
    queue: str | None = None
    queue_name: str | None = None
    status_message: str | None = None
    status_reason: str | None = None
    validate_tasks: bool | None = False
    verify_watched_queue: bool | None = False


class EnqueueManyResponseFailedItemError(DequeueManyResponseFailedItemError):
    pass


class EnqueueManyResponseFailedItem(GeneratedModel):
    error: EnqueueManyResponseFailedItemError | None = None
    id: str | None = None


class EnqueueManyResponseSucceededItem(GeneratedModel):
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    queued: bool | None = None
    updated: Literal[0, 1] | None = None


class EnqueueManyResponse(GeneratedModel):
    """``tasks.enqueue_many`` (API 2.13 to 2.22)."""

    failed: list[EnqueueManyResponseFailedItem] | None = None
    queue_watched: bool | None = None
    succeeded: list[EnqueueManyResponseSucceededItem] | None = None


class FailedRequest(CloseRequest):
    """``tasks.failed`` (API 2.1)."""


class FailedResponse(CloseResponse):
    """``tasks.failed`` (API 2.1)."""


class GetAllRequest(GeneratedRequest):
    """``tasks.get_all`` (API 2.1 to 2.26)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    id: list[str] | None = None
    include_subprojects: bool | None = False
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    parent: str | None = None
    project: list[str] | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    status: list[TaskStatusEnum] | None = None
    status_changed: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: list[str] | None = None
    user: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``tasks.get_all`` (API 2.1 to 2.26)."""

    scroll_id: str | None = None
    tasks: list[Task] | None = None


class GetAllExRequest(GeneratedRequest):
    """``tasks.get_all_ex`` (API 2.1 to 2.27)."""

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
    parent: str | None = None
    project: list[str] | None = None
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    status: list[TaskStatusEnum] | None = None
    status_changed: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: list[str] | None = None
    user: list[str] | None = None


class GetAllExResponse(GetAllResponse):
    """``tasks.get_all_ex`` (API 2.1 to 2.27)."""


class GetByIdRequest(GeneratedRequest):
    """``tasks.get_by_id`` (API 2.1)."""

    task: str


class GetByIdResponse(GeneratedModel):
    """``tasks.get_by_id`` (API 2.1)."""

    task: Task | None = None


class GetByIdExRequest(GeneratedRequest):
    """``tasks.get_by_id_ex`` (API 2.11)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    parent: str | None = None
    project: list[str] | None = None
    search_text: str | None = None
    status: list[TaskStatusEnum] | None = None
    status_changed: list[str] | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    type: list[str] | None = None
    user: list[str] | None = None


class GetByIdExResponse(GeneratedModel):
    """``tasks.get_by_id_ex`` (API 2.11)."""

    tasks: list[Task] | None = None


class GetConfigurationNamesRequest(GeneratedRequest):
    """``tasks.get_configuration_names`` (API 2.9)."""

    skip_empty: bool | None = True
    tasks: list[str]


class GetConfigurationNamesResponseConfigurations(GeneratedModel):
    names: list[str] | None = None
    task: str | None = None


class GetConfigurationNamesResponse(GeneratedModel):
    """``tasks.get_configuration_names`` (API 2.9)."""

    configurations: GetConfigurationNamesResponseConfigurations | None = None


class GetConfigurationsRequest(GeneratedRequest):
    """``tasks.get_configurations`` (API 2.9)."""

    names: list[str] | None = None
    tasks: list[str]


class GetConfigurationsResponseConfigurationsItem(GeneratedModel):
    configuration: list[ConfigurationItem] | None = None
    task: str | None = None


class GetConfigurationsResponse(GeneratedModel):
    """``tasks.get_configurations`` (API 2.9)."""

    configurations: list[GetConfigurationsResponseConfigurationsItem] | None = None


class GetHyperParamsRequest(GeneratedRequest):
    """``tasks.get_hyper_params`` (API 2.9)."""

    tasks: list[str]


class GetHyperParamsResponseParamsItem(GeneratedModel):
    hyperparams: list[ParamsItem] | None = None
    task: str | None = None


class GetHyperParamsResponse(GeneratedModel):
    """``tasks.get_hyper_params`` (API 2.9)."""

    params: list[GetHyperParamsResponseParamsItem] | None = None


class GetTypesRequest(GeneratedRequest):
    """``tasks.get_types`` (API 2.8)."""

    projects: list[str] | None = None


class GetTypesResponse(GeneratedModel):
    """``tasks.get_types`` (API 2.8)."""

    types: list[str] | None = None


class PingRequest(GetByIdRequest):
    """``tasks.ping`` (API 2.1)."""


class PingResponse(GeneratedStrictModel):
    """``tasks.ping`` (API 2.1)."""


class PublishRequest(GeneratedRequest):
    """``tasks.publish`` (API 2.1)."""

    force: bool | None = False
    publish_model: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class PublishManyRequest(GeneratedRequest):
    """``tasks.publish_many`` (API 2.13)."""

    force: bool | None = False
    ids: list[str]
    publish_model: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None


class PublishManyResponseSucceededItem(GeneratedModel):
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    updated: Literal[0, 1] | None = None


class PublishManyResponse(GeneratedModel):
    """``tasks.publish_many`` (API 2.13)."""

    failed: list[PublishManyResponseFailedItem] | None = None
    succeeded: list[PublishManyResponseSucceededItem] | None = None


class ResetRequest(GeneratedRequest):
    """``tasks.reset`` (API 2.1 to 2.21)."""

    clear_all: bool | None = False
    delete_external_artifacts: bool | None = True
    delete_output_models: bool | None = None
    force: bool | None = False
    return_file_urls: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class ResetResponse(GeneratedModel):
    """``tasks.reset`` (API 2.1 to 2.21)."""

    deleted_models: int | None = None
    dequeued: dict[str, Any] | None = None
    events: dict[str, Any] | None = None
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None
    urls: TaskUrls | None = None


class ResetManyRequest(GeneratedRequest):
    """``tasks.reset_many`` (API 2.13 to 2.21)."""

    clear_all: bool | None = False
    delete_external_artifacts: bool | None = True
    delete_output_models: bool | None = None
    force: bool | None = False
    ids: list[str]
    return_file_urls: bool | None = None


class ResetManyResponseFailedItemError(DequeueManyResponseFailedItemError):
    pass


class ResetManyResponseFailedItem(GeneratedModel):
    error: ResetManyResponseFailedItemError | None = None
    id: str | None = None


class ResetManyResponseSucceededItem(GeneratedModel):
    deleted_models: int | None = None
    dequeued: bool | None = None
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    updated: Literal[0, 1] | None = None
    urls: TaskUrls | None = None


class ResetManyResponse(GeneratedModel):
    """``tasks.reset_many`` (API 2.13 to 2.21)."""

    failed: list[ResetManyResponseFailedItem] | None = None
    succeeded: list[ResetManyResponseSucceededItem] | None = None


class SetRequirementsRequest(GeneratedRequest):
    """``tasks.set_requirements`` (API 2.1)."""

    requirements: dict[str, Any]
    task: str


class SetRequirementsResponse(CloseResponse):
    """``tasks.set_requirements`` (API 2.1)."""


class StartedRequest(CloseRequest):
    """``tasks.started`` (API 2.1)."""


class StartedResponse(GeneratedModel):
    """``tasks.started`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    started: Literal[0, 1] | None = None
    updated: Literal[0, 1] | None = None


class StopRequest(GeneratedRequest):
    """``tasks.stop`` (API 2.1 to 2.30)."""

    force: bool | None = False
    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class StopResponse(CloseResponse):
    """``tasks.stop`` (API 2.1 to 2.30)."""


class StopManyRequest(GeneratedRequest):
    """``tasks.stop_many`` (API 2.13 to 2.30)."""

    force: bool | None = False
    ids: list[str]
    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None


class StopManyResponseFailedItemError(DequeueManyResponseFailedItemError):
    pass


class StopManyResponseFailedItem(GeneratedModel):
    error: StopManyResponseFailedItemError | None = None
    id: str | None = None


class StopManyResponseSucceededItem(PublishManyResponseSucceededItem):
    pass


class StopManyResponse(GeneratedModel):
    """``tasks.stop_many`` (API 2.13 to 2.30)."""

    failed: list[StopManyResponseFailedItem] | None = None
    succeeded: list[StopManyResponseSucceededItem] | None = None


class StoppedRequest(CloseRequest):
    """``tasks.stopped`` (API 2.1)."""


class StoppedResponse(CloseResponse):
    """``tasks.stopped`` (API 2.1)."""


class UnarchiveManyRequest(ArchiveManyRequest):
    """``tasks.unarchive_many`` (API 2.13 to 2.30)."""


class UpdateRequest(GeneratedRequest):
    """``tasks.update`` (API 2.1)."""

    comment: str | None = None
    created: datetime | None = None
    name: str | None = None
    output__error: str | None = None
    project: str | None = None
    system_tags: list[str] | None = None
    tags: list[str] | None = None
    task: str


class ValidateRequest(CreateRequest):
    """``tasks.validate`` (API 2.1 to 2.13)."""


class ValidateResponse(GeneratedStrictModel):
    """``tasks.validate`` (API 2.1 to 2.13)."""


class ClearOperationsLogRequest(GetByIdRequest):
    """``tasks.clear_operations_log``."""


class ClearOperationsLogResponse(DeleteArtifactsResponse):
    """``tasks.clear_operations_log``."""


class GetOperationsLogRequestGroup(GeneratedModel):
    index: int | None = None
    order: Literal['asc', 'desc'] | None = 'asc'


class GetOperationsLogRequest(GeneratedRequest):
    """``tasks.get_operations_log``."""

    group: GetOperationsLogRequestGroup | None = None
    order: Literal['asc', 'desc'] | None = 'desc'
    page: int | None = None
    page_size: int | None = None
    task: str


class GetOperationsLogResponseOperationsItemSummaryItemUser(CloneResponseNewProject):
    pass


class GetOperationsLogResponseOperationsItemSummaryItem(GeneratedModel):
    created: datetime | None = None
    id: str | None = None
    info: str | None = None
    ip: str | None = None
    operation: str | None = None
    originator: Literal['agent', 'webapp', 'enterprise SDK', 'SDK', 'session', 'serving', 'task', 'python', 'curl', 'postman', 'other'] | None = None
    originator_id: str | None = None
    originator_version: str | None = None
    reason: str | None = None
    user: GetOperationsLogResponseOperationsItemSummaryItemUser | None = None


class GetOperationsLogResponseOperationsItemUser(CloneResponseNewProject):
    pass


class GetOperationsLogResponseOperationsItem(GeneratedModel):
    created: datetime | None = None
    id: str | None = None
    info: str | None = None
    ip: str | None = None
    operation: str | None = None
    originator: Literal['agent', 'webapp', 'enterprise SDK', 'SDK', 'session', 'serving', 'task', 'python', 'curl', 'postman', 'other'] | None = None
    originator_id: str | None = None
    originator_version: str | None = None
    reason: str | None = None
    summary: list[GetOperationsLogResponseOperationsItemSummaryItem] | None = None
    user: GetOperationsLogResponseOperationsItemUser | None = None


class GetOperationsLogResponse(GeneratedModel):
    """``tasks.get_operations_log``."""

    operations: list[GetOperationsLogResponseOperationsItem] | None = None


class ShareRequest(GeneratedRequest):
    """``tasks.share`` (API 2.23)."""

    share: bool | None = True
    tasks: list[str] | None = None


class ShareResponse(GeneratedModel):
    """``tasks.share`` (API 2.23)."""

    changed: int | None = None


class UpdateIterationRequest(GeneratedRequest):
    """``tasks.update_iteration``."""

    iteration: int
    override_iteration: int | None = None


class UpdateIterationResponse(AddOrUpdateArtifactsResponse):
    """``tasks.update_iteration``."""


class UpdateBatchResponse(AddOrUpdateModelResponse):
    """``tasks.update_batch`` (API 2.1)."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'tasks.artifact': Artifact,
    'tasks.artifact_id': ArtifactId,
    'tasks.artifact_mode_enum': ArtifactModeEnum,
    'tasks.artifact_type_data': ArtifactTypeData,
    'tasks.augmentation': Augmentation,
    'tasks.augmentation_set': AugmentationSet,
    'tasks.configuration_item': ConfigurationItem,
    'tasks.execution': Execution,
    'tasks.execution_15': Execution15,
    'tasks.filter_by_roi_enum': FilterByRoiEnum,
    'tasks.filter_label_rule': FilterLabelRule,
    'tasks.filter_rule': FilterRule,
    'tasks.filter_rule/vector_search': FilterRuleVectorSearch,
    'tasks.filtering': Filtering,
    'tasks.input': Input,
    'tasks.iteration': Iteration,
    'tasks.jump': Jump,
    'tasks.label_source': LabelSource,
    'tasks.last_metrics_event': LastMetricsEvent,
    'tasks.last_metrics_variants': LastMetricsVariants,
    'tasks.mapping': Mapping,
    'tasks.mapping_rule': MappingRule,
    'tasks.model_type_enum': ModelTypeEnum,
    'tasks.multi_field_pattern_data': MultiFieldPatternData,
    'tasks.output': Output,
    'tasks.output_rois_enum': OutputRoisEnum,
    'tasks.param_key': ParamKey,
    'tasks.params_item': ParamsItem,
    'tasks.replace_hyperparams_enum': ReplaceHyperparamsEnum,
    'tasks.script': Script,
    'tasks.section_params': SectionParams,
    'tasks.similarity_function': SimilarityFunction,
    'tasks.task': Task,
    'tasks.task_15': Task15,
    'tasks.task_model_item': TaskModelItem,
    'tasks.task_models': TaskModels,
    'tasks.task_status_enum': TaskStatusEnum,
    'tasks.task_type_enum': TaskTypeEnum,
    'tasks.task_urls': TaskUrls,
    'tasks.view': View,
    'tasks.view_entry': ViewEntry,
}

REQUESTS: dict[str, Any] = {
    'tasks.add_or_update_artifacts': AddOrUpdateArtifactsRequest,
    'tasks.add_or_update_model': AddOrUpdateModelRequest,
    'tasks.archive': ArchiveRequest,
    'tasks.archive_many': ArchiveManyRequest,
    'tasks.clone': CloneRequest,
    'tasks.close': CloseRequest,
    'tasks.completed': CompletedRequest,
    'tasks.create': CreateRequest,
    'tasks.delete': DeleteRequest,
    'tasks.delete_artifacts': DeleteArtifactsRequest,
    'tasks.delete_configuration': DeleteConfigurationRequest,
    'tasks.delete_hyper_params': DeleteHyperParamsRequest,
    'tasks.delete_many': DeleteManyRequest,
    'tasks.delete_models': DeleteModelsRequest,
    'tasks.dequeue': DequeueRequest,
    'tasks.dequeue_many': DequeueManyRequest,
    'tasks.edit': EditRequest,
    'tasks.edit_configuration': EditConfigurationRequest,
    'tasks.edit_hyper_params': EditHyperParamsRequest,
    'tasks.edit_runtime': EditRuntimeRequest,
    'tasks.enqueue': EnqueueRequest,
    'tasks.enqueue_many': EnqueueManyRequest,
    'tasks.failed': FailedRequest,
    'tasks.get_all': GetAllRequest,
    'tasks.get_all_ex': GetAllExRequest,
    'tasks.get_by_id': GetByIdRequest,
    'tasks.get_by_id_ex': GetByIdExRequest,
    'tasks.get_configuration_names': GetConfigurationNamesRequest,
    'tasks.get_configurations': GetConfigurationsRequest,
    'tasks.get_hyper_params': GetHyperParamsRequest,
    'tasks.get_types': GetTypesRequest,
    'tasks.make_private': MakePrivateRequest,
    'tasks.make_public': MakePublicRequest,
    'tasks.move': MoveRequest,
    'tasks.ping': PingRequest,
    'tasks.publish': PublishRequest,
    'tasks.publish_many': PublishManyRequest,
    'tasks.reset': ResetRequest,
    'tasks.reset_many': ResetManyRequest,
    'tasks.set_requirements': SetRequirementsRequest,
    'tasks.started': StartedRequest,
    'tasks.stop': StopRequest,
    'tasks.stop_many': StopManyRequest,
    'tasks.stopped': StoppedRequest,
    'tasks.unarchive_many': UnarchiveManyRequest,
    'tasks.update': UpdateRequest,
    'tasks.update_tags': UpdateTagsRequest,
    'tasks.validate': ValidateRequest,
    'tasks.clear_operations_log': ClearOperationsLogRequest,
    'tasks.get_operations_log': GetOperationsLogRequest,
    'tasks.share': ShareRequest,
    'tasks.update_iteration': UpdateIterationRequest,
    'tasks.update_batch': UpdateRequest,
}

RESPONSES: dict[str, Any] = {
    'tasks.add_or_update_artifacts': AddOrUpdateArtifactsResponse,
    'tasks.add_or_update_model': AddOrUpdateModelResponse,
    'tasks.archive': ArchiveResponse,
    'tasks.archive_many': ArchiveManyResponse,
    'tasks.clone': CloneResponse,
    'tasks.close': CloseResponse,
    'tasks.completed': CompletedResponse,
    'tasks.create': CreateResponse,
    'tasks.delete': DeleteResponse,
    'tasks.delete_artifacts': DeleteArtifactsResponse,
    'tasks.delete_configuration': DeleteConfigurationResponse,
    'tasks.delete_hyper_params': DeleteHyperParamsResponse,
    'tasks.delete_many': DeleteManyResponse,
    'tasks.delete_models': DeleteModelsResponse,
    'tasks.dequeue': DequeueResponse,
    'tasks.dequeue_many': DequeueManyResponse,
    'tasks.edit': EditResponse,
    'tasks.edit_configuration': EditConfigurationResponse,
    'tasks.edit_hyper_params': EditHyperParamsResponse,
    'tasks.edit_runtime': EditRuntimeResponse,
    'tasks.enqueue': EnqueueResponse,
    'tasks.enqueue_many': EnqueueManyResponse,
    'tasks.failed': FailedResponse,
    'tasks.get_all': GetAllResponse,
    'tasks.get_all_ex': GetAllExResponse,
    'tasks.get_by_id': GetByIdResponse,
    'tasks.get_by_id_ex': GetByIdExResponse,
    'tasks.get_configuration_names': GetConfigurationNamesResponse,
    'tasks.get_configurations': GetConfigurationsResponse,
    'tasks.get_hyper_params': GetHyperParamsResponse,
    'tasks.get_types': GetTypesResponse,
    'tasks.make_private': MakePrivateResponse,
    'tasks.make_public': MakePublicResponse,
    'tasks.move': MoveResponse,
    'tasks.ping': PingResponse,
    'tasks.publish': PublishResponse,
    'tasks.publish_many': PublishManyResponse,
    'tasks.reset': ResetResponse,
    'tasks.reset_many': ResetManyResponse,
    'tasks.set_requirements': SetRequirementsResponse,
    'tasks.started': StartedResponse,
    'tasks.stop': StopResponse,
    'tasks.stop_many': StopManyResponse,
    'tasks.stopped': StoppedResponse,
    'tasks.unarchive_many': UnarchiveManyResponse,
    'tasks.update': UpdateResponseBody,
    'tasks.update_tags': UpdateTagsResponse,
    'tasks.validate': ValidateResponse,
    'tasks.clear_operations_log': ClearOperationsLogResponse,
    'tasks.get_operations_log': GetOperationsLogResponse,
    'tasks.share': ShareResponse,
    'tasks.update_iteration': UpdateIterationResponse,
    'tasks.update_batch': UpdateBatchResponse,
}

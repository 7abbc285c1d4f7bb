"""ClearML service ``tasks``: 41 seed definitions, 53 endpoints, 192 classes.

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


class ArtifactModeEnum(str, Enum):
    """From the seed ``tasks.artifact_mode_enum``."""

    input = 'input'
    output = 'output'


class ArtifactTypeData(GeneratedModel):
    """From the seed ``tasks.artifact_type_data``."""

    content_type: str | None = Field(None, description='System defined raw data content type')
    data_hash: str | None = Field(None, description='Hash of raw data, without any headers or descriptive parts')
    preview: str | None = Field(None, description='Description or textual data')


class Artifact(GeneratedModel):
    """From the seed ``tasks.artifact``."""

    content_size: int | None = Field(None, description='Raw data length in bytes')
    display_data: list[list[str]] | None = Field(None, description='User-defined list of key/value pairs, sorted')
    hash: str | None = Field(None, description='Hash of entire raw data')
    key: str = Field(..., description='Entry key')
    mode: ArtifactModeEnum | None = Field(None, description='System defined input/output indication')
    timestamp: int | None = Field(None, description='Epoch time when artifact was created')
    type: str = Field(..., description='System defined type')
    type_data: ArtifactTypeData | None = Field(None, description='Additional fields defined by the system')
    uri: str | None = Field(None, description='Raw data location')


class ArtifactId(GeneratedModel):
    """From the seed ``tasks.artifact_id``."""

    key: str = Field(..., description='Entry key')
    mode: ArtifactModeEnum | None = Field(None, description='System defined input/output indication')


class AugmentationSet(GeneratedModel):
    """From the seed ``tasks.augmentation_set``."""

    arguments: dict[str, dict[str, Any]] | None = Field(None, description='Arguments dictionary per custom augmentation type.')
    cls: str | None = Field(None, description='Augmentation class')
    strength: float | None = Field(None, description='Augmentation strength. Range [0,).', ge=0)
    types: list[str] | None = Field(None, description='Augmentation type')


class Augmentation(GeneratedModel):
    """From the seed ``tasks.augmentation``."""

    crop_around_rois: bool | None = Field(None, description='Crop image data around all frame ROIs')
    sets: list[AugmentationSet] | None = Field(None, description='List of augmentation sets')


class ConfigurationItem(GeneratedModel):
    """From the seed ``tasks.configuration_item``."""

    description: str | None = Field(None, description='The parameter description. Optional')
    name: str | None = Field(None, description='Name of the parameter. Should be unique')
    type: str | None = Field(None, description='Type of the parameter. Optional')
    value: str | None = Field(None, description='Value of the parameter')


class Execution(GeneratedModel):
    """From the seed ``tasks.execution``."""

    artifacts: list[Artifact] | None = Field(None, description='Task artifacts')
    dataviews: list[dict[str, Any]] | None = Field(None, description='Additional dataviews for the task')
    docker_cmd: str | None = Field(None, description='Command for running docker script for the execution of the task')
    framework: str | None = Field(None, description='Framework related to the task. Case insensitive. Mandatory for Training tasks.')
    model: str | None = Field(None, description='Execution input model ID Not applicable for Register (Import) tasks')
    model_desc: dict[str, Any] | None = Field(None, description='Json object representing the Model descriptors')
    model_labels: dict[str, int] | None = Field(None, description="Json object representing the ids of the labels in the model. The keys are the layers' names and the values are the IDs. Not applicable for Register (Import) tasks. Mandatory for Training tasks")
    parameters: dict[str, Any] | None = Field(None, description='Json object containing the Task parameters')
    queue: str | None = Field(None, description='Queue ID where task was queued.')
    test_split: int | None = Field(None, description='Percentage of frames to use for testing only')


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


class FilterByRoiEnum(str, Enum):
    """From the seed ``tasks.filter_by_roi_enum``."""

    disabled = 'disabled'
    no_rois = 'no_rois'
    label_rules = 'label_rules'


class FilterLabelRule(GeneratedModel):
    """From the seed ``tasks.filter_label_rule``."""

    conf_range: list[float] | None = Field(None, description='Range of ROI confidence level in the frame (min, max). -1 for not applicable Both min and max can be either -1 or positive. 2nd number (max) must be either -1 or larger than or equal to the 1st number (min)')
    count_range: list[int] | None = Field(None, description='Range of times ROI appears in the frame (min, max). -1 for not applicable. Both integers must be larger than or equal to -1. 2nd integer (max) must be either -1 or larger than or equal to the 1st integer (min)')
    label: str = Field(..., description="Lucene format query (see lucene query syntax). Default search field is label.keyword and default operator is AND, so searching for: 'Bus Stop' Blue is equivalent to: Label.keyword:'Bus Stop' AND label.keyword:'Blue'")
    must_not: bool | None = Field(False, description='If set then the label must not exist or lucene query must not be true. The default value is false')


class SimilarityFunction(str, Enum):
    """From the seed ``tasks.similarity_function``."""

    l2_norm = 'l2_norm'
    dot_product = 'dot_product'
    cosine = 'cosine'


class FilterRuleVectorSearch(GeneratedModel):
    """From the seed ``tasks.filter_rule/vector_search``."""

    field: str = Field(..., description='Vector field name')
    min_score: float | None = Field(None, description='Min allowed score')
    similarity_func: SimilarityFunction | None = Field(None, description='The function for calculating distance from the search vector')
    sort: Literal['asc', 'desc'] | None = None
    vector: list[float] = Field(..., description='The search vector')


class FilterRule(GeneratedModel):
    """From the seed ``tasks.filter_rule``."""

    dataset: str = Field(..., description="Dataset ID. Must be a dataset which is in the task's view. If set to '*' all datasets in View are used.")
    filter_by_roi: FilterByRoiEnum | None = Field(None, description="Type of filter. Optional, the default value is 'label_rules'")
    frame_query: str | None = Field(None, description='Frame filter, in Lucene query syntax')
    label_rules: list[FilterLabelRule] | None = Field(None, description="List of FilterLabelRule ('AND' connection) disabled - No filtering by ROIs. Select all frames, even if they don't have ROIs (all frames) no_rois - Select only frames without ROIs (empty frames) label_rules - Select frames according to label rules")
    sources_query: str | None = Field(None, description='Sources filter, in Lucene query syntax. Filters sources in each frame.')
    vector_search: FilterRuleVectorSearch | None = Field(None, description='Vector search rule')
    version: str | None = Field(None, description="Dataset version to apply rule to. Must belong to the dataset and be in the task's view. If set to '*' all version of the datasets in View are used.")
    weight: float | None = Field(None, description='Rule weight. Default is 1')


class OutputRoisEnum(str, Enum):
    """From the seed ``tasks.output_rois_enum``."""

    all_in_frame = 'all_in_frame'
    only_filtered = 'only_filtered'
    frame_per_roi = 'frame_per_roi'


class Filtering(GeneratedModel):
    """From the seed ``tasks.filtering``."""

    filtering_rules: list[FilterRule] | None = Field(None, description="List of FilterRule ('OR' connection)")
    output_rois: OutputRoisEnum | None = Field(None, description="'all_in_frame' - all rois for a frame are returned 'only_filtered' - only rois which led this frame to be selected 'frame_per_roi' - single roi per frame. Frame can be returned multiple times with a different roi each time. Note: this should be used for Training tasks only Note: frame_per_roi implies that only filtered rois will be returned")


class Jump(GeneratedModel):
    """From the seed ``tasks.jump``."""

    time: int | None = Field(None, description='Max time in milliseconds between frames')


class Iteration(GeneratedModel):
    """Sequential Iteration API configuration. From the seed ``tasks.iteration``."""

    infinite: bool | None = Field(None, description='Infinite iteration')
    jump: Jump | None = Field(None, description='Jump entry')
    limit: int | None = Field(None, description='Maximum frames per task. If not passed, frames will end when no more matching frames are found, unless infinite is True.')
    min_sequence: int | None = Field(None, description='Length (in ms) of video clips to return. This is used in random order, and in sequential order only if jumping is provided and only for video frames')
    order: str | None = Field(None, description="Input frames order. Values: 'sequential', 'random' In Sequential mode frames will be returned according to the order in which the frames were added to the dataset.")
    random_seed: int = Field(..., description='Random seed used during iteration')


class LabelSource(GeneratedModel):
    """From the seed ``tasks.label_source``."""

    dataset: str | None = Field(None, description="Source dataset id. '*' for all datasets in view")
    labels: list[str] | None = Field(None, description="List of source labels (AND connection). '*' indicates any label. Labels must exist in at least one of the dataset versions in the task's view")
    version: str | None = Field(None, description="Source dataset version id. Default is '*' (for all versions in dataset in the view) Version must belong to the selected dataset, and must be in the task's view[i]")


class MappingRule(GeneratedModel):
    """From the seed ``tasks.mapping_rule``."""

    source: LabelSource | None = Field(None, description='Source label info')
    target: str | None = Field(None, description='Target label name')


class Mapping(GeneratedModel):
    """From the seed ``tasks.mapping``."""

    rules: list[MappingRule] | None = Field(None, description='Rules list')


class ViewEntry(GeneratedModel):
    """From the seed ``tasks.view_entry``."""

    dataset: str | None = Field(None, description='Existing Dataset id')
    merge_with: str | None = Field(None, description='Version ID to merge with')
    version: str | None = Field(None, description='Version id of a version belonging to the dataset')


class View(GeneratedModel):
    """From the seed ``tasks.view``."""

    entries: list[ViewEntry] | None = Field(None, description='List of view entries. All tasks must have at least one view.')


class Input(GeneratedModel):
    """Task input params. (input view must be provided). From the seed ``tasks.input``."""

    augmentation: Augmentation | None = Field(None, description='Augmentation parameters. Only for training and testing tasks.')
    dataviews: dict[str, str] | None = Field(None, description='Key to DataView ID Mapping')
    frames_filter: Filtering | None = Field(None, description='Filtering params')
    iteration: Iteration | None = Field(None, description='Iteration parameters. Not applicable for register (import) tasks.')
    mapping: Mapping | None = Field(None, description='Mapping params (see common definitions section)')
    view: View | None = Field(None, description='View params')


class LastMetricsEvent(GeneratedModel):
    """From the seed ``tasks.last_metrics_event``."""

    count: int | None = Field(None, description='The total count of reported values')
    first_value: float | None = Field(None, description='First value reported')
    first_value_iteration: int | None = Field(None, description='The iteration at which the first value was reported')
    max_value: float | None = Field(None, description='Maximum value reported')
    max_value_iteration: int | None = Field(None, description='The iteration at which the maximum value was reported')
    mean_value: float | None = Field(None, description='The mean value')
    metric: str | None = Field(None, description='Metric name')
    min_value: float | None = Field(None, description='Minimum value reported')
    min_value_iteration: int | None = Field(None, description='The iteration at which the minimum value was reported')
    value: float | None = Field(None, description='Last value reported')
    variant: str | None = Field(None, description='Variant name')
    x_axis_label: str | None = Field(None, description='The user defined value for the X-Axis name stored with the event')


# Last metric events, one for each variant hash From the seed ``tasks.last_metrics_variants``.
LastMetricsVariants = dict[str, LastMetricsEvent]


class ModelTypeEnum(str, Enum):
    """From the seed ``tasks.model_type_enum``."""

    input = 'input'
    output = 'output'


class MultiFieldPatternData(GeneratedModel):
    """From the seed ``tasks.multi_field_pattern_data``."""

    datetime: str | None = Field(None, description="Date time conditions (applicable only to datetime fields). Either 'pattern' or 'datetime' should be specified")
    fields_: list[str] | None = Field(None, alias='fields', description='List of field names')
    pattern: str | None = Field(None, description="Pattern string (regex). Either 'pattern' or 'datetime' should be specified")


class Output(GeneratedModel):
    """From the seed ``tasks.output``."""

    destination: str | None = Field(None, description='Storage id. This is where output files will be stored.')
    error: str | None = Field(None, description='Last error text')
    model: str | None = Field(None, description='Model id.')
    result: str | None = Field(None, description="Task result. Values: 'success', 'failure'")
    view: View | None = Field(None, description='View params')


class ParamKey(GeneratedModel):
    """From the seed ``tasks.param_key``."""

    name: str | None = Field(None, description='Name of the parameter. If the name is ommitted then the corresponding operation is performed on the whole section')
    section: str | None = Field(None, description='Section that the parameter belongs to')


class ParamsItem(GeneratedModel):
    """From the seed ``tasks.params_item``."""

    description: str | None = Field(None, description='The parameter description. Optional')
    name: str | None = Field(None, description='Name of the parameter. The combination of section and name should be unique')
    section: str | None = Field(None, description='Section that the parameter belongs to')
    type: str | None = Field(None, description='Type of the parameter. Optional')
    value: str | None = Field(None, description='Value of the parameter')


class ReplaceHyperparamsEnum(str, Enum):
    """From the seed ``tasks.replace_hyperparams_enum``."""

    none = 'none'
    section = 'section'
    all = 'all'


class Script(GeneratedModel):
    """From the seed ``tasks.script``."""

    binary: str | None = Field('python', description='Binary to use when running the script')
    branch: str | None = Field(None, description='Repository branch id If not provided and tag not provided, default repository branch is used.')
    diff: str | None = Field(None, description='Uncommitted changes found in the repository when task was run')
    entry_point: str | None = Field(None, description='Path to execute within the repository')
    repository: str | None = Field(None, description='Name of the repository where the script is located')
    requirements: dict[str, Any] | None = Field(None, description='A JSON object containing requirements strings by key')
    tag: str | None = Field(None, description='Repository tag')
    version_num: str | None = Field(None, description='Version (changeset) number. Optional (default is head version) Unused if tag is provided.')
    working_dir: str | None = Field(None, description='Path to the folder from which to run the script Default - root folder of repository')


# Task section params From the seed ``tasks.section_params``.
SectionParams = dict[str, ParamsItem]


class TaskModelItem(GeneratedModel):
    """From the seed ``tasks.task_model_item``."""

    model: str = Field(..., description='The model ID')
    name: str = Field(..., description='The task model name')


class TaskModels(GeneratedModel):
    """From the seed ``tasks.task_models``."""

    input: list[TaskModelItem] | None = Field(None, description='The list of task input models')
    output: list[TaskModelItem] | None = Field(None, description='The list of task output models')


class TaskStatusEnum(str, Enum):
    """From the seed ``tasks.task_status_enum``."""

    created = 'created'
    queued = 'queued'
    in_progress = 'in_progress'
    stopped = 'stopped'
    published = 'published'
    publishing = 'publishing'
    closed = 'closed'
    failed = 'failed'
    completed = 'completed'
    unknown = 'unknown'


class TaskTypeEnum(str, Enum):
    """Type of task. From the seed ``tasks.task_type_enum``."""

    dataset_import = 'dataset_import'
    annotation = 'annotation'
    annotation_manual = 'annotation_manual'
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
    """From the seed ``tasks.task``."""

    active_duration: int | None = Field(None, description='Task duration time (seconds)')
    comment: str | None = Field(None, description='Free text comment')
    company: str | None = Field(None, description='Company ID')
    completed: datetime | None = Field(None, description='Task end time (UTC)')
    configuration: dict[str, ConfigurationItem] | None = Field(None, description='Task configuration params')
    container: dict[str, str] | None = Field(None, description='Docker container parameters')
    created: datetime | None = Field(None, description='Task creation time (UTC)')
    execution: Execution | None = Field(None, description='Task execution params')
    hyperparams: dict[str, SectionParams] | None = Field(None, description='Task hyper params per section')
    id: str | None = Field(None, description='Task id')
    input: Input | None = Field(None, description='Task input params')
    last_change: datetime | None = Field(None, description='Last time any update was done to the task')
    last_iteration: int | None = Field(None, description='Last iteration reported for this task')
    last_metrics: dict[str, LastMetricsVariants] | None = Field(None, description='Last metric variants (hash to events), one for each metric hash')
    last_update: datetime | None = Field(None, description='Last time this task was created, edited, changed or events for this task were reported')
    last_worker: str | None = Field(None, description='ID of last worker that handled the task')
    last_worker_report: datetime | None = Field(None, description='Last time a worker reported while working on this task')
    models: TaskModels | None = Field(None, description='Task models')
    name: str | None = Field(None, description='Task Name')
    output: Output | None = Field(None, description='Task output params')
    parent: str | None = Field(None, description='Parent task id')
    project: str | None = Field(None, description='Project ID of the project to which this task is assigned')
    published: datetime | None = Field(None, description='Task publish time')
    runtime: dict[str, Any] | None = Field(None, description='Task runtime mapping')
    script: Script | None = Field(None, description='Script info')
    started: datetime | None = Field(None, description='Task start time (UTC)')
    status: TaskStatusEnum | None = None
    status_changed: datetime | None = Field(None, description='Last status change time')
    status_message: str | None = Field(None, description='free text string representing info about the status')
    status_reason: str | None = Field(None, description='Reason for last status change')
    system_tags: list[str] | None = Field(None, description="System tags list. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags list')
    type: TaskTypeEnum | None = Field(None, description="Type of task. Values: 'dataset_import', 'annotation', 'training', 'testing'")
    user: str | None = Field(None, description='Associated user id')


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


# From the catalog definition ``tasks.batch_operation``.
BatchOperation = Any


# From the catalog definition ``tasks.change_many_request``.
ChangeManyRequest = Any


class Credentials(GeneratedModel):
    """From the catalog definition ``tasks.credentials``."""

    access_key: str | None = None
    label: str | None = None
    secret_key: str | None = None


class FieldFilterAll(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class FieldFilterAny(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class FieldFilter(GeneratedModel):
    """From the catalog definition ``tasks.field_filter``."""

    all: FieldFilterAll | None = None
    any: FieldFilterAny | None = None
    op: Literal['and', 'or'] | None = 'and'


class MetadataItem(GeneratedModel):
    """From the catalog definition ``tasks.metadata_item``."""

    key: str | None = None
    type: str | None = None
    value: str | None = None


class TaskExecutionProgressEnum(str, Enum):
    """From the catalog definition ``tasks.task_execution_progress_enum``."""

    unknown = 'unknown'
    running = 'running'
    stopping = 'stopping'
    stopped = 'stopped'


class UpdateResponse(GeneratedModel):
    """From the catalog definition ``tasks.update_response``."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


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
    """``tasks.archive_many`` (API 2.13 to 2.30)."""

    failed: list[ArchiveManyResponseFailedItem] | None = None
    succeeded: list[ArchiveManyResponseSucceededItem] | None = None


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


class CreateResponse(GeneratedModel):
    """``tasks.create`` (API 2.1 to 2.13)."""

    id: str | None = None


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


class DeleteConfigurationResponse(GeneratedModel):
    """``tasks.delete_configuration`` (API 2.9)."""

    deleted: int | None = None


class DeleteHyperParamsRequest(GeneratedRequest):
    """``tasks.delete_hyper_params`` (API 2.9)."""

    force: bool | None = None
    hyperparams: list[ParamKey]
    task: str


class DeleteHyperParamsResponse(GeneratedModel):
    """``tasks.delete_hyper_params`` (API 2.9)."""

    deleted: int | None = None


class DeleteManyRequest(GeneratedRequest):
    """``tasks.delete_many`` (API 2.13 to 2.30)."""

    delete_external_artifacts: bool | None = True
    delete_output_models: bool | None = None
    force: bool | None = False
    ids: list[str]
    include_pipeline_steps: bool | None = False
    move_to_trash: bool | None = False
    return_file_urls: bool | None = None


class DeleteManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class DeleteManyResponseFailedItem(GeneratedModel):
    error: DeleteManyResponseFailedItemError | None = None
    id: str | None = None


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


class DeleteModelsResponse(GeneratedModel):
    """``tasks.delete_models`` (API 2.13)."""

    updated: Literal[0, 1] | None = None


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


class EditResponse(GeneratedModel):
    """``tasks.edit`` (API 2.1 to 2.13)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class EditConfigurationRequest(GeneratedRequest):
    """``tasks.edit_configuration`` (API 2.9)."""

    configuration: list[ConfigurationItem]
    force: bool | None = None
    replace_configuration: bool | None = None
    task: str


class EditConfigurationResponse(GeneratedModel):
    """``tasks.edit_configuration`` (API 2.9)."""

    updated: int | None = None


class EditHyperParamsRequest(GeneratedRequest):
    """``tasks.edit_hyper_params`` (API 2.9)."""

    force: bool | None = None
    hyperparams: list[ParamsItem]
    replace_hyperparams: ReplaceHyperparamsEnum | None = None
    task: str


class EditHyperParamsResponse(GeneratedModel):
    """``tasks.edit_hyper_params`` (API 2.9)."""

    updated: int | None = None


class EditRuntimeRequest(GeneratedRequest):
    """``tasks.edit_runtime`` (API 2.34)."""

    add_or_update: dict[str, str] | None = None
    force: bool | None = None
    remove: list[str] | None = None
    task: str


class EditRuntimeResponse(GeneratedModel):
    """``tasks.edit_runtime`` (API 2.34)."""

    updated: int | None = None


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


class EnqueueManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


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


class FailedRequest(GeneratedRequest):
    """``tasks.failed`` (API 2.1)."""

    force: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class FailedResponse(GeneratedModel):
    """``tasks.failed`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


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


class GetAllExRequestFiltersValueAll(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class GetAllExRequestFiltersValueAny(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class GetAllExRequestFiltersValue(GeneratedModel):
    all: GetAllExRequestFiltersValueAll | None = None
    any: GetAllExRequestFiltersValueAny | None = None
    op: Literal['and', 'or'] | None = 'and'


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


class GetAllExResponse(GeneratedModel):
    """``tasks.get_all_ex`` (API 2.1 to 2.27)."""

    scroll_id: str | None = None
    tasks: list[Task] | None = None


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


class MakePrivateRequest(GeneratedRequest):
    """``tasks.make_private`` (API 2.9)."""

    ids: list[str] | None = None


class MakePrivateResponse(GeneratedModel):
    """``tasks.make_private`` (API 2.9)."""

    updated: int | None = None


class MakePublicRequest(GeneratedRequest):
    """``tasks.make_public`` (API 2.9)."""

    ids: list[str] | None = None


class MakePublicResponse(GeneratedModel):
    """``tasks.make_public`` (API 2.9)."""

    updated: int | None = None


class MoveRequest(GeneratedRequest):
    """``tasks.move`` (API 2.12)."""

    ids: list[str]
    project: str | None = None
    project_name: str | None = None


class MoveResponse(GeneratedModel):
    """``tasks.move`` (API 2.12)."""



class PingRequest(GeneratedRequest):
    """``tasks.ping`` (API 2.1)."""

    task: str


class PingResponse(GeneratedStrictModel):
    """``tasks.ping`` (API 2.1)."""



class PublishRequest(GeneratedRequest):
    """``tasks.publish`` (API 2.1)."""

    force: bool | None = False
    publish_model: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class PublishResponse(GeneratedModel):
    """``tasks.publish`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class PublishManyRequest(GeneratedRequest):
    """``tasks.publish_many`` (API 2.13)."""

    force: bool | None = False
    ids: list[str]
    publish_model: bool | None = None
    status_message: str | None = None
    status_reason: str | None = None


class PublishManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class PublishManyResponseFailedItem(GeneratedModel):
    error: PublishManyResponseFailedItemError | None = None
    id: str | None = None


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


class ResetManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


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


class SetRequirementsResponse(GeneratedModel):
    """``tasks.set_requirements`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class StartedRequest(GeneratedRequest):
    """``tasks.started`` (API 2.1)."""

    force: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


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


class StopResponse(GeneratedModel):
    """``tasks.stop`` (API 2.1 to 2.30)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class StopManyRequest(GeneratedRequest):
    """``tasks.stop_many`` (API 2.13 to 2.30)."""

    force: bool | None = False
    ids: list[str]
    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None


class StopManyResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class StopManyResponseFailedItem(GeneratedModel):
    error: StopManyResponseFailedItemError | None = None
    id: str | None = None


class StopManyResponseSucceededItem(GeneratedModel):
    fields_: dict[str, Any] | None = Field(None, alias='fields')
    id: str | None = None
    updated: Literal[0, 1] | None = None


class StopManyResponse(GeneratedModel):
    """``tasks.stop_many`` (API 2.13 to 2.30)."""

    failed: list[StopManyResponseFailedItem] | None = None
    succeeded: list[StopManyResponseSucceededItem] | None = None


class StoppedRequest(GeneratedRequest):
    """``tasks.stopped`` (API 2.1)."""

    force: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None
    task: str


class StoppedResponse(GeneratedModel):
    """``tasks.stopped`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class UnarchiveManyRequest(GeneratedRequest):
    """``tasks.unarchive_many`` (API 2.13 to 2.30)."""

    ids: list[str]
    include_pipeline_steps: bool | None = False
    status_message: str | None = None
    status_reason: str | None = None


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
    """``tasks.unarchive_many`` (API 2.13 to 2.30)."""

    failed: list[UnarchiveManyResponseFailedItem] | None = None
    succeeded: list[UnarchiveManyResponseSucceededItem] | None = None


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


class UpdateResponseBody(GeneratedModel):
    """``tasks.update`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class UpdateTagsRequest(GeneratedRequest):
    """``tasks.update_tags`` (API 2.27)."""

    add_tags: list[str] | None = None
    ids: list[str] | None = None
    remove_tags: list[str] | None = None


class UpdateTagsResponse(GeneratedModel):
    """``tasks.update_tags`` (API 2.27)."""

    updated: int | None = None


class ValidateRequest(GeneratedRequest):
    """``tasks.validate`` (API 2.1 to 2.13)."""

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


class ValidateResponse(GeneratedStrictModel):
    """``tasks.validate`` (API 2.1 to 2.13)."""



class ClearOperationsLogRequest(GeneratedRequest):
    """``tasks.clear_operations_log``."""

    task: str


class ClearOperationsLogResponse(GeneratedModel):
    """``tasks.clear_operations_log``."""

    deleted: int | None = None


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


class GetOperationsLogResponseOperationsItemSummaryItemUser(GeneratedModel):
    id: str | None = None
    name: str | None = None


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


class GetOperationsLogResponseOperationsItemUser(GeneratedModel):
    id: str | None = None
    name: str | None = None


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


class UpdateIterationResponse(GeneratedModel):
    """``tasks.update_iteration``."""

    updated: int | None = None


class UpdateBatchResponse(GeneratedModel):
    """``tasks.update_batch`` (API 2.1)."""

    updated: Literal[0, 1] | None = None


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

"""ClearML service ``reports``: 42 seed definitions, 10 endpoints, 83 classes.

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


class ArtifactModeEnum(str, Enum):
    """From the seed ``reports.artifact_mode_enum``."""

    input = 'input'
    output = 'output'


class ArtifactTypeData(GeneratedModel):
    """From the seed ``reports.artifact_type_data``."""

    content_type: str | None = Field(None, description='System defined raw data content type')
    data_hash: str | None = Field(None, description='Hash of raw data, without any headers or descriptive parts')
    preview: str | None = Field(None, description='Description or textual data')


class Artifact(GeneratedModel):
    """From the seed ``reports.artifact``."""

    content_size: int | None = Field(None, description='Raw data length in bytes')
    display_data: list[list[str]] | None = Field(None, description='User-defined list of key/value pairs, sorted')
    hash: str | None = Field(None, description='Hash of entire raw data')
    key: str = Field(..., description='Entry key')
    mode: ArtifactModeEnum | None = Field(None, description='System defined input/output indication')
    timestamp: int | None = Field(None, description='Epoch time when artifact was created')
    type: str = Field(..., description='System defined type')
    type_data: ArtifactTypeData | None = Field(None, description='Additional fields defined by the system')
    uri: str | None = Field(None, description='Raw data location')


class AugmentationSet(GeneratedModel):
    """From the seed ``reports.augmentation_set``."""

    arguments: dict[str, dict[str, Any]] | None = Field(None, description='Arguments dictionary per custom augmentation type.')
    cls: str | None = Field(None, description='Augmentation class')
    strength: float | None = Field(None, description='Augmentation strength. Range [0,).', ge=0)
    types: list[str] | None = Field(None, description='Augmentation type')


class Augmentation(GeneratedModel):
    """From the seed ``reports.augmentation``."""

    crop_around_rois: bool | None = Field(None, description='Crop image data around all frame ROIs')
    sets: list[AugmentationSet] | None = Field(None, description='List of augmentation sets')


class ConfigurationItem(GeneratedModel):
    """From the seed ``reports.configuration_item``."""

    description: str | None = Field(None, description='The parameter description. Optional')
    name: str | None = Field(None, description='Name of the parameter. Should be unique')
    type: str | None = Field(None, description='Type of the parameter. Optional')
    value: str | None = Field(None, description='Value of the parameter')


class DebugImagesResponseTaskMetricsIterations(GeneratedModel):
    """From the seed ``reports.debug_images_response_task_metrics/iterations``."""

    events: list[dict[str, Any]] | None = None
    iter: int | None = Field(None, description='Iteration number')


class DebugImagesResponseTaskMetrics(GeneratedModel):
    """From the seed ``reports.debug_images_response_task_metrics``."""

    iterations: list[DebugImagesResponseTaskMetricsIterations] | None = None
    task: str | None = Field(None, description='Task ID')


class Execution(GeneratedModel):
    """From the seed ``reports.execution``."""

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


class FilterByRoiEnum(str, Enum):
    """From the seed ``reports.filter_by_roi_enum``."""

    disabled = 'disabled'
    no_rois = 'no_rois'
    label_rules = 'label_rules'


class FilterLabelRule(GeneratedModel):
    """From the seed ``reports.filter_label_rule``."""

    conf_range: list[float] | None = Field(None, description='Range of ROI confidence level in the frame (min, max). -1 for not applicable Both min and max can be either -1 or positive. 2nd number (max) must be either -1 or larger than or equal to the 1st number (min)')
    count_range: list[int] | None = Field(None, description='Range of times ROI appears in the frame (min, max). -1 for not applicable. Both integers must be larger than or equal to -1. 2nd integer (max) must be either -1 or larger than or equal to the 1st integer (min)')
    label: str = Field(..., description="Lucene format query (see lucene query syntax). Default search field is label.keyword and default operator is AND, so searching for: 'Bus Stop' Blue is equivalent to: Label.keyword:'Bus Stop' AND label.keyword:'Blue'")
    must_not: bool | None = Field(False, description='If set then the label must not exist or lucene query must not be true. The default value is false')


class SimilarityFunction(str, Enum):
    """From the seed ``reports.similarity_function``."""

    l2_norm = 'l2_norm'
    dot_product = 'dot_product'
    cosine = 'cosine'


class FilterRuleVectorSearch(GeneratedModel):
    """From the seed ``reports.filter_rule/vector_search``."""

    field: str = Field(..., description='Vector field name')
    min_score: float | None = Field(None, description='Min allowed score')
    similarity_func: SimilarityFunction | None = Field(None, description='The function for calculating distance from the search vector')
    sort: Literal['asc', 'desc'] | None = None
    vector: list[float] = Field(..., description='The search vector')


class FilterRule(GeneratedModel):
    """From the seed ``reports.filter_rule``."""

    dataset: str = Field(..., description="Dataset ID. Must be a dataset which is in the task's view. If set to '*' all datasets in View are used.")
    filter_by_roi: FilterByRoiEnum | None = Field(None, description="Type of filter. Optional, the default value is 'label_rules'")
    frame_query: str | None = Field(None, description='Frame filter, in Lucene query syntax')
    label_rules: list[FilterLabelRule] | None = Field(None, description="List of FilterLabelRule ('AND' connection) disabled - No filtering by ROIs. Select all frames, even if they don't have ROIs (all frames) no_rois - Select only frames without ROIs (empty frames) label_rules - Select frames according to label rules")
    sources_query: str | None = Field(None, description='Sources filter, in Lucene query syntax. Filters sources in each frame.')
    vector_search: FilterRuleVectorSearch | None = Field(None, description='Vector search rule')
    version: str | None = Field(None, description="Dataset version to apply rule to. Must belong to the dataset and be in the task's view. If set to '*' all version of the datasets in View are used.")
    weight: float | None = Field(None, description='Rule weight. Default is 1')


class OutputRoisEnum(str, Enum):
    """From the seed ``reports.output_rois_enum``."""

    all_in_frame = 'all_in_frame'
    only_filtered = 'only_filtered'
    frame_per_roi = 'frame_per_roi'


class Filtering(GeneratedModel):
    """From the seed ``reports.filtering``."""

    filtering_rules: list[FilterRule] | None = Field(None, description="List of FilterRule ('OR' connection)")
    output_rois: OutputRoisEnum | None = Field(None, description="'all_in_frame' - all rois for a frame are returned 'only_filtered' - only rois which led this frame to be selected 'frame_per_roi' - single roi per frame. Frame can be returned multiple times with a different roi each time. Note: this should be used for Training tasks only Note: frame_per_roi implies that only filtered rois will be returned")


class Jump(GeneratedModel):
    """From the seed ``reports.jump``."""

    time: int | None = Field(None, description='Max time in milliseconds between frames')


class Iteration(GeneratedModel):
    """Sequential Iteration API configuration. From the seed ``reports.iteration``."""

    infinite: bool | None = Field(None, description='Infinite iteration')
    jump: Jump | None = Field(None, description='Jump entry')
    limit: int | None = Field(None, description='Maximum frames per task. If not passed, frames will end when no more matching frames are found, unless infinite is True.')
    min_sequence: int | None = Field(None, description='Length (in ms) of video clips to return. This is used in random order, and in sequential order only if jumping is provided and only for video frames')
    order: str | None = Field(None, description="Input frames order. Values: 'sequential', 'random' In Sequential mode frames will be returned according to the order in which the frames were added to the dataset.")
    random_seed: int = Field(..., description='Random seed used during iteration')


class LabelSource(GeneratedModel):
    """From the seed ``reports.label_source``."""

    dataset: str | None = Field(None, description="Source dataset id. '*' for all datasets in view")
    labels: list[str] | None = Field(None, description="List of source labels (AND connection). '*' indicates any label. Labels must exist in at least one of the dataset versions in the task's view")
    version: str | None = Field(None, description="Source dataset version id. Default is '*' (for all versions in dataset in the view) Version must belong to the selected dataset, and must be in the task's view[i]")


class MappingRule(GeneratedModel):
    """From the seed ``reports.mapping_rule``."""

    source: LabelSource | None = Field(None, description='Source label info')
    target: str | None = Field(None, description='Target label name')


class Mapping(GeneratedModel):
    """From the seed ``reports.mapping``."""

    rules: list[MappingRule] | None = Field(None, description='Rules list')


class ViewEntry(GeneratedModel):
    """From the seed ``reports.view_entry``."""

    dataset: str | None = Field(None, description='Existing Dataset id')
    merge_with: str | None = Field(None, description='Version ID to merge with')
    version: str | None = Field(None, description='Version id of a version belonging to the dataset')


class View(GeneratedModel):
    """From the seed ``reports.view``."""

    entries: list[ViewEntry] | None = Field(None, description='List of view entries. All tasks must have at least one view.')


class Input(GeneratedModel):
    """Task input params. (input view must be provided). From the seed ``reports.input``."""

    augmentation: Augmentation | None = Field(None, description='Augmentation parameters. Only for training and testing tasks.')
    dataviews: dict[str, str] | None = Field(None, description='Key to DataView ID Mapping')
    frames_filter: Filtering | None = Field(None, description='Filtering params')
    iteration: Iteration | None = Field(None, description='Iteration parameters. Not applicable for register (import) tasks.')
    mapping: Mapping | None = Field(None, description='Mapping params (see common definitions section)')
    view: View | None = Field(None, description='View params')


class LastMetricsEvent(GeneratedModel):
    """From the seed ``reports.last_metrics_event``."""

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


# Last metric events, one for each variant hash From the seed ``reports.last_metrics_variants``.
LastMetricsVariants = dict[str, LastMetricsEvent]


class MetricVariants(GeneratedModel):
    """From the seed ``reports.metric_variants``."""

    metric: str | None = Field(None, description='The metric name')
    variants: list[str] | None = Field(None, description='The names of the metric variants')


class MultiFieldPatternData(GeneratedModel):
    """From the seed ``reports.multi_field_pattern_data``."""

    datetime: str | None = Field(None, description="Date time conditions (applicable only to datetime fields). Either 'pattern' or 'datetime' should be specified")
    fields_: list[str] | None = Field(None, alias='fields', description='List of field names')
    pattern: str | None = Field(None, description="Pattern string (regex). Either 'pattern' or 'datetime' should be specified")


class Output(GeneratedModel):
    """From the seed ``reports.output``."""

    destination: str | None = Field(None, description='Storage id. This is where output files will be stored.')
    error: str | None = Field(None, description='Last error text')
    model: str | None = Field(None, description='Model id.')
    result: str | None = Field(None, description="Task result. Values: 'success', 'failure'")
    view: View | None = Field(None, description='View params')


class ParamsItem(GeneratedModel):
    """From the seed ``reports.params_item``."""

    description: str | None = Field(None, description='The parameter description. Optional')
    name: str | None = Field(None, description='Name of the parameter. The combination of section and name should be unique')
    section: str | None = Field(None, description='Section that the parameter belongs to')
    type: str | None = Field(None, description='Type of the parameter. Optional')
    value: str | None = Field(None, description='Value of the parameter')


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


class ScalarKeyEnum(str, Enum):
    """From the seed ``reports.scalar_key_enum``."""

    iter = 'iter'
    timestamp = 'timestamp'
    iso_time = 'iso_time'


class Script(GeneratedModel):
    """From the seed ``reports.script``."""

    binary: str | None = Field('python', description='Binary to use when running the script')
    branch: str | None = Field(None, description='Repository branch id If not provided and tag not provided, default repository branch is used.')
    diff: str | None = Field(None, description='Uncommitted changes found in the repository when task was run')
    entry_point: str | None = Field(None, description='Path to execute within the repository')
    repository: str | None = Field(None, description='Name of the repository where the script is located')
    requirements: dict[str, Any] | None = Field(None, description='A JSON object containing requirements strings by key')
    tag: str | None = Field(None, description='Repository tag')
    version_num: str | None = Field(None, description='Version (changeset) number. Optional (default is head version) Unused if tag is provided.')
    working_dir: str | None = Field(None, description='Path to the folder from which to run the script Default - root folder of repository')


# Task section params From the seed ``reports.section_params``.
SectionParams = dict[str, ParamsItem]


class SingleValueTaskMetricsValues(GeneratedModel):
    """From the seed ``reports.single_value_task_metrics/values``."""

    metric: str | None = None
    timestamp: float | None = None
    value: float | None = None
    variant: str | None = None


class SingleValueTaskMetrics(GeneratedModel):
    """From the seed ``reports.single_value_task_metrics``."""

    task: str | None = Field(None, description='Task ID')
    task_name: str | None = Field(None, description='Task name')
    values: list[SingleValueTaskMetricsValues] | None = None


class TaskModelItem(GeneratedModel):
    """From the seed ``reports.task_model_item``."""

    model: str = Field(..., description='The model ID')
    name: str = Field(..., description='The task model name')


class TaskModels(GeneratedModel):
    """From the seed ``reports.task_models``."""

    input: list[TaskModelItem] | None = Field(None, description='The list of task input models')
    output: list[TaskModelItem] | None = Field(None, description='The list of task output models')


class TaskStatusEnum(str, Enum):
    """From the seed ``reports.task_status_enum``."""

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
    """Type of task. From the seed ``reports.task_type_enum``."""

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
    """From the seed ``reports.task``."""

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


class ArtifactId(GeneratedModel):
    """From the catalog definition ``reports.artifact_id``."""

    key: str
    mode: ArtifactModeEnum | None = None


# From the catalog definition ``reports.batch_operation``.
BatchOperation = Any


class Credentials(GeneratedModel):
    """From the catalog definition ``reports.credentials``."""

    access_key: str | None = None
    label: str | None = None
    secret_key: str | None = None


class DebugImagesResponse(GeneratedModel):
    """From the catalog definition ``reports.debug_images_response``."""

    metrics: list[DebugImagesResponseTaskMetrics] | None = None
    scroll_id: str | None = None


class FieldFilterAll(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class FieldFilterAny(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class FieldFilter(GeneratedModel):
    """From the catalog definition ``reports.field_filter``."""

    all: FieldFilterAll | None = None
    any: FieldFilterAny | None = None
    op: Literal['and', 'or'] | None = 'and'


class MetadataItem(GeneratedModel):
    """From the catalog definition ``reports.metadata_item``."""

    key: str | None = None
    type: str | None = None
    value: str | None = None


class ModelTypeEnum(str, Enum):
    """From the catalog definition ``reports.model_type_enum``."""

    input = 'input'
    output = 'output'


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


class TaskExecutionProgressEnum(str, Enum):
    """From the catalog definition ``reports.task_execution_progress_enum``."""

    unknown = 'unknown'
    running = 'running'
    stopping = 'stopping'
    stopped = 'stopped'


class UpdateResponse(GeneratedModel):
    """From the catalog definition ``reports.update_response``."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


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


class DeleteResponse(GeneratedModel):
    """``reports.delete`` (API 2.23)."""

    deleted: Literal[0, 1] | None = None


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


class PublishRequest(GeneratedRequest):
    """``reports.publish`` (API 2.23)."""

    comment: str | None = None
    task: str


class PublishResponse(GeneratedModel):
    """``reports.publish`` (API 2.23)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class UnarchiveRequest(GeneratedRequest):
    """``reports.unarchive`` (API 2.23)."""

    comment: str | None = None
    task: str


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


class UpdateResponseBody(GeneratedModel):
    """``reports.update`` (API 2.23 to 2.24)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


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

"""ClearML service ``projects``: 11 seed definitions, 22 endpoints, 63 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/projects.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import BatchOperation, CreateResponse, Credentials, FieldFilter, FieldFilterAll, FieldFilterAny, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, MakePrivateRequest, MakePrivateResponse, MakePublicRequest, MakePublicResponse, MetadataItem, MultiFieldPatternData, TaskStatusEnum, UpdateResponse  # noqa: F401


class MetricVariantResult(GeneratedModel):
    """From the seed ``projects.metric_variant_result``."""

    metric: str | None = Field(None, description='Metric name')
    metric_hash: str | None = Field(None, description='Metric name hash. Used instead of the metric name when categorizing last metrics events in task objects.')
    variant: str | None = Field(None, description='Variant name')
    variant_hash: str | None = Field(None, description='Variant name hash. Used instead of the variant name when categorizing last metrics events in task objects.')


class Project(GeneratedModel):
    """From the seed ``projects.project``."""

    basename: str | None = Field(None, description='Project base name')
    company: str | None = Field(None, description='Company id')
    created: datetime | None = Field(None, description='Creation time')
    default_output_destination: str | None = Field(None, description='The default output destination URL for new tasks under this project')
    description: str | None = Field(None, description='Project description')
    id: str | None = Field(None, description='Project id')
    last_update: datetime | None = Field(None, description='Last project update time. Reflects the last time the project metadata was changed or a task in this project has changed status')
    name: str | None = Field(None, description='Project name')
    system_tags: list[str] | None = Field(None, description="System tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags')
    user: str | None = Field(None, description='Associated user id')


class ProjectsGetAllResponseSingleDatasetStats(GeneratedModel):
    """From the seed ``projects.projects_get_all_response_single/dataset_stats``."""

    file_count: int | None = Field(None, description='The number of files stored in the dataset')
    total_size: int | None = Field(None, description='The total dataset size in bytes')


class ProjectsGetAllResponseSingleSubProjects(GeneratedModel):
    """From the seed ``projects.projects_get_all_response_single/sub_projects``."""

    id: str | None = Field(None, description='Subproject ID')
    name: str | None = Field(None, description='Subproject name')


class StatsDatasets(GeneratedModel):
    """From the seed ``projects.stats_datasets``."""

    count: int | None = Field(None, description='Number of datasets')
    tags: list[str] | None = Field(None, description='Dataset tags')


class StatsStatusCountStatusCount(GeneratedModel):
    """From the seed ``projects.stats_status_count/status_count``."""

    closed: int | None = Field(None, description="Number of 'closed' tasks in project")
    completed: int | None = Field(None, description="Number of 'completed' tasks in project")
    created: int | None = Field(None, description="Number of 'created' tasks in project")
    failed: int | None = Field(None, description="Number of 'failed' tasks in project")
    in_progress: int | None = Field(None, description="Number of 'in_progress' tasks in project")
    published: int | None = Field(None, description="Number of 'published' tasks in project")
    queued: int | None = Field(None, description="Number of 'queued' tasks in project")
    stopped: int | None = Field(None, description="Number of 'stopped' tasks in project")
    unknown: int | None = Field(None, description="Number of 'unknown' tasks in project")


class StatsStatusCount(GeneratedModel):
    """From the seed ``projects.stats_status_count``."""

    completed_tasks_24h: int | None = Field(None, description='Number of tasks completed in the last 24 hours')
    last_task_run: int | None = Field(None, description='The most recent started time of a task')
    status_count: StatsStatusCountStatusCount | None = Field(None, description='Status counts')
    total_runtime: int | None = Field(None, description='Total run time of all tasks in project (in seconds)')
    total_tasks: int | None = Field(None, description='Number of tasks')


class Stats(GeneratedModel):
    """From the seed ``projects.stats``."""

    active: StatsStatusCount | None = Field(None, description='Stats for active tasks')
    archived: StatsStatusCount | None = Field(None, description='Stats for archived tasks')
    datasets: StatsDatasets | None = Field(None, description='Stats for childrent datasets')


class ProjectsGetAllResponseSingle(GeneratedModel):
    """From the seed ``projects.projects_get_all_response_single``."""

    basename: str | None = Field(None, description='Project base name')
    company: str | None = Field(None, description='Company id')
    created: datetime | None = Field(None, description='Creation time')
    dataset_stats: ProjectsGetAllResponseSingleDatasetStats | None = Field(None, description='Project dataset statistics')
    default_output_destination: str | None = Field(None, description='The default output destination URL for new tasks under this project')
    description: str | None = Field(None, description='Project description')
    hidden: bool | None = Field(None, description='Returned if the search_hidden flag was specified in the get_all_ex call and the project is hidden')
    id: str | None = Field(None, description='Project id')
    last_update: datetime | None = Field(None, description='Last project update time. Reflects the last time the project metadata was changed or a task in this project has changed status')
    name: str | None = Field(None, description='Project name')
    own_datasets: int | None = Field(None, description="The amount of datasets/hyperdatasers under this project (without children projects). Returned if 'check_own_contents' flag is set in the request and children_type is set to 'dataset' or 'hyperdataset'")
    own_dataviews: int | None = Field(None, description="The amount of dataviews under this project (without children projects). Returned if 'check_own_contents' flag is set in the request")
    own_models: int | None = Field(None, description="The amount of models under this project (without children projects). Returned if 'check_own_contents' flag is set in the request")
    own_tasks: int | None = Field(None, description="The amount of tasks under this project (without children projects). Returned if 'check_own_contents' flag is set in the request")
    stats: Stats | None = Field(None, description='Additional project stats')
    sub_projects: list[ProjectsGetAllResponseSingleSubProjects] | None = Field(None, description='The list of sub projects')
    system_tags: list[str] | None = Field(None, description="System tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags')
    user: str | None = Field(None, description='Associated user id')


class Urls(GeneratedModel):
    """From the seed ``projects.urls``."""

    artifact_urls: list[str] | None = None
    event_urls: list[str] | None = None
    model_urls: list[str] | None = None


class TagsRequestFilter(GeneratedModel):
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class TagsRequest(GeneratedModel):
    """From the catalog definition ``projects.tags_request``."""

    filter: TagsRequestFilter | None = None
    include_system: bool | None = False
    projects: list[str] | None = None


class TagsResponse(TagsRequestFilter):
    """From the catalog definition ``projects.tags_response``."""


class CreateRequest(GeneratedRequest):
    """``projects.create`` (API 2.1)."""

    default_output_destination: str | None = None
    description: str | None = None
    name: str
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class DeleteRequest(GeneratedRequest):
    """``projects.delete`` (API 2.1 to 2.26)."""

    delete_contents: bool | None = None
    delete_external_artifacts: bool | None = True
    force: bool | None = False
    project: str


class DeleteResponse(GeneratedModel):
    """``projects.delete`` (API 2.1 to 2.26)."""

    deleted: int | None = None
    deleted_models: int | None = None
    deleted_tasks: int | None = None
    disassociated_tasks: int | None = None
    urls: Urls | None = None


class GetAllRequest(GeneratedRequest):
    """``projects.get_all`` (API 2.1 to 2.15)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    basename: str | None = None
    description: str | None = None
    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    shallow_search: bool | None = False
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``projects.get_all`` (API 2.1 to 2.15)."""

    projects: list[ProjectsGetAllResponseSingle] | None = None
    scroll_id: str | None = None


class GetAllExRequestChildrenTagsFilterAll(GeneratedModel):
    exclude: list[str] | None = None
    include: list[str] | None = None


class GetAllExRequestChildrenTagsFilterAny(GetAllExRequestChildrenTagsFilterAll):
    pass


class GetAllExRequestChildrenTagsFilter(GeneratedModel):
    all: GetAllExRequestChildrenTagsFilterAll | None = None
    any: GetAllExRequestChildrenTagsFilterAny | None = None
    op: Literal['and', 'or'] | None = 'and'


class GetAllExRequest(GeneratedRequest):
    """``projects.get_all_ex`` (API 2.1 to 2.27)."""

    all_: MultiFieldPatternData | None = Field(None, alias='_all_')
    any_: MultiFieldPatternData | None = Field(None, alias='_any_')
    active_users: list[str] | None = None
    allow_public: bool | None = True
    basename: str | None = None
    check_own_contents: bool | None = False
    children_tags: list[str] | None = None
    children_tags_filter: GetAllExRequestChildrenTagsFilter | None = None
    children_type: Literal['pipeline', 'report', 'dataset'] | None = None
    description: str | None = None
    filters: dict[str, GetAllExRequestFiltersValue] | None = None
    id: list[str] | None = None
    include_dataset_stats: bool | None = False
    include_stats: bool | None = False
    include_stats_filter: dict[str, Any] | None = None
    name: str | None = None
    non_public: bool | None = False
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    shallow_search: bool | None = False
    size: int | None = Field(None, ge=1)
    stats_for_state: Literal['active', 'archived'] | None = 'active'
    stats_with_children: bool | None = True
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllExResponse(GetAllResponse):
    """``projects.get_all_ex`` (API 2.1 to 2.27)."""


class GetByIdRequest(GeneratedRequest):
    """``projects.get_by_id`` (API 2.1)."""

    project: str


class GetByIdResponse(GeneratedModel):
    """``projects.get_by_id`` (API 2.1)."""

    project: Project | None = None


class GetHyperParametersRequest(GeneratedRequest):
    """``projects.get_hyper_parameters`` (API 2.9 to 2.13)."""

    include_subprojects: bool | None = True
    page: int | None = 0
    page_size: int | None = 500
    project: str


class GetHyperParametersResponse(GeneratedModel):
    """``projects.get_hyper_parameters`` (API 2.9 to 2.13)."""

    parameters: list[dict[str, Any]] | None = None
    remaining: int | None = None
    total: int | None = None


class GetHyperparamValuesRequest(GeneratedRequest):
    """``projects.get_hyperparam_values`` (API 2.13 to 2.27)."""

    allow_public: bool | None = None
    include_subprojects: bool | None = True
    name: str
    page: int | None = 0
    page_size: int | None = 500
    pattern: str | None = None
    projects: list[str] | None = None
    section: str


class GetHyperparamValuesResponse(GeneratedModel):
    """``projects.get_hyperparam_values`` (API 2.13 to 2.27)."""

    total: int | None = None
    values: list[str] | None = None


class GetModelMetadataKeysRequest(GetHyperParametersRequest):
    """``projects.get_model_metadata_keys`` (API 2.17)."""


class GetModelMetadataKeysResponse(GeneratedModel):
    """``projects.get_model_metadata_keys`` (API 2.17)."""

    keys: list[str] | None = None
    remaining: int | None = None
    total: int | None = None


class GetModelMetadataValuesRequest(GeneratedRequest):
    """``projects.get_model_metadata_values`` (API 2.17 to 2.26)."""

    allow_public: bool | None = None
    include_subprojects: bool | None = True
    key: str
    page: int | None = 0
    page_size: int | None = 500
    projects: list[str] | None = None


class GetModelMetadataValuesResponse(GetHyperparamValuesResponse):
    """``projects.get_model_metadata_values`` (API 2.17 to 2.26)."""


class GetModelTagsRequestFilter(TagsRequestFilter):
    pass


class GetModelTagsRequest(GeneratedRequest):
    """``projects.get_model_tags`` (API 2.8)."""

    filter: GetModelTagsRequestFilter | None = None
    include_system: bool | None = False
    projects: list[str] | None = None


class GetModelTagsResponse(TagsRequestFilter):
    """``projects.get_model_tags`` (API 2.8)."""


class GetProjectTagsRequestFilter(TagsRequestFilter):
    pass


class GetProjectTagsRequest(GeneratedRequest):
    """``projects.get_project_tags`` (API 2.17)."""

    filter: GetProjectTagsRequestFilter | None = None
    include_system: bool | None = False
    projects: list[str] | None = None


class GetProjectTagsResponse(TagsRequestFilter):
    """``projects.get_project_tags`` (API 2.17)."""


class GetTaskParentsRequest(GeneratedRequest):
    """``projects.get_task_parents`` (API 2.12 to 2.25)."""

    include_subprojects: bool | None = True
    projects: list[str] | None = None
    task_name: str | None = None
    tasks_state: Literal['active', 'archived'] | None = 'active'


class GetTaskParentsResponseParentsItemProject(GeneratedModel):
    id: str | None = None
    name: str | None = None


class GetTaskParentsResponseParentsItem(GeneratedModel):
    id: str | None = None
    name: str | None = None
    project: GetTaskParentsResponseParentsItemProject | None = None


class GetTaskParentsResponse(GeneratedModel):
    """``projects.get_task_parents`` (API 2.12 to 2.25)."""

    parents: list[GetTaskParentsResponseParentsItem] | None = None


class GetTaskTagsRequestFilter(TagsRequestFilter):
    pass


class GetTaskTagsRequest(GeneratedRequest):
    """``projects.get_task_tags`` (API 2.8)."""

    filter: GetTaskTagsRequestFilter | None = None
    include_system: bool | None = False
    projects: list[str] | None = None


class GetTaskTagsResponse(TagsRequestFilter):
    """``projects.get_task_tags`` (API 2.8)."""


class GetUniqueMetricVariantsRequest(GeneratedRequest):
    """``projects.get_unique_metric_variants`` (API 2.1 to 2.28)."""

    ids: list[str] | None = None
    include_subprojects: bool | None = True
    model_metrics: bool | None = False
    project: str | None = None


class GetUniqueMetricVariantsResponse(GeneratedModel):
    """``projects.get_unique_metric_variants`` (API 2.1 to 2.28)."""

    metrics: list[MetricVariantResult] | None = None


class GetUserNamesRequest(GeneratedRequest):
    """``projects.get_user_names`` (API 2.26)."""

    entity: Literal['task', 'model'] | None = 'task'
    include_subprojects: bool | None = True
    projects: list[str] | None = None


class GetUserNamesResponseUsersItem(GetTaskParentsResponseParentsItemProject):
    pass


class GetUserNamesResponse(GeneratedModel):
    """``projects.get_user_names`` (API 2.26)."""

    users: list[GetUserNamesResponseUsersItem] | None = None


class MergeRequest(GeneratedRequest):
    """``projects.merge`` (API 2.13)."""

    destination_project: str | None = None
    project: str


class MergeResponse(GeneratedModel):
    """``projects.merge`` (API 2.13)."""

    moved_entities: int | None = None
    moved_projects: int | None = None


class MoveRequest(GeneratedRequest):
    """``projects.move`` (API 2.13)."""

    new_location: str | None = None
    project: str


class MoveResponse(GeneratedModel):
    """``projects.move`` (API 2.13)."""

    moved: int | None = None


class UpdateRequest(GeneratedRequest):
    """``projects.update`` (API 2.1)."""

    default_output_destination: str | None = None
    description: str | None = None
    name: str | None = None
    project: str
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class ValidateDeleteRequest(GetByIdRequest):
    """``projects.validate_delete`` (API 2.14 to 2.26)."""


class ValidateDeleteResponse(GeneratedModel):
    """``projects.validate_delete`` (API 2.14 to 2.26)."""

    datasets: int | None = None
    models: int | None = None
    non_archived_models: int | None = None
    non_archived_reports: int | None = None
    non_archived_tasks: int | None = None
    pipelines: int | None = None
    reports: int | None = None
    tasks: int | None = None


class GetHyperdatasetStatsRequestTagsFilterAll(GetAllExRequestChildrenTagsFilterAll):
    pass


class GetHyperdatasetStatsRequestTagsFilterAny(GetAllExRequestChildrenTagsFilterAll):
    pass


class GetHyperdatasetStatsRequestTagsFilter(GeneratedModel):
    all: GetHyperdatasetStatsRequestTagsFilterAll | None = None
    any: GetHyperdatasetStatsRequestTagsFilterAny | None = None
    op: Literal['and', 'or'] | None = 'and'


class GetHyperdatasetStatsRequest(GeneratedRequest):
    """``projects.get_hyperdataset_stats``."""

    active_users: list[str] | None = None
    project: str | None = None
    tags: list[str] | None = None
    tags_filter: GetHyperdatasetStatsRequestTagsFilter | None = None


class GetHyperdatasetStatsResponse(GeneratedModel):
    """``projects.get_hyperdataset_stats``."""

    stats: StatsDatasets | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'projects.metric_variant_result': MetricVariantResult,
    'projects.multi_field_pattern_data': MultiFieldPatternData,
    'projects.project': Project,
    'projects.projects_get_all_response_single': ProjectsGetAllResponseSingle,
    'projects.projects_get_all_response_single/dataset_stats': ProjectsGetAllResponseSingleDatasetStats,
    'projects.projects_get_all_response_single/sub_projects': ProjectsGetAllResponseSingleSubProjects,
    'projects.stats': Stats,
    'projects.stats_datasets': StatsDatasets,
    'projects.stats_status_count': StatsStatusCount,
    'projects.stats_status_count/status_count': StatsStatusCountStatusCount,
    'projects.urls': Urls,
}

REQUESTS: dict[str, Any] = {
    'projects.create': CreateRequest,
    'projects.delete': DeleteRequest,
    'projects.get_all': GetAllRequest,
    'projects.get_all_ex': GetAllExRequest,
    'projects.get_by_id': GetByIdRequest,
    'projects.get_hyper_parameters': GetHyperParametersRequest,
    'projects.get_hyperparam_values': GetHyperparamValuesRequest,
    'projects.get_model_metadata_keys': GetModelMetadataKeysRequest,
    'projects.get_model_metadata_values': GetModelMetadataValuesRequest,
    'projects.get_model_tags': GetModelTagsRequest,
    'projects.get_project_tags': GetProjectTagsRequest,
    'projects.get_task_parents': GetTaskParentsRequest,
    'projects.get_task_tags': GetTaskTagsRequest,
    'projects.get_unique_metric_variants': GetUniqueMetricVariantsRequest,
    'projects.get_user_names': GetUserNamesRequest,
    'projects.make_private': MakePrivateRequest,
    'projects.make_public': MakePublicRequest,
    'projects.merge': MergeRequest,
    'projects.move': MoveRequest,
    'projects.update': UpdateRequest,
    'projects.validate_delete': ValidateDeleteRequest,
    'projects.get_hyperdataset_stats': GetHyperdatasetStatsRequest,
}

RESPONSES: dict[str, Any] = {
    'projects.create': CreateResponse,
    'projects.delete': DeleteResponse,
    'projects.get_all': GetAllResponse,
    'projects.get_all_ex': GetAllExResponse,
    'projects.get_by_id': GetByIdResponse,
    'projects.get_hyper_parameters': GetHyperParametersResponse,
    'projects.get_hyperparam_values': GetHyperparamValuesResponse,
    'projects.get_model_metadata_keys': GetModelMetadataKeysResponse,
    'projects.get_model_metadata_values': GetModelMetadataValuesResponse,
    'projects.get_model_tags': GetModelTagsResponse,
    'projects.get_project_tags': GetProjectTagsResponse,
    'projects.get_task_parents': GetTaskParentsResponse,
    'projects.get_task_tags': GetTaskTagsResponse,
    'projects.get_unique_metric_variants': GetUniqueMetricVariantsResponse,
    'projects.get_user_names': GetUserNamesResponse,
    'projects.make_private': MakePrivateResponse,
    'projects.make_public': MakePublicResponse,
    'projects.merge': MergeResponse,
    'projects.move': MoveResponse,
    'projects.update': UpdateResponse,
    'projects.validate_delete': ValidateDeleteResponse,
    'projects.get_hyperdataset_stats': GetHyperdatasetStatsResponse,
}

"""ClearML service ``organization``: 12 seed definitions, 17 endpoints, 64 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/organization.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, RootModel

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import GetTagsResponse, MatchSet, MatchSpec, ServiceInfo  # noqa: F401


class ValueMapping(GeneratedModel):
    """From the seed ``organization.value_mapping``."""

    key: dict[str, Any] = Field(..., description='Original value')
    value: dict[str, Any] = Field(..., description='Translated value')


class FieldMapping(GeneratedModel):
    """From the seed ``organization.field_mapping``."""

    field: str = Field(..., description='The source field name as specified in the only_fields')
    name: str | None = Field(None, description='The column name in the exported csv file')
    values: list[ValueMapping] | None = None


class Invite(GeneratedModel):
    """From the seed ``organization.invite``."""

    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='Invite creation time (UTC)')
    emails: list[str] | None = Field(None, description='Invited emails')
    expires: datetime | None = Field(None, description='Invite expiration time (UTC)')
    id: str | None = Field(None, description='Invite id')
    user: str | None = Field(None, description='Associated user id')


class UiActionAction(GeneratedModel):
    """From the seed ``organization.ui_action/action``."""

    headers: dict[str, str] | None = Field(None, description='Additional request headers')
    method: Literal['get', 'GET', 'post', 'POST', 'delete', 'DELETE'] | None = Field(None, description='HTTP method')
    payload: str | None = Field(None, description='Request payload')
    url: str | None = Field(None, description='Request URL')


class UiAction(GeneratedModel):
    """From the seed ``organization.ui_action``."""

    action: UiActionAction | None = Field(None, description='Action request details')
    name: str | None = Field(None, description='Action name')
    tooltip: str | None = Field(None, description='Action tooltip')


class UserDetails(GeneratedModel):
    """From the seed ``organization.user_details``."""

    avatar: str | None = Field(None, description='User avatar (URL or base64-encoded data)')
    id: str | None = Field(None, description='User ID')
    name: str | None = Field(None, description='User Name')
    support: bool | None = Field(None, description="Set to 'true' for the support users. Only internal users can see other support users")


class WorkloadsSeries(GeneratedModel):
    """From the seed ``organization.workloads/series``."""

    cpu_usage: list[float] | None = Field(None, description='Tasks running task multiplied by cpu resource')
    cpu_usage_artifical_weights: bool | None = Field(None, description='Indicate whether artificial cpu resource weights were used')
    dates: list[float] | None = Field(None, description='Date timestamp in seconds')
    duration: list[float] | None = Field(None, description='Tasks running time in seconds')
    gpu_usage: list[float] | None = Field(None, description='Tasks running task multiplied by gpu resource')
    gpu_usage_artifical_weights: bool | None = Field(None, description='Indicate whether artificial gpu resource weights were used')
    id: str | None = None
    name: str | None = None


class WorkloadsTotal(GeneratedModel):
    """From the seed ``organization.workloads/total``."""

    cpu_artificial_weights: bool | None = Field(None, description='Indicate whether artificial cpu resource weights were used')
    cpu_usage: float | None = Field(None, description='Tasks running task multiplied by cpu resource')
    duration: int | None = Field(None, description='Tasks running time in seconds')
    gpu_artificial_weights: bool | None = Field(None, description='Indicate whether artificial gpu resource weights were used')
    gpu_usage: float | None = Field(None, description='Tasks running task multiplied by gpu resource')
    id: str | None = None
    name: str | None = None


class Workloads(GeneratedModel):
    """From the seed ``organization.workloads``."""

    series: list[WorkloadsSeries] | None = None
    total: list[WorkloadsTotal] | None = None


class UsagesSeriesItem(GeneratedModel):
    cpu_usage: list[float] | None = None
    cpu_usage_artifical_weights: bool | None = None
    dates: list[float] | None = None
    duration: list[float] | None = None
    gpu_usage: list[float] | None = None
    gpu_usage_artifical_weights: bool | None = None
    id: str | None = None
    name: str | None = None


class UsagesTotalItem(GeneratedModel):
    cpu_artificial_weights: bool | None = None
    cpu_usage: float | None = None
    duration: int | None = None
    gpu_artificial_weights: bool | None = None
    gpu_usage: float | None = None
    id: str | None = None
    name: str | None = None


class Usages(GeneratedModel):
    """From the catalog definition ``organization.usages``."""

    series: list[UsagesSeriesItem] | None = None
    total: list[UsagesTotalItem] | None = None


class DownloadForGetAllRequest(GeneratedRequest):
    """``organization.download_for_get_all`` (API 2.26)."""

    prepare_id: str


class DownloadForGetAllResponse(RootModel[str]):
    """``organization.download_for_get_all`` (API 2.26)."""


class GetEntitiesCountRequest(GeneratedRequest):
    """``organization.get_entities_count`` (API 2.20 to 2.34)."""

    active_users: list[str] | None = None
    allow_public: bool | None = True
    dataset_versions: dict[str, Any] | None = None
    datasets: dict[str, Any] | None = None
    limit: int | None = None
    models: dict[str, Any] | None = None
    pipeline_runs: dict[str, Any] | None = None
    pipelines: dict[str, Any] | None = None
    projects: dict[str, Any] | None = None
    reports: dict[str, Any] | None = None
    search_hidden: bool | None = False
    tasks: dict[str, Any] | None = None


class GetEntitiesCountResponseErrors(GeneratedModel):
    dataset_versions: str | None = None
    datasets: str | None = None
    models: str | None = None
    pipeline_runs: str | None = None
    pipelines: str | None = None
    projects: str | None = None
    reports: str | None = None
    tasks: str | None = None


class GetEntitiesCountResponse(GeneratedModel):
    """``organization.get_entities_count`` (API 2.20 to 2.34)."""

    dataset_versions: int | None = None
    datasets: int | None = None
    errors: GetEntitiesCountResponseErrors | None = None
    models: int | None = None
    pipeline_runs: int | None = None
    pipelines: int | None = None
    projects: int | None = None
    reports: int | None = None
    tasks: int | None = None


class GetProjectUsagesRequest(GeneratedRequest):
    """``organization.get_project_usages`` (API 2.34)."""

    breakdown_keys: list[Literal['project', 'user', 'queue']] | None = None
    from_date: datetime
    include_development: bool | None = False
    projects: list[str]
    to_date: datetime
    usage_fields: list[Literal['duration', 'cpu_usage', 'gpu_usage']] | None = None


class GetProjectUsagesResponse(GeneratedModel):
    """``organization.get_project_usages`` (API 2.34)."""

    projects: Usages | None = None
    queues: Usages | None = None
    users: Usages | None = None


class GetTagsRequestFilter(GeneratedModel):
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetTagsRequest(GeneratedRequest):
    """``organization.get_tags`` (API 2.8)."""

    filter: GetTagsRequestFilter | None = None
    include_system: bool | None = False


class GetUserCompaniesRequest(GeneratedStrictRequest):
    """``organization.get_user_companies`` (API 2.12)."""


class GetUserCompaniesResponseCompaniesItemOwnersItem(GeneratedModel):
    avatar: str | None = None
    id: str | None = None
    name: str | None = None


class GetUserCompaniesResponseCompaniesItem(GeneratedModel):
    allocated: int | None = None
    id: str | None = None
    name: str | None = None
    owners: list[GetUserCompaniesResponseCompaniesItemOwnersItem] | None = None


class GetUserCompaniesResponse(GeneratedModel):
    """``organization.get_user_companies`` (API 2.12)."""

    companies: list[GetUserCompaniesResponseCompaniesItem] | None = None


class PrepareDownloadForGetAllRequest(GeneratedRequest):
    """``organization.prepare_download_for_get_all`` (API 2.26)."""

    allow_public: bool | None = True
    entity_type: Literal['task', 'model']
    field_mappings: list[FieldMapping]
    only_fields: list[str]
    search_hidden: bool | None = False


class PrepareDownloadForGetAllResponse(GeneratedModel):
    """``organization.prepare_download_for_get_all`` (API 2.26)."""

    prepare_id: str | None = None


class AllowProjectWorkloadsRequest(GeneratedRequest):
    """``organization.allow_project_workloads``."""

    project: str


class AllowProjectWorkloadsResponse(GeneratedModel):
    """``organization.allow_project_workloads``."""

    allowed: bool | None = None


class DeleteUsageConfigurationRequest(GeneratedRequest):
    """``organization.delete_usage_configuration``."""


class DeleteUsageConfigurationResponse(GeneratedModel):
    """``organization.delete_usage_configuration``."""

    deleted: int | None = None


class EditUsageConfigurationRequestEventsValueLabelsValuePricing(GeneratedModel):
    price: float | None = None
    units: float | None = None


class EditUsageConfigurationRequestEventsValueLabelsValue(GeneratedModel):
    display_name: str | None = None
    enabled: bool | None = None
    pricing: EditUsageConfigurationRequestEventsValueLabelsValuePricing | None = None
    read_only: bool | None = None


class EditUsageConfigurationRequestEventsValue(GeneratedModel):
    count_strategy: Literal['sum', 'max'] | None = None
    display_name: str | None = None
    labels: dict[str, EditUsageConfigurationRequestEventsValueLabelsValue] | None = None
    read_only: bool | None = None
    type: Literal['compute', 'storage', 'model_tokens', 'users', 'service_accounts'] | None = None
    unit_name: str | None = None


class EditUsageConfigurationRequestPricing(GeneratedModel):
    currency: str | None = None
    read_only: bool | None = None


class EditUsageConfigurationRequest(GeneratedRequest):
    """``organization.edit_usage_configuration``."""

    events: dict[str, EditUsageConfigurationRequestEventsValue] | None = None
    pricing: EditUsageConfigurationRequestPricing | None = None


class EditUsageConfigurationResponseEventsValueLabelsValuePricing(EditUsageConfigurationRequestEventsValueLabelsValuePricing):
    pass


class EditUsageConfigurationResponseEventsValueLabelsValue(GeneratedModel):
    display_name: str | None = None
    enabled: bool | None = None
    pricing: EditUsageConfigurationResponseEventsValueLabelsValuePricing | None = None
    read_only: bool | None = None


class EditUsageConfigurationResponseEventsValue(GeneratedModel):
    count_strategy: Literal['sum', 'max'] | None = None
    display_name: str | None = None
    labels: dict[str, EditUsageConfigurationResponseEventsValueLabelsValue] | None = None
    read_only: bool | None = None
    type: Literal['compute', 'storage', 'model_tokens', 'users', 'service_accounts'] | None = None
    unit_name: str | None = None


class EditUsageConfigurationResponsePricing(EditUsageConfigurationRequestPricing):
    pass


class EditUsageConfigurationResponse(GeneratedModel):
    """``organization.edit_usage_configuration``."""

    events: dict[str, EditUsageConfigurationResponseEventsValue] | None = None
    pricing: EditUsageConfigurationResponsePricing | None = None


class GetProjectCompanyRequest(AllowProjectWorkloadsRequest):
    """``organization.get_project_company``."""


class GetProjectCompanyResponse(GeneratedModel):
    """``organization.get_project_company``."""

    company: str | None = None


class GetProjectWorkloadsRequest(GetProjectUsagesRequest):
    """``organization.get_project_workloads``."""


class GetProjectWorkloadsResponse(GeneratedModel):
    """``organization.get_project_workloads``."""

    projects: Workloads | None = None
    queues: Workloads | None = None
    users: Workloads | None = None


class GetServicesRequest(GeneratedRequest):
    """``organization.get_services``."""


class GetServicesResponse(GeneratedModel):
    """``organization.get_services``."""

    services: list[ServiceInfo] | None = None


class GetTenantUsagesRequest(GeneratedRequest):
    """``organization.get_tenant_usages``."""

    categories: list[str] | None = None
    from_date: str
    include_labels: bool | None = True
    to_date: str


class GetTenantUsagesResponseCategoriesValueLabelsValuePricing(GeneratedModel):
    price: float | None = None
    units: int | None = None


class GetTenantUsagesResponseCategoriesValueLabelsValue(GeneratedModel):
    costs: list[float] | None = None
    display_name: str | None = None
    pricing: GetTenantUsagesResponseCategoriesValueLabelsValuePricing | None = None
    total_cost: float | None = None
    total_usage: float | None = None
    usages: list[float] | None = None


class GetTenantUsagesResponseCategoriesValue(GeneratedModel):
    costs: list[float] | None = None
    count_strategy: Literal['sum', 'max'] | None = None
    dates: list[str] | None = None
    display_name: str | None = None
    free: bool | None = None
    labels: dict[str, GetTenantUsagesResponseCategoriesValueLabelsValue] | None = None
    total_cost: float | None = None
    total_usage: float | None = None
    total_usage_type: Literal['total', 'latest'] | None = None
    type: str | None = None
    unit_name: str | None = None
    usages: list[float] | None = None


class GetTenantUsagesResponse(GeneratedModel):
    """``organization.get_tenant_usages``."""

    categories: dict[str, GetTenantUsagesResponseCategoriesValue] | None = None
    currency: str | None = None
    total_cost: float | None = None


class GetUiActionsRequest(GeneratedRequest):
    """``organization.get_ui_actions``."""


class GetUiActionsResponse(GeneratedModel):
    """``organization.get_ui_actions``."""

    objects: dict[str, list[UiAction]] | None = None


class GetUsageConfigurationRequest(GeneratedRequest):
    """``organization.get_usage_configuration``."""


class GetUsageConfigurationResponseEventsValueLabelsValuePricing(EditUsageConfigurationRequestEventsValueLabelsValuePricing):
    pass


class GetUsageConfigurationResponseEventsValueLabelsValue(GeneratedModel):
    display_name: str | None = None
    enabled: bool | None = None
    pricing: GetUsageConfigurationResponseEventsValueLabelsValuePricing | None = None
    read_only: bool | None = None


class GetUsageConfigurationResponseEventsValue(GeneratedModel):
    count_strategy: Literal['sum', 'max'] | None = None
    display_name: str | None = None
    labels: dict[str, GetUsageConfigurationResponseEventsValueLabelsValue] | None = None
    read_only: bool | None = None
    type: Literal['compute', 'storage', 'model_tokens', 'users', 'service_accounts'] | None = None
    unit_name: str | None = None


class GetUsageConfigurationResponsePricing(EditUsageConfigurationRequestPricing):
    pass


class GetUsageConfigurationResponse(GeneratedModel):
    """``organization.get_usage_configuration``."""

    events: dict[str, GetUsageConfigurationResponseEventsValue] | None = None
    pricing: GetUsageConfigurationResponsePricing | None = None


class UpdateCompanyLogoRequest(GeneratedRequest):
    """``organization.update_company_logo``."""

    company: str | None = None
    data: str
    format: Literal['base64', 'url']


class UpdateCompanyLogoResponse(GeneratedModel):
    """``organization.update_company_logo``."""

    updated: int | None = None


class UpdateCompanyNameRequest(GeneratedRequest):
    """``organization.update_company_name``."""

    company: str | None = None
    new_name: str


class UpdateCompanyNameResponse(UpdateCompanyLogoResponse):
    """``organization.update_company_name``."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'organization.field_mapping': FieldMapping,
    'organization.invite': Invite,
    'organization.match_set': MatchSet,
    'organization.match_spec': MatchSpec,
    'organization.service_info': ServiceInfo,
    'organization.ui_action': UiAction,
    'organization.ui_action/action': UiActionAction,
    'organization.user_details': UserDetails,
    'organization.value_mapping': ValueMapping,
    'organization.workloads': Workloads,
    'organization.workloads/series': WorkloadsSeries,
    'organization.workloads/total': WorkloadsTotal,
}

REQUESTS: dict[str, Any] = {
    'organization.download_for_get_all': DownloadForGetAllRequest,
    'organization.get_entities_count': GetEntitiesCountRequest,
    'organization.get_project_usages': GetProjectUsagesRequest,
    'organization.get_tags': GetTagsRequest,
    'organization.get_user_companies': GetUserCompaniesRequest,
    'organization.prepare_download_for_get_all': PrepareDownloadForGetAllRequest,
    'organization.allow_project_workloads': AllowProjectWorkloadsRequest,
    'organization.delete_usage_configuration': DeleteUsageConfigurationRequest,
    'organization.edit_usage_configuration': EditUsageConfigurationRequest,
    'organization.get_project_company': GetProjectCompanyRequest,
    'organization.get_project_workloads': GetProjectWorkloadsRequest,
    'organization.get_services': GetServicesRequest,
    'organization.get_tenant_usages': GetTenantUsagesRequest,
    'organization.get_ui_actions': GetUiActionsRequest,
    'organization.get_usage_configuration': GetUsageConfigurationRequest,
    'organization.update_company_logo': UpdateCompanyLogoRequest,
    'organization.update_company_name': UpdateCompanyNameRequest,
}

RESPONSES: dict[str, Any] = {
    'organization.download_for_get_all': DownloadForGetAllResponse,
    'organization.get_entities_count': GetEntitiesCountResponse,
    'organization.get_project_usages': GetProjectUsagesResponse,
    'organization.get_tags': GetTagsResponse,
    'organization.get_user_companies': GetUserCompaniesResponse,
    'organization.prepare_download_for_get_all': PrepareDownloadForGetAllResponse,
    'organization.allow_project_workloads': AllowProjectWorkloadsResponse,
    'organization.delete_usage_configuration': DeleteUsageConfigurationResponse,
    'organization.edit_usage_configuration': EditUsageConfigurationResponse,
    'organization.get_project_company': GetProjectCompanyResponse,
    'organization.get_project_workloads': GetProjectWorkloadsResponse,
    'organization.get_services': GetServicesResponse,
    'organization.get_tenant_usages': GetTenantUsagesResponse,
    'organization.get_ui_actions': GetUiActionsResponse,
    'organization.get_usage_configuration': GetUsageConfigurationResponse,
    'organization.update_company_logo': UpdateCompanyLogoResponse,
    'organization.update_company_name': UpdateCompanyNameResponse,
}

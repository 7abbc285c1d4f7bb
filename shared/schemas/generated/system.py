"""ClearML service ``system``: 9 seed definitions, 12 endpoints, 37 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/system.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import FeaturesEnum, MatchSet, MatchSpec, ServiceInfo, VersionStatusEnum  # noqa: F401


class BasicCompanyInfo(GeneratedModel):
    """From the seed ``system.basic_company_info``."""

    active: bool | None = Field(None, description='Company status')
    id: str | None = Field(None, description='Company ID')
    name: str | None = Field(None, description='Company Name')


class CompanyDefaults(GeneratedModel):
    """Company configuration defaults. From the seed ``system.company_defaults``."""

    allowed_users: int | None = Field(None, description='Maximum allowed number of users for this company')
    cluster: str | None = Field(None, description='Cluster in which dataset indices for this company will be created')
    kibana_space: str | None = Field(None, description='Link to user-hosted kibana space')
    sso: dict[str, Any] | None = Field(None, description='sso config')


class Dataset(GeneratedModel):
    """From the seed ``system.dataset``."""

    comment: str | None = None
    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='Dataset creation time (UTC)')
    id: str | None = Field(None, description='Dataset ID')
    last_update: datetime | None = Field(None, description='Time of last update (UTC). Updated on dataset update; on any version operation: when version is created, modified, committed, published or deleted; and on any frame operation: when frames are added, modified or deleted.')
    metadata: dict[str, Any] | None = Field(None, description='User-provided metadata')
    name: str | None = Field(None, description='Dataset name')
    project: str | None = Field(None, description='Associated project ID')
    system_tags: list[str] | None = Field(None, description="List of system tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='List of user-defined tags')
    terms_of_use: str | None = Field(None, description='Terms of use string')
    user: str | None = Field(None, description='Associated user ID')


class Version(GeneratedModel):
    """From the seed ``system.version``."""

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
    status: VersionStatusEnum | None = Field(None, description='Version status')
    system_tags: list[str] | None = Field(None, description="List of system tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='List of user-defined tags')
    task: str | None = Field(None, description='Task ID of the task which created the version')
    user: str | None = Field(None, description='Associated user ID')


class CompanyInfoRequest(GeneratedRequest):
    """``system.company_info``."""

    company: str | None = None


class CompanyInfoResponse(GeneratedModel):
    """``system.company_info``."""

    active: bool | None = None
    defaults: dict[str, Any] | None = None
    id: str | None = None
    name: str | None = None
    services: list[ServiceInfo] | None = None


class CopyTasksRequest(GeneratedRequest):
    """``system.copy_tasks``."""

    company: str
    new_project_name: str | None = None
    project: str | None = None
    tasks: list[str]
    user: str


class CopyTasksResponse(GeneratedModel):
    """``system.copy_tasks``."""

    ids: list[str] | None = None


class CreateCompanyRequest(GeneratedRequest):
    """``system.create_company``."""

    defaults: CompanyDefaults | None = None
    name: str = Field(..., min_length=3)


class CreateCompanyResponseAppQueuesItem(GeneratedModel):
    id: str | None = None
    name: str | None = None


class CreateCompanyResponse(GeneratedModel):
    """``system.create_company``."""

    app_queues: list[CreateCompanyResponseAppQueuesItem] | None = None
    id: str | None = None


class GetCompaniesRequestCustomData(GeneratedModel):
    users: bool


class GetCompaniesRequest(GeneratedRequest):
    """``system.get_companies``."""

    custom_data: GetCompaniesRequestCustomData | None = None
    custom_events: bool | None = False
    name: str | None = None
    name_pattern: str | None = None


class GetCompaniesResponse(GeneratedModel):
    """``system.get_companies``."""

    companies: list[BasicCompanyInfo] | None = None


class GetCompanyAppInstanceAccessRequest(GeneratedRequest):
    """``system.get_company_app_instance_access``."""

    company: str


class GetCompanyAppInstanceAccessResponseAppInstanceAccessApplicationsValue(GeneratedModel):
    allowed: Literal['all', 'owner', 'groups'] | None = None


class GetCompanyAppInstanceAccessResponseAppInstanceAccessCategoriesValue(GetCompanyAppInstanceAccessResponseAppInstanceAccessApplicationsValue):
    pass


class GetCompanyAppInstanceAccessResponseAppInstanceAccess(GeneratedModel):
    admin_access_all: bool | None = None
    allowed: Literal['all', 'owner', 'groups'] | None = None
    applications: dict[str, GetCompanyAppInstanceAccessResponseAppInstanceAccessApplicationsValue] | None = None
    categories: dict[str, GetCompanyAppInstanceAccessResponseAppInstanceAccessCategoriesValue] | None = None


class GetCompanyAppInstanceAccessResponse(GeneratedModel):
    """``system.get_company_app_instance_access``."""

    app_instance_access: GetCompanyAppInstanceAccessResponseAppInstanceAccess | None = None


class GetCompanyCustomEventsConfigRequest(GetCompanyAppInstanceAccessRequest):
    """``system.get_company_custom_events_config``."""


class GetCompanyCustomEventsConfigResponse(GeneratedModel):
    """``system.get_company_custom_events_config``."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')


class GetDatasetVersionsRequest(GeneratedRequest):
    """``system.get_dataset_versions``."""

    dataset: str | None = None
    id: list[str] | None = None
    order_by: str | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)


class GetDatasetVersionsResponse(GeneratedModel):
    """``system.get_dataset_versions``."""

    versions: list[Version] | None = None


class GetDatasetsRequest(GeneratedRequest):
    """``system.get_datasets``."""

    id: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetDatasetsResponse(GeneratedModel):
    """``system.get_datasets``."""

    datasets: list[Dataset] | None = None


class UpdateCompanyAppInstanceAccessRequestAppInstanceAccessApplicationsValue(GetCompanyAppInstanceAccessResponseAppInstanceAccessApplicationsValue):
    pass


class UpdateCompanyAppInstanceAccessRequestAppInstanceAccessCategoriesValue(GetCompanyAppInstanceAccessResponseAppInstanceAccessApplicationsValue):
    pass


class UpdateCompanyAppInstanceAccessRequestAppInstanceAccess(GeneratedModel):
    admin_access_all: bool | None = None
    allowed: Literal['all', 'owner', 'groups'] | None = None
    applications: dict[str, UpdateCompanyAppInstanceAccessRequestAppInstanceAccessApplicationsValue] | None = None
    categories: dict[str, UpdateCompanyAppInstanceAccessRequestAppInstanceAccessCategoriesValue] | None = None


class UpdateCompanyAppInstanceAccessRequest(GeneratedRequest):
    """``system.update_company_app_instance_access``."""

    app_instance_access: UpdateCompanyAppInstanceAccessRequestAppInstanceAccess
    company: str


class UpdateCompanyAppInstanceAccessResponse(GeneratedModel):
    """``system.update_company_app_instance_access``."""


class UpdateCompanyCustomEventsConfigRequest(GeneratedRequest):
    """``system.update_company_custom_events_config``."""

    company: str
    fields_: dict[str, Any] = Field(..., alias='fields')


class UpdateCompanyCustomEventsConfigResponse(GeneratedModel):
    """``system.update_company_custom_events_config``."""


class UpdateCompanySettingsRequestCookieOptions(GeneratedModel):
    domain: str | None = None


class UpdateCompanySettingsRequest(GeneratedRequest):
    """``system.update_company_settings``."""

    admin_access_all_apps: bool | None = None
    allow_service_user_admins: bool | None = None
    allowed_service_users: int | None = None
    allowed_users: int | None = None
    app_access_by_owners: list[str] | None = None
    company: str
    cookie_options: UpdateCompanySettingsRequestCookieOptions | None = None
    exclude_features: list[FeaturesEnum] | None = None
    excluded_application_categories: list[str] | None = None
    feature_set: Literal['basic', 'advanced'] | None = None
    features: list[FeaturesEnum] | None = None
    max_running_apps: int | None = None
    supported_application_categories: list[str] | None = None
    supported_application_ids: list[str] | None = None


class UpdateCompanySettingsResponse(GeneratedModel):
    """``system.update_company_settings``."""

    updated: int | None = None


class UpdateCompanySsoConfigRequest(GeneratedRequest):
    """``system.update_company_sso_config``."""

    company: str
    sso: dict[str, Any]


class UpdateCompanySsoConfigResponse(GeneratedModel):
    """``system.update_company_sso_config``."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'system.basic_company_info': BasicCompanyInfo,
    'system.company_defaults': CompanyDefaults,
    'system.dataset': Dataset,
    'system.features_enum': FeaturesEnum,
    'system.match_set': MatchSet,
    'system.match_spec': MatchSpec,
    'system.service_info': ServiceInfo,
    'system.version': Version,
    'system.version_status_enum': VersionStatusEnum,
}

REQUESTS: dict[str, Any] = {
    'system.company_info': CompanyInfoRequest,
    'system.copy_tasks': CopyTasksRequest,
    'system.create_company': CreateCompanyRequest,
    'system.get_companies': GetCompaniesRequest,
    'system.get_company_app_instance_access': GetCompanyAppInstanceAccessRequest,
    'system.get_company_custom_events_config': GetCompanyCustomEventsConfigRequest,
    'system.get_dataset_versions': GetDatasetVersionsRequest,
    'system.get_datasets': GetDatasetsRequest,
    'system.update_company_app_instance_access': UpdateCompanyAppInstanceAccessRequest,
    'system.update_company_custom_events_config': UpdateCompanyCustomEventsConfigRequest,
    'system.update_company_settings': UpdateCompanySettingsRequest,
    'system.update_company_sso_config': UpdateCompanySsoConfigRequest,
}

RESPONSES: dict[str, Any] = {
    'system.company_info': CompanyInfoResponse,
    'system.copy_tasks': CopyTasksResponse,
    'system.create_company': CreateCompanyResponse,
    'system.get_companies': GetCompaniesResponse,
    'system.get_company_app_instance_access': GetCompanyAppInstanceAccessResponse,
    'system.get_company_custom_events_config': GetCompanyCustomEventsConfigResponse,
    'system.get_dataset_versions': GetDatasetVersionsResponse,
    'system.get_datasets': GetDatasetsResponse,
    'system.update_company_app_instance_access': UpdateCompanyAppInstanceAccessResponse,
    'system.update_company_custom_events_config': UpdateCompanyCustomEventsConfigResponse,
    'system.update_company_settings': UpdateCompanySettingsResponse,
    'system.update_company_sso_config': UpdateCompanySsoConfigResponse,
}

"""ClearML service ``apps``: 9 seed definitions, 39 endpoints, 145 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/apps.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import TaskStatusEnum  # noqa: F401


class DetailsPageEnum(str, Enum):
    """From the seed ``apps.details_page_enum``."""

    task = 'task'
    project = 'project'


class AppInfo(GeneratedModel):
    """From the seed ``apps.app_info``."""

    active: bool | None = Field(None, description='Indicates whether the application version is active')
    badges: list[str] | None = Field(None, description='List of the application badges')
    category: str | None = Field(None, description='Application category')
    confirm_config_update: bool | None = Field(False, description='Indicates whether the configuration update should be confirmed by the end user')
    description: str | None = Field(None, description='Application description')
    details_page: DetailsPageEnum | None = Field(None, description='The link template for the running instance details')
    disabled: bool | None = Field(False, description='Indicates whether this app instances can be created')
    icon: str | None = Field(None, description='The link to the application icon')
    id: str | None = Field(None, description='Application ID')
    missing_router: bool | None = Field(None, description="'true' if the application requires task router and no task router available for the company")
    name: str | None = Field(None, description='Application name')
    no_info_html: str | None = Field(None, description='The link to the html that will be shown in case no info template is defined')
    no_info_image: str | None = Field(None, description='The link to the image that will be shown in case no info template is defined')
    provider: str | None = Field(None, description='Application provider')
    user_group_sharing: bool | None = Field(None, description="'true' if the application supports user group sharing")
    version: str | None = Field(None, description='Application version')


class AppInfoWithUsages(GeneratedModel):
    """From the seed ``apps.app_info_with_usages``."""

    active: bool | None = Field(None, description='Indicates whether the application version is active')
    badges: list[str] | None = Field(None, description='List of the application badges')
    category: str | None = Field(None, description='Application category')
    confirm_config_update: bool | None = Field(False, description='Indicates whether the configuration update should be confirmed by the end user')
    description: str | None = Field(None, description='Application description')
    details_page: DetailsPageEnum | None = Field(None, description='The link template for the running instance details')
    disabled: bool | None = Field(False, description='Indicates whether this app instances can be created')
    icon: str | None = Field(None, description='The link to the application icon')
    id: str | None = Field(None, description='Application ID')
    missing_router: bool | None = Field(None, description="'true' if the application requires task router and no task router available for the company")
    name: str | None = Field(None, description='Application name')
    no_info_html: str | None = Field(None, description='The link to the html that will be shown in case no info template is defined')
    no_info_image: str | None = Field(None, description='The link to the image that will be shown in case no info template is defined')
    pending: int | None = Field(None, description='The amount of pending app instances')
    provider: str | None = Field(None, description='Application provider')
    running: int | None = Field(None, description='The amount of running app instances')
    user_group_sharing: bool | None = Field(None, description="'true' if the application supports user group sharing")
    version: str | None = Field(None, description='Application version')


class ApplicationInstanceApplication(GeneratedModel):
    """From the seed ``apps.application_instance/application``."""

    app_id: str | None = Field(None, description='ID of the application template')
    configuration: dict[str, Any] | None = Field(None, description='Configuration parameters')
    internal_execution: bool | None = Field(None, description='True if the app is scheduled for the execution by internal agent. False otherwise')
    run_by_admin: bool | None = Field(None, description='Indicates whether the application was run by an admin or system user')
    version: str | None = Field(None, description='The version of the application template')


class ApplicationInstance(GeneratedModel):
    """From the seed ``apps.application_instance``."""

    active_duration: int | None = Field(None, description='Application instance duration time (seconds)')
    application: ApplicationInstanceApplication | None = Field(None, description='Application instance parameters')
    comment: str | None = Field(None, description='Free text comment')
    company: str | None = Field(None, description='Company ID')
    completed: datetime | None = Field(None, description='Application instance end time (UTC)')
    created: datetime | None = Field(None, description='Application creation time (UTC)')
    id: str | None = Field(None, description='Application instance id')
    last_change: datetime | None = Field(None, description='Last update time')
    name: str | None = Field(None, description='Application instance Name')
    project: str | None = Field(None, description='Project ID of the project to which this application is assigned')
    queue: str | None = Field(None, description='The ID of the queue where the app instance is enqueued')
    queue_name: str | None = Field(None, description='The name of the queue where the app instance is enqueued')
    readonly: bool | None = Field(None, description='If true then this app instance cannot be modified')
    setting_up: bool | None = Field(None, description='If true then the agent is setting up the task and has not started its execution yet')
    started: datetime | None = Field(None, description='Application instance start time (UTC)')
    status: TaskStatusEnum | None = None
    status_changed: datetime | None = Field(None, description='Last status change time')
    status_message: str | None = Field(None, description='free text string representing info about the status')
    status_reason: str | None = Field(None, description='Reason for last status change')
    user: str | None = Field(None, description='Associated user id')
    user_groups: list[str] | None = Field(None, description='IDs of the user groups that this instance is shared with')
    valid_app_version: bool | None = Field(None, description='True if the version of the application template matches the version of the current application template. False otherwise')


class ApplicationInstanceStatusEnum(str, Enum):
    """From the seed ``apps.application_instance_status_enum``."""

    running = 'running'
    stopped = 'stopped'


class ApplicationInstanceSummaryApplication(GeneratedModel):
    """From the seed ``apps.application_instance_summary/application``."""

    version: str | None = Field(None, description='The version of the application template')


class ApplicationInstanceSummary(GeneratedModel):
    """From the seed ``apps.application_instance_summary``."""

    active_duration: int | None = Field(None, description='Application instance duration time (seconds)')
    application: ApplicationInstanceSummaryApplication | None = Field(None, description='Application instance parameters')
    id: str | None = Field(None, description='Application instance id')
    last_change: datetime | None = Field(None, description='Last update time')
    name: str | None = Field(None, description='Application instance Name')
    readonly: bool | None = Field(None, description='If true then this app instance cannot be modified')
    status: TaskStatusEnum | None = None
    user_groups: list[str] | None = Field(None, description='IDs of the user groups that this instance is shared with')


class ApplyCustomizationUpgradeRequest(GeneratedRequest):
    """``apps.apply_customization_upgrade``."""

    customization_id: str
    prune_orphaned: bool | None = False
    target_version: str | None = None


class ApplyCustomizationUpgradeResponseReplacedItem(GeneratedModel):
    entry_name: str | None = None
    field: str | None = None
    reason: str | None = None


class ApplyCustomizationUpgradeResponse(GeneratedModel):
    """``apps.apply_customization_upgrade``."""

    applied: bool | None = None
    customization_id: str | None = None
    new_fields_count: int | None = None
    orphaned_pruned: list[str] | None = None
    preserved_count: int | None = None
    replaced: list[ApplyCustomizationUpgradeResponseReplacedItem] | None = None
    upgraded_from: str | None = None
    upgraded_to: str | None = None


class BatchDeleteRequest(GeneratedRequest):
    """``apps.batch_delete``."""

    confirm_stop: bool | None = False
    force: bool | None = False
    ids: list[str]


class BatchDeleteResponseAppsItemAffectedTenantsItem(GeneratedModel):
    id: str | None = None
    name: str | None = None
    running: int | None = None


class BatchDeleteResponseAppsItem(GeneratedModel):
    affected_tenants: list[BatchDeleteResponseAppsItemAffectedTenantsItem] | None = None
    app_id: str | None = None
    running_instances: int | None = None


class BatchDeleteResponse(GeneratedModel):
    """``apps.batch_delete``."""

    apps: list[BatchDeleteResponseAppsItem] | None = None
    failed: dict[str, Any] | None = None
    requires_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None
    succeeded: list[str] | None = None


class CleanAvailableAppsRequest(GeneratedRequest):
    """``apps.clean_available_apps``."""

    app: str | None = None


class CleanAvailableAppsResponse(GeneratedModel):
    """``apps.clean_available_apps``."""

    app_ids: list[str] | None = None
    cleaned: int | None = None


class ClearHubTokenRequest(GeneratedRequest):
    """``apps.clear_hub_token``."""


class ClearHubTokenResponse(GeneratedModel):
    """``apps.clear_hub_token``."""

    updated: bool | None = None


class CreateCustomizationRequestAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenants: list[str] | None = None


class CreateCustomizationRequest(GeneratedRequest):
    """``apps.create_customization``."""

    app_id: str
    appearance_overrides: dict[str, Any] | None = None
    assignment: CreateCustomizationRequestAssignment | None = None
    name: str
    wizard_overrides: list[dict[str, Any]] | None = None


class CreateCustomizationResponseAssignmentTenantsItem(GeneratedModel):
    id: str | None = None
    name: str | None = None


class CreateCustomizationResponseAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenant_count: int | None = None
    tenants: list[CreateCustomizationResponseAssignmentTenantsItem] | None = None
    total_tenants: int | None = None


class CreateCustomizationResponseWizardOverridesItem(GeneratedModel):
    entry_name: str | None = None
    info: str | None = None
    title: str | None = None


class CreateCustomizationResponse(GeneratedModel):
    """``apps.create_customization``."""

    app_id: str | None = None
    appearance_overrides: dict[str, Any] | None = None
    assignment: CreateCustomizationResponseAssignment | None = None
    id: str | None = None
    last_update: datetime | None = None
    launch_locked: bool | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None
    updated_by: str | None = None
    wizard_overrides: list[CreateCustomizationResponseWizardOverridesItem] | None = None


class DeleteRequest(GeneratedRequest):
    """``apps.delete``."""

    app: str
    confirm_stop: bool | None = False
    force: bool | None = False
    version: str | None = None


class DeleteResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class DeleteResponse(GeneratedModel):
    """``apps.delete``."""

    affected_tenants: list[DeleteResponseAffectedTenantsItem] | None = None
    deleted: int | None = None
    requires_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None


class DeleteCustomizationRequest(GeneratedRequest):
    """``apps.delete_customization``."""

    confirm_stop: bool | None = False
    customization_id: str


class DeleteCustomizationResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class DeleteCustomizationResponse(GeneratedModel):
    """``apps.delete_customization``."""

    affected_tenants: list[DeleteCustomizationResponseAffectedTenantsItem] | None = None
    deleted: str | None = None
    requires_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None
    was_already_gone: bool | None = None


class DeployAllRequest(GeneratedRequest):
    """``apps.deploy_all``."""

    application_id: str


class DeployAllResponse(GeneratedModel):
    """``apps.deploy_all``."""

    enabled: int | None = None
    tenants: list[str] | None = None
    unchanged: int | None = None


class DeployPerTenantRequest(GeneratedRequest):
    """``apps.deploy_per_tenant``."""

    application_id: str
    tenant_ids: list[str]


class DeployPerTenantResponseResultsItem(GeneratedModel):
    changed: bool | None = None
    created: bool | None = None
    state: Literal['enabled', 'disabled'] | None = None
    tenant_id: str | None = None


class DeployPerTenantResponse(GeneratedModel):
    """``apps.deploy_per_tenant``."""

    application_id: str | None = None
    results: list[DeployPerTenantResponseResultsItem] | None = None


class DisableAllRequest(DeployAllRequest):
    """``apps.disable_all``."""


class DisableAllResponse(GeneratedModel):
    """``apps.disable_all``."""

    application_id: str | None = None
    disabled: int | None = None


class DisablePerTenantRequest(DeployPerTenantRequest):
    """``apps.disable_per_tenant``."""


class DisablePerTenantResponseResultsItem(DeployPerTenantResponseResultsItem):
    pass


class DisablePerTenantResponse(GeneratedModel):
    """``apps.disable_per_tenant``."""

    application_id: str | None = None
    results: list[DisablePerTenantResponseResultsItem] | None = None


class EditInstanceRequest(GeneratedRequest):
    """``apps.edit_instance``."""

    instance: str
    update_params: dict[str, Any]
    user_groups: list[str] | None = None


class EditInstanceResponse(GeneratedModel):
    """``apps.edit_instance``."""

    updated: int | None = None


class EnableRequest(GeneratedRequest):
    """``apps.enable``."""

    app: str
    confirm_stop: bool | None = False
    enable: bool = True
    force: bool | None = False
    single_active: bool | None = False
    version: str | None = None


class EnableResponseAffectedCustomizationsItem(GeneratedModel):
    conflicts: list[dict[str, Any]] | None = None
    customization_id: str | None = None
    name: str | None = None


class EnableResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class EnableResponse(GeneratedModel):
    """``apps.enable``."""

    activated_version: str | None = None
    affected_customizations: list[EnableResponseAffectedCustomizationsItem] | None = None
    affected_tenants: list[EnableResponseAffectedTenantsItem] | None = None
    auto_applied_customizations: list[str] | None = None
    is_downgrade: bool | None = None
    previous_version: str | None = None
    requires_confirmation: bool | None = None
    requires_customization_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None
    updated: int | None = None


class GetAllAppsRequest(GeneratedRequest):
    """``apps.get_all_apps``."""


class GetAllAppsResponseAppsItemCustomizationsItemRollup(GeneratedModel):
    disabled: int | None = None
    enabled: int | None = None
    total_tenants: int | None = None


class GetAllAppsResponseAppsItemCustomizationsItemTenantsItem(GeneratedModel):
    id: str | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None


class GetAllAppsResponseAppsItemCustomizationsItem(GeneratedModel):
    appearance_overrides: dict[str, Any] | None = None
    id: str | None = None
    last_update: datetime | None = None
    name: str | None = None
    rollup: GetAllAppsResponseAppsItemCustomizationsItemRollup | None = None
    status: Literal['deployed', 'disabled', 'not_deployed'] | None = None
    tenants: list[GetAllAppsResponseAppsItemCustomizationsItemTenantsItem] | None = None
    updated_by: str | None = None
    wizard_overrides: list[dict[str, Any]] | None = None


class GetAllAppsResponseAppsItemRollup(GeneratedModel):
    disabled: int | None = None
    enabled: int | None = None
    not_deployed: int | None = None
    total_tenants: int | None = None


class GetAllAppsResponseAppsItemVersionsItem(GeneratedModel):
    enabled: bool | None = None
    last_update: datetime | None = None
    origin: str | None = None
    version: str | None = None


class GetAllAppsResponseAppsItem(GeneratedModel):
    app_id: str | None = None
    category: str | None = None
    customizations: list[GetAllAppsResponseAppsItemCustomizationsItem] | None = None
    deployed: bool | None = None
    deployed_version: str | None = None
    description: str | None = None
    icon: str | None = None
    latest_version: str | None = None
    name: str | None = None
    provider: str | None = None
    rollup: GetAllAppsResponseAppsItemRollup | None = None
    status: Literal['deployed', 'disabled', 'not_deployed'] | None = None
    versions: list[GetAllAppsResponseAppsItemVersionsItem] | None = None


class GetAllAppsResponse(GeneratedModel):
    """``apps.get_all_apps``."""

    apps: list[GetAllAppsResponseAppsItem] | None = None


class GetAppUpgradeImpactRequest(GeneratedRequest):
    """``apps.get_app_upgrade_impact``."""

    app_id: str
    target_version: str | None = None


class GetAppUpgradeImpactResponseCustomizationsItemConflictsItem(GeneratedModel):
    entry_name: str | None = None
    new_type: str | None = None
    overridden_fields: list[str] | None = None
    reason: Literal['type_changed', 'range_violation', 'choice_removed'] | None = None


class GetAppUpgradeImpactResponseCustomizationsItemNewFieldsItem(GeneratedModel):
    entry_name: str | None = None
    title: str | None = None
    type: str | None = None


class GetAppUpgradeImpactResponseCustomizationsItemOrphanedItem(GeneratedModel):
    entry_name: str | None = None
    overridden_fields: list[str] | None = None


class GetAppUpgradeImpactResponseCustomizationsItemPreservedItem(GetAppUpgradeImpactResponseCustomizationsItemOrphanedItem):
    pass


class GetAppUpgradeImpactResponseCustomizationsItem(GeneratedModel):
    conflicts: list[GetAppUpgradeImpactResponseCustomizationsItemConflictsItem] | None = None
    customization_id: str | None = None
    customization_name: str | None = None
    new_fields: list[GetAppUpgradeImpactResponseCustomizationsItemNewFieldsItem] | None = None
    orphaned: list[GetAppUpgradeImpactResponseCustomizationsItemOrphanedItem] | None = None
    preserved: list[GetAppUpgradeImpactResponseCustomizationsItemPreservedItem] | None = None


class GetAppUpgradeImpactResponse(GeneratedModel):
    """``apps.get_app_upgrade_impact``."""

    app_id: str | None = None
    current_version: str | None = None
    customizations: list[GetAppUpgradeImpactResponseCustomizationsItem] | None = None
    customizations_affected: int | None = None
    customizations_total: int | None = None
    target_version: str | None = None


class GetAppsRequestExclude(GeneratedModel):
    id: list[str] | None = None


class GetAppsRequestInclude(GetAppsRequestExclude):
    pass


class GetAppsRequest(GeneratedRequest):
    """``apps.get_apps``."""

    app_usages: bool | None = False
    exclude: GetAppsRequestExclude | None = None
    include: GetAppsRequestInclude | None = None


class GetAppsResponseAppsQueue(GeneratedModel):
    max_allowed: int | None = None
    pending: int | None = None
    running: int | None = None


class GetAppsResponse(GeneratedModel):
    """``apps.get_apps``."""

    apps: list[AppInfoWithUsages] | None = None
    apps_queue: GetAppsResponseAppsQueue | None = None


class GetAssetRequest(GeneratedRequest):
    """``apps.get_asset``."""

    app: str
    uri: str
    version: str


class GetAssetResponse(GeneratedModel):
    """``apps.get_asset``."""


class GetAssignmentsSummaryRequest(GeneratedRequest):
    """``apps.get_assignments_summary``."""


class GetAssignmentsSummaryResponseAppsItem(GeneratedModel):
    app_id: str | None = None
    disabled: int | None = None
    enabled: int | None = None
    name: str | None = None
    not_deployed: int | None = None
    total_tenants: int | None = None


class GetAssignmentsSummaryResponse(GeneratedModel):
    """``apps.get_assignments_summary``."""

    apps: list[GetAssignmentsSummaryResponseAppsItem] | None = None


class GetCategoriesRequest(GeneratedRequest):
    """``apps.get_categories``."""


class GetCategoriesResponse(GeneratedModel):
    """``apps.get_categories``."""

    categories: list[str] | None = None


class GetCustomizationRequest(GeneratedRequest):
    """``apps.get_customization``."""

    customization_id: str


class GetCustomizationResponseAssignmentTenantsItem(CreateCustomizationResponseAssignmentTenantsItem):
    pass


class GetCustomizationResponseAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenant_count: int | None = None
    tenants: list[GetCustomizationResponseAssignmentTenantsItem] | None = None
    total_tenants: int | None = None


class GetCustomizationResponseWizardOverridesItem(CreateCustomizationResponseWizardOverridesItem):
    pass


class GetCustomizationResponse(GeneratedModel):
    """``apps.get_customization``."""

    app_id: str | None = None
    appearance_overrides: dict[str, Any] | None = None
    assignment: GetCustomizationResponseAssignment | None = None
    id: str | None = None
    last_update: datetime | None = None
    launch_locked: bool | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None
    updated_by: str | None = None
    wizard_overrides: list[GetCustomizationResponseWizardOverridesItem] | None = None


class GetCustomizationEditorStateRequest(GeneratedRequest):
    """``apps.get_customization_editor_state``."""

    app_id: str
    customization_id: str | None = None
    tenant_id: str


class GetCustomizationEditorStateResponseBase(GeneratedModel):
    appearance: dict[str, Any] | None = None
    wizard: dict[str, Any] | None = None


class GetCustomizationEditorStateResponseCustomizationAssignmentTenantsItem(CreateCustomizationResponseAssignmentTenantsItem):
    pass


class GetCustomizationEditorStateResponseCustomizationAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenant_count: int | None = None
    tenants: list[GetCustomizationEditorStateResponseCustomizationAssignmentTenantsItem] | None = None
    total_tenants: int | None = None


class GetCustomizationEditorStateResponseCustomizationWizardOverridesItem(CreateCustomizationResponseWizardOverridesItem):
    pass


class GetCustomizationEditorStateResponseCustomization(GeneratedModel):
    app_id: str | None = None
    appearance_overrides: dict[str, Any] | None = None
    assignment: GetCustomizationEditorStateResponseCustomizationAssignment | None = None
    id: str | None = None
    last_update: datetime | None = None
    launch_locked: bool | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None
    updated_by: str | None = None
    wizard_overrides: list[GetCustomizationEditorStateResponseCustomizationWizardOverridesItem] | None = None


class GetCustomizationEditorStateResponseOverridable(GeneratedModel):
    appearance: list[str] | None = None
    wizard_entry: list[str] | None = None


class GetCustomizationEditorStateResponse(GeneratedModel):
    """``apps.get_customization_editor_state``."""

    app_id: str | None = None
    base: GetCustomizationEditorStateResponseBase | None = None
    customization: GetCustomizationEditorStateResponseCustomization | None = None
    overridable: GetCustomizationEditorStateResponseOverridable | None = None
    tenant_id: str | None = None


class GetCustomizationUpgradeDiffRequest(GeneratedRequest):
    """``apps.get_customization_upgrade_diff``."""

    customization_id: str
    target_version: str | None = None


class GetCustomizationUpgradeDiffResponseConflictsItem(GetAppUpgradeImpactResponseCustomizationsItemConflictsItem):
    pass


class GetCustomizationUpgradeDiffResponseNewFieldsItem(GetAppUpgradeImpactResponseCustomizationsItemNewFieldsItem):
    pass


class GetCustomizationUpgradeDiffResponseOrphanedItem(GetAppUpgradeImpactResponseCustomizationsItemOrphanedItem):
    pass


class GetCustomizationUpgradeDiffResponsePreservedItem(GetAppUpgradeImpactResponseCustomizationsItemOrphanedItem):
    pass


class GetCustomizationUpgradeDiffResponse(GeneratedModel):
    """``apps.get_customization_upgrade_diff``."""

    app_id: str | None = None
    conflicts: list[GetCustomizationUpgradeDiffResponseConflictsItem] | None = None
    current_version: str | None = None
    customization_id: str | None = None
    customization_name: str | None = None
    new_fields: list[GetCustomizationUpgradeDiffResponseNewFieldsItem] | None = None
    orphaned: list[GetCustomizationUpgradeDiffResponseOrphanedItem] | None = None
    preserved: list[GetCustomizationUpgradeDiffResponsePreservedItem] | None = None
    target_version: str | None = None


class GetCustomizationsRequest(GeneratedRequest):
    """``apps.get_customizations``."""

    app_id: str | None = None
    tenant_id: str | None = None


class GetCustomizationsResponseCustomizationsItemAssignmentTenantsItem(CreateCustomizationResponseAssignmentTenantsItem):
    pass


class GetCustomizationsResponseCustomizationsItemAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenant_count: int | None = None
    tenants: list[GetCustomizationsResponseCustomizationsItemAssignmentTenantsItem] | None = None
    total_tenants: int | None = None


class GetCustomizationsResponseCustomizationsItemWizardOverridesItem(CreateCustomizationResponseWizardOverridesItem):
    pass


class GetCustomizationsResponseCustomizationsItem(GeneratedModel):
    app_id: str | None = None
    appearance_overrides: dict[str, Any] | None = None
    assignment: GetCustomizationsResponseCustomizationsItemAssignment | None = None
    id: str | None = None
    last_update: datetime | None = None
    launch_locked: bool | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None
    updated_by: str | None = None
    wizard_overrides: list[GetCustomizationsResponseCustomizationsItemWizardOverridesItem] | None = None


class GetCustomizationsResponse(GeneratedModel):
    """``apps.get_customizations``."""

    customizations: list[GetCustomizationsResponseCustomizationsItem] | None = None


class GetHubTokenStatusRequest(GeneratedRequest):
    """``apps.get_hub_token_status``."""


class GetHubTokenStatusResponse(GeneratedModel):
    """``apps.get_hub_token_status``."""

    assignment_page_url: str | None = None
    configured: bool | None = None
    last_update: datetime | None = None
    source: str | None = None
    updated_by: str | None = None


class GetInfoTemplateRequest(GeneratedRequest):
    """``apps.get_info_template``."""

    instance: str


class GetInfoTemplateResponse(GeneratedModel):
    """``apps.get_info_template``."""

    info_template: dict[str, Any] | None = None


class GetInstanceInfoRequest(GetInfoTemplateRequest):
    """``apps.get_instance_info``."""


class GetInstanceInfoResponse(GeneratedModel):
    """``apps.get_instance_info``."""

    info: ApplicationInstance | None = None


class GetInstancesRequest(GeneratedRequest):
    """``apps.get_instances``."""

    app: str | None = None
    current_user: bool | None = False
    customization_id: str | None = None
    include_customizations: bool | None = False
    name: str | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    show_archived: bool | None = False
    status: ApplicationInstanceStatusEnum | None = None
    summary: bool | None = False
    updated_since: int | None = None


class GetInstancesResponseUsage(GeneratedModel):
    max_allowed: int | None = None
    running: int | None = None


class GetInstancesResponse(GeneratedModel):
    """``apps.get_instances``."""

    instances: list[ApplicationInstanceSummary] | None = None
    usage: GetInstancesResponseUsage | None = None


class GetLaunchTemplateRequestUserGroupsItem(GeneratedModel):
    description: str | None = None
    id: str | None = None
    name: str | None = None
    users: list[str] | None = None


class GetLaunchTemplateRequest(GeneratedRequest):
    """``apps.get_launch_template``."""

    app: str | None = None
    customization_id: str | None = None
    dependent_on: dict[str, Any] | None = None
    instance: str | None = None
    source_ui_render: bool | None = False
    user_groups: list[GetLaunchTemplateRequestUserGroupsItem] | None = None


class GetLaunchTemplateResponse(GeneratedModel):
    """``apps.get_launch_template``."""

    launch_template: dict[str, Any] | None = None
    missing_router: bool | None = None


class GetTenantAppsRequest(GeneratedRequest):
    """``apps.get_tenant_apps``."""

    tenant_id: str


class GetTenantAppsResponseAppsItemCustomizationsItem(GeneratedModel):
    appearance_overrides: dict[str, Any] | None = None
    category: str | None = None
    customization_id: str | None = None
    last_update: datetime | None = None
    name: str | None = None
    status: Literal['deployed', 'disabled'] | None = None
    wizard_overrides: list[dict[str, Any]] | None = None


class GetTenantAppsResponseAppsItem(GeneratedModel):
    app_id: str | None = None
    category: str | None = None
    customizations: list[GetTenantAppsResponseAppsItemCustomizationsItem] | None = None
    description: str | None = None
    icon: str | None = None
    name: str | None = None
    provider: str | None = None
    status: Literal['deployed', 'disabled', 'not_deployed'] | None = None
    version: str | None = None


class GetTenantAppsResponse(GeneratedModel):
    """``apps.get_tenant_apps``."""

    apps: list[GetTenantAppsResponseAppsItem] | None = None
    tenant_id: str | None = None
    tenant_name: str | None = None


class GetTenantAssignmentRequest(GeneratedRequest):
    """``apps.get_tenant_assignment``."""

    app_id: str


class GetTenantAssignmentResponseTenantsItem(GetAllAppsResponseAppsItemCustomizationsItemTenantsItem):
    pass


class GetTenantAssignmentResponse(GeneratedModel):
    """``apps.get_tenant_assignment``."""

    app_id: str | None = None
    tenants: list[GetTenantAssignmentResponseTenantsItem] | None = None


class LaunchInstanceRequest(GeneratedRequest):
    """``apps.launch_instance``."""

    app: str
    customization_id: str | None = None
    launch_params: dict[str, Any]
    task_name: str | None = None
    user_groups: list[str] | None = None


class LaunchInstanceResponse(GeneratedModel):
    """``apps.launch_instance``."""

    instance: str | None = None


class RelaunchInstanceRequest(GeneratedRequest):
    """``apps.relaunch_instance``."""

    instance: str
    launch_params: dict[str, Any] | None = None
    task_name: str | None = None
    user_groups: list[str] | None = None


class RelaunchInstanceResponse(LaunchInstanceResponse):
    """``apps.relaunch_instance``."""


class SetHubTokenRequest(GeneratedRequest):
    """``apps.set_hub_token``."""

    token: str


class SetHubTokenResponse(GeneratedModel):
    """``apps.set_hub_token``."""

    assignment_page_url: str | None = None
    updated: bool | None = None


class SetLaunchLockRequest(GeneratedRequest):
    """``apps.set_launch_lock``."""

    app_id: str | None = None
    customization_id: str | None = None
    locked: bool


class SetLaunchLockResponse(GeneratedModel):
    """``apps.set_launch_lock``."""

    app_id: str | None = None
    customization_id: str | None = None
    locked: bool | None = None


class SetTenantAssignmentRequest(GeneratedRequest):
    """``apps.set_tenant_assignment``."""

    app_id: str
    confirm_stop: bool | None = False
    mode: Literal['all', 'include', 'exclude']
    tenants: list[str] | None = None


class SetTenantAssignmentResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class SetTenantAssignmentResponse(GeneratedModel):
    """``apps.set_tenant_assignment``."""

    affected_tenants: list[SetTenantAssignmentResponseAffectedTenantsItem] | None = None
    app_id: str | None = None
    mode: str | None = None
    requires_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None
    updated: bool | None = None


class UndeployAllRequest(GeneratedRequest):
    """``apps.undeploy_all``."""

    application_id: str
    confirm_stop: bool | None = False


class UndeployAllResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class UndeployAllResponse(GeneratedModel):
    """``apps.undeploy_all``."""

    affected_tenants: list[UndeployAllResponseAffectedTenantsItem] | None = None
    application_id: str | None = None
    removed: int | None = None
    requires_confirmation: bool | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None


class UndeployPerTenantRequest(GeneratedRequest):
    """``apps.undeploy_per_tenant``."""

    application_id: str
    confirm_stop: bool | None = False
    tenant_ids: list[str]


class UndeployPerTenantResponseAffectedTenantsItem(BatchDeleteResponseAppsItemAffectedTenantsItem):
    pass


class UndeployPerTenantResponseResultsItem(GeneratedModel):
    removed: bool | None = None
    tenant_id: str | None = None


class UndeployPerTenantResponse(GeneratedModel):
    """``apps.undeploy_per_tenant``."""

    affected_tenants: list[UndeployPerTenantResponseAffectedTenantsItem] | None = None
    application_id: str | None = None
    requires_confirmation: bool | None = None
    results: list[UndeployPerTenantResponseResultsItem] | None = None
    running_instances: int | None = None
    stopped_instances: int | None = None


class UpdateCustomizationRequestAssignment(CreateCustomizationRequestAssignment):
    pass


class UpdateCustomizationRequest(GeneratedRequest):
    """``apps.update_customization``."""

    appearance_overrides: dict[str, Any] | None = None
    assignment: UpdateCustomizationRequestAssignment | None = None
    customization_id: str
    name: str | None = None
    wizard_overrides: list[dict[str, Any]] | None = None


class UpdateCustomizationResponseAssignmentTenantsItem(CreateCustomizationResponseAssignmentTenantsItem):
    pass


class UpdateCustomizationResponseAssignment(GeneratedModel):
    mode: Literal['all', 'include', 'exclude'] | None = None
    tenant_count: int | None = None
    tenants: list[UpdateCustomizationResponseAssignmentTenantsItem] | None = None
    total_tenants: int | None = None


class UpdateCustomizationResponseWizardOverridesItem(CreateCustomizationResponseWizardOverridesItem):
    pass


class UpdateCustomizationResponse(GeneratedModel):
    """``apps.update_customization``."""

    app_id: str | None = None
    appearance_overrides: dict[str, Any] | None = None
    assignment: UpdateCustomizationResponseAssignment | None = None
    id: str | None = None
    last_update: datetime | None = None
    launch_locked: bool | None = None
    name: str | None = None
    state: Literal['enabled', 'disabled'] | None = None
    updated_by: str | None = None
    wizard_overrides: list[UpdateCustomizationResponseWizardOverridesItem] | None = None


class UploadRequest(GeneratedRequest):
    """``apps.upload``."""

    enable: bool | None = True
    make_latest: bool | None = False
    origin: Literal['manual', 'hub', 'bundled'] | None = 'manual'
    update_existing: bool | None = False


class UploadResponseFailedItem(GeneratedModel):
    error: str | None = None
    name: str | None = None


class UploadResponse(GeneratedModel):
    """``apps.upload``."""

    failed: list[UploadResponseFailedItem] | None = None
    succeeded: list[str] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'apps.app_info': AppInfo,
    'apps.app_info_with_usages': AppInfoWithUsages,
    'apps.application_instance': ApplicationInstance,
    'apps.application_instance/application': ApplicationInstanceApplication,
    'apps.application_instance_status_enum': ApplicationInstanceStatusEnum,
    'apps.application_instance_summary': ApplicationInstanceSummary,
    'apps.application_instance_summary/application': ApplicationInstanceSummaryApplication,
    'apps.details_page_enum': DetailsPageEnum,
    'apps.task_status_enum': TaskStatusEnum,
}

REQUESTS: dict[str, Any] = {
    'apps.apply_customization_upgrade': ApplyCustomizationUpgradeRequest,
    'apps.batch_delete': BatchDeleteRequest,
    'apps.clean_available_apps': CleanAvailableAppsRequest,
    'apps.clear_hub_token': ClearHubTokenRequest,
    'apps.create_customization': CreateCustomizationRequest,
    'apps.delete': DeleteRequest,
    'apps.delete_customization': DeleteCustomizationRequest,
    'apps.deploy_all': DeployAllRequest,
    'apps.deploy_per_tenant': DeployPerTenantRequest,
    'apps.disable_all': DisableAllRequest,
    'apps.disable_per_tenant': DisablePerTenantRequest,
    'apps.edit_instance': EditInstanceRequest,
    'apps.enable': EnableRequest,
    'apps.get_all_apps': GetAllAppsRequest,
    'apps.get_app_upgrade_impact': GetAppUpgradeImpactRequest,
    'apps.get_apps': GetAppsRequest,
    'apps.get_asset': GetAssetRequest,
    'apps.get_assignments_summary': GetAssignmentsSummaryRequest,
    'apps.get_categories': GetCategoriesRequest,
    'apps.get_customization': GetCustomizationRequest,
    'apps.get_customization_editor_state': GetCustomizationEditorStateRequest,
    'apps.get_customization_upgrade_diff': GetCustomizationUpgradeDiffRequest,
    'apps.get_customizations': GetCustomizationsRequest,
    'apps.get_hub_token_status': GetHubTokenStatusRequest,
    'apps.get_info_template': GetInfoTemplateRequest,
    'apps.get_instance_info': GetInstanceInfoRequest,
    'apps.get_instances': GetInstancesRequest,
    'apps.get_launch_template': GetLaunchTemplateRequest,
    'apps.get_tenant_apps': GetTenantAppsRequest,
    'apps.get_tenant_assignment': GetTenantAssignmentRequest,
    'apps.launch_instance': LaunchInstanceRequest,
    'apps.relaunch_instance': RelaunchInstanceRequest,
    'apps.set_hub_token': SetHubTokenRequest,
    'apps.set_launch_lock': SetLaunchLockRequest,
    'apps.set_tenant_assignment': SetTenantAssignmentRequest,
    'apps.undeploy_all': UndeployAllRequest,
    'apps.undeploy_per_tenant': UndeployPerTenantRequest,
    'apps.update_customization': UpdateCustomizationRequest,
    'apps.upload': UploadRequest,
}

RESPONSES: dict[str, Any] = {
    'apps.apply_customization_upgrade': ApplyCustomizationUpgradeResponse,
    'apps.batch_delete': BatchDeleteResponse,
    'apps.clean_available_apps': CleanAvailableAppsResponse,
    'apps.clear_hub_token': ClearHubTokenResponse,
    'apps.create_customization': CreateCustomizationResponse,
    'apps.delete': DeleteResponse,
    'apps.delete_customization': DeleteCustomizationResponse,
    'apps.deploy_all': DeployAllResponse,
    'apps.deploy_per_tenant': DeployPerTenantResponse,
    'apps.disable_all': DisableAllResponse,
    'apps.disable_per_tenant': DisablePerTenantResponse,
    'apps.edit_instance': EditInstanceResponse,
    'apps.enable': EnableResponse,
    'apps.get_all_apps': GetAllAppsResponse,
    'apps.get_app_upgrade_impact': GetAppUpgradeImpactResponse,
    'apps.get_apps': GetAppsResponse,
    'apps.get_asset': GetAssetResponse,
    'apps.get_assignments_summary': GetAssignmentsSummaryResponse,
    'apps.get_categories': GetCategoriesResponse,
    'apps.get_customization': GetCustomizationResponse,
    'apps.get_customization_editor_state': GetCustomizationEditorStateResponse,
    'apps.get_customization_upgrade_diff': GetCustomizationUpgradeDiffResponse,
    'apps.get_customizations': GetCustomizationsResponse,
    'apps.get_hub_token_status': GetHubTokenStatusResponse,
    'apps.get_info_template': GetInfoTemplateResponse,
    'apps.get_instance_info': GetInstanceInfoResponse,
    'apps.get_instances': GetInstancesResponse,
    'apps.get_launch_template': GetLaunchTemplateResponse,
    'apps.get_tenant_apps': GetTenantAppsResponse,
    'apps.get_tenant_assignment': GetTenantAssignmentResponse,
    'apps.launch_instance': LaunchInstanceResponse,
    'apps.relaunch_instance': RelaunchInstanceResponse,
    'apps.set_hub_token': SetHubTokenResponse,
    'apps.set_launch_lock': SetLaunchLockResponse,
    'apps.set_tenant_assignment': SetTenantAssignmentResponse,
    'apps.undeploy_all': UndeployAllResponse,
    'apps.undeploy_per_tenant': UndeployPerTenantResponse,
    'apps.update_customization': UpdateCustomizationResponse,
    'apps.upload': UploadResponse,
}

"""ClearML service ``users``: 17 seed definitions, 23 endpoints, 68 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/users.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictModel, GeneratedStrictRequest
from shared.schemas.generated._common import FeaturesEnum, GetWhitelistRequest, Role  # noqa: F401


class GetCurrentUserResponseUserObjectCompanies(GeneratedModel):
    """From the seed ``users.get_current_user_response_user_object/companies``."""

    active: bool | None = None
    id: str | None = None
    name: str | None = None
    tier: Literal['free', 'paid', 'suspended'] | None = None


class GetCurrentUserResponseUserObjectCompany(GeneratedModel):
    """From the seed ``users.get_current_user_response_user_object/company``."""

    id: str | None = None
    name: str | None = None
    tier: Literal['free', 'paid', 'suspended'] | None = None


class GetCurrentUserResponseUserObject(GeneratedModel):
    """like user, but returns company object instead of ID. From the seed ``users.get_current_user_response_user_object``."""

    avatar: str | None = None
    companies: list[GetCurrentUserResponseUserObjectCompanies] | None = None
    company: GetCurrentUserResponseUserObjectCompany | None = None
    created: datetime | None = Field(None, description='User creation time')
    created_in_version: str | None = Field(None, description='Server version at user creation time')
    email: str | None = Field(None, description='User email')
    family_name: str | None = None
    given_name: str | None = None
    id: str | None = None
    name: str | None = None
    preferences: dict[str, Any] | None = Field(None, description='User preferences')
    role: str | None = None
    terms_of_use_ver_accepted: float | None = None


class GetCurrentUserResponseUserObjectV15Companies(GetCurrentUserResponseUserObjectCompanies):
    """From the seed ``users.get_current_user_response_user_object_v1_5/companies``."""


class GetCurrentUserResponseUserObjectV15Company(GetCurrentUserResponseUserObjectCompany):
    """From the seed ``users.get_current_user_response_user_object_v1_5/company``."""


class GetCurrentUserResponseUserObjectV15(GeneratedModel):
    """like user, but returns company object instead of ID. From the seed ``users.get_current_user_response_user_object_v1_5``."""

    avatar: str | None = None
    companies: list[GetCurrentUserResponseUserObjectV15Companies] | None = None
    company: GetCurrentUserResponseUserObjectV15Company | None = None
    email: str | None = Field(None, description='User email')
    family_name: str | None = None
    given_name: str | None = None
    id: str | None = None
    name: str | None = None
    preferences: dict[str, Any] | None = Field(None, description='User preferences')
    role: str | None = None
    terms_of_use_ver_accepted: float | None = None


class GetCurrentUserResponseUserObjectV220Companies(GetCurrentUserResponseUserObjectCompanies):
    """From the seed ``users.get_current_user_response_user_object_v_2_2_0/companies``."""


class GetCurrentUserResponseUserObjectV220Company(GetCurrentUserResponseUserObjectCompany):
    """From the seed ``users.get_current_user_response_user_object_v_2_2_0/company``."""


class GetCurrentUserResponseUserObjectV220(GeneratedModel):
    """like user, but returns company object instead of ID. From the seed ``users.get_current_user_response_user_object_v_2_2_0``."""

    avatar: str | None = None
    companies: list[GetCurrentUserResponseUserObjectV220Companies] | None = None
    company: GetCurrentUserResponseUserObjectV220Company | None = None
    created: datetime | None = Field(None, description='User creation time')
    email: str | None = Field(None, description='User email')
    family_name: str | None = None
    given_name: str | None = None
    id: str | None = None
    name: str | None = None
    preferences: dict[str, Any] | None = Field(None, description='User preferences')
    role: str | None = None
    terms_of_use_ver_accepted: float | None = None


class LoginWhiteListV15(GeneratedModel):
    """From the seed ``users.login_white_list_v1_5``."""

    company: str | None = Field(None, description='Company')
    domain: str | None = Field(None, description='Email domain name (all addresses under the domain are included in this whitelist entry)')
    emails: list[str] | None = Field(None, description='List of email addresses (all addresses in this list are included in this whitelist entry)')
    group: str | None = Field(None, description='Group ID to be assigned to users added through this whitelist')
    id: str | None = Field(None, description='Whitelist entry ID')


class TermsOfUse(GeneratedModel):
    """Terms of use for the allegro.ai platform. From the seed ``users.terms_of_use``."""

    created: datetime | None = Field(None, description='Create time')
    deprecated: bool | None = Field(None, description='Indicates whether this version has been deprecated')
    text: str | None = Field(None, description='Terms of use text')
    update: datetime | None = Field(None, description='Last update time')
    version: float | None = Field(None, description='Version number')


class UserActivity(GeneratedModel):
    """From the seed ``users.user/activity``."""

    last_credentials_login: datetime | None = Field(None, description='The last time when user credentials were used')
    last_provider: str | None = Field(None, description='The provider that was used for the last login')
    last_provider_login: datetime | None = Field(None, description='The last time when provider login was used used')
    last_provider_name: str | None = Field(None, description='The last provider name')
    last_ui_access: datetime | None = Field(None, description='The last time when UI was accessed by the user')


class User(GeneratedModel):
    """From the seed ``users.user``."""

    activity: UserActivity | None = None
    avatar: str | None = Field(None, description='Avatar URL')
    company: str | None = Field(None, description='Company ID')
    created: datetime | None = Field(None, description='User creation date')
    email: str | None = Field(None, description='User email')
    family_name: str | None = Field(None, description='Family name')
    given_name: str | None = Field(None, description='Given name')
    id: str | None = Field(None, description='User ID')
    name: str | None = Field(None, description='Full name')
    providers: dict[str, Any] | None = Field(None, description='Providers uses has logged-in with')
    read_only: bool | None = Field(None, description='Whether the user can be deleted or his role edited')
    role: str | None = Field(None, description="User's role (admin only)")
    sec_groups: list[str] | None = Field(None, description='The list of security groups that the user is member of')
    support: bool | None = Field(None, description='Whether the user is a support user')
    terms_of_use_ver_accepted: float | None = Field(None, description='Terms of Use version number accepted by the user')


class Vault(GeneratedModel):
    """From the seed ``users.vault``."""

    data: str | None = Field(None, description='Vault data')
    description: str | None = Field(None, description='Vault description')
    enabled: bool | None = Field(True, description='Is the vaule enabled or disabled')
    format: str | None = Field('hocon', description='Vault data format')
    id: str | None = Field(None, description='Vault ID')
    scope: Literal['organization', 'group', 'user'] | None = Field(None, description='Vault scope')
    type: str | None = Field('config', description='Vault document type')


class VaultData(GeneratedModel):
    """From the seed ``users.vault_data``."""

    data: str | None = Field(None, description='Vault data')
    description: str | None = Field(None, description='Vault description')
    editable: bool | None = Field(None, description='Whether the vault can be edited. False when server encryption is disabled and the vault contains encrypted data')
    enabled: bool | None = Field(True, description='Is the vaule enabled or disabled')
    format: str | None = Field('hocon', description='Vault data format')
    group: str | None = Field(None, description='ID of the group that the vault belongs to')
    group_name: str | None = Field(None, description='The name of the vault group. Returned only for the group vaults')
    id: str | None = Field(None, description='Vault ID')
    last_update: datetime | None = Field(None, description='Last vault update time. Reflects the time when the vault was created or last updated')
    scope: Literal['organization', 'group', 'user'] | None = Field(None, description='Vault scope')
    type: str | None = Field('config', description='Vault document type')
    user: str | None = Field(None, description='ID of the user that the vault belongs to')


class CreateRequest(GeneratedRequest):
    """``users.create`` (API 2.1)."""

    avatar: str | None = None
    company: str
    family_name: str | None = None
    given_name: str | None = None
    id: str
    name: str


class CreateResponse(GeneratedStrictModel):
    """``users.create`` (API 2.1)."""


class DeleteRequest(GeneratedRequest):
    """``users.delete`` (API 2.1)."""

    user: str


class DeleteResponse(GeneratedStrictModel):
    """``users.delete`` (API 2.1)."""


class GetAllRequest(GeneratedRequest):
    """``users.get_all`` (API 2.1)."""

    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)


class GetAllResponse(GeneratedModel):
    """``users.get_all`` (API 2.1)."""

    users: list[User] | None = None


class GetAllExRequest(GeneratedRequest):
    """``users.get_all_ex`` (API 2.1 to 2.8)."""

    active_in_projects: list[str] | None = None
    id: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)


class GetAllExResponse(GetAllResponse):
    """``users.get_all_ex`` (API 2.1 to 2.8)."""


class GetByIdRequest(DeleteRequest):
    """``users.get_by_id`` (API 2.1)."""


class GetByIdResponse(GeneratedModel):
    """``users.get_by_id`` (API 2.1)."""

    user: User | None = None


class GetCurrentUserRequest(GeneratedStrictRequest):
    """``users.get_current_user`` (API 2.1 to 2.31)."""


class GetCurrentUserResponseSettings(GeneratedModel):
    max_download_items: str | None = None


class GetCurrentUserResponse(GeneratedModel):
    """``users.get_current_user`` (API 2.1 to 2.31)."""

    getting_started: dict[str, Any] | None = None
    settings: GetCurrentUserResponseSettings | None = None
    user: GetCurrentUserResponseUserObject | None = None


class GetPreferencesRequest(GeneratedRequest):
    """``users.get_preferences`` (API 2.1)."""


class GetPreferencesResponse(GeneratedModel):
    """``users.get_preferences`` (API 2.1)."""

    preferences: dict[str, Any] | None = None


class SetPreferencesRequest(GeneratedRequest):
    """``users.set_preferences`` (API 2.1 to 2.33)."""

    preferences: dict[str, Any]
    return_updated: bool | None = True


class SetPreferencesResponse(GeneratedModel):
    """``users.set_preferences`` (API 2.1 to 2.33)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: int | None = None


class UpdateRequest(GeneratedRequest):
    """``users.update`` (API 2.1)."""

    avatar: str | None = None
    family_name: str | None = None
    given_name: str | None = None
    name: str | None = None
    user: str


class UpdateResponse(SetPreferencesResponse):
    """``users.update`` (API 2.1)."""


class AcceptTermsOfUseRequest(GeneratedRequest):
    """``users.accept_terms_of_use``."""

    version: float


class AcceptTermsOfUseResponse(SetPreferencesResponse):
    """``users.accept_terms_of_use``."""


class AddOrUpdateVaultRequest(GeneratedRequest):
    """``users.add_or_update_vault``."""

    group: str | None = None
    user: str | None = None
    vault: Vault


class AddOrUpdateVaultResponse(GeneratedModel):
    """``users.add_or_update_vault``."""

    vault: str | None = None


class DeleteVaultsRequest(GeneratedRequest):
    """``users.delete_vaults``."""

    vaults: list[str] | None = None


class DeleteVaultsResponse(GeneratedModel):
    """``users.delete_vaults``."""

    deleted: int | None = None


class GetOrganizationVaultsRequest(GeneratedRequest):
    """``users.get_organization_vaults``."""

    enabled: bool | None = False
    preview_data: bool | None = False
    types: list[str] | None = None


class GetOrganizationVaultsResponse(GeneratedModel):
    """``users.get_organization_vaults``."""

    vaults: list[VaultData] | None = None


class GetRoleOptionsRequest(GeneratedRequest):
    """``users.get_role_options``."""


class GetRoleOptionsResponseRolesItem(GeneratedModel):
    display_name: str | None = None
    role: Any | None = None


class GetRoleOptionsResponse(GeneratedModel):
    """``users.get_role_options``."""

    roles: list[GetRoleOptionsResponseRolesItem] | None = None


class GetServiceUsersRequest(GeneratedRequest):
    """``users.get_service_users``."""


class GetServiceUsersResponseUsersItem(GeneratedModel):
    allow_running_as_owner: bool | None = None
    credentials: int | None = None
    id: str | None = None
    last_active_time: datetime | None = None
    name: str | None = None
    role: Role | None = None


class GetServiceUsersResponse(GeneratedModel):
    """``users.get_service_users``."""

    allow_admins: bool | None = None
    allowed_service_users: int | None = None
    default_expiration_sec: int | None = None
    max_expiration_sec: int | None = None
    users: list[GetServiceUsersResponseUsersItem] | None = None


class GetTermsOfUseRequest(GeneratedRequest):
    """``users.get_terms_of_use``."""

    version: float | None = None


class GetTermsOfUseResponse(GeneratedModel):
    """``users.get_terms_of_use``."""

    terms_of_use: TermsOfUse | None = None


class GetVaultOperationsLogRequestGroup(GeneratedModel):
    index: int | None = None
    order: Literal['asc', 'desc'] | None = 'asc'


class GetVaultOperationsLogRequest(GeneratedRequest):
    """``users.get_vault_operations_log``."""

    from_timestamp: datetime | None = None
    group: GetVaultOperationsLogRequestGroup | None = None
    operations: list[str] | None = None
    order: Literal['asc', 'desc'] | None = 'desc'
    page: int | None = None
    page_size: int | None = None
    scope: list[str] | None = None
    to_timestamp: datetime | None = None
    users: list[str] | None = None
    vaults: list[str] | None = None


class GetVaultOperationsLogResponseOperationsItemUser(GeneratedModel):
    id: str | None = None
    name: str | None = None


class GetVaultOperationsLogResponseOperationsItem(GeneratedModel):
    created: datetime | None = None
    ip: str | None = None
    operation: str | None = None
    originator: str | None = None
    originator_version: str | None = None
    reason: str | None = None
    scope: str | None = None
    user: GetVaultOperationsLogResponseOperationsItemUser | None = None
    vault_description: str | None = None


class GetVaultOperationsLogResponse(GeneratedModel):
    """``users.get_vault_operations_log``."""

    operations: list[GetVaultOperationsLogResponseOperationsItem] | None = None


class GetVaultOperationsLogFiltersRequest(GeneratedRequest):
    """``users.get_vault_operations_log_filters``."""


class GetVaultOperationsLogFiltersResponseUsersItem(GetVaultOperationsLogResponseOperationsItemUser):
    pass


class GetVaultOperationsLogFiltersResponseVaultsItem(GeneratedModel):
    description: str | None = None
    id: str | None = None


class GetVaultOperationsLogFiltersResponse(GeneratedModel):
    """``users.get_vault_operations_log_filters``."""

    operations: list[str] | None = None
    users: list[GetVaultOperationsLogFiltersResponseUsersItem] | None = None
    vaults: list[GetVaultOperationsLogFiltersResponseVaultsItem] | None = None


class GetVaultsRequest(GetOrganizationVaultsRequest):
    """``users.get_vaults``."""


class GetVaultsResponse(GetOrganizationVaultsResponse):
    """``users.get_vaults``."""


class GetWhitelistResponse(GeneratedModel):
    """``users.get_whitelist``."""

    entries: list[LoginWhiteListV15] | None = None


class SetAdminRequest(GeneratedRequest):
    """``users.set_admin``."""

    admin: bool | None = True
    user: str | None = None


class SetAdminResponse(GeneratedModel):
    """``users.set_admin``."""

    updated: int | None = None


class SetRoleRequest(GeneratedRequest):
    """``users.set_role``."""

    role: Any
    user: str


class SetRoleResponse(SetAdminResponse):
    """``users.set_role``."""


class UpdateServiceUserRequest(GeneratedRequest):
    """``users.update_service_user``."""

    allow_running_as_owner: bool | None = None
    name: str | None = None
    user: str


class UpdateServiceUserResponse(SetAdminResponse):
    """``users.update_service_user``."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'users.features_enum': FeaturesEnum,
    'users.get_current_user_response_user_object': GetCurrentUserResponseUserObject,
    'users.get_current_user_response_user_object/companies': GetCurrentUserResponseUserObjectCompanies,
    'users.get_current_user_response_user_object/company': GetCurrentUserResponseUserObjectCompany,
    'users.get_current_user_response_user_object_v1_5': GetCurrentUserResponseUserObjectV15,
    'users.get_current_user_response_user_object_v1_5/companies': GetCurrentUserResponseUserObjectV15Companies,
    'users.get_current_user_response_user_object_v1_5/company': GetCurrentUserResponseUserObjectV15Company,
    'users.get_current_user_response_user_object_v_2_2_0': GetCurrentUserResponseUserObjectV220,
    'users.get_current_user_response_user_object_v_2_2_0/companies': GetCurrentUserResponseUserObjectV220Companies,
    'users.get_current_user_response_user_object_v_2_2_0/company': GetCurrentUserResponseUserObjectV220Company,
    'users.login_white_list_v1_5': LoginWhiteListV15,
    'users.role': Role,
    'users.terms_of_use': TermsOfUse,
    'users.user': User,
    'users.user/activity': UserActivity,
    'users.vault': Vault,
    'users.vault_data': VaultData,
}

REQUESTS: dict[str, Any] = {
    'users.create': CreateRequest,
    'users.delete': DeleteRequest,
    'users.get_all': GetAllRequest,
    'users.get_all_ex': GetAllExRequest,
    'users.get_by_id': GetByIdRequest,
    'users.get_current_user': GetCurrentUserRequest,
    'users.get_preferences': GetPreferencesRequest,
    'users.set_preferences': SetPreferencesRequest,
    'users.update': UpdateRequest,
    'users.accept_terms_of_use': AcceptTermsOfUseRequest,
    'users.add_or_update_vault': AddOrUpdateVaultRequest,
    'users.delete_vaults': DeleteVaultsRequest,
    'users.get_organization_vaults': GetOrganizationVaultsRequest,
    'users.get_role_options': GetRoleOptionsRequest,
    'users.get_service_users': GetServiceUsersRequest,
    'users.get_terms_of_use': GetTermsOfUseRequest,
    'users.get_vault_operations_log': GetVaultOperationsLogRequest,
    'users.get_vault_operations_log_filters': GetVaultOperationsLogFiltersRequest,
    'users.get_vaults': GetVaultsRequest,
    'users.get_whitelist': GetWhitelistRequest,
    'users.set_admin': SetAdminRequest,
    'users.set_role': SetRoleRequest,
    'users.update_service_user': UpdateServiceUserRequest,
}

RESPONSES: dict[str, Any] = {
    'users.create': CreateResponse,
    'users.delete': DeleteResponse,
    'users.get_all': GetAllResponse,
    'users.get_all_ex': GetAllExResponse,
    'users.get_by_id': GetByIdResponse,
    'users.get_current_user': GetCurrentUserResponse,
    'users.get_preferences': GetPreferencesResponse,
    'users.set_preferences': SetPreferencesResponse,
    'users.update': UpdateResponse,
    'users.accept_terms_of_use': AcceptTermsOfUseResponse,
    'users.add_or_update_vault': AddOrUpdateVaultResponse,
    'users.delete_vaults': DeleteVaultsResponse,
    'users.get_organization_vaults': GetOrganizationVaultsResponse,
    'users.get_role_options': GetRoleOptionsResponse,
    'users.get_service_users': GetServiceUsersResponse,
    'users.get_terms_of_use': GetTermsOfUseResponse,
    'users.get_vault_operations_log': GetVaultOperationsLogResponse,
    'users.get_vault_operations_log_filters': GetVaultOperationsLogFiltersResponse,
    'users.get_vaults': GetVaultsResponse,
    'users.get_whitelist': GetWhitelistResponse,
    'users.set_admin': SetAdminResponse,
    'users.set_role': SetRoleResponse,
    'users.update_service_user': UpdateServiceUserResponse,
}

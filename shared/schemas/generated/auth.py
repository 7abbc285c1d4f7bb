"""ClearML service ``auth``: 3 seed definitions, 27 endpoints, 57 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/auth.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import BatchOperation, FieldFilter, FieldFilterAll, FieldFilterAny, LogoutRequest, LogoutResponse, MetadataItem, Role, TaskStatusEnum  # noqa: F401


class CredentialKey(GeneratedModel):
    """From the seed ``auth.credential_key``."""

    access_key: str | None = None
    created: datetime | None = None
    expire: datetime | None = Field(None, description='Credential expiration time (UTC)')
    label: str | None = Field(None, description='Optional credentials label')
    last_used: datetime | None = None
    last_used_from: str | None = None


class Credentials(GeneratedModel):
    """From the seed ``auth.credentials``."""

    access_key: str | None = Field(None, description='Credentials access key')
    expire: datetime | None = Field(None, description='Credential expiration time (UTC)')
    label: str | None = Field(None, description='Optional credentials label')
    secret_key: str | None = Field(None, description='Credentials secret key')


class MultiFieldPatternData(GeneratedModel):
    """From the catalog definition ``auth.multi_field_pattern_data``."""

    datetime: str | None = None
    fields_: list[str] | None = Field(None, alias='fields')
    pattern: str | None = None


class CreateCredentialsRequest(GeneratedStrictRequest):
    """``auth.create_credentials`` (API 2.1 to 2.17)."""

    label: str | None = None


class CreateCredentialsResponse(GeneratedModel):
    """``auth.create_credentials`` (API 2.1 to 2.17)."""

    credentials: Credentials | None = None


class CreateUserRequest(GeneratedRequest):
    """``auth.create_user`` (API 2.1)."""

    avatar: str | None = None
    company: str
    email: str
    family_name: str | None = None
    given_name: str | None = None
    name: str
    role: Role | None = 'user'


class CreateUserResponse(GeneratedModel):
    """``auth.create_user`` (API 2.1)."""

    id: str | None = None


class EditCredentialsRequest(GeneratedRequest):
    """``auth.edit_credentials`` (API 2.19)."""

    access_key: str
    label: str | None = None


class EditCredentialsResponse(GeneratedModel):
    """``auth.edit_credentials`` (API 2.19)."""

    updated: Literal[0, 1] | None = None


class EditUserRequest(GeneratedRequest):
    """``auth.edit_user`` (API 2.1)."""

    role: Literal['admin', 'superuser', 'user', 'annotator'] | None = None
    user: str | None = None


class EditUserResponse(GeneratedModel):
    """``auth.edit_user`` (API 2.1)."""

    fields_: dict[str, Any] | None = Field(None, alias='fields')
    updated: Literal[0, 1] | None = None


class FixedUsersModeRequest(GeneratedStrictRequest):
    """``auth.fixed_users_mode`` (API 2.1)."""


class FixedUsersModeResponse(GeneratedModel):
    """``auth.fixed_users_mode`` (API 2.1)."""

    enabled: bool | None = None
    server_errors: dict[str, Any] | None = None


class GetCredentialsRequest(GeneratedStrictRequest):
    """``auth.get_credentials`` (API 2.1)."""


class GetCredentialsResponse(GeneratedModel):
    """``auth.get_credentials`` (API 2.1)."""

    credentials: list[CredentialKey] | None = None


class GetTokenForUserRequest(GeneratedRequest):
    """``auth.get_token_for_user`` (API 2.1)."""

    company: str | None = None
    expiration_sec: int | None = None
    user: str


class GetTokenForUserResponse(GeneratedModel):
    """``auth.get_token_for_user`` (API 2.1)."""

    token: str | None = None


class LoginRequest(GeneratedRequest):
    """``auth.login`` (API 2.1)."""

    expiration_sec: int | None = None


class LoginResponse(GetTokenForUserResponse):
    """``auth.login`` (API 2.1)."""


class RevokeCredentialsRequest(GeneratedRequest):
    """``auth.revoke_credentials`` (API 2.1)."""

    access_key: str | None = None


class RevokeCredentialsResponse(GeneratedModel):
    """``auth.revoke_credentials`` (API 2.1)."""

    revoked: Literal[0, 1] | None = None


class ValidateTokenRequest(GeneratedRequest):
    """``auth.validate_token`` (API 2.1)."""

    token: str


class ValidateTokenResponse(GeneratedModel):
    """``auth.validate_token`` (API 2.1)."""

    company: str | None = None
    user: str | None = None
    valid: bool | None = None


class AddUserRequest(GeneratedRequest):
    """``auth.add_user``."""

    additional_info: dict[str, Any] | None = None
    avatar: str | None = None
    company: str | None = None
    email: str
    family_name: str | None = None
    given_name: str | None = None
    name: str
    provider: str | None = None
    provider_token: str | None = None
    provider_user_id: str | None = None
    secret_key: str | None = None
    user_provided_email: str | None = None


class AddUserResponse(GeneratedModel):
    """``auth.add_user``."""

    id: str | None = None
    secret: str | None = None


class CreateServiceUserRequest(GeneratedRequest):
    """``auth.create_service_user``."""

    allow_running_as_owner: bool | None = False
    credentials_expiration_sec: int | None = None
    name: str


class CreateServiceUserResponse(GeneratedModel):
    """``auth.create_service_user``."""

    credentials: Credentials | None = None
    id: str | None = None


class DeleteUserRequest(GeneratedRequest):
    """``auth.delete_user``."""

    user: str


class DeleteUserResponse(GeneratedModel):
    """``auth.delete_user``."""

    deleted: bool | None = None


class GenerateEndpointRouterTokenRequest(GeneratedRequest):
    """``auth.generate_endpoint_router_token``."""

    endpoints: list[str]
    expiration_sec: int | None = None
    label: str
    metadata: dict[str, Any] | None = None


class GenerateEndpointRouterTokenResponse(GetTokenForUserResponse):
    """``auth.generate_endpoint_router_token``."""


class GenerateRouterTokenRequest(GeneratedRequest):
    """``auth.generate_router_token``."""

    expiration_sec: int | None = None
    label: str
    user: str | None = None


class GenerateRouterTokenResponse(GetTokenForUserResponse):
    """``auth.generate_router_token``."""


class GetRouterTokensRequest(GeneratedRequest):
    """``auth.get_router_tokens``."""

    include_revoked: bool | None = False
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)


class GetRouterTokensResponseTokensItem(GeneratedModel):
    created: datetime | None = None
    created_by: dict[str, Any] | None = None
    endpoints: list[dict[str, Any]] | None = None
    expires: datetime | None = None
    id: str | None = None
    key: str | None = None
    label: str | None = None
    metadata: dict[str, Any] | None = None
    revoked: bool | None = None
    revoked_at: datetime | None = None
    revoked_by: dict[str, Any] | None = None
    type: Literal['endpoint_token', 'identity_token'] | None = None
    user: dict[str, Any] | None = None


class GetRouterTokensResponse(GeneratedModel):
    """``auth.get_router_tokens``."""

    max_expiration_sec: int | None = None
    tokens: list[GetRouterTokensResponseTokensItem] | None = None


class GetTaskTokenRequest(GeneratedRequest):
    """``auth.get_task_token``."""

    expiration_sec: int | None = None
    task: str


class GetTaskTokenResponse(GetTokenForUserResponse):
    """``auth.get_task_token``."""


class GetTaskTokenForUserRequest(GeneratedRequest):
    """``auth.get_task_token_for_user``."""

    company: str
    expiration_sec: int | None = None
    task: str
    user: str


class GetTaskTokenForUserResponse(GetTokenForUserResponse):
    """``auth.get_task_token_for_user``."""


class GetUsersInfoRequest(GeneratedRequest):
    """``auth.get_users_info``."""

    emails: list[str] | None = None
    include_providers_info: bool | None = False
    users: list[str] | None = None


class GetUsersInfoResponseUsersValue(GeneratedModel):
    created: datetime | None = None
    email: str | None = None
    id: str | None = None
    providers: dict[str, Any] | None = None
    role: str | None = None
    sec_groups: list[str] | None = None


class GetUsersInfoResponse(GeneratedModel):
    """``auth.get_users_info``."""

    users: dict[str, GetUsersInfoResponseUsersValue] | None = None


class LocateCredentialsRequest(GeneratedRequest):
    """``auth.locate_credentials``."""

    access_key: str


class LocateCredentialsResponse(GeneratedModel):
    """``auth.locate_credentials``."""

    expire: datetime | None = None
    label: str | None = None
    last_used: datetime | None = None
    last_used_from: str | None = None
    name: str | None = None
    user: str | None = None


class RedirectToRouterRequest(GeneratedRequest):
    """``auth.redirect_to_router``."""

    path: str | None = None
    route: str | None = None
    router: str
    subdomain: str | None = None
    task: str | None = None


class RedirectToRouterResponse(GeneratedModel):
    """``auth.redirect_to_router``."""


class ReloadConfigRequest(GeneratedRequest):
    """``auth.reload_config``."""


class ReloadConfigResponse(GeneratedModel):
    """``auth.reload_config``."""


class RevokeRouterTokensRequest(GeneratedRequest):
    """``auth.revoke_router_tokens``."""

    ids: list[str]


class RevokeRouterTokensResponse(GeneratedModel):
    """``auth.revoke_router_tokens``."""

    revoked: int | None = None


class SetCredentialsRequest(GeneratedRequest):
    """``auth.set_credentials``."""

    access_key: str
    secret_key: str


class SetCredentialsResponse(GeneratedModel):
    """``auth.set_credentials``."""

    set: bool | None = None


class ValidateRouterCodeRequest(GeneratedRequest):
    """``auth.validate_router_code``."""

    code: str
    route: str | None = None
    router: str
    task: str | None = None


class ValidateRouterCodeResponse(GetTokenForUserResponse):
    """``auth.validate_router_code``."""


class ValidateUserRequest(GeneratedRequest):
    """``auth.validate_user``."""

    email: str
    provider: str
    provider_token: str | None = None
    provider_user_id: str


class ValidateUserResponse(GeneratedModel):
    """``auth.validate_user``."""

    company: str | None = None
    msg: str | None = None
    user: str | None = None
    valid: bool | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'auth.credential_key': CredentialKey,
    'auth.credentials': Credentials,
    'auth.role': Role,
}

REQUESTS: dict[str, Any] = {
    'auth.create_credentials': CreateCredentialsRequest,
    'auth.create_user': CreateUserRequest,
    'auth.edit_credentials': EditCredentialsRequest,
    'auth.edit_user': EditUserRequest,
    'auth.fixed_users_mode': FixedUsersModeRequest,
    'auth.get_credentials': GetCredentialsRequest,
    'auth.get_token_for_user': GetTokenForUserRequest,
    'auth.login': LoginRequest,
    'auth.logout': LogoutRequest,
    'auth.revoke_credentials': RevokeCredentialsRequest,
    'auth.validate_token': ValidateTokenRequest,
    'auth.add_user': AddUserRequest,
    'auth.create_service_user': CreateServiceUserRequest,
    'auth.delete_user': DeleteUserRequest,
    'auth.generate_endpoint_router_token': GenerateEndpointRouterTokenRequest,
    'auth.generate_router_token': GenerateRouterTokenRequest,
    'auth.get_router_tokens': GetRouterTokensRequest,
    'auth.get_task_token': GetTaskTokenRequest,
    'auth.get_task_token_for_user': GetTaskTokenForUserRequest,
    'auth.get_users_info': GetUsersInfoRequest,
    'auth.locate_credentials': LocateCredentialsRequest,
    'auth.redirect_to_router': RedirectToRouterRequest,
    'auth.reload_config': ReloadConfigRequest,
    'auth.revoke_router_tokens': RevokeRouterTokensRequest,
    'auth.set_credentials': SetCredentialsRequest,
    'auth.validate_router_code': ValidateRouterCodeRequest,
    'auth.validate_user': ValidateUserRequest,
}

RESPONSES: dict[str, Any] = {
    'auth.create_credentials': CreateCredentialsResponse,
    'auth.create_user': CreateUserResponse,
    'auth.edit_credentials': EditCredentialsResponse,
    'auth.edit_user': EditUserResponse,
    'auth.fixed_users_mode': FixedUsersModeResponse,
    'auth.get_credentials': GetCredentialsResponse,
    'auth.get_token_for_user': GetTokenForUserResponse,
    'auth.login': LoginResponse,
    'auth.logout': LogoutResponse,
    'auth.revoke_credentials': RevokeCredentialsResponse,
    'auth.validate_token': ValidateTokenResponse,
    'auth.add_user': AddUserResponse,
    'auth.create_service_user': CreateServiceUserResponse,
    'auth.delete_user': DeleteUserResponse,
    'auth.generate_endpoint_router_token': GenerateEndpointRouterTokenResponse,
    'auth.generate_router_token': GenerateRouterTokenResponse,
    'auth.get_router_tokens': GetRouterTokensResponse,
    'auth.get_task_token': GetTaskTokenResponse,
    'auth.get_task_token_for_user': GetTaskTokenForUserResponse,
    'auth.get_users_info': GetUsersInfoResponse,
    'auth.locate_credentials': LocateCredentialsResponse,
    'auth.redirect_to_router': RedirectToRouterResponse,
    'auth.reload_config': ReloadConfigResponse,
    'auth.revoke_router_tokens': RevokeRouterTokensResponse,
    'auth.set_credentials': SetCredentialsResponse,
    'auth.validate_router_code': ValidateRouterCodeResponse,
    'auth.validate_user': ValidateUserResponse,
}

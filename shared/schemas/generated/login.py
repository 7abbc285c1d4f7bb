"""ClearML service ``login``: 10 seed definitions, 19 endpoints, 51 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/login.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import GetWhitelistRequest, LogoutRequest, LogoutResponse, Role  # noqa: F401


class ChooseCompanyCompanies(GeneratedModel):
    """From the seed ``login.choose_company/companies``."""

    id: str | None = Field(None, description='Company ID')
    logo: str | None = Field(None, description='Company logo')
    logo_fmt: str | None = Field(None, description='Company logo format')
    name: str | None = Field(None, description='Company Name')


class ChooseCompany(GeneratedModel):
    """From the seed ``login.choose_company``."""

    companies: list[ChooseCompanyCompanies] | None = Field(None, description='Companies info')
    session_id: str | None = Field(None, description='Login session ID')
    tenant: str | None = Field(None, description='External tenant ID')


class LoginStatusEnum(str, Enum):
    """From the seed ``login.login_status_enum``."""

    logged_in = 'logged_in'
    signup_required = 'signup_required'
    choose_company = 'choose_company'


class LoginWhiteListEmailEntry(GeneratedModel):
    """From the seed ``login.login_white_list_email_entry``."""

    added: datetime | None = Field(None, description='The time this email entry was added')
    email: str | None = Field(None, description='Email address')


class LoginWhiteList(GeneratedModel):
    """From the seed ``login.login_white_list``."""

    company: str | None = Field(None, description='Company')
    domain: str | None = Field(None, description='Email domain name (all addresses under the domain are included in this whitelist entry)')
    emails: list[LoginWhiteListEmailEntry] | None = Field(None, description='List of email addresses (all addresses in this list are included in this whitelist entry)')
    group: str | None = Field(None, description='Group ID to be assigned to users added through this whitelist')
    id: str | None = Field(None, description='Whitelist entry ID')


class LoginWhiteListV15(LoginWhiteList):
    """From the seed ``login.login_white_list_v1_5``."""


class SignupInfo(GeneratedModel):
    """From the seed ``login.signup_info``."""

    avatar: str | None = Field(None, description='The user avatar as received from auth provider')
    company_name: str | None = Field(None, description='Company name for the user. In case the user was invited to join the company this field cannot be changed')
    crm_form: str | None = Field(None, description='The crm form template for the user signup')
    email: str | None = Field(None, description='The user email as received from auth provider')
    email_verify_state: str | None = Field(None, description='App state stored until email was verified')
    family_name: str | None = Field(None, description='The user family name as received from auth provider')
    given_name: str | None = Field(None, description='The user given name as received from auth provider')
    name: str | None = Field(None, description='The user full name as received from auth provide')
    signup_token: str | None = Field(None, description='Sign-up token. Should be passed back to the Signup call')


class WhitelistEntryUser(GeneratedModel):
    """From the seed ``login.whitelist_entry/user``."""

    id: str | None = Field(None, description='The user ID')
    name: str | None = Field(None, description='The user full name')
    role: Role | None = Field(None, description='The user role')


class WhitelistEntry(GeneratedModel):
    """From the seed ``login.whitelist_entry``."""

    accepted: datetime | None = Field(None, description='Time the entry was accepted')
    added: datetime | None = Field(None, description='Time that the entry was added')
    email: str | None = Field(None, description='Email address')
    status: Literal['pending', 'accepted'] | None = Field(None, description='Entry status')
    user: WhitelistEntryUser | None = Field(None, description='The user info (if the user was created)')


class SupportedModesRequest(GeneratedStrictRequest):
    """``login.supported_modes`` (API 2.9)."""


class SupportedModesResponseBasicGuest(GeneratedModel):
    enabled: bool | None = None
    name: str | None = None
    password: str | None = None
    username: str | None = None


class SupportedModesResponseBasic(GeneratedModel):
    enabled: bool | None = None
    guest: SupportedModesResponseBasicGuest | None = None


class SupportedModesResponseServerErrors(GeneratedModel):
    es_connection_error: bool | None = None
    missed_es_upgrade: bool | None = None


class SupportedModesResponse(GeneratedModel):
    """``login.supported_modes`` (API 2.9)."""

    authenticated: bool | None = None
    basic: SupportedModesResponseBasic | None = None
    server_errors: SupportedModesResponseServerErrors | None = None
    sso: dict[str, str] | None = None
    sso_providers: list[dict[str, Any]] | None = None


class AddWhitelistEntriesRequest(GeneratedRequest):
    """``login.add_whitelist_entries``."""

    emails: list[str] | None = None
    is_admin: bool | None = False
    role: Any | None = None


class AddWhitelistEntriesResponse(GeneratedModel):
    """``login.add_whitelist_entries``."""

    added: list[str] | None = None


class FinishSsoCallbackRequest(GeneratedRequest):
    """``login.finish_sso_callback``."""

    company: str | None = None
    session_id: str | None = None


class FinishSsoCallbackResponse(GeneratedModel):
    """``login.finish_sso_callback``."""

    company_id: str | None = None
    login_status: LoginStatusEnum | None = None
    signup_info: SignupInfo | None = None
    state: str | None = None
    token: str | None = None
    user_id: str | None = None


class GetSettingsRequest(GeneratedRequest):
    """``login.get_settings``."""


class GetSettingsResponse(GeneratedModel):
    """``login.get_settings``."""

    domains: list[str] | None = None
    whitelist_entries: list[WhitelistEntry] | None = None


class GetWhitelistResponse(GeneratedModel):
    """``login.get_whitelist``."""

    entries: list[LoginWhiteListV15] | None = None


class RemoveWhitelistEntriesRequest(GeneratedRequest):
    """``login.remove_whitelist_entries``."""

    emails: list[str] | None = None


class RemoveWhitelistEntriesResponse(GeneratedModel):
    """``login.remove_whitelist_entries``."""

    removed: list[str] | None = None


class SetDomainsRequest(GeneratedRequest):
    """``login.set_domains``."""

    domains: list[str] | None = None


class SetDomainsResponse(GeneratedModel):
    """``login.set_domains``."""


class SignupUserRequestSignupDataCrmFormData(GeneratedModel):
    form_data: str | None = None
    form_id: str | None = None
    portal_id: str | None = None


class SignupUserRequestSignupData(GeneratedModel):
    additional_info: dict[str, Any] | None = None
    avatar: str | None = None
    company_name: str | None = None
    crm_form_data: SignupUserRequestSignupDataCrmFormData | None = None
    email: str | None = None
    family_name: str | None = None
    given_name: str | None = None
    name: str | None = None
    signup_token: str | None = None


class SignupUserRequest(GeneratedRequest):
    """``login.signup_user``."""

    return_token: bool | None = False
    signup_data: SignupUserRequestSignupData


class SignupUserResponse(GeneratedModel):
    """``login.signup_user``."""

    company_id: str | None = None
    company_name: str | None = None
    token: str | None = None
    user_id: str | None = None


class SsoAuthorizeRequest(GeneratedRequest):
    """``login.sso_authorize``."""

    callback_url: str | None = None
    callback_url_prefix: str | None = None
    company_hint: str | None = None
    provider: str
    state: str | None = None
    tenant: str | None = None


class SsoAuthorizeResponse(GeneratedModel):
    """``login.sso_authorize``."""

    redirect_url: str | None = None


class SsoCallbackRequest(GeneratedRequest):
    """``login.sso_callback``."""

    args: dict[str, str]
    callback_url: str
    provider: str
    return_token: bool | None = False
    signup_flow: bool | None = False


class SsoCallbackResponse(GeneratedModel):
    """``login.sso_callback``."""

    choose_company: ChooseCompany | None = None
    company_id: str | None = None
    login_status: LoginStatusEnum | None = None
    signup_info: SignupInfo | None = None
    state: str | None = None
    token: str | None = None
    user_id: str | None = None


class SsoCallbackDuoRequest(GeneratedRequest):
    """``login.sso_callback_duo``."""


class SsoCallbackDuoResponse(GeneratedModel):
    """``login.sso_callback_duo``."""


class SsoCallbackGoogleSamlRequest(GeneratedRequest):
    """``login.sso_callback_google_saml``."""


class SsoCallbackGoogleSamlResponse(GeneratedModel):
    """``login.sso_callback_google_saml``."""


class SsoCallbackGoogleSamlSupportRequest(GeneratedRequest):
    """``login.sso_callback_google_saml_support``."""


class SsoCallbackGoogleSamlSupportResponse(GeneratedModel):
    """``login.sso_callback_google_saml_support``."""


class SsoCallbackJumpcloudsamlRequest(GeneratedRequest):
    """``login.sso_callback_jumpcloudsaml``."""


class SsoCallbackJumpcloudsamlResponse(GeneratedModel):
    """``login.sso_callback_jumpcloudsaml``."""


class SsoCallbackKeycloakRequest(GeneratedRequest):
    """``login.sso_callback_keycloak``."""


class SsoCallbackKeycloakResponse(GeneratedModel):
    """``login.sso_callback_keycloak``."""


class SsoCallbackMicrosoftAdRequest(GeneratedRequest):
    """``login.sso_callback_microsoft_ad``."""


class SsoCallbackMicrosoftAdResponse(GeneratedModel):
    """``login.sso_callback_microsoft_ad``."""


class SsoCallbackSamlRequest(GeneratedRequest):
    """``login.sso_callback_saml``."""


class SsoCallbackSamlResponse(GeneratedModel):
    """``login.sso_callback_saml``."""


class TestSsoCallbackRequest(GeneratedRequest):
    """``login.test_sso_callback``."""

    args: dict[str, str]
    callback_url: str
    provider: str


class TestSsoCallbackResponseConfigurationInfo(GeneratedModel):
    name: str | None = None
    provider_category: str | None = None
    provider_name: str | None = None


class TestSsoCallbackResponseMappedUserData(GeneratedModel):
    avatar: str | None = None
    email: str | None = None
    email_verified: bool | None = None
    family_name: str | None = None
    given_name: str | None = None
    groups: list[str] | None = None
    name: str | None = None
    user_id: str | None = None


class TestSsoCallbackResponse(GeneratedModel):
    """``login.test_sso_callback``."""

    configuration_info: TestSsoCallbackResponseConfigurationInfo | None = None
    error_msg: str | None = None
    mapped_user_data: TestSsoCallbackResponseMappedUserData | None = None
    user_data: dict[str, Any] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'login.choose_company': ChooseCompany,
    'login.choose_company/companies': ChooseCompanyCompanies,
    'login.login_status_enum': LoginStatusEnum,
    'login.login_white_list': LoginWhiteList,
    'login.login_white_list_email_entry': LoginWhiteListEmailEntry,
    'login.login_white_list_v1_5': LoginWhiteListV15,
    'login.role': Role,
    'login.signup_info': SignupInfo,
    'login.whitelist_entry': WhitelistEntry,
    'login.whitelist_entry/user': WhitelistEntryUser,
}

REQUESTS: dict[str, Any] = {
    'login.logout': LogoutRequest,
    'login.supported_modes': SupportedModesRequest,
    'login.add_whitelist_entries': AddWhitelistEntriesRequest,
    'login.finish_sso_callback': FinishSsoCallbackRequest,
    'login.get_settings': GetSettingsRequest,
    'login.get_whitelist': GetWhitelistRequest,
    'login.remove_whitelist_entries': RemoveWhitelistEntriesRequest,
    'login.set_domains': SetDomainsRequest,
    'login.signup_user': SignupUserRequest,
    'login.sso_authorize': SsoAuthorizeRequest,
    'login.sso_callback': SsoCallbackRequest,
    'login.sso_callback_duo': SsoCallbackDuoRequest,
    'login.sso_callback_google_saml': SsoCallbackGoogleSamlRequest,
    'login.sso_callback_google_saml_support': SsoCallbackGoogleSamlSupportRequest,
    'login.sso_callback_jumpcloudsaml': SsoCallbackJumpcloudsamlRequest,
    'login.sso_callback_keycloak': SsoCallbackKeycloakRequest,
    'login.sso_callback_microsoft_ad': SsoCallbackMicrosoftAdRequest,
    'login.sso_callback_saml': SsoCallbackSamlRequest,
    'login.test_sso_callback': TestSsoCallbackRequest,
}

RESPONSES: dict[str, Any] = {
    'login.logout': LogoutResponse,
    'login.supported_modes': SupportedModesResponse,
    'login.add_whitelist_entries': AddWhitelistEntriesResponse,
    'login.finish_sso_callback': FinishSsoCallbackResponse,
    'login.get_settings': GetSettingsResponse,
    'login.get_whitelist': GetWhitelistResponse,
    'login.remove_whitelist_entries': RemoveWhitelistEntriesResponse,
    'login.set_domains': SetDomainsResponse,
    'login.signup_user': SignupUserResponse,
    'login.sso_authorize': SsoAuthorizeResponse,
    'login.sso_callback': SsoCallbackResponse,
    'login.sso_callback_duo': SsoCallbackDuoResponse,
    'login.sso_callback_google_saml': SsoCallbackGoogleSamlResponse,
    'login.sso_callback_google_saml_support': SsoCallbackGoogleSamlSupportResponse,
    'login.sso_callback_jumpcloudsaml': SsoCallbackJumpcloudsamlResponse,
    'login.sso_callback_keycloak': SsoCallbackKeycloakResponse,
    'login.sso_callback_microsoft_ad': SsoCallbackMicrosoftAdResponse,
    'login.sso_callback_saml': SsoCallbackSamlResponse,
    'login.test_sso_callback': TestSsoCallbackResponse,
}

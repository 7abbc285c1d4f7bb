"""ClearML service ``sso``: 3 seed definitions, 9 endpoints, 21 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/sso.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class ProviderCategory(str, Enum):
    """From the seed ``sso.provider_category``."""

    saml = 'saml'
    oidc = 'oidc'


class Configuration(GeneratedModel):
    """From the seed ``sso.configuration``."""

    active: bool | None = Field(None, description='Configuration status')
    category: ProviderCategory | None = Field(None, description='The category of the provider')
    display_name: str | None = Field(None, description='The display name of the configuraton')
    id: str | None = Field(None, description='ID of the configuration')
    last_update: datetime | None = Field(None, description='The UTC time of the last editing')
    provider: str | None = Field(None, description='ID of the provider')
    readonly: bool | None = Field(None, description='If set then the configuration cannot be viewed or edited')


class Provider(GeneratedModel):
    """From the seed ``sso.provider``."""

    category: ProviderCategory | None = Field(None, description='The category of the provider')
    display_name: str | None = Field(None, description='The display name of the provider')
    icon: str | None = Field(None, description='The icon url')
    id: str | None = Field(None, description='ID of the provider')


class DeleteProviderConfigurationsRequest(GeneratedRequest):
    """``sso.delete_provider_configurations``."""

    company: str | None = None
    ids: list[str] | None = None


class DeleteProviderConfigurationsResponse(GeneratedModel):
    """``sso.delete_provider_configurations``."""

    deleted: int | None = None


class DownloadSamlSpMetadataRequest(GeneratedRequest):
    """``sso.download_saml_sp_metadata``."""

    configuration: dict[str, Any]
    provider: str


class DownloadSamlSpMetadataResponse(GeneratedModel):
    """``sso.download_saml_sp_metadata``."""


class GetOidcProviderDataFromWellKnownUrlRequest(GeneratedRequest):
    """``sso.get_oidc_provider_data_from_well_known_url``."""

    url: str


class GetOidcProviderDataFromWellKnownUrlResponse(GeneratedModel):
    """``sso.get_oidc_provider_data_from_well_known_url``."""

    authorization_endpoint: str | None = None
    end_session_endpoint: str | None = None
    jwks_uri: str | None = None
    revocation_endpoint: str | None = None
    token_endpoint: str | None = None
    userinfo_endpoint: str | None = None


class GetProviderConfigurationTemplateRequest(GeneratedRequest):
    """``sso.get_provider_configuration_template``."""

    company: str | None = None
    id: str | None = None
    provider: str | None = None
    well_known_url: str | None = None


class GetProviderConfigurationTemplateResponse(GeneratedModel):
    """``sso.get_provider_configuration_template``."""

    config_template: dict[str, Any] | None = None
    error: str | None = None


class GetProviderConfigurationsRequest(GeneratedRequest):
    """``sso.get_provider_configurations``."""

    company: str | None = None


class GetProviderConfigurationsResponse(GeneratedModel):
    """``sso.get_provider_configurations``."""

    configurations: list[Configuration] | None = None


class GetSupportedProvidersRequest(GeneratedRequest):
    """``sso.get_supported_providers``."""


class GetSupportedProvidersResponse(GeneratedModel):
    """``sso.get_supported_providers``."""

    providers: list[Provider] | None = None


class SaveProviderConfigurationRequest(GeneratedRequest):
    """``sso.save_provider_configuration``."""

    company: str | None = None
    configuration: dict[str, Any]
    provider: str
    support_provider: bool | None = None


class SaveProviderConfigurationResponse(GeneratedModel):
    """``sso.save_provider_configuration``."""


class SetProviderConfigurationsActiveRequest(GeneratedRequest):
    """``sso.set_provider_configurations_active``."""

    active: bool | None = True
    company: str | None = None
    ids: list[str] | None = None


class SetProviderConfigurationsActiveResponse(GeneratedModel):
    """``sso.set_provider_configurations_active``."""

    updated: int | None = None


class TestProviderConfigurationRequest(GeneratedRequest):
    """``sso.test_provider_configuration``."""

    configuration: dict[str, Any]
    provider: str
    state: str | None = None


class TestProviderConfigurationResponse(GeneratedModel):
    """``sso.test_provider_configuration``."""

    redirect_url: str | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'sso.configuration': Configuration,
    'sso.provider': Provider,
    'sso.provider_category': ProviderCategory,
}

REQUESTS: dict[str, Any] = {
    'sso.delete_provider_configurations': DeleteProviderConfigurationsRequest,
    'sso.download_saml_sp_metadata': DownloadSamlSpMetadataRequest,
    'sso.get_oidc_provider_data_from_well_known_url': GetOidcProviderDataFromWellKnownUrlRequest,
    'sso.get_provider_configuration_template': GetProviderConfigurationTemplateRequest,
    'sso.get_provider_configurations': GetProviderConfigurationsRequest,
    'sso.get_supported_providers': GetSupportedProvidersRequest,
    'sso.save_provider_configuration': SaveProviderConfigurationRequest,
    'sso.set_provider_configurations_active': SetProviderConfigurationsActiveRequest,
    'sso.test_provider_configuration': TestProviderConfigurationRequest,
}

RESPONSES: dict[str, Any] = {
    'sso.delete_provider_configurations': DeleteProviderConfigurationsResponse,
    'sso.download_saml_sp_metadata': DownloadSamlSpMetadataResponse,
    'sso.get_oidc_provider_data_from_well_known_url': GetOidcProviderDataFromWellKnownUrlResponse,
    'sso.get_provider_configuration_template': GetProviderConfigurationTemplateResponse,
    'sso.get_provider_configurations': GetProviderConfigurationsResponse,
    'sso.get_supported_providers': GetSupportedProvidersResponse,
    'sso.save_provider_configuration': SaveProviderConfigurationResponse,
    'sso.set_provider_configurations_active': SetProviderConfigurationsActiveResponse,
    'sso.test_provider_configuration': TestProviderConfigurationResponse,
}

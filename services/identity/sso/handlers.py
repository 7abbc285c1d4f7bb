"""The endpoint table of the SSO room: each ClearML endpoint it answers, next to the function
that answers it. Merged into identity's table (``services/identity/handlers.py``); bound in
``main.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from services.identity.sso import SsoRoom
from services.identity.sso.saml import METADATA_CONTENT_TYPE
from services.identity.sso.store import StoredConfiguration
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import caller
from shared.messaging.rpc_server import Handler
from shared.schemas import login as login_api
from shared.schemas.generated import login as login_generated
from shared.schemas.generated import sso as api

# The gateway answers this as a file (``services/gateway/envelope.py``, ``FILE_ENDPOINTS``).
RAW_KEY = "cairn_raw"


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


def _dump(model) -> dict:
    return model.model_dump(mode="json", exclude_none=True)


def _configuration(stored: StoredConfiguration) -> api.Configuration:
    return api.Configuration(active=stored.active, category=stored.category, display_name=stored.display_name,
                             id=stored.id, last_update=stored.last_update, provider=stored.provider, readonly=False)


async def get_supported_providers(room: SsoRoom, request: RequestEnvelope) -> dict:
    providers = [api.Provider(id=p.id, category=p.category, display_name=p.display_name, icon=p.icon or None)
                 for p in room.configurations.supported_providers()]
    return _dump(api.GetSupportedProvidersResponse(providers=providers))


async def get_provider_configuration_template(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.GetProviderConfigurationTemplateRequest.model_validate(_payload(request))
    config, error = await room.configurations.template(caller(request), body.provider, body.id, body.company,
                                                       body.well_known_url)
    return api.GetProviderConfigurationTemplateResponse(config_template=config, error=error).model_dump(mode="json")


async def get_provider_configurations(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.GetProviderConfigurationsRequest.model_validate(_payload(request))
    stored = await room.configurations.list(caller(request), body.company)
    return _dump(api.GetProviderConfigurationsResponse(configurations=[_configuration(s) for s in stored]))


async def save_provider_configuration(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.SaveProviderConfigurationRequest.model_validate(_payload(request))
    await room.configurations.save(caller(request), body.provider, body.configuration, body.company)
    return {}


async def set_provider_configurations_active(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.SetProviderConfigurationsActiveRequest.model_validate(_payload(request))
    active = True if body.active is None else body.active
    updated = await room.configurations.set_active(caller(request), body.ids or [], active, body.company)
    return _dump(api.SetProviderConfigurationsActiveResponse(updated=updated))


async def delete_provider_configurations(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.DeleteProviderConfigurationsRequest.model_validate(_payload(request))
    deleted = await room.configurations.delete(caller(request), body.ids or [], body.company)
    return _dump(api.DeleteProviderConfigurationsResponse(deleted=deleted))


async def get_oidc_provider_data_from_well_known_url(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.GetOidcProviderDataFromWellKnownUrlRequest.model_validate(_payload(request))
    found = await room.configurations.discover(body.url)
    return _dump(api.GetOidcProviderDataFromWellKnownUrlResponse.model_validate(
        {k: v for k, v in found.items() if k != "issuer"}))


async def test_provider_configuration(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = api.TestProviderConfigurationRequest.model_validate(_payload(request))
    url = await room.configurations.test(caller(request), body.provider, body.configuration, body.state)
    return _dump(api.TestProviderConfigurationResponse(redirect_url=url))


async def download_saml_sp_metadata(room: SsoRoom, request: RequestEnvelope) -> dict:
    """A file: ``sp_metadata.xml`` (the catalog's response has no fields)."""
    body = api.DownloadSamlSpMetadataRequest.model_validate(_payload(request))
    xml = await room.configurations.sp_metadata(caller(request), body.provider, body.configuration)
    return {RAW_KEY: {"content_type": METADATA_CONTENT_TYPE, "filename": "sp_metadata.xml", "text": xml}}


# --- login -----------------------------------------------------------------------------


async def supported_modes(room: SsoRoom, request: RequestEnvelope) -> dict:
    """``login.supported_modes``: the login room's model (the name-only form when passwords
    are off) and the active OIDC configurations as the web UI lists them: ``sso_providers``
    ``[{name, display_name, url}]`` and ``sso`` ``{name: url}``."""
    basic = login_api.BasicMode(enabled=room.identity.settings.login_mode == "password")
    options = await room.login.options()
    providers = [{"name": o.name, "display_name": o.display_name, "provider": o.provider, "url": o.url}
                 for o in options]
    modes = login_api.SupportedModesResponse(authenticated=request.identity is not None, basic=basic,
                                             sso={o.name: o.url for o in options if o.url},
                                             sso_providers=providers)
    return modes.model_dump(mode="json")


async def sso_authorize(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = login_generated.SsoAuthorizeRequest.model_validate(_payload(request))
    url = await room.login.authorize(body.provider, body.callback_url, body.state, body.company_hint)
    return _dump(login_generated.SsoAuthorizeResponse(redirect_url=url))


async def sso_callback(room: SsoRoom, request: RequestEnvelope) -> dict:
    """The session token is always answered (the gateway also sets it as the session cookie),
    as ``auth.login`` answers it."""
    body = login_generated.SsoCallbackRequest.model_validate(_payload(request))
    done = await room.login.callback(body.provider, body.callback_url, body.args)
    return _dump(login_generated.SsoCallbackResponse(
        login_status=login_generated.LoginStatusEnum.logged_in, token=done.token, user_id=done.user,
        company_id=done.company, state=done.app_state or None))


async def test_sso_callback(room: SsoRoom, request: RequestEnvelope) -> dict:
    body = login_generated.TestSsoCallbackRequest.model_validate(_payload(request))
    tested = await room.login.test_callback(body.callback_url, body.args)
    stored, mapped = tested.configuration, tested.mapped
    info = login_generated.TestSsoCallbackResponseConfigurationInfo(
        name=stored.display_name, provider_category=stored.category, provider_name=stored.provider)
    user = None if mapped is None else login_generated.TestSsoCallbackResponseMappedUserData(
        user_id=mapped.user_id, email=mapped.email or None, email_verified=mapped.email_verified, name=mapped.name,
        given_name=mapped.given_name or None, family_name=mapped.family_name or None, avatar=mapped.avatar)
    return _dump(login_generated.TestSsoCallbackResponse(configuration_info=info, mapped_user_data=user,
                                                         user_data=tested.claims, error_msg=tested.error))


ENDPOINTS: dict[str, Callable[[SsoRoom, RequestEnvelope], Awaitable[dict]]] = {
    "sso.get_supported_providers": get_supported_providers,
    "sso.get_provider_configuration_template": get_provider_configuration_template,
    "sso.get_provider_configurations": get_provider_configurations,
    "sso.save_provider_configuration": save_provider_configuration,
    "sso.set_provider_configurations_active": set_provider_configurations_active,
    "sso.delete_provider_configurations": delete_provider_configurations,
    "sso.get_oidc_provider_data_from_well_known_url": get_oidc_provider_data_from_well_known_url,
    "sso.test_provider_configuration": test_provider_configuration,
    "sso.download_saml_sp_metadata": download_saml_sp_metadata,
    "login.supported_modes": supported_modes,
    "login.sso_authorize": sso_authorize,
    "login.sso_callback": sso_callback,
    "login.test_sso_callback": test_sso_callback,
}


def handler_table(room: SsoRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: partial(handle, room) for name, handle in ENDPOINTS.items()}

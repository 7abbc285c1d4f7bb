"""The endpoint table of the identity process: every ClearML endpoint (and internal action) it
answers, named literally next to the function that answers it. A handler parses the payload
with the model the gateway validates with (``shared.schemas.<service>``), calls one use case of
``IdentityService`` and replies with the ClearML response data. Wired in ``main.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from services.identity.companies.handlers import ENDPOINTS as COMPANIES_ENDPOINTS  # room companies
from services.identity.domain import Credential, User
from services.identity.login import handlers as login_room
from services.identity.ops.handlers import ENDPOINTS as OPS_ENDPOINTS  # room ops
from services.identity.sso.handlers import ENDPOINTS as SSO_ENDPOINTS  # room sso
from services.identity.routing.handlers import ENDPOINTS as ROUTING_ENDPOINTS  # room routing
from services.identity.permissions.handlers import ENDPOINTS as PERMISSIONS_ENDPOINTS  # room permissions
from services.identity.variables.handlers import ENDPOINTS as VARIABLES_ENDPOINTS  # room variables
from services.identity.service import IdentityService
from services.identity.users import handlers as users_room
from shared.endpoints import parse_version
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import clearml_endpoints
from shared.messaging.rpc_server import Handler
from shared.schemas import auth, debug, server, users
from shared.schemas.generated import auth as auth_generated
from shared.errors import ApiError

# The API versions whose ``server.info`` added the server's uid and its API version.
SERVER_UID_SINCE = (2, 8)
API_VERSION_SINCE = (2, 12)

# clearml-server's default cap on the items of one CSV download, which the web UI reads.
MAX_DOWNLOAD_ITEMS = 1000


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def revoked_sessions(service: IdentityService, request: RequestEnvelope) -> dict:
    revoked = await service.revoked_sessions()
    sessions = [auth.RevokedSession(session_id=s, expires=e) for s, e in revoked]
    return auth.RevokedSessionsResponse(sessions=sessions).model_dump(mode="json")


async def login(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth.LoginRequest.model_validate(_payload(request))
    token = await service.login(request.identity, body.expiration_sec)
    return auth.LoginResponse(token=token).model_dump(mode="json")


async def logout(service: IdentityService, request: RequestEnvelope) -> dict:
    await service.logout(request.identity)
    return {}


async def create_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth.CreateCredentialsRequest.model_validate(_payload(request))
    credential, secret = await service.create_credentials(request.identity, body.label)
    created = auth.Credentials(access_key=credential.access_key, secret_key=secret, label=credential.label)
    return auth.CreateCredentialsResponse(credentials=created).model_dump(mode="json", exclude_none=True)


async def get_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    credentials = await service.get_credentials(request.identity)
    keys = [_credential_key(c) for c in credentials]
    return auth.GetCredentialsResponse(credentials=keys).model_dump(mode="json", exclude_none=True)


async def revoke_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth.RevokeCredentialsRequest.model_validate(_payload(request))
    revoked = await service.revoke_credentials(request.identity, body.access_key)
    return auth.RevokeCredentialsResponse(revoked=revoked).model_dump(mode="json")


async def edit_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth.EditCredentialsRequest.model_validate(_payload(request))
    updated = await service.edit_credentials(request.identity, body.access_key, body.label)
    return auth.EditCredentialsResponse(updated=updated).model_dump(mode="json")


async def get_current_user(service: IdentityService, request: RequestEnvelope) -> dict:
    user, company_name = await service.current_user(request.identity)
    response = users.GetCurrentUserResponse(
        user=_current_user(user, company_name, request.identity.role),
        settings=users.CurrentUserSettings(max_download_items=MAX_DOWNLOAD_ITEMS),
    ).model_dump(mode="json")
    # The user's unset fields are absent (``getting_started`` stays, as null).
    response["user"] = {k: v for k, v in response["user"].items() if v is not None}
    return response


async def server_info(service: IdentityService, request: RequestEnvelope) -> dict:
    settings = service.settings
    version = parse_version(request.requested_version)
    return server.InfoResponse(
        version=settings.server_version,
        build=settings.server_build,
        commit="",
        uid=await service.server_uid() if version >= SERVER_UID_SINCE else None,
        api_version=settings.api_version if version >= API_VERSION_SINCE else None,
    ).model_dump(mode="json", exclude_none=True)


async def ping(service: IdentityService, request: RequestEnvelope) -> dict:
    # clearml-server echoes the request's fields next to its message (a ``msg`` replaces it).
    return {**debug.PingResponse().model_dump(mode="json"), **_payload(request)}


# --- room access: credentials ----------------------------------------------------------


async def locate_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth_generated.LocateCredentialsRequest.model_validate(_payload(request))
    found = await service.access.locate(_caller(request), body.access_key)
    credential = found.credential
    return auth_generated.LocateCredentialsResponse(
        user=credential.user,
        name=found.owner.name if found.owner else None,
        label=credential.label,
        last_used=credential.last_used,
        last_used_from=credential.last_used_from,
        expire=credential.expire,
    ).model_dump(mode="json", exclude_none=True)


async def set_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth_generated.SetCredentialsRequest.model_validate(_payload(request))
    done = await service.access.set(_caller(request), body.access_key, body.secret_key)
    return auth_generated.SetCredentialsResponse(set=done).model_dump(mode="json")


def _caller(request: RequestEnvelope):
    if request.identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return request.identity


def _credential_key(credential: Credential) -> auth.CredentialKey:
    return auth.CredentialKey(
        access_key=credential.access_key,
        label=credential.label,
        last_used=credential.last_used,
        last_used_from=credential.last_used_from,
        expire=credential.expire,
    )


def _current_user(user: User, company_name: str, role: str) -> users.CurrentUser:
    """The stored user with the caller's role: clearml-server answers the role of the
    session (the token's), not the stored one."""
    return users.CurrentUser(
        id=user.id,
        name=user.name,
        given_name=user.given_name,
        family_name=user.family_name,
        avatar=user.avatar,
        role=role,
        company=users.CompanyRef(id=user.company, name=company_name),
        created=user.created,
        created_in_version=user.created_in_version,
    )


# Endpoint (or internal action) name -> the handler that answers it. ``logout`` also serves
# ``login.logout`` (the web UI's logout).
ENDPOINTS: dict[str, Callable[[IdentityService, RequestEnvelope], Awaitable[dict]]] = {
    "auth.login": login,
    "auth.logout": logout,
    "auth.create_credentials": create_credentials,
    "auth.get_credentials": get_credentials,
    "auth.revoke_credentials": revoke_credentials,
    "auth.edit_credentials": edit_credentials,
    "users.get_current_user": get_current_user,
    "users.get_vaults": users_room.get_vaults,
    "server.info": server_info,
    "debug.ping": ping,
    # users room (services/identity/users/)
    "users.get_all": users_room.get_all,
    "users.get_all_ex": users_room.get_all,
    "users.get_by_id": users_room.get_by_id,
    "users.create": users_room.create,
    "users.update": users_room.update,
    "users.delete": users_room.delete,
    "users.get_preferences": users_room.get_preferences,
    "users.set_preferences": users_room.set_preferences,
    "auth.create_user": users_room.create_user,
    "auth.edit_user": users_room.edit_user,
    "auth.validate_token": users_room.validate_token,
    "auth.fixed_users_mode": users_room.fixed_users_mode,
    "auth.get_token_for_user": users_room.get_token_for_user,
    "auth.add_user": users_room.add_user,
    "auth.delete_user": users_room.delete_user,
    "users.set_role": users_room.set_role,
    "users.set_admin": users_room.set_admin,
    "users.get_role_options": users_room.get_role_options,
    "users.get_terms_of_use": users_room.get_terms_of_use,
    "users.accept_terms_of_use": users_room.accept_terms_of_use,
    "auth.create_service_user": users_room.create_service_user,
    "users.get_service_users": users_room.get_service_users,
    "users.update_service_user": users_room.update_service_user,
    "auth.get_users_info": users_room.get_users_info,
    "auth.validate_user": users_room.validate_user,
    "users.add_or_update_vault": users_room.add_or_update_vault,
    "users.delete_vaults": users_room.delete_vaults,
    "users.get_organization_vaults": users_room.get_organization_vaults,
    "users.get_vault_operations_log": users_room.get_vault_operations_log,
    "users.get_vault_operations_log_filters": users_room.get_vault_operations_log_filters,
    # Cairn's own calls from other processes, never routed from HTTP
    "internal.verify_credentials": login_room.verify_credentials,  # keys, or (login room) passwords
    "internal.revoked_sessions": revoked_sessions,
    # room access
    "auth.locate_credentials": locate_credentials,
    "auth.set_credentials": set_credentials,
    # login room (services/identity/login): passwords, the web UI's logins, impersonation
    "internal.impersonate": login_room.impersonate,
    "login.logout": logout,
    "login.set_password": login_room.set_password,
    "login.get_settings": login_room.get_settings,
    "login.add_whitelist_entries": login_room.add_whitelist_entries,
    "login.remove_whitelist_entries": login_room.remove_whitelist_entries,
    "login.set_domains": login_room.set_domains,
    "login.get_whitelist": login_room.get_whitelist,
    "login.signup_user": login_room.signup_user,
    # login.supported_modes, login.sso_authorize, login.sso_callback, login.test_sso_callback: the SSO
    # room (services/identity/sso)
    "login.sso_callback_duo": login_room.sso_not_configured,
    "login.sso_callback_google_saml": login_room.sso_not_configured,
    "login.sso_callback_google_saml_support": login_room.sso_not_configured,
    "login.sso_callback_jumpcloudsaml": login_room.sso_not_configured,
    "login.sso_callback_keycloak": login_room.sso_not_configured,
    "login.sso_callback_microsoft_ad": login_room.sso_not_configured,
    "login.sso_callback_saml": login_room.sso_not_configured,
    "login.finish_sso_callback": login_room.sso_not_configured,
}

# The endpoints this process answers (generated into ``shared/schemas/handled/identity.txt``,
# which the gateway routes by: ``make handled``).
# The companies room's table is its own (bound to the room in main.py).
HANDLED = clearml_endpoints([*ENDPOINTS, *COMPANIES_ENDPOINTS, *OPS_ENDPOINTS, *SSO_ENDPOINTS, *ROUTING_ENDPOINTS,
                             *PERMISSIONS_ENDPOINTS, *VARIABLES_ENDPOINTS])


def handler_table(service: IdentityService) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler."""
    return {name: partial(handle, service) for name, handle in ENDPOINTS.items()}

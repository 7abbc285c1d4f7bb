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
from services.identity.service import IdentityService
from shared.endpoints import parse_version
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import clearml_endpoints
from shared.messaging.rpc_server import Handler
from shared.schemas import auth, debug, server, users
from shared.schemas import login as login_api

# The API versions whose ``server.info`` added the server's uid and its API version.
SERVER_UID_SINCE = (2, 8)
API_VERSION_SINCE = (2, 12)

# clearml-server's default cap on the items of one CSV download, which the web UI reads.
MAX_DOWNLOAD_ITEMS = 1000


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def verify_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    body = auth.VerifyCredentialsRequest.model_validate(_payload(request))
    identity = await service.verify_credentials(body.access_key, body.secret_key, body.address)
    verified = auth.VerifiedIdentity(**identity.model_dump(exclude={"session_id"}))
    return auth.VerifyCredentialsResponse(identity=verified).model_dump(mode="json")


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


async def get_vaults(service: IdentityService, request: RequestEnvelope) -> dict:
    """``users.get_vaults``: Cairn keeps no configuration vaults, so the list is empty. The
    SDK and the agent ask for it at every session start when the token's feature set is not
    ``basic``; anything but an answer or a 404 makes them log a warning each time."""
    users.GetVaultsRequest.model_validate(_payload(request))
    return users.GetVaultsResponse(vaults=[]).model_dump(mode="json")


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


async def supported_modes(service: IdentityService, request: RequestEnvelope) -> dict:
    modes = login_api.SupportedModesResponse(authenticated=request.identity is not None)
    return modes.model_dump(mode="json")


def _credential_key(credential: Credential) -> auth.CredentialKey:
    return auth.CredentialKey(
        access_key=credential.access_key,
        label=credential.label,
        last_used=credential.last_used,
        last_used_from=credential.last_used_from,
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
# ``login.logout`` (the web UI's logout) once the gateway routes it: add that name here.
ENDPOINTS: dict[str, Callable[[IdentityService, RequestEnvelope], Awaitable[dict]]] = {
    "auth.login": login,
    "auth.logout": logout,
    "auth.create_credentials": create_credentials,
    "auth.get_credentials": get_credentials,
    "auth.revoke_credentials": revoke_credentials,
    "auth.edit_credentials": edit_credentials,
    "users.get_current_user": get_current_user,
    "users.get_vaults": get_vaults,
    "server.info": server_info,
    "debug.ping": ping,
    "login.supported_modes": supported_modes,
    # Cairn's own calls from other processes, never routed from HTTP
    "internal.verify_credentials": verify_credentials,
    "internal.revoked_sessions": revoked_sessions,
}

# The endpoints this process answers (generated into ``shared/schemas/handled/identity.txt``,
# which the gateway routes by: ``make handled``).
# The companies room's table is its own (bound to the room in main.py).
HANDLED = clearml_endpoints([*ENDPOINTS, *COMPANIES_ENDPOINTS])


def handler_table(service: IdentityService) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler."""
    return {name: partial(handle, service) for name, handle in ENDPOINTS.items()}

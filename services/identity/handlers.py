"""The endpoint table of the identity process: parse the payload, call one use case, reply.

Handler names are ClearML endpoint names (plus Cairn's ``internal.*`` calls); the request
models are the same ones the gateway validates with (``shared.schemas.<service>``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.identity.domain import Credential, User
from services.identity.service import IdentityService
from shared.messaging.envelopes import RequestEnvelope
from shared.schemas import auth, debug, login, server, users

Handler = Callable[[RequestEnvelope], Awaitable[Any]]

# The ClearML endpoints identity answers (the gateway routes exactly these here;
# ``shared.endpoints.IMPLEMENTED["identity"]`` must list the same names).
HANDLED = frozenset(
    {
        "auth.login",
        "auth.logout",
        "auth.create_credentials",
        "auth.get_credentials",
        "auth.revoke_credentials",
        "auth.edit_credentials",
        "users.get_current_user",
        "server.info",
        "debug.ping",
        "login.supported_modes",
    }
)

# Cairn's own calls from other processes (never routed from HTTP).
INTERNAL = frozenset({"internal.verify_credentials", "internal.revoked_sessions"})

# The web UI caps batch downloads with this; the catalog types it as a string.
MAX_DOWNLOAD_ITEMS = "1000"


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


class IdentityHandlers:
    """One method per endpoint; :meth:`table` is what the RPC server dispatches on.

    ``logout`` also serves ``login.logout`` (the web UI's logout) once the gateway routes it:
    add the name to ``HANDLED``, to the table and to ``shared.endpoints.IMPLEMENTED``."""

    def __init__(self, service: IdentityService) -> None:
        self.service = service

    def table(self) -> dict[str, Handler]:
        return {
            "internal.verify_credentials": self.verify_credentials,
            "internal.revoked_sessions": self.revoked_sessions,
            "auth.login": self.login,
            "auth.logout": self.logout,
            "auth.create_credentials": self.create_credentials,
            "auth.get_credentials": self.get_credentials,
            "auth.revoke_credentials": self.revoke_credentials,
            "auth.edit_credentials": self.edit_credentials,
            "users.get_current_user": self.get_current_user,
            "server.info": self.server_info,
            "debug.ping": self.ping,
            "login.supported_modes": self.supported_modes,
        }

    async def verify_credentials(self, request: RequestEnvelope) -> dict:
        body = auth.VerifyCredentialsRequest.model_validate(_payload(request))
        identity = await self.service.verify_credentials(body.access_key, body.secret_key, body.address)
        verified = auth.VerifiedIdentity(**identity.model_dump(exclude={"session_id"}))
        return auth.VerifyCredentialsResponse(identity=verified).model_dump(mode="json")

    async def revoked_sessions(self, request: RequestEnvelope) -> dict:
        revoked = await self.service.revoked_sessions()
        sessions = [auth.RevokedSession(session_id=s, expires=e) for s, e in revoked]
        return auth.RevokedSessionsResponse(sessions=sessions).model_dump(mode="json")

    async def login(self, request: RequestEnvelope) -> dict:
        body = auth.LoginRequest.model_validate(_payload(request))
        token = await self.service.login(request.identity, body.expiration_sec)
        return auth.LoginResponse(token=token).model_dump(mode="json")

    async def logout(self, request: RequestEnvelope) -> dict:
        await self.service.logout(request.identity)
        return {}

    async def create_credentials(self, request: RequestEnvelope) -> dict:
        body = auth.CreateCredentialsRequest.model_validate(_payload(request))
        credential, secret = await self.service.create_credentials(request.identity, body.label)
        created = auth.Credentials(
            access_key=credential.access_key,
            secret_key=secret,
            label=credential.label,
            last_used=None,
            created=credential.created,
        )
        return auth.CreateCredentialsResponse(credentials=created).model_dump(mode="json")

    async def get_credentials(self, request: RequestEnvelope) -> dict:
        credentials = await self.service.get_credentials(request.identity)
        keys = [_credential_key(c) for c in credentials]
        return auth.GetCredentialsResponse(credentials=keys).model_dump(mode="json")

    async def revoke_credentials(self, request: RequestEnvelope) -> dict:
        body = auth.RevokeCredentialsRequest.model_validate(_payload(request))
        revoked = await self.service.revoke_credentials(request.identity, body.access_key)
        return auth.RevokeCredentialsResponse(revoked=revoked).model_dump(mode="json")

    async def edit_credentials(self, request: RequestEnvelope) -> dict:
        body = auth.EditCredentialsRequest.model_validate(_payload(request))
        updated = await self.service.edit_credentials(request.identity, body.access_key, body.label)
        return auth.EditCredentialsResponse(updated=updated).model_dump(mode="json")

    async def get_current_user(self, request: RequestEnvelope) -> dict:
        user, company_name = await self.service.current_user(request.identity)
        response = users.GetCurrentUserResponse(
            user=_current_user(user, company_name),
            settings=users.CurrentUserSettings(max_download_items=MAX_DOWNLOAD_ITEMS),
        )
        return response.model_dump(mode="json")

    async def server_info(self, request: RequestEnvelope) -> dict:
        settings = self.service.settings
        return server.InfoResponse(
            version=settings.server_version,
            build=settings.server_build,
            commit="",
            api_version=settings.api_version,
            uid=await self.service.server_uid(),
        ).model_dump(mode="json")

    async def ping(self, request: RequestEnvelope) -> dict:
        return debug.PingResponse().model_dump(mode="json")

    async def supported_modes(self, request: RequestEnvelope) -> dict:
        modes = login.SupportedModesResponse(authenticated=request.identity is not None)
        return modes.model_dump(mode="json")


def _credential_key(credential: Credential) -> auth.CredentialKey:
    return auth.CredentialKey(
        access_key=credential.access_key,
        label=credential.label,
        last_used=credential.last_used,
        last_used_from=credential.last_used_from,
        created=credential.created,
    )


def _current_user(user: User, company_name: str) -> users.CurrentUser:
    return users.CurrentUser(
        id=user.id,
        name=user.name,
        given_name=user.given_name,
        family_name=user.family_name,
        avatar=user.avatar,
        email=user.email,
        role=user.role,
        company=users.CompanyRef(id=user.company, name=company_name),
        preferences=user.preferences,
        created=user.created,
        created_in_version=user.created_in_version,
    )

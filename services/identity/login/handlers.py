"""Handlers of the login room (parse, one use case of ``LoginRoom``, reply); named in the
identity endpoint table (``services/identity/handlers.py``)."""

from __future__ import annotations

from typing import Any

from services.identity.login.room import LoginRoom
from services.identity.service import IdentityService
from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope
from shared.schemas import auth
from shared.schemas import login as login_api


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def verify_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    """``internal.verify_credentials``: HTTP Basic as a key pair or a login name and password."""
    body = auth.VerifyCredentialsRequest.model_validate(_payload(request))
    identity = await LoginRoom(service).verify(body.access_key, body.secret_key, body.address)
    verified = auth.VerifiedIdentity(**identity.model_dump(exclude={"session_id"}))
    return auth.VerifyCredentialsResponse(identity=verified).model_dump(mode="json")


async def set_password(service: IdentityService, request: RequestEnvelope) -> dict:
    body = login_api.SetPasswordRequest.model_validate(_payload(request))
    await LoginRoom(service).set_password(request.identity, body.password, body.old_password, body.user)
    return login_api.SetPasswordResponse().model_dump(mode="json")


async def impersonate(service: IdentityService, request: RequestEnvelope) -> dict:
    body = login_api.ImpersonateRequest.model_validate(_payload(request))
    identity = await LoginRoom(service).impersonate(request.identity, body.user, body.act_as)
    return login_api.ImpersonateResponse(identity=identity.model_dump(exclude={"session_id"})).model_dump(mode="json")


async def sso_not_configured(service: IdentityService, request: RequestEnvelope) -> dict:
    """``login.sso_*``, ``login.finish_sso_callback``, ``login.test_sso_callback``: Cairn has no
    single sign-on; the web UI only calls these when ``login.supported_modes`` lists an SSO
    provider, which it never does."""
    raise ApiError(400, 1, "single sign-on (SSO) is not configured on this server")

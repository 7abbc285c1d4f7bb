"""Handlers of the login room (parse, one use case of ``LoginRoom``, reply); named in the
identity endpoint table (``services/identity/handlers.py``)."""

from __future__ import annotations

from typing import Any

from services.identity.domain import User
from services.identity.login.invitations import InvitationRoom
from services.identity.login.room import LoginRoom
from services.identity.service import IdentityService
from services.identity.store.invitations import Invitation
from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope
from shared.schemas import auth
from shared.schemas import login as login_api
from shared.schemas.generated import login as generated


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def verify_credentials(service: IdentityService, request: RequestEnvelope) -> dict:
    """``internal.verify_credentials``: HTTP Basic as a key pair or a login name and password."""
    body = auth.VerifyCredentialsRequest.model_validate(_payload(request))
    identity, expire = await LoginRoom(service).verify(body.access_key, body.secret_key, body.address)
    verified = auth.VerifiedIdentity(**identity.model_dump(exclude={"session_id"}))
    return auth.VerifyCredentialsResponse(identity=verified, expire=expire).model_dump(mode="json", exclude_none=True)


async def set_password(service: IdentityService, request: RequestEnvelope) -> dict:
    body = login_api.SetPasswordRequest.model_validate(_payload(request))
    await LoginRoom(service).set_password(request.identity, body.password, body.old_password, body.user)
    return login_api.SetPasswordResponse().model_dump(mode="json")


async def impersonate(service: IdentityService, request: RequestEnvelope) -> dict:
    body = login_api.ImpersonateRequest.model_validate(_payload(request))
    identity = await LoginRoom(service).impersonate(request.identity, body.user, body.act_as)
    return login_api.ImpersonateResponse(identity=identity.model_dump(exclude={"session_id"})).model_dump(mode="json")


async def sso_not_configured(service: IdentityService, request: RequestEnvelope) -> dict:
    """``login.sso_callback_*`` (SAML assertions, provider-specific callbacks) and
    ``login.finish_sso_callback``: Cairn's single sign-on is OpenID Connect through
    ``login.sso_authorize`` and ``login.sso_callback`` (the SSO room, ``services/identity/sso``);
    it consumes no SAML assertion and never answers a ``choose_company`` to finish."""
    raise ApiError(400, 1, "this single sign-on (SSO) callback is not supported: Cairn logs in "
                           "through OpenID Connect configurations (login.sso_callback)")


def _entry(invitation: Invitation, users: dict[str, User]) -> generated.WhitelistEntry:
    user = users.get(invitation.user or "")
    return generated.WhitelistEntry(
        email=invitation.email,
        added=invitation.added,
        accepted=invitation.accepted,
        status="accepted" if invitation.accepted else "pending",
        user=generated.WhitelistEntryUser(id=user.id, name=user.name, role=user.role) if user else None,
    )


async def get_settings(service: IdentityService, request: RequestEnvelope) -> dict:
    domains, invitations = await InvitationRoom(service).settings(request.identity)
    users = {i.user: await service.ports.users.get(i.user) for i in invitations if i.user}
    entries = [_entry(i, {k: v for k, v in users.items() if v}) for i in invitations]
    response = generated.GetSettingsResponse(domains=domains, whitelist_entries=entries)
    return response.model_dump(mode="json", exclude_none=True)


async def add_whitelist_entries(service: IdentityService, request: RequestEnvelope) -> dict:
    body = generated.AddWhitelistEntriesRequest.model_validate(_payload(request))
    added = await InvitationRoom(service).add(request.identity, body.emails, body.role, bool(body.is_admin))
    return generated.AddWhitelistEntriesResponse(added=added).model_dump(mode="json")


async def remove_whitelist_entries(service: IdentityService, request: RequestEnvelope) -> dict:
    body = generated.RemoveWhitelistEntriesRequest.model_validate(_payload(request))
    removed = await InvitationRoom(service).remove(request.identity, body.emails)
    return generated.RemoveWhitelistEntriesResponse(removed=removed).model_dump(mode="json")


async def set_domains(service: IdentityService, request: RequestEnvelope) -> dict:
    body = generated.SetDomainsRequest.model_validate(_payload(request))
    await InvitationRoom(service).set_domains(request.identity, body.domains)
    return {}


async def get_whitelist(service: IdentityService, request: RequestEnvelope) -> dict:
    entries = [
        generated.LoginWhiteListV15(
            id=f"{company}:{domain or 'emails'}", company=company, domain=domain,
            emails=[generated.LoginWhiteListEmailEntry(email=i.email, added=i.added) for i in invitations],
        )
        for company, domain, invitations in await InvitationRoom(service).whitelist()
    ]
    return generated.GetWhitelistResponse(entries=entries).model_dump(mode="json", exclude_none=True)


async def signup_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = login_api.SignupUserRequest.model_validate(_payload(request))
    done = await InvitationRoom(service).signup(body.signup_data, bool(body.return_token))
    response = generated.SignupUserResponse(company_id=done.company, company_name=done.company_name,
                                            user_id=done.user, token=done.token)
    return response.model_dump(mode="json", exclude_none=True)

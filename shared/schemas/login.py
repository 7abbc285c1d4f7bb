"""Requests and responses of ClearML's ``login`` service (the part Cairn implements)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared.schemas.auth import LogoutRequest
from shared.schemas.base import IGNORE_UNKNOWN_FIELDS, Request
from shared.schemas.generated import login as generated


class SupportedModesRequest(generated.SupportedModesRequest):
    """``login.supported_modes``: which login methods the server offers (no auth needed).
    Unknown fields ignored (see ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class GuestMode(BaseModel):
    enabled: bool = False


class BasicMode(BaseModel):
    enabled: bool = True
    guest: GuestMode = Field(default_factory=GuestMode)


class ServerErrors(BaseModel):
    es_connection_error: bool = False
    missed_es_upgrade: bool = False


class SupportedModesResponse(BaseModel):
    authenticated: bool
    basic: BasicMode = Field(default_factory=BasicMode)
    sso: dict[str, str] = Field(default_factory=dict)
    sso_providers: list[dict[str, Any]] = Field(default_factory=list)
    server_errors: ServerErrors = Field(default_factory=ServerErrors)


class SetPasswordRequest(BaseModel):
    """``login.set_password`` (Cairn's, not ClearML's: clearml-server keeps passwords only in
    its configuration file). Sets ``password`` for ``user`` (default: the caller). A user
    changing their own password sends the current one as ``old_password``; an admin of the
    user's company (or a system role) resets another user's without it."""

    model_config = IGNORE_UNKNOWN_FIELDS

    password: str
    old_password: str | None = None
    user: str | None = None


class SetPasswordResponse(BaseModel):
    set: bool = True


class ImpersonateRequest(Request):
    """``internal.impersonate``: the identity the gateway acts under for a caller that sent
    ``X-ClearML-Impersonate-As`` (``act_as`` false) or ``X-ClearML-Act-As`` (true)."""

    user: str
    act_as: bool = False


class ImpersonateResponse(BaseModel):
    identity: dict[str, Any]


class SignupData(generated.SignupUserRequestSignupData):
    """``login.signup_user``'s ``signup_data``, refined: Cairn has no SSO provider to vouch for
    the new user, so (password login model) the invited user chooses a ``password`` here."""

    password: str | None = None


class SignupUserRequest(generated.SignupUserRequest):
    """``login.signup_user``: an invited email (``login.add_whitelist_entries``), or one under a
    company's sign-up domain (``login.set_domains``), creates its user and may log in."""

    signup_data: SignupData


REQUESTS: dict[str, type[BaseModel]] = {
    "login.supported_modes": SupportedModesRequest,
    # The web UI's logout: revokes the caller's session like ``auth.logout`` (the same shape).
    "login.logout": LogoutRequest,
    "login.set_password": SetPasswordRequest,
    "login.signup_user": SignupUserRequest,
}

RESPONSES: dict[str, type[BaseModel]] = {
    "login.set_password": SetPasswordResponse,
}

# Not ClearML endpoints: called by the gateway only, never routed from HTTP.
INTERNAL_REQUESTS: dict[str, type[Request]] = {
    "internal.impersonate": ImpersonateRequest,
}

"""Requests and responses of ClearML's ``auth`` service (and identity's internal calls).

Field names and types follow the endpoint catalog (``spec/endpoints.json``, newest version of
each endpoint) and the ``auth.credentials`` / ``auth.credential_key`` definitions.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shared.schemas.base import IGNORE_UNKNOWN_FIELDS, Model, Request
from shared.schemas.generated import auth as generated
# The catalog's models, unchanged: the use cases name them through this module.
from shared.schemas.generated.auth import EditCredentialsRequest, RevokeCredentialsRequest

# The longest session a token may have (clearml-server's ``apiserver.auth.max_expiration_sec``).
MAX_EXPIRATION_SEC = 31_536_000


class LoginRequest(generated.LoginRequest):
    """``auth.login``: a session token for the caller.

    Refined from the catalog: ``expiration_sec`` above :data:`MAX_EXPIRATION_SEC` is a
    validation error (400/12), as clearml-server's request class declares; nothing is capped
    silently."""

    expiration_sec: int | None = Field(default=None, le=MAX_EXPIRATION_SEC)


class LogoutRequest(generated.LogoutRequest):
    """``auth.logout``: revoke the caller's session token. Unknown fields ignored (see
    ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class CreateCredentialsRequest(generated.CreateCredentialsRequest):
    """``auth.create_credentials``: a new key pair for the caller. Unknown fields ignored (see
    ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class GetCredentialsRequest(generated.GetCredentialsRequest):
    """``auth.get_credentials``: the caller's access keys (never their secrets). Unknown fields
    ignored (see ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class FixedUsersModeRequest(generated.FixedUsersModeRequest):
    """``auth.fixed_users_mode``: whether users come from a fixed list in configuration.
    Unknown fields ignored (see ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class VerifyCredentialsRequest(Request):
    """``internal.verify_credentials`` (Cairn only): the gateway checks HTTP Basic auth.

    ``address`` is the client's address, recorded as the credentials' ``last_used_from``.
    """

    access_key: str
    secret_key: str
    address: str | None = None


class RevokedSessionsRequest(Request):
    """``internal.revoked_sessions`` (Cairn only): the sessions revoked and not yet expired,
    so a starting gateway does not depend on how long Kafka keeps the changes topic."""


class Credentials(Model):
    """``auth.credentials``: a new key pair, answered once by ``auth.create_credentials``.

    Refined from the catalog: only ``access_key``, ``secret_key`` and ``label``, as
    clearml-server's answer (no ``last_used`` or ``created``); dumped without unset fields."""

    access_key: str
    secret_key: str
    label: str | None = None


class CredentialKey(Model):
    """``auth.credential_key``: a key without its secret, as ``auth.get_credentials`` lists it.

    Refined from the catalog: no ``created`` (clearml-server does not answer it); dumped
    without unset fields (a key never used has no ``last_used``)."""

    access_key: str
    label: str | None = None
    last_used: datetime | None = None
    last_used_from: str | None = None
    expire: datetime | None = None  # the seed's: absent for a key that never expires


class LoginResponse(BaseModel):
    token: str


class CreateCredentialsResponse(BaseModel):
    credentials: Credentials


class GetCredentialsResponse(BaseModel):
    credentials: list[CredentialKey]


class RevokeCredentialsResponse(BaseModel):
    revoked: int


class EditCredentialsResponse(BaseModel):
    updated: int


class VerifiedIdentity(BaseModel):
    """Who the credentials belong to (the ``Identity`` envelope fields, without a session)."""

    company: str
    user: str
    role: str
    user_name: str = ""
    company_name: str = ""


class VerifyCredentialsResponse(BaseModel):
    identity: VerifiedIdentity
    # Unix seconds after which the pair is refused (None: never): a cached answer ends then.
    expire: float | None = None


class RevokedSession(BaseModel):
    session_id: str
    expires: int  # unix seconds: the revocation matters until then


class RevokedSessionsResponse(BaseModel):
    sessions: list[RevokedSession]


REQUESTS: dict[str, type[BaseModel]] = {
    "auth.login": LoginRequest,
    "auth.logout": LogoutRequest,
    "auth.create_credentials": CreateCredentialsRequest,
    "auth.get_credentials": GetCredentialsRequest,
    # The catalog lists ``access_key`` as optional; clearml-server's request class requires it
    # and the use case answers its 400/12 when it is missing.
    "auth.revoke_credentials": RevokeCredentialsRequest,
    "auth.edit_credentials": EditCredentialsRequest,
    # the users room (services/identity/users/): the catalog's models, but for fixed_users_mode
    "auth.create_user": generated.CreateUserRequest,
    "auth.edit_user": generated.EditUserRequest,
    "auth.validate_token": generated.ValidateTokenRequest,
    "auth.fixed_users_mode": FixedUsersModeRequest,
    "auth.get_token_for_user": generated.GetTokenForUserRequest,
    "auth.add_user": generated.AddUserRequest,
    "auth.delete_user": generated.DeleteUserRequest,
    "auth.create_service_user": generated.CreateServiceUserRequest,
    "auth.get_users_info": generated.GetUsersInfoRequest,
    "auth.validate_user": generated.ValidateUserRequest,
    # room access (Enterprise): as the catalog says
    "auth.locate_credentials": generated.LocateCredentialsRequest,
    "auth.set_credentials": generated.SetCredentialsRequest,
}

# Not ClearML endpoints: called by other Cairn processes only, never routed from HTTP.
INTERNAL_REQUESTS: dict[str, type[Request]] = {
    "internal.verify_credentials": VerifyCredentialsRequest,
    "internal.revoked_sessions": RevokedSessionsRequest,
}

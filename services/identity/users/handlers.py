"""Handlers of the users room: parse the payload with the model the gateway validated it
with, call one use case of ``IdentityService.users`` and answer ClearML's response data.
Listed in identity's endpoint table (``services/identity/handlers.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from services.identity.users.accounts import NewUser
from services.identity.users.rules import ASSIGNABLE_ROLES, ROLE_DISPLAY_NAMES
from services.identity.users.vault_store import OperationQuery
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.schemas import auth, users

if TYPE_CHECKING:
    from services.identity.service import IdentityService


# The request model of each endpoint of the room (the one the gateway validated with).
_MODELS = {**users.REQUESTS, **auth.REQUESTS}


def _body(request: RequestEnvelope) -> dict[str, Any]:
    """The fields the caller sent, as the endpoint's request model reads them (unset fields
    left out)."""
    payload = request.payload if isinstance(request.payload, dict) else {}
    model = _MODELS[request.endpoint]
    return model.model_validate(payload).model_dump(mode="json", exclude_unset=True, by_alias=True)


def _caller(request: RequestEnvelope) -> Identity:
    if request.identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return request.identity


async def get_all(service: IdentityService, request: RequestEnvelope) -> dict:
    """``users.get_all`` and ``users.get_all_ex`` (each parsed with its own model)."""
    body = _body(request)
    return to_api({"users": await service.users.directory.get_all(_caller(request), body)})


async def get_by_id(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    return to_api({"user": await service.users.directory.get_by_id(_caller(request), body["user"])})


async def create(service: IdentityService, request: RequestEnvelope) -> dict:
    await service.users.directory.create(_body(request))
    return {}


async def update(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    updated, fields = await service.users.directory.update(_caller(request), body["user"], body)
    return {"updated": updated, "fields": fields}


async def delete(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    await service.users.accounts.delete_user(_caller(request), body["user"])
    return {}


async def get_preferences(service: IdentityService, request: RequestEnvelope) -> dict:
    return {"preferences": await service.users.directory.get_preferences(_caller(request))}


async def set_preferences(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    updated, fields = await service.users.directory.set_preferences(_caller(request), body["preferences"])
    return {"updated": updated, "fields": fields if body.get("return_updated", True) else {}}


async def create_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    new = NewUser(
        company=body["company"],
        name=body["name"],
        email=body["email"],
        role=body.get("role") or "user",
        given_name=body.get("given_name") or "",
        family_name=body.get("family_name") or "",
        avatar=body.get("avatar"),
    )
    user = await service.users.accounts.create_user(_caller(request), new)
    return {"id": user.id}


async def edit_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    if "role" not in body:
        return {"updated": 0, "fields": {}}
    updated = await service.users.accounts.set_role(_caller(request), body.get("user"), body["role"])
    return {"updated": updated, "fields": {"role": body["role"]} if updated else {}}


async def validate_token(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    return await service.users.accounts.validate_token(body["token"])


async def fixed_users_mode(service: IdentityService, request: RequestEnvelope) -> dict:
    """``auth.fixed_users_mode``: Cairn keeps its users in the database, never in a fixed
    list from configuration, so the mode is off."""
    return {"enabled": False, "server_errors": {}}


async def get_token_for_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    token = await service.users.accounts.token_for_user(body["user"], body.get("company"), body.get("expiration_sec"))
    return {"token": token}


# --- Enterprise ---------------------------------------------------------------------------


async def add_user(service: IdentityService, request: RequestEnvelope) -> dict:
    """``auth.add_user``: an admin adds a user to its own company (or the named one, for
    system callers); no secret is made here (passwords are the login room's)."""
    caller = _caller(request)
    body = _body(request)
    new = NewUser(
        company=body.get("company") or caller.company,
        name=body["name"],
        email=body["email"],
        given_name=body.get("given_name") or "",
        family_name=body.get("family_name") or "",
        avatar=body.get("avatar"),
    )
    user = await service.users.accounts.create_user(caller, new)
    return {"id": user.id}


async def delete_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    await service.users.accounts.delete_user(_caller(request), body["user"])
    return {"deleted": True}


async def set_role(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    role = body["role"]
    if role not in ASSIGNABLE_ROLES:
        raise ApiError(400, 12, f"Validation error: role must be one of {', '.join(ASSIGNABLE_ROLES)}")
    return {"updated": await service.users.accounts.set_role(_caller(request), body["user"], role)}


async def set_admin(service: IdentityService, request: RequestEnvelope) -> dict:
    """``users.set_admin``: ``admin: true`` makes the user an admin, ``false`` a user."""
    body = _body(request)
    role = "admin" if body.get("admin", True) else "user"
    return {"updated": await service.users.accounts.set_role(_caller(request), body.get("user"), role)}


async def get_role_options(service: IdentityService, request: RequestEnvelope) -> dict:
    return {"roles": [{"role": role, "display_name": ROLE_DISPLAY_NAMES[role]} for role in ASSIGNABLE_ROLES]}


async def get_terms_of_use(service: IdentityService, request: RequestEnvelope) -> dict:
    """``users.get_terms_of_use``: Cairn publishes no terms of use, so there are none to
    accept (the web UI then shows no terms dialog)."""
    return {"terms_of_use": None}


async def accept_terms_of_use(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    updated, fields = await service.users.directory.accept_terms_of_use(_caller(request), body["version"])
    return {"updated": updated, "fields": fields}


async def create_service_user(service: IdentityService, request: RequestEnvelope) -> dict:
    """``auth.create_service_user``: the service user and its first key pair (the secret is
    answered here only), made as ``auth.create_credentials`` makes the caller's own."""
    body = _body(request)
    rooms = service.users.service_users
    owner = await rooms.create(_caller(request), body["name"], bool(body.get("allow_running_as_owner")))
    credential, secret = await service.create_credentials(owner, None)
    return {"id": owner.user, "credentials": {"access_key": credential.access_key, "secret_key": secret}}


async def get_service_users(service: IdentityService, request: RequestEnvelope) -> dict:
    _body(request)
    return to_api(await service.users.service_users.listing(_caller(request)))


async def update_service_user(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    return {"updated": await service.users.service_users.update(_caller(request), body["user"], body)}


async def get_users_info(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    return to_api({"users": await service.users.accounts.users_info(body.get("users") or [], body.get("emails") or [])})


async def validate_user(service: IdentityService, request: RequestEnvelope) -> dict:
    return await service.users.accounts.validate_user(_body(request)["email"])


async def add_or_update_vault(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    vaults = service.users.vaults
    vault_id = await vaults.add_or_update(_caller(request), body["vault"], body.get("user"), body.get("group"))
    return {"vault": vault_id}


async def delete_vaults(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    return {"deleted": await service.users.vaults.delete(_caller(request), body.get("vaults") or [])}


async def get_vaults(service: IdentityService, request: RequestEnvelope) -> dict:
    """``users.get_vaults``: the vaults of the caller's session. The SDK and the agent ask
    for it at every session start when the token's feature set is not ``basic``; anything but
    an answer or a 404 makes them log a warning each time."""
    body = _body(request)
    found = await service.users.vaults.for_session(_caller(request), bool(body.get("enabled")), body.get("types"))
    return to_api({"vaults": found})


async def get_organization_vaults(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    vaults = service.users.vaults
    found = await vaults.of_organization(_caller(request), bool(body.get("enabled")), body.get("types"))
    return to_api({"vaults": found})


async def get_vault_operations_log(service: IdentityService, request: RequestEnvelope) -> dict:
    body = _body(request)
    page, size = body.get("page") or 0, body.get("page_size") or 0
    if page < 0 or size < 0 or page * size >= 2**31:  # MongoDB's skip and limit (schemathesis: 500)
        raise ApiError.named("validation_error", "page and page_size must be non-negative, their product below 2^31",
                             page=page, page_size=size)
    query = OperationQuery(
        company=_caller(request).company,
        operations=tuple(body.get("operations") or ()),
        users=tuple(body.get("users") or ()),
        vaults=tuple(body.get("vaults") or ()),
        scopes=tuple(body.get("scope") or ()),
        since=_when(body.get("from_timestamp")),
        until=_when(body.get("to_timestamp")),
        newest_first=body.get("order", "desc") == "desc",
        skip=page * size,
        limit=size,
    )
    return to_api({"operations": await service.users.vaults.operations(query)})


def _when(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None


async def get_vault_operations_log_filters(service: IdentityService, request: RequestEnvelope) -> dict:
    _body(request)
    return await service.users.vaults.operation_filters(_caller(request))

"""The endpoint table of the ops room: each ClearML endpoint it answers, next to the function
that answers it. Merged into identity's table in ``services/identity/handlers.py``; bound in
``main.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from services.identity.login import handlers as login_room
from services.identity.ops import OpsRoom
from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import auth as auth_api
from shared.schemas.generated import server as server_api
from shared.schemas.generated import system as system_api
from shared.schemas.generated import users as users_api


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def get_task_token(room: OpsRoom, request: RequestEnvelope) -> dict:
    body = auth_api.GetTaskTokenRequest.model_validate(_payload(request))
    token = await room.task_tokens.for_caller(request.identity, body.task, body.expiration_sec)
    return auth_api.GetTaskTokenResponse(token=token).model_dump(mode="json")


async def get_task_token_for_user(room: OpsRoom, request: RequestEnvelope) -> dict:
    body = auth_api.GetTaskTokenForUserRequest.model_validate(_payload(request))
    token = await room.task_tokens.for_user(body.user, body.company, body.task, body.expiration_sec)
    return auth_api.GetTaskTokenForUserResponse(token=token).model_dump(mode="json")


async def reload_config(room: OpsRoom, request: RequestEnvelope) -> dict:
    """``auth.reload_config``: Cairn reads its settings from the environment at start and
    keeps no configuration file to reread, so there is nothing to reload: done."""
    return {}


async def get_whitelist(room: OpsRoom, request: RequestEnvelope) -> dict:
    """``users.get_whitelist`` (system roles): the login whitelist's entries, narrowed to a
    ``domain`` (its entries) or an ``email`` (the entries that let that address in)."""
    body = users_api.GetWhitelistRequest.model_validate(_payload(request))
    entries = (await login_room.get_whitelist(room.identity, request)).get("entries", [])
    if body.domain:
        entries = [e for e in entries if (e.get("domain") or "").lower() == body.domain.lower()]
    if body.email:
        entries = [_for_email(e, body.email.lower()) for e in entries]
        entries = [e for e in entries if e is not None]
    # The users service's entry (seed ``users.login_white_list_v1_5``) lists bare addresses.
    entries = [{**e, "emails": [i["email"] for i in e["emails"]]} if "emails" in e else e for e in entries]
    return users_api.GetWhitelistResponse.model_validate({"entries": entries}).model_dump(mode="json", exclude_none=True)


def _for_email(entry: dict[str, Any], email: str) -> dict[str, Any] | None:
    """The entry as far as it lets ``email`` in: its domain's, or its invitation of it."""
    if entry.get("domain"):
        return entry if email.rpartition("@")[2] == entry["domain"].lower() else None
    invited = [e for e in entry.get("emails", []) if (e.get("email") or "").lower() == email]
    return {**entry, "emails": invited} if invited else None


async def db_version(room: OpsRoom, request: RequestEnvelope) -> dict:
    body = server_api.DbVersionRequest.model_validate(_payload(request))
    return await room.db_version.answer(body.history)


async def copy_tasks(room: OpsRoom, request: RequestEnvelope) -> dict:
    body = system_api.CopyTasksRequest.model_validate(_payload(request))
    if request.identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    ids = await room.copies.copy(request.identity, body.company, body.user, body.tasks, body.project,
                                 body.new_project_name)
    return system_api.CopyTasksResponse(ids=ids).model_dump(mode="json")


ENDPOINTS: dict[str, Callable[[OpsRoom, RequestEnvelope], Awaitable[dict]]] = {
    "auth.get_task_token": get_task_token,
    "auth.get_task_token_for_user": get_task_token_for_user,
    "auth.reload_config": reload_config,
    "users.get_whitelist": get_whitelist,
    "server.db_version": db_version,
    "system.copy_tasks": copy_tasks,
}


def handler_table(room: OpsRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: partial(handle, room) for name, handle in ENDPOINTS.items()}

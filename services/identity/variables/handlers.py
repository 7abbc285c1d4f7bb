"""The endpoint table of the variables room (every role may use them, per the catalog).
Merged into identity's table in ``services/identity/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from pydantic import BaseModel

from services.identity.variables import VariablesRoom
from shared.messaging.envelopes import Identity
from shared.messaging.handlers import use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import variables as api
from shared.schemas.generated import variables as generated


async def get_global_vars(room: VariablesRoom, caller: Identity, body: generated.GetGlobalVarsRequest) -> dict:
    return {"vars": await room.service.get(caller, body.keys)}


async def set_global_vars(room: VariablesRoom, caller: Identity, body: api.SetGlobalVarsRequest) -> dict:
    return {"updated": await room.service.set(caller, body.vars)}


async def delete_global_vars(room: VariablesRoom, caller: Identity, body: generated.DeleteGlobalVarsRequest) -> dict:
    return {"deleted": await room.service.delete(caller, body.keys)}


async def increment_global_vars(room: VariablesRoom, caller: Identity, body: api.IncrementGlobalVarsRequest) -> dict:
    return {"vars": await room.service.increment(caller, body.commands)}


UseCase = Callable[[VariablesRoom, Identity, Any], Awaitable[dict]]

ENDPOINTS: dict[str, tuple[type[BaseModel], UseCase]] = {
    "variables.get_global_vars": (generated.GetGlobalVarsRequest, get_global_vars),
    "variables.set_global_vars": (api.SetGlobalVarsRequest, set_global_vars),
    "variables.delete_global_vars": (generated.DeleteGlobalVarsRequest, delete_global_vars),
    "variables.increment_global_vars": (api.IncrementGlobalVarsRequest, increment_global_vars),
}


def handler_table(room: VariablesRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: use_case_handler(model, partial(use_case, room), name)
            for name, (model, use_case) in ENDPOINTS.items()}

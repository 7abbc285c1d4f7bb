"""The routing room's endpoint table: each endpoint next to the function that answers it.
Merged into identity's table in ``services/identity/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from services.identity.routing import RoutingRoom
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import caller
from shared.messaging.rpc_server import Handler
from shared.schemas import routers as internal_api
from shared.schemas.generated import auth as api


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


async def generate_router_token(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.GenerateRouterTokenRequest.model_validate(_payload(request))
    return {"token": await room.tokens.generate_router_token(caller(request), body)}


async def generate_endpoint_router_token(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.GenerateEndpointRouterTokenRequest.model_validate(_payload(request))
    return {"token": await room.tokens.generate_endpoint_router_token(caller(request), body)}


async def get_router_tokens(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.GetRouterTokensRequest.model_validate(_payload(request))
    return await room.tokens.get_router_tokens(caller(request), body)


async def revoke_router_tokens(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.RevokeRouterTokensRequest.model_validate(_payload(request))
    return {"revoked": await room.tokens.revoke_router_tokens(caller(request), body)}


async def redirect_to_router(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.RedirectToRouterRequest.model_validate(_payload(request))
    return await room.tokens.redirect_to_router(caller(request), body)


async def validate_router_code(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = api.ValidateRouterCodeRequest.model_validate(_payload(request))
    return {"token": await room.tokens.validate_router_code(caller(request), body)}


async def verify_router_token(room: RoutingRoom, request: RequestEnvelope) -> dict:
    body = internal_api.VerifyRouterTokenRequest.model_validate(_payload(request))
    return await room.tokens.verify(body.token)


ENDPOINTS: dict[str, Callable[[RoutingRoom, RequestEnvelope], Awaitable[dict]]] = {
    "auth.generate_router_token": generate_router_token,
    "auth.generate_endpoint_router_token": generate_endpoint_router_token,
    "auth.get_router_tokens": get_router_tokens,
    "auth.revoke_router_tokens": revoke_router_tokens,
    "auth.redirect_to_router": redirect_to_router,
    "auth.validate_router_code": validate_router_code,
    # the queues process's routers.check_task_route_access
    "internal.verify_router_token": verify_router_token,
}


def handler_table(room: RoutingRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: partial(handle, room) for name, handle in ENDPOINTS.items()}

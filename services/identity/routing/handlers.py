"""The routing room's endpoint table: each endpoint next to the function that answers it.
Merged into identity's table in ``services/identity/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from services.identity.routing import RoutingRoom
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import INTERNAL_PREFIX, UseCase, caller
from shared.messaging.rpc_server import Handler
from shared.schemas import routers as internal_api
from shared.schemas.generated import auth as api

# endpoint -> (its request, the room's use case, the answer's one field when the use case
# answers a bare value, "" when it answers the whole body)
ENDPOINTS: dict[str, tuple[type[BaseModel], Callable[[RoutingRoom], UseCase], str]] = {
    "auth.generate_router_token": (api.GenerateRouterTokenRequest, lambda room: room.tokens.generate_router_token,
                                   "token"),
    "auth.generate_endpoint_router_token": (api.GenerateEndpointRouterTokenRequest,
                                            lambda room: room.tokens.generate_endpoint_router_token, "token"),
    "auth.get_router_tokens": (api.GetRouterTokensRequest, lambda room: room.tokens.get_router_tokens, ""),
    "auth.revoke_router_tokens": (api.RevokeRouterTokensRequest, lambda room: room.tokens.revoke_router_tokens,
                                  "revoked"),
    "auth.redirect_to_router": (api.RedirectToRouterRequest, lambda room: room.tokens.redirect_to_router, ""),
    "auth.validate_router_code": (api.ValidateRouterCodeRequest, lambda room: room.tokens.validate_router_code,
                                  "token"),
    # the queues process's routers.check_task_route_access (any caller: the token decides)
    "internal.verify_router_token": (internal_api.VerifyRouterTokenRequest,
                                     lambda room: lambda _caller, body: room.tokens.verify(body.token), ""),
}


def _handler(endpoint: str, room: RoutingRoom) -> Handler:
    """The payload (a non-object: empty) parsed by the endpoint's request; its use case
    called with the caller (required but for Cairn's internal actions); the answer shaped."""
    model, pick, field = ENDPOINTS[endpoint]

    async def handle(request: RequestEnvelope) -> Any:
        body = model.model_validate(request.payload if isinstance(request.payload, dict) else {})
        who = request.identity if endpoint.startswith(INTERNAL_PREFIX) else caller(request)
        answer = await pick(room)(who, body)
        return {field: answer} if field else answer

    handle.__name__ = f"handle_{endpoint.replace('.', '_')}"
    return handle


def handler_table(room: RoutingRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: _handler(name, room) for name in ENDPOINTS}

"""A use case as an RPC handler: the request's payload parsed by its model, the caller's
identity required, the use case called with both (every service's handler table uses this)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from pydantic import BaseModel

from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import Handler

UseCase = Callable[[Identity, Any], Awaitable[Any]]


def caller(request: RequestEnvelope) -> Identity:
    """The authenticated caller (the gateway ensures one for these endpoints)."""
    if request.identity is None:
        raise ApiError.named("not_authorized", f"{request.endpoint} needs an authenticated caller")
    return request.identity


def use_case_handler(model: type[BaseModel], use_case: UseCase, endpoint: str = "", batch: bool = False) -> Handler:
    """``batch``: the payload is a list (JSON lines), each item parsed by ``model``. A pydantic
    ValidationError becomes 400/11 or 400/12 in the RPC server."""

    async def handle(request: RequestEnvelope) -> Any:
        raw = request.payload if request.payload is not None else {}
        if batch:
            payload: Any = [model.model_validate(item) for item in (raw if isinstance(raw, list) else [raw])]
        else:
            payload = model.model_validate(raw)
        return await use_case(caller(request), payload)

    if endpoint:
        handle.__name__ = f"handle_{endpoint.replace('.', '_')}"
    return handle


INTERNAL_PREFIX = "internal."


def clearml_endpoints(table: Iterable[str]) -> frozenset[str]:
    """The ClearML endpoints of an endpoint table: every name but Cairn's own ``internal.*``
    actions, which other processes call and the gateway never routes."""
    return frozenset(name for name in table if not name.startswith(INTERNAL_PREFIX))

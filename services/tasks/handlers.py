"""The tasks process's endpoint table: parse the request with its shared model, call one use
case with the caller's identity, reply with the ClearML response data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel

from services.tasks.service import ProjectService, TaskService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import Handler
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

UseCase = Callable[[Identity, Any], Awaitable[Any]]

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = frozenset(
    {
        "projects.create",
        "projects.get_all",
        "projects.get_by_id",
        "tasks.create",
        "tasks.get_by_id",
        "tasks.get_all",
        "tasks.edit",
    }
)

_MODELS: dict[str, type[BaseModel]] = {**projects_api.REQUESTS, **tasks_api.REQUESTS}


def handler_table(projects: ProjectService, tasks: TaskService) -> dict[str, Handler]:
    """Endpoint name -> RPC handler."""
    return {
        "projects.create": _handler("projects.create", projects.create),
        "projects.get_all": _handler("projects.get_all", projects.get_all),
        "projects.get_by_id": _handler("projects.get_by_id", projects.get_by_id),
        "tasks.create": _handler("tasks.create", tasks.create),
        "tasks.get_by_id": _handler("tasks.get_by_id", tasks.get_by_id),
        "tasks.get_all": _handler("tasks.get_all", tasks.get_all),
        "tasks.edit": _handler("tasks.edit", tasks.edit),
    }


def _handler(endpoint: str, use_case: UseCase) -> Handler:
    model = _MODELS[endpoint]

    async def handle(request: RequestEnvelope) -> Any:
        # A pydantic ValidationError here becomes 400/11 or 400/12 in the RPC server.
        payload = model.model_validate(request.payload if request.payload is not None else {})
        return await use_case(_identity(request), payload)

    handle.__name__ = f"handle_{endpoint.replace('.', '_')}"
    return handle


def _identity(request: RequestEnvelope) -> Identity:
    """Every endpoint of this process needs an authenticated caller (the gateway ensures it)."""
    if request.identity is None:
        raise ApiError.named("not_authorized", f"{request.endpoint} needs an authenticated caller")
    return request.identity

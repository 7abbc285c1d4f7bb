"""The neighbours the routers room asks: the tasks process (task names and runtime
properties; ``tasks.edit_runtime`` to give a task its endpoint) and identity (whose router
tokens ``check_task_route_access`` checks). Ports with their RPC adapters and null objects."""

from __future__ import annotations

from typing import Any, Protocol

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc


class TaskDirectory(Protocol):
    async def get(self, identity: Identity, ids: list[str], only_fields: list[str],
                  order_by: list[str] | None = None) -> list[dict[str, Any]]:
        """The tasks of the caller's company among ``ids`` (unknown ids are left out)."""

    async def set_runtime(self, identity: Identity, task: str, properties: dict[str, str]) -> None:
        """Add or update runtime properties of a task (400/101 for an unknown one)."""


class RouterTokens(Protocol):
    async def verify(self, token: str) -> dict[str, Any]:
        """``{id, type, company, user, role, endpoints}`` of a live router token, else 401/30
        (invalid, expired, not a router token) or 401/31 (revoked)."""


class RpcTaskDirectory:
    def __init__(self, tasks: ProcessRpc) -> None:
        self._tasks = tasks

    async def get(self, identity: Identity, ids: list[str], only_fields: list[str],
                  order_by: list[str] | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"id": ids, "only_fields": only_fields, "search_hidden": True}
        if order_by:
            body["order_by"] = order_by
        answer = await self._tasks.call(identity, "tasks.get_all_ex", body)
        return list(answer.get("tasks") or [])

    async def set_runtime(self, identity: Identity, task: str, properties: dict[str, str]) -> None:
        await self._tasks.call(identity, "tasks.edit_runtime", {"task": task, "add_or_update": properties,
                                                                "force": True}, key=task)


class RpcRouterTokens:
    def __init__(self, identity: ProcessRpc) -> None:
        self._identity = identity

    async def verify(self, token: str) -> dict[str, Any]:
        return await self._identity.call(None, "internal.verify_router_token", {"token": token})


class NoRouterTokens:
    """Without identity no token can be checked: every one is refused."""

    async def verify(self, token: str) -> dict[str, Any]:
        raise ApiError.named("invalid_token", "router tokens cannot be checked here")

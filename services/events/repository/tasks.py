"""The tasks service as the events process sees it (``TaskDirectory``), over Kafka RPC."""

from __future__ import annotations

from typing import Any

from services.events.domain import Summary, Target
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient


class RpcTaskDirectory:
    """The tasks service over Kafka RPC (the events process calls the tasks process)."""

    def __init__(self, rpc: RpcClient) -> None:
        self._rpc = rpc

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        return await self._call(identity, "internal.event_targets", {"tasks": tasks, "models": models})

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        payload = {
            "entity": target.entity,
            "id": target.id,
            "last_iteration": summary.last_iteration,
            "last_metrics": summary.last_metrics,
        }
        await self._call(identity, "internal.fold_metrics", payload, key=target.id)

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        """``tasks.get_all`` / ``models.get_all`` with only ``id`` and ``name``."""
        endpoint, key = ("models.get_all", "models") if models else ("tasks.get_all", "tasks")
        answer = await self._call(identity, endpoint, {"id": ids, "only_fields": ["id", "name"]})
        return {item["id"]: item.get("name") for item in (answer or {}).get(key, []) if item.get("id") in ids}

    async def _call(self, identity: Identity, endpoint: str, payload: dict, key: str | None = None) -> Any:
        request = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
        return await self._rpc.call("tasks", request, key=key)

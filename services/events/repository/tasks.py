"""The tasks service as the events process sees it (``TaskDirectory``), over Kafka RPC."""

from __future__ import annotations

from typing import Any

from services.events.domain import Summary, Target
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc
from shared.messaging.rpc_client import RpcClient
from shared.schemas.tasks_internal import EventTargetsRequest, FoldMetricsRequest


class RpcTaskDirectory:
    """The tasks service over Kafka RPC (the events process calls the tasks process)."""

    def __init__(self, rpc: RpcClient) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        request = EventTargetsRequest(tasks=tasks, models=models)
        return await self._tasks.call(identity, "internal.event_targets", request)

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        request = FoldMetricsRequest(entity=target.entity, id=target.id, last_iteration=summary.last_iteration,
                                     last_metrics=summary.last_metrics)
        await self._tasks.call(identity, "internal.fold_metrics", request, key=target.id)

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        """``tasks.get_all`` / ``models.get_all`` with only ``id`` and ``name``."""
        endpoint, key = ("models.get_all", "models") if models else ("tasks.get_all", "tasks")
        answer = await self._tasks.call(identity, endpoint, {"id": ids, "only_fields": ["id", "name"]})
        return {item["id"]: item.get("name") for item in (answer or {}).get(key, []) if item.get("id") in ids}

"""Tasks as the iteration room needs them: the tasks process owns them, so they are read over
Kafka RPC with ClearML's own ``tasks.get_by_id``, as the caller (its errors pass through)."""

from __future__ import annotations

from typing import Any

from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


class RpcTasks:
    """``labels.TaskReader`` over RPC to the tasks process."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def get(self, identity: Identity, task_id: str) -> dict[str, Any]:
        return (await self._tasks.call(identity, "tasks.get_by_id", {"task": task_id}))["task"]

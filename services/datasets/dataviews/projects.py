"""Projects as the dataviews room needs them: the tasks process owns them, so they are asked for
over Kafka RPC with ClearML's own ``projects.*`` endpoints, as the caller."""

from __future__ import annotations

import re

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


class RpcProjects:
    """``Projects`` (``ports.py``) over RPC to the tasks process."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def check(self, identity: Identity, project_id: str) -> None:
        """The project exists for the caller, else the tasks process's 400/401."""
        await self._tasks.call(identity, "projects.get_by_id", {"project": project_id})

    async def ensure(self, identity: Identity, name: str) -> str:
        """The id of the project named ``name``, created when there is none (as the SDK's
        get-or-create: a lookup by exact name, a create, and the lookup again when another
        caller created it meanwhile: 400/801)."""
        found = await self._by_name(identity, name)
        if found:
            return found
        try:
            return (await self._tasks.call(identity, "projects.create", {"name": name, "description": ""}))["id"]
        except ApiError as exc:
            found = await self._by_name(identity, name) if exc.name == "expected_unique_data" else None
            if not found:
                raise
            return found

    async def _by_name(self, identity: Identity, name: str) -> str | None:
        body = {"name": f"^{re.escape(name)}$", "only_fields": ["id"], "search_hidden": True}
        projects = (await self._tasks.call(identity, "projects.get_all", body))["projects"]
        return projects[0]["id"] if projects else None

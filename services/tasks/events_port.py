"""The events process as the tasks process needs it: reads for ``reports.get_task_data`` and
the deletion of a reset task's events (``events.delete_for_task``, ``tasks.reset``) and of a
deleted model's (``events.delete_for_model``, ``models.delete``). A module
of its own: the use cases that need it must not import each other to reach it."""

from __future__ import annotations

from typing import Any, Protocol

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


class EventsPort(Protocol):
    """The events process's reads (``events.*`` endpoints), called as ``identity``."""

    async def read(self, identity: Identity, endpoint: str, payload: dict[str, Any]) -> Any:
        """The answer data of ``endpoint``; its errors are raised as ``ApiError``."""
        ...

    async def delete_task_events(self, identity: Identity, task_id: str) -> None:
        """Delete every event of the task (``events.delete_for_task``, even of a published
        task) and return once they are gone."""
        ...

    async def delete_model_events(self, identity: Identity, model_id: str) -> None:
        """Delete every event of the model (``events.delete_for_model``, even of a published
        model) and return once they are gone."""
        ...


class RpcEvents:
    """``EventsPort`` over Kafka RPC to the events process (unkeyed: reads need no order, and
    the events process calls this process back, ``internal.event_targets``, while serving)."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._events = ProcessRpc(rpc, "events")

    async def read(self, identity: Identity, endpoint: str, payload: dict[str, Any]) -> Any:
        return await self._events.call(identity, endpoint, payload)

    async def delete_task_events(self, identity: Identity, task_id: str) -> None:
        await self.read(identity, "events.delete_for_task", {"task": task_id, "allow_locked": True})

    async def delete_model_events(self, identity: Identity, model_id: str) -> None:
        await self.read(identity, "events.delete_for_model", {"model": model_id, "allow_locked": True})


class NoEvents:
    """``EventsPort`` of a process wired without the events service: 503."""

    async def read(self, identity: Identity, endpoint: str, payload: dict[str, Any]) -> Any:
        raise ApiError(503, 0, "the events service is not connected")

    async def delete_task_events(self, identity: Identity, task_id: str) -> None:
        raise ApiError(503, 0, "the events service is not connected")

    async def delete_model_events(self, identity: Identity, model_id: str) -> None:
        raise ApiError(503, 0, "the events service is not connected")

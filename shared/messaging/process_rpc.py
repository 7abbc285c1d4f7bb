"""One Cairn process calling another (``internal.*`` actions, or a ClearML endpoint the other
process owns): the request envelope every such call carries, built in one place.

The payload is the callee's request model (``shared.schemas``: caller and owner import the
same shape), sent with the fields the caller set; a plain dict is sent as it is.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel

from shared.messaging.envelopes import Identity, RequestEnvelope

# The API version of a call between Cairn processes: the one whose shapes the callers send and
# read (the clearml SDK's); the tasks process answers some endpoints per requested version.
INTERNAL_API_VERSION = "2.23"


class RpcCaller(Protocol):
    """``shared.messaging.rpc_client.RpcClient`` as the callers need it (a fake in unit tests)."""

    async def call(self, process: str, request: RequestEnvelope, key: str | None = None,
                   timeout: float | None = None) -> Any: ...


class ProcessRpc:
    """The endpoints of one Cairn process, called as the given identity."""

    def __init__(self, rpc: RpcCaller, process: str) -> None:
        self._rpc = rpc
        self._process = process

    async def call(self, identity: Identity | None, endpoint: str, payload: BaseModel | dict[str, Any],
                   key: str | None = None) -> Any:
        """The answer data of ``endpoint``; its errors are raised as ``ApiError``. ``key``:
        the Kafka key (calls with the same key are served in order)."""
        body = payload.model_dump(mode="json", by_alias=True, exclude_unset=True) if isinstance(payload, BaseModel) else payload
        request = RequestEnvelope(endpoint=endpoint, requested_version=INTERNAL_API_VERSION, identity=identity, payload=body)
        return await self._rpc.call(self._process, request, key=key)

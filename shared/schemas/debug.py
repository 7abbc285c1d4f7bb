"""Requests and responses of ClearML's ``debug`` service."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.generated.debug import PingRequest


class PingResponse(BaseModel):
    msg: str = "ClearML server"


REQUESTS: dict[str, type[BaseModel]] = {
    "debug.ping": PingRequest,  # liveness, no authentication needed
}

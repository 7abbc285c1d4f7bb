"""Requests and responses of ClearML's ``debug`` service."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.base import Request


class PingRequest(Request):
    """``debug.ping``: liveness, no authentication needed (any body is accepted)."""


class PingResponse(BaseModel):
    msg: str = "ClearML server"


REQUESTS: dict[str, type[Request]] = {
    "debug.ping": PingRequest,
}

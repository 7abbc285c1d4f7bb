"""Requests and responses of ClearML's ``server`` service (the part Cairn implements)."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.base import Request


class InfoRequest(Request):
    """``server.info``: version, build and the server's stable unique id."""


class InfoResponse(BaseModel):
    version: str
    build: str
    commit: str
    api_version: str
    uid: str


REQUESTS: dict[str, type[Request]] = {
    "server.info": InfoRequest,
}

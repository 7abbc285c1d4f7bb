"""Requests and responses of ClearML's ``server`` service (the part Cairn implements)."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.generated.server import InfoRequest


class InfoResponse(BaseModel):
    version: str
    build: str
    commit: str
    api_version: str
    uid: str


REQUESTS: dict[str, type[BaseModel]] = {
    "server.info": InfoRequest,  # version, build and the server's stable unique id
}

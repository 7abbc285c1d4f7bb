"""Requests and responses of ClearML's ``server`` service (the part Cairn implements)."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.generated.server import InfoRequest


class InfoResponse(BaseModel):
    """``server.info``. Refined from the catalog: ``uid`` (API 2.8) and ``api_version``
    (API 2.12) are answered from the version that added them on, as clearml-server's
    versioned handlers do; dumped without the fields left unset."""

    version: str
    build: str
    commit: str
    api_version: str | None = None
    uid: str | None = None


REQUESTS: dict[str, type[BaseModel]] = {
    "server.info": InfoRequest,  # version, build and the server's stable unique id
}

"""Requests and responses of ClearML's ``login`` service (the part Cairn implements)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared.schemas.auth import LogoutRequest
from shared.schemas.base import IGNORE_UNKNOWN_FIELDS
from shared.schemas.generated import login as generated


class SupportedModesRequest(generated.SupportedModesRequest):
    """``login.supported_modes``: which login methods the server offers (no auth needed).
    Unknown fields ignored (see ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class GuestMode(BaseModel):
    enabled: bool = False


class BasicMode(BaseModel):
    enabled: bool = True
    guest: GuestMode = Field(default_factory=GuestMode)


class ServerErrors(BaseModel):
    es_connection_error: bool = False
    missed_es_upgrade: bool = False


class SupportedModesResponse(BaseModel):
    authenticated: bool
    basic: BasicMode = Field(default_factory=BasicMode)
    sso: dict[str, str] = Field(default_factory=dict)
    sso_providers: list[dict[str, Any]] = Field(default_factory=list)
    server_errors: ServerErrors = Field(default_factory=ServerErrors)


REQUESTS: dict[str, type[BaseModel]] = {
    "login.supported_modes": SupportedModesRequest,
    # The web UI's logout: revokes the caller's session like ``auth.logout`` (the same shape).
    "login.logout": LogoutRequest,
}

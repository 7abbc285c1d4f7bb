"""Requests and responses of ClearML's ``users`` service (the part Cairn implements).

``users.get_current_user`` answers with the catalog's ``get_current_user_response_user_object``
(the user with its company as an object instead of an id).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.schemas.base import IGNORE_UNKNOWN_FIELDS, Model
from shared.schemas.generated import users as generated


class GetCurrentUserRequest(generated.GetCurrentUserRequest):
    """``users.get_current_user``: the caller's own user record. Unknown fields ignored (see
    ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class CompanyRef(Model):
    id: str
    name: str = ""


class CurrentUser(Model):
    """``users.get_current_user_response_user_object``."""

    id: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    avatar: str | None = None
    email: str = ""
    role: str = "user"
    company: CompanyRef
    preferences: dict[str, Any] = Field(default_factory=dict)
    created: datetime | None = None
    created_in_version: str | None = None


class CurrentUserSettings(BaseModel):
    # The catalog types this as a string.
    max_download_items: str


class GetCurrentUserResponse(BaseModel):
    user: CurrentUser
    getting_started: dict[str, Any] = Field(default_factory=dict)
    settings: CurrentUserSettings


REQUESTS: dict[str, type[BaseModel]] = {
    "users.get_current_user": GetCurrentUserRequest,
}

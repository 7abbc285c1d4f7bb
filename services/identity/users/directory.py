"""Use cases of the users room that read and edit users: ``users.get_all`` /
``get_all_ex`` / ``get_by_id`` / ``create`` / ``update``, and the caller's preferences.

A caller sees and changes only the users of its own company; system and root callers (the
web server's and the API server's own identities) act on every company.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.identity.domain import User, utcnow
from services.identity.users.rules import (
    LISTED_FIELDS,
    PROFILE_FIELDS,
    InvalidPreferencesUpdate,
    crosses_companies,
    listed,
    merge_preferences,
)
from services.identity.users.store import UserDirectory, UserQuery
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.paging import checked_skip
from shared.patterns import checked


def scope_of(caller: Identity) -> str | None:
    """The company a caller's user queries are limited to (None: every company)."""
    return None if crosses_companies(caller.role) else caller.company


def invalid_user_id(user_id: str | None) -> ApiError:
    return ApiError.named("invalid_user_id", id=user_id)


class UserDirectoryUseCases:
    """Listing, reading and editing users, and the caller's own preferences."""

    def __init__(self, users: UserDirectory, server_version: str) -> None:
        self.users = users
        self.server_version = server_version

    async def get_all(self, caller: Identity, body: dict[str, Any]) -> list[dict[str, Any]]:
        """``users.get_all`` / ``users.get_all_ex``: the company's users, filtered by ``id``
        and by ``name`` (a case-insensitive regular expression), ordered (by the listed
        fields; others are ignored) and paged.
        ``active_in_projects`` of ``get_all_ex`` needs the tasks process and is not applied."""
        page, size = body.get("page"), body.get("page_size")
        query = UserQuery(
            company=caller.company,
            ids=tuple(body.get("id") or ()),
            name=checked(body["name"]) if body.get("name") else None,
            # clearml-server's system users (the web UI's ``__webserver__``) have no user
            # record in a company, so its listings never show them.
            hidden_roles=("system",),
            order_by=tuple(key for key in body.get("order_by") or () if key.lstrip("-") in LISTED_FIELDS),
            skip=checked_skip((page or 0) * size, page=page or 0, page_size=size) if size else 0,
            limit=size or 0,
        )
        found = await self.users.find(query)
        return [listed(asdict(user), body.get("only_fields")) for user in found]

    async def get_by_id(self, caller: Identity, user_id: str) -> dict[str, Any]:
        """``users.get_by_id``: one user of the caller's company (400/301 otherwise)."""
        user = await self.users.get(user_id)
        if user is None or user.company != caller.company:
            raise invalid_user_id(user_id)
        return listed(asdict(user), None)

    async def create(self, body: dict[str, Any]) -> None:
        """``users.create`` (system callers): a user with a given id in a given company;
        an existing id is 400/302."""
        user = User(
            id=body["id"],
            company=body["company"],
            name=body["name"],
            given_name=body.get("given_name") or "",
            family_name=body.get("family_name") or "",
            avatar=body.get("avatar"),
            created=utcnow(),
            created_in_version=self.server_version,
        )
        if not await self.users.insert(user):
            raise ApiError.named("user_id_exists", id=user.id)

    async def update(self, caller: Identity, user_id: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """``users.update``: the profile fields given (name, given and family name, avatar)
        of a user of the caller's company. Nothing to change, or no such user, is
        ``updated: 0``, as in clearml-server."""
        fields = {k: body[k] for k in PROFILE_FIELDS if k in body}
        if not fields:
            return 0, {}
        updated = await self.users.update(user_id, scope_of(caller), fields)
        return updated, fields if updated else {}

    async def get_preferences(self, caller: Identity) -> dict[str, Any]:
        """``users.get_preferences``: the caller's preferences (``{}`` until set); a caller
        with no user record (a made-up identity) is 400/301, as in clearml-server."""
        return await self._stored_preferences(caller)

    async def _stored_preferences(self, caller: Identity) -> dict[str, Any]:
        stored = await self.users.preferences(caller.user, caller.company)
        if stored is None:
            raise invalid_user_id(caller.user)
        return stored

    async def set_preferences(self, caller: Identity, changes: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """``users.set_preferences``: merge ``changes`` into the caller's preferences
        (``rules.merge_preferences``); answers the number updated and the new preferences."""
        stored = await self._stored_preferences(caller)
        try:
            merged = merge_preferences(stored, changes)
        except InvalidPreferencesUpdate as exc:
            raise ApiError.named("invalid_preferences_update", key=exc.key, value=exc.value) from None
        updated = await self.users.set_preferences(caller.user, caller.company, merged)
        return updated, {"preferences": merged}

    async def accept_terms_of_use(self, caller: Identity, version: float) -> tuple[int, dict[str, Any]]:
        """``users.accept_terms_of_use``: record the version the caller accepted."""
        fields = {"terms_of_use_ver_accepted": version}
        updated = await self.users.update(caller.user, caller.company, fields)
        return updated, fields


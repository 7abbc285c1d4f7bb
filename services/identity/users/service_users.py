"""Service users (Enterprise): API-only users an admin makes for agents and automations, each
with its own key pairs (``auth.create_service_user``, ``users.get_service_users``,
``users.update_service_user``)."""

from __future__ import annotations

from typing import Any

from services.identity.users.accounts import AccountUseCases, NewUser
from services.identity.users.directory import invalid_user_id
from services.identity.users.store import UserQuery
from services.identity.settings import MAX_TOKEN_EXPIRATION_S
from shared.messaging.envelopes import Identity

# How many service users a company may have: Cairn sets no limit of its own.
UNLIMITED = 0


class ServiceUserUseCases:
    def __init__(self, accounts: AccountUseCases) -> None:
        self.accounts = accounts
        self.ports = accounts.ports

    async def create(self, caller: Identity, name: str, allow_running_as_owner: bool) -> Identity:
        """``auth.create_service_user``: a service user of the caller's company (role
        ``user``); the caller then makes its key pair as that user (see the handler)."""
        new = NewUser(
            company=caller.company, name=name, service=True, allow_running_as_owner=allow_running_as_owner
        )
        user = await self.accounts.create_user(caller, new)
        return Identity(company=user.company, user=user.id, role=user.role, user_name=user.name)

    async def listing(self, caller: Identity) -> dict[str, Any]:
        """``users.get_service_users``: the company's service users with how many key pairs
        each has and when one was last used, and the company's service user settings."""
        found = await self.ports.users.find(UserQuery(company=caller.company, service=True, order_by=("name",)))
        users = [await self._listed(user) for user in found]
        return {
            "users": users,
            "allow_admins": True,
            "allowed_service_users": UNLIMITED,
            "default_expiration_sec": self.accounts.settings.token_expiration_s,
            "max_expiration_sec": MAX_TOKEN_EXPIRATION_S,
        }

    async def _listed(self, user) -> dict[str, Any]:
        credentials = await self.ports.credentials.list_for_user(user.company, user.id)
        used = [c.last_used for c in credentials if c.last_used is not None]
        listed = {
            "id": user.id,
            "name": user.name,
            "role": user.role,
            "allow_running_as_owner": user.allow_running_as_owner,
            "credentials": len(credentials),
        }
        if used:
            listed["last_active_time"] = max(used)
        return listed

    async def update(self, caller: Identity, user_id: str, fields: dict[str, Any]) -> int:
        """``users.update_service_user``: rename it or change ``allow_running_as_owner``;
        a user that is not a service user of the caller's company is 400/301."""
        user = await self.ports.users.get(user_id)
        if user is None or user.company != caller.company or not user.service:
            raise invalid_user_id(user_id)
        changes = {k: fields[k] for k in ("name", "allow_running_as_owner") if fields.get(k) is not None}
        if not changes:
            return 0
        return await self.ports.users.update(user.id, user.company, changes)

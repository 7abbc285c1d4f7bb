"""In-memory fakes of the users room's ports (``UserDirectory``, ``VaultRepository``): the
same contracts as the Mongo adapters (``tests/integration/identity/test_users_store.py`` runs
one behaviour suite against both)."""

from __future__ import annotations

import dataclasses
import re

from services.identity.domain import User
from services.identity.users.store import UserQuery
from services.identity.users.vault_store import OperationQuery, Vault, VaultOperation
from tests.unit.identity.fakes import InMemoryUserRepository


class InMemoryUserDirectory(InMemoryUserRepository):
    """The users room's port (``UserDirectory``) in memory."""

    async def insert(self, user: User) -> bool:
        if user.id in self.items:
            return False
        self.items[user.id] = user
        return True

    def _scoped(self, user_id: str, company: str | None) -> User | None:
        user = self.items.get(user_id)
        return user if user is not None and company in (None, user.company) else None

    async def find(self, query: UserQuery) -> list[User]:
        found = [
            u for u in self.items.values()
            if query.company in (None, u.company)
            and (not query.ids or u.id in query.ids)
            and (not query.emails or u.email in query.emails)
            and (query.name is None or re.search(query.name, u.name, re.I))
            and (query.service is None or u.service == query.service)
            and u.role not in query.hidden_roles
        ]
        for field in reversed(query.order_by):  # stable sorts, the last key first
            name = "id" if field.lstrip("-") == "id" else field.lstrip("-")
            found.sort(key=lambda u: getattr(u, name) or "", reverse=field.startswith("-"))
        return found[query.skip:][: query.limit or None]

    async def update(self, user_id: str, company: str | None, fields: dict) -> int:
        user = self._scoped(user_id, company)
        if user is None:
            return 0
        self.items[user_id] = dataclasses.replace(user, **fields)
        return 1

    async def delete(self, user_id: str, company: str | None) -> User | None:
        user = self._scoped(user_id, company)
        return self.items.pop(user_id) if user is not None else None

    async def preferences(self, user_id: str, company: str) -> dict | None:
        user = self._scoped(user_id, company)
        return dict(user.preferences) if user is not None else None

    async def set_preferences(self, user_id: str, company: str, preferences: dict) -> int:
        return await self.update(user_id, company, {"preferences": preferences})


class InMemoryVaults:
    def __init__(self) -> None:
        self.items: dict[str, Vault] = {}
        self.logged: list[VaultOperation] = []

    async def save(self, vault: Vault) -> None:
        self.items[vault.id] = vault

    async def get(self, vault_id: str, company: str) -> Vault | None:
        vault = self.items.get(vault_id)
        return vault if vault is not None and vault.company == company else None

    async def of_company(self, company: str) -> list[Vault]:
        return sorted((v for v in self.items.values() if v.company == company), key=lambda v: v.last_update)

    async def delete(self, vault_id: str, company: str) -> int:
        return 1 if await self.get(vault_id, company) and self.items.pop(vault_id) else 0

    async def log(self, operation: VaultOperation) -> None:
        self.logged.append(operation)

    async def operations(self, query: OperationQuery) -> list[VaultOperation]:
        found = [op for op in self.logged if _selects(query, op)]
        found.sort(key=lambda op: op.created, reverse=query.newest_first)
        return found[query.skip:][: query.limit or None]


def _selects(query: OperationQuery, op: VaultOperation) -> bool:
    wanted = (
        (query.operations, op.operation), (query.users, op.user), (query.vaults, op.vault), (query.scopes, op.scope)
    )
    return (
        op.company == query.company
        and all(not values or value in values for values, value in wanted)
        and (query.since is None or op.created >= query.since)
        and (query.until is None or op.created <= query.until)
    )

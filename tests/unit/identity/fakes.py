"""In-memory fakes of identity's ports: the same contracts as the Mongo adapters (the
integration suite runs the same behaviour tests against both)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from services.identity.facts import Change
from services.identity.domain import Company, Credential, User
from services.identity.service import IdentityPorts


class InMemoryCompanyRepository:
    def __init__(self) -> None:
        self.items: dict[str, Company] = {}

    async def ensure(self, company: Company) -> None:
        self.items.setdefault(company.id, company)

    async def get(self, company_id: str) -> Company | None:
        return self.items.get(company_id)


class InMemoryUserRepository:
    def __init__(self) -> None:
        self.items: dict[str, User] = {}

    async def ensure(self, user: User) -> None:
        self.items.setdefault(user.id, user)

    async def get(self, user_id: str) -> User | None:
        return self.items.get(user_id)


class InMemoryCredentialRepository:
    def __init__(self) -> None:
        self.items: dict[str, Credential] = {}  # by access key

    async def get(self, access_key: str) -> Credential | None:
        return self.items.get(access_key)

    async def insert(self, credential: Credential) -> bool:
        if credential.access_key in self.items or any(c.id == credential.id for c in self.items.values()):
            return False
        self.items[credential.access_key] = credential
        return True

    async def put_secret(self, credential: Credential) -> None:
        existing = self.items.get(credential.access_key)
        if existing is None:
            self.items[credential.access_key] = credential
            return
        self.items[credential.access_key] = dataclasses.replace(
            existing, company=credential.company, user=credential.user, secret_hash=credential.secret_hash
        )

    async def list_for_user(self, company: str, user: str) -> list[Credential]:
        mine = [c for c in self.items.values() if c.company == company and c.user == user]
        return sorted(mine, key=lambda c: c.created or datetime.min)

    async def count_for_user(self, company: str, user: str) -> int:
        return len(await self.list_for_user(company, user))

    def _scoped(self, access_key: str, company: str, owner: str) -> Credential | None:
        found = self.items.get(access_key)
        if found is None or found.company != company or found.user != owner:
            return None
        return found

    async def delete_for_user(self, company: str, user: str) -> int:
        mine = [k for k, c in self.items.items() if (c.company, c.user) == (company, user)]
        for key in mine:
            del self.items[key]
        return len(mine)

    async def delete(self, access_key: str, company: str, owner: str) -> int:
        if self._scoped(access_key, company, owner) is None:
            return 0
        del self.items[access_key]
        return 1

    async def set_label(self, access_key: str, company: str, owner: str, label: str | None) -> int:
        found = self._scoped(access_key, company, owner)
        if found is None:
            return 0
        self.items[access_key] = dataclasses.replace(found, label=label)
        return 1

    async def touch(self, access_key: str, when: datetime, address: str | None) -> None:
        found = self.items.get(access_key)
        if found is not None:
            self.items[access_key] = dataclasses.replace(found, last_used=when, last_used_from=address)


class InMemorySessionRepository:
    def __init__(self) -> None:
        self.items: dict[str, datetime] = {}

    async def revoke(self, session_id: str, expires: datetime) -> None:
        self.items[session_id] = max(expires, self.items.get(session_id, expires))

    async def list_revoked(self, now: datetime) -> list[tuple[str, datetime]]:
        return [(s, e) for s, e in self.items.items() if e > now]


class InMemoryServerRepository:
    def __init__(self) -> None:
        self._uid: str | None = None

    async def uid(self) -> str:
        if self._uid is None:
            self._uid = uuid.uuid4().hex
        return self._uid


class FakeFactPublisher:
    """Records what would have gone to ``cairn.identity.changes`` as (key, value) pairs."""

    def __init__(self) -> None:
        self.published: list[tuple[str, dict]] = []

    async def publish(self, change: Change) -> None:
        self.published.append((change.key, change.to_dict()))


def in_memory_ports() -> IdentityPorts:
    return IdentityPorts(
        companies=InMemoryCompanyRepository(),
        users=InMemoryUserRepository(),
        credentials=InMemoryCredentialRepository(),
        sessions=InMemorySessionRepository(),
        server=InMemoryServerRepository(),
        publisher=FakeFactPublisher(),
    )

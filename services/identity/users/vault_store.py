"""Configuration vaults (Enterprise): collections ``vaults`` (``_id`` = vault id) and
``vault_operations`` (the log of their changes) of ``cairn_identity``, their port, its MongoDB
adapter and the null object used where no store is wired (unit tests of other rooms)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase


@dataclass(frozen=True)
class Vault:
    """A configuration document applied to the sessions of its scope: the whole company
    (``organization``), a group, or one ``user``."""

    id: str
    company: str
    scope: str
    user: str | None = None
    group: str | None = None
    type: str = "config"
    format: str = "hocon"
    data: str = ""
    description: str = ""
    enabled: bool = True
    last_update: datetime | None = None


@dataclass(frozen=True)
class VaultOperation:
    """One change of a vault: who (``user`` id and name), when, which vault, in which scope."""

    id: str
    company: str
    created: datetime
    operation: str
    user: str
    user_name: str
    scope: str
    vault: str
    vault_description: str = ""


@dataclass(frozen=True)
class OperationQuery:
    """A ``users.get_vault_operations_log`` filter; empty tuples and None filter nothing."""

    company: str
    operations: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    vaults: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    newest_first: bool = True
    skip: int = 0
    limit: int = 0


class VaultRepository(Protocol):
    async def save(self, vault: Vault) -> None:
        """Create the vault, or replace the one with its id (of the same company)."""

    async def get(self, vault_id: str, company: str) -> Vault | None: ...

    async def of_company(self, company: str) -> list[Vault]:
        """Every vault of the company, oldest change first."""

    async def delete(self, vault_id: str, company: str) -> int: ...

    async def log(self, operation: VaultOperation) -> None: ...

    async def operations(self, query: OperationQuery) -> list[VaultOperation]: ...


class NoVaults:
    """No vault store: no vaults, and nothing kept."""

    async def save(self, vault: Vault) -> None:
        raise RuntimeError("no vault store is wired")

    async def get(self, vault_id: str, company: str) -> Vault | None:
        return None

    async def of_company(self, company: str) -> list[Vault]:
        return []

    async def delete(self, vault_id: str, company: str) -> int:
        return 0

    async def log(self, operation: VaultOperation) -> None:
        return None

    async def operations(self, query: OperationQuery) -> list[VaultOperation]:
        return []


def _doc(record: Any) -> dict[str, Any]:
    doc = dataclasses.asdict(record)
    doc["_id"] = doc.pop("id")
    return doc


def _record(kind: type, doc: dict[str, Any]) -> Any:
    fields = {f.name for f in dataclasses.fields(kind)} - {"id"}
    return kind(id=doc["_id"], **{k: v for k, v in doc.items() if k in fields})


def _operations_filter(query: OperationQuery) -> dict[str, Any]:
    found: dict[str, Any] = {"company": query.company}
    by_field = {"operation": query.operations, "user": query.users, "vault": query.vaults, "scope": query.scopes}
    for field, values in by_field.items():
        if values:
            found[field] = {"$in": list(values)}
    window = {k: v for k, v in (("$gte", query.since), ("$lte", query.until)) if v is not None}
    if window:
        found["created"] = window
    return found


class MongoVaultRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._vaults = db["vaults"]
        self._operations = db["vault_operations"]

    async def create_indexes(self) -> None:
        await self._vaults.create_index([("company", ASCENDING)])
        await self._operations.create_index([("company", ASCENDING), ("created", ASCENDING)])

    async def save(self, vault: Vault) -> None:
        await self._vaults.replace_one({"_id": vault.id, "company": vault.company}, _doc(vault), upsert=True)

    async def get(self, vault_id: str, company: str) -> Vault | None:
        doc = await self._vaults.find_one({"_id": vault_id, "company": company})
        return _record(Vault, doc) if doc else None

    async def of_company(self, company: str) -> list[Vault]:
        cursor = self._vaults.find({"company": company}).sort("last_update", ASCENDING)
        return [_record(Vault, doc) async for doc in cursor]

    async def delete(self, vault_id: str, company: str) -> int:
        return (await self._vaults.delete_one({"_id": vault_id, "company": company})).deleted_count

    async def log(self, operation: VaultOperation) -> None:
        await self._operations.insert_one(_doc(operation))

    async def operations(self, query: OperationQuery) -> list[VaultOperation]:
        order = DESCENDING if query.newest_first else ASCENDING
        cursor = self._operations.find(_operations_filter(query)).sort("created", order)
        cursor = cursor.skip(query.skip).limit(query.limit)
        return [_record(VaultOperation, doc) async for doc in cursor]

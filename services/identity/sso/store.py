"""The SSO room's collections in identity's database.

- ``sso_configurations``: one document per provider configuration (``_id`` = its id):
  ``company``, ``provider``, ``category``, ``display_name``, ``active``, ``last_update``,
  ``settings`` (the configuration without its secrets) and ``sealed`` (each secret field,
  encrypted: ``fernet:<token>``).
- ``sso_identities``: which Cairn user a provider's user is (``_id``
  ``<company>|<issuer>|<subject>``, ``user``): a login finds its user here first.
- ``sso_used_states``: the login states already redeemed (``_id`` = the state's id,
  ``expire``), so one authorization answer logs in once.
- ``sso_test_runs``: a configuration under test (``sso.test_provider_configuration``, maybe
  never saved) until its ``login.test_sso_callback`` (``_id`` = the run's id, ``expire``, the
  configuration as ``StoredConfiguration`` fields, its secret sealed); taken once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError


@dataclass(frozen=True)
class StoredConfiguration:
    id: str
    company: str
    provider: str
    category: str
    display_name: str
    active: bool
    last_update: datetime
    settings: dict[str, Any]
    sealed: dict[str, str] = field(default_factory=dict)


class ConfigurationRepository(Protocol):
    """The provider configurations of every company."""

    async def get(self, config_id: str) -> StoredConfiguration | None: ...

    async def list(self, company: str | None, active: bool | None = None) -> list[StoredConfiguration]:
        """A company's configurations (``None``: every company's), oldest id first;
        ``active`` narrows to the active (True) or inactive (False) ones."""

    async def put(self, configuration: StoredConfiguration) -> None:
        """Create or replace by id."""

    async def set_active(self, company: str, ids: list[str], active: bool, when: datetime) -> int:
        """The number of the company's configurations among ``ids`` whose state changed."""

    async def delete(self, company: str, ids: list[str]) -> int: ...


class LoginRecordRepository(Protocol):
    """The links from a provider's users to Cairn users, and the redeemed login states."""

    async def linked_user(self, company: str, issuer: str, subject: str) -> str | None: ...

    async def link(self, company: str, issuer: str, subject: str, user: str) -> None: ...

    async def unlink(self, company: str, issuer: str, subject: str) -> None: ...

    async def redeem(self, state_id: str, expire: datetime, now: datetime) -> bool:
        """True the first time ``state_id`` is redeemed, False after; forgets expired ones."""

    async def put_test_run(self, run_id: str, configuration: StoredConfiguration, expire: datetime) -> None: ...

    async def take_test_run(self, run_id: str, now: datetime) -> StoredConfiguration | None:
        """The configuration of an unexpired run, once (forgets expired runs)."""


def _document(configuration: StoredConfiguration) -> dict[str, Any]:
    return {
        "company": configuration.company, "provider": configuration.provider,
        "category": configuration.category, "display_name": configuration.display_name,
        "active": configuration.active, "last_update": configuration.last_update,
        "settings": configuration.settings, "sealed": configuration.sealed,
    }


def _configuration(doc: dict[str, Any]) -> StoredConfiguration:
    return StoredConfiguration(
        id=doc["_id"], company=doc["company"], provider=doc["provider"], category=doc["category"],
        display_name=doc.get("display_name", ""), active=bool(doc.get("active")), last_update=doc["last_update"],
        settings=dict(doc.get("settings") or {}), sealed=dict(doc.get("sealed") or {}),
    )


class MongoConfigurationRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._col = db["sso_configurations"]

    async def create_indexes(self) -> None:
        await self._col.create_index([("company", ASCENDING), ("active", ASCENDING)])
        await self._col.create_index([("active", ASCENDING)])

    async def get(self, config_id: str) -> StoredConfiguration | None:
        doc = await self._col.find_one({"_id": config_id})
        return _configuration(doc) if doc else None

    async def list(self, company: str | None, active: bool | None = None) -> list[StoredConfiguration]:
        query: dict[str, Any] = {} if company is None else {"company": company}
        if active is not None:
            query["active"] = active
        return [_configuration(d) async for d in self._col.find(query).sort("_id", ASCENDING)]

    async def put(self, configuration: StoredConfiguration) -> None:
        await self._col.replace_one({"_id": configuration.id}, _document(configuration), upsert=True)

    async def set_active(self, company: str, ids: list[str], active: bool, when: datetime) -> int:
        result = await self._col.update_many(
            {"_id": {"$in": ids}, "company": company, "active": {"$ne": active}},
            {"$set": {"active": active, "last_update": when}})
        return result.modified_count

    async def delete(self, company: str, ids: list[str]) -> int:
        return (await self._col.delete_many({"_id": {"$in": ids}, "company": company})).deleted_count


def _link_id(company: str, issuer: str, subject: str) -> str:
    return f"{company}|{issuer}|{subject}"


class MongoLoginRecordRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._links = db["sso_identities"]
        self._states = db["sso_used_states"]
        self._runs = db["sso_test_runs"]

    async def create_indexes(self) -> None:
        await self._links.create_index([("user", ASCENDING)])
        await self._states.create_index([("expire", ASCENDING)])
        await self._runs.create_index([("expire", ASCENDING)])

    async def linked_user(self, company: str, issuer: str, subject: str) -> str | None:
        doc = await self._links.find_one({"_id": _link_id(company, issuer, subject)})
        return doc["user"] if doc else None

    async def link(self, company: str, issuer: str, subject: str, user: str) -> None:
        await self._links.replace_one({"_id": _link_id(company, issuer, subject)},
                                      {"company": company, "issuer": issuer, "subject": subject, "user": user},
                                      upsert=True)

    async def unlink(self, company: str, issuer: str, subject: str) -> None:
        await self._links.delete_one({"_id": _link_id(company, issuer, subject)})

    async def redeem(self, state_id: str, expire: datetime, now: datetime) -> bool:
        await self._states.delete_many({"expire": {"$lt": now}})
        try:
            await self._states.insert_one({"_id": state_id, "expire": expire})
        except DuplicateKeyError:
            return False
        return True

    async def put_test_run(self, run_id: str, configuration: StoredConfiguration, expire: datetime) -> None:
        await self._runs.replace_one({"_id": run_id}, {**_document(configuration), "config": configuration.id,
                                                       "expire": expire}, upsert=True)

    async def take_test_run(self, run_id: str, now: datetime) -> StoredConfiguration | None:
        await self._runs.delete_many({"expire": {"$lt": now}})
        doc = await self._runs.find_one_and_delete({"_id": run_id})
        return _configuration({**doc, "_id": doc["config"]}) if doc else None

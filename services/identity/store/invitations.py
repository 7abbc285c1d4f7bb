"""Who may join a company (the Enterprise ``login`` whitelist), owned by the login room:
collection ``login_invitations`` (one document per company and invited email: ``_id``
``<company>:<email>``, ``role``, ``added``, and once signed up ``accepted`` and ``user``) and
``login_domains`` (``_id`` = company, ``domains``: every address under them may sign up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase


@dataclass(frozen=True)
class Invitation:
    company: str
    email: str
    role: str
    added: datetime
    accepted: datetime | None = None
    user: str | None = None


class InvitationRepository(Protocol):
    async def list(self, company: str | None) -> list[Invitation]:
        """A company's invitations, oldest first (``None``: every company's)."""

    async def add(self, invitations: list[Invitation]) -> list[str]:
        """Invite; an email already invited keeps its invitation. The emails newly added."""

    async def remove(self, company: str, emails: list[str]) -> list[str]:
        """The emails whose invitations existed and are gone."""

    async def find(self, email: str) -> list[Invitation]:
        """Every company's invitation of ``email``."""

    async def accept(self, company: str, email: str, user: str, when: datetime) -> None: ...

    async def domains(self, company: str | None) -> dict[str, list[str]]:
        """Company -> its sign-up domains (``None``: every company)."""

    async def set_domains(self, company: str, domains: list[str]) -> None: ...


def _id(company: str, email: str) -> str:
    return f"{company}:{email}"


def _from(doc: dict) -> Invitation:
    return Invitation(doc["company"], doc["email"], doc["role"], doc["added"], doc.get("accepted"), doc.get("user"))


class MongoInvitationRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._invitations = db["login_invitations"]
        self._domains = db["login_domains"]

    async def create_indexes(self) -> None:
        await self._invitations.create_index([("company", ASCENDING), ("added", ASCENDING)])
        await self._invitations.create_index([("email", ASCENDING)])
        await self._domains.create_index([("domains", ASCENDING)])

    async def list(self, company: str | None) -> list[Invitation]:
        query = {} if company is None else {"company": company}
        return [_from(doc) async for doc in self._invitations.find(query).sort("added", ASCENDING)]

    async def add(self, invitations: list[Invitation]) -> list[str]:
        added = []
        for item in invitations:
            fields = {"company": item.company, "email": item.email, "role": item.role, "added": item.added}
            result = await self._invitations.update_one(
                {"_id": _id(item.company, item.email)}, {"$setOnInsert": fields}, upsert=True)
            if result.upserted_id is not None:
                added.append(item.email)
        return added

    async def remove(self, company: str, emails: list[str]) -> list[str]:
        removed = []
        for email in emails:
            if (await self._invitations.delete_one({"_id": _id(company, email)})).deleted_count:
                removed.append(email)
        return removed

    async def find(self, email: str) -> list[Invitation]:
        return [_from(doc) async for doc in self._invitations.find({"email": email})]

    async def accept(self, company: str, email: str, user: str, when: datetime) -> None:
        await self._invitations.update_one({"_id": _id(company, email)}, {"$set": {"accepted": when, "user": user}})

    async def domains(self, company: str | None) -> dict[str, list[str]]:
        query = {} if company is None else {"_id": company}
        return {doc["_id"]: list(doc.get("domains", [])) async for doc in self._domains.find(query)}

    async def set_domains(self, company: str, domains: list[str]) -> None:
        await self._domains.update_one({"_id": company}, {"$set": {"domains": domains}}, upsert=True)

"""Users and companies made directly in the identity database, for the role and tenancy
suites (the ``system.*`` and ``auth.create_user`` endpoints may not exist yet)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from pymongo import MongoClient

from services.identity.domain import hash_secret, new_access_key, utcnow
from tests.support.servers import MONGO

# The stack's first company (IdentitySettings.company_id's default).
DEFAULT_COMPANY = "d1bd92a3b039400cbafc60a7a5b1e52b"


@dataclass(frozen=True)
class Person:
    company: str
    user: str
    role: str
    key: str
    secret: str

    @property
    def auth(self) -> tuple[str, str]:
        return self.key, self.secret


def identity_db(stack):
    client = MongoClient(MONGO, tz_aware=True)
    return client, client[f"{stack.db_prefix}cairn_identity"]


def make_company(stack, name: str) -> str:
    company = uuid.uuid4().hex
    client, db = identity_db(stack)
    with client:
        db["companies"].insert_one({"_id": company, "name": name})
    return company


def make_person(stack, role: str, company: str = DEFAULT_COMPANY) -> Person:
    """A user of ``role`` in ``company`` with a key pair of its own."""
    user, key, secret = uuid.uuid4().hex, new_access_key(), secrets.token_urlsafe(32)
    client, db = identity_db(stack)
    with client:
        db["users"].insert_one({"_id": user, "company": company, "name": f"{role}-{user[:6]}", "role": role,
                                "created": utcnow()})
        db["credentials"].insert_one({"_id": uuid.uuid4().hex, "access_key": key, "secret_hash": hash_secret(secret),
                                      "company": company, "user": user, "created": utcnow()})
    return Person(company, user, role, key, secret)

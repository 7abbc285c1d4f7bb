"""Users and companies for the role and tenancy suites, made through the API as the server's
system user would: ``system.create_company``, ``auth.create_user`` (any role, in any
company), ``auth.get_token_for_user`` and, as the new user, ``auth.create_credentials``.

Cairn seeds no system user in its default (password) login model: the system session is a
token signed with the stack's token secret, as the web server's session would be. The API
gives only the assignable roles (``auth.create_user``'s ``role``): a ``system``, ``root`` or
``guest`` person is created as a user and given its role in identity's database, the one
write made there."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import httpx
from pymongo import MongoClient

from services.identity.users.rules import ASSIGNABLE_ROLES
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call
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


def bearer(stack, token: str) -> httpx.Client:
    return httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def system_session(stack, company: str = DEFAULT_COMPANY) -> httpx.Client:
    """A client with a system-role session in ``company``."""
    identity = Identity(company=company, user=uuid.uuid4().hex, role="system", user_name="__webserver__")
    return bearer(stack, issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0"))


def make_company(stack, name: str) -> str:
    """A new company named ``name`` with a unique suffix (the suites share one stack)."""
    with system_session(stack) as system:
        return call(system, "system.create_company", {"name": f"{name}-{uuid.uuid4().hex[:8]}"})["id"]


def make_person(stack, role: str, company: str = DEFAULT_COMPANY) -> Person:
    """A user of ``role`` in ``company`` with a key pair of its own."""
    given = role if role in ASSIGNABLE_ROLES else "user"
    with system_session(stack, company) as system:
        user = call(system, "auth.create_user", {"company": company, "name": f"{role}-{uuid.uuid4().hex[:6]}",
                                                 "email": f"{uuid.uuid4().hex}@people.test", "role": given})["id"]
        if given != role:
            give_role(stack, user, role)
        token = call(system, "auth.get_token_for_user", {"user": user})["token"]
    with bearer(stack, token) as session:
        pair = call(session, "auth.create_credentials", {})["credentials"]
    return Person(company, user, role, pair["access_key"], pair["secret_key"])


def give_role(stack, user: str, role: str) -> None:
    """A role the API never gives (``system``, ``root``, ``guest``), set in identity's database."""
    with MongoClient(MONGO) as mongo:
        mongo[f"{stack.db_prefix}cairn_identity"]["users"].update_one({"_id": user}, {"$set": {"role": role}})

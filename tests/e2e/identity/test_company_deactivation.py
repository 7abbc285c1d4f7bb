"""A deactivated company (issue 15 item 1: ``system.*`` "deactivates companies") locks its
users out: their key pairs are refused at HTTP Basic verification and ``auth.login`` no
longer issues or refreshes a session, 401.

The catalog has no endpoint that sets a company's ``active`` (``system.get_companies`` and
``system.company_info`` only show it): an operator sets it in identity's ``companies``
collection, as this test does."""

from __future__ import annotations

import uuid

import httpx
import pytest
from pymongo import MongoClient

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call, meta
from tests.support.servers import MONGO

pytestmark = pytest.mark.e2e


def bearer(stack, company: str, user: str, role: str) -> httpx.Client:
    identity = Identity(company=company, user=user, role=role, user_name=role)
    token = issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    return httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def set_active(stack, company: str, active: bool) -> None:
    with MongoClient(MONGO) as mongo:
        mongo[f"{stack.db_prefix}cairn_identity"]["companies"].update_one({"_id": company}, {"$set": {"active": active}})


@pytest.fixture
def member(stack, http):
    """A user of a new company, a session of that user, and the company's id."""
    home = call(http, "users.get_current_user", {})["user"]["company"]["id"]
    with bearer(stack, home, uuid.uuid4().hex, "system") as system:
        company = call(system, "system.create_company", {"name": f"inactive-{uuid.uuid4().hex[:8]}"})["id"]
        user = call(system, "auth.create_user", {"company": company, "name": f"u-{uuid.uuid4().hex[:8]}",
                                                 "email": f"{uuid.uuid4()}@test.ai"})["id"]
    with bearer(stack, company, user, "admin") as session:
        yield company, session


def basic_login(stack, key: str, secret: str) -> httpx.Response:
    return httpx.post(f"{stack.url}/v999.0/auth.login", auth=(key, secret), json={}, timeout=60)


def test_a_deactivated_companys_key_pairs_are_refused(stack, member):
    company, session = member
    pair = call(session, "auth.create_credentials", {})["credentials"]
    set_active(stack, company, False)
    assert meta(basic_login(stack, pair["access_key"], pair["secret_key"]))[0] == 401


def test_a_deactivated_companys_session_is_not_refreshed(stack, member):
    company, session = member
    set_active(stack, company, False)
    assert meta(session.post("/v999.0/auth.login", json={}))[0] == 401


def test_an_active_companys_key_pair_logs_in(stack, member):
    company, session = member
    pair = call(session, "auth.create_credentials", {})["credentials"]
    set_active(stack, company, True)
    assert basic_login(stack, pair["access_key"], pair["secret_key"]).status_code == 200

"""``server.health_status`` (Enterprise, internal; system and root roles) through the gateway:
identity's store and every other Cairn process, ``"ok"`` each, and ``failed`` false."""

from __future__ import annotations

import uuid

import httpx
import pytest

from shared.endpoints import SERVICE_PROCESSES
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e

OTHER_PROCESSES = [process for process in SERVICE_PROCESSES if process != "identity"]


def test_health_status_answers_every_store_ok_to_a_system_user(stack, http):
    company = call(http, "users.get_current_user", {})["user"]["company"]["id"]
    identity = Identity(company=company, user=uuid.uuid4().hex, role="system", user_name="system")
    token = issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    with httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as system:
        status = call(system, "server.health_status", {})
    assert status == {"dbs": {name: "ok" for name in ("mongo", *OTHER_PROCESSES)}, "failed": False}


def test_health_status_is_refused_to_a_company_admin(http):
    assert meta(http.post("/v999.0/server.health_status", json={})) == (403, 20)

"""The Enterprise ``login`` whitelist through the gateway (issue 15, the login room): an admin
invites an email, its owner signs up with a password of their own and logs in with it."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e


def test_an_invited_user_signs_up_with_a_password_and_logs_in_by_email(http, stack):
    email = f"{uuid.uuid4().hex[:10]}@example.org"
    assert call(http, "login.add_whitelist_entries", {"emails": [email], "role": "annotator"}, "999.0") == {
        "added": [email]}
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        signed = anonymous.post("/v999.0/login.signup_user", json={
            "signup_data": {"email": email, "name": "Invited", "password": "my own long password"},
            "return_token": True})
        assert signed.status_code == 200, signed.text
        assert signed.json()["data"]["token"]
        again = anonymous.post("/v999.0/login.signup_user", json={"signup_data": {"email": email}})
        assert meta(again) == (400, 302)
        login = anonymous.post("/v999.0/auth.login", auth=(email, "my own long password"))
        assert login.status_code == 200, login.text
        me = anonymous.post("/v999.0/users.get_current_user", json={}).json()["data"]["user"]
    assert (me["id"], me["role"]) == (signed.json()["data"]["user_id"], "annotator")
    entries = call(http, "login.get_settings", {}, "999.0")["whitelist_entries"]
    mine = next(e for e in entries if e["email"] == email)
    assert mine["status"] == "accepted" and mine["user"]["id"] == me["id"]


def test_an_uninvited_email_may_not_sign_up(stack):
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        response = anonymous.post("/v999.0/login.signup_user",
                                  json={"signup_data": {"email": f"{uuid.uuid4().hex}@nowhere.org"}})
    assert meta(response) == (401, 2)


def test_only_system_roles_read_every_companys_whitelist(http):
    assert meta(http.post("/v999.0/login.get_whitelist", json={})) == (403, 20)

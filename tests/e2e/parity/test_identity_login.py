"""Parity with clearml-server for logging in (issue 15 item 6, the login room of identity):
HTTP Basic with a user name and password (clearml-server's fixed users, Cairn's password login
model), the session cookie, impersonation headers, ``login.logout`` and the SSO endpoints.

The stack runs the default password model; its admin is ``Admin`` with ``stack.password``.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from shared.tokens import COOKIE
from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e

ADMIN_NAME = "Admin"


@pytest.fixture
def admin_id(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["id"]


def browser(stack) -> httpx.Client:
    """A client with no credentials of its own: it keeps the cookies it is given, as the UI."""
    return httpx.Client(base_url=stack.url, timeout=60, headers={"X-Clearml-Client": "Webapp-2.5.0"})


def password_login(client: httpx.Client, name: str, password: str) -> httpx.Response:
    return client.post("/v999.0/auth.login", auth=(name, password))


def test_login_takes_a_user_name_and_password_next_to_access_keys_and_sets_the_session_cookie(stack):
    with browser(stack) as client:
        response = password_login(client, ADMIN_NAME, stack.password)
        assert response.status_code == 200, response.text
        assert response.json()["data"]["token"]
        assert response.cookies.get(COOKIE) == response.json()["data"]["token"]
        assert client.post("/auth.login", auth=(stack.key, stack.secret)).status_code == 200
        wrong = password_login(client, ADMIN_NAME, stack.password + "x")
        assert meta(wrong) == (401, 22) and COOKIE not in wrong.cookies


def test_the_login_name_is_matched_regardless_of_case(stack):
    with browser(stack) as client:
        assert password_login(client, ADMIN_NAME.upper(), stack.password).status_code == 200


def test_after_a_password_login_the_cookie_alone_authenticates_calls_on_v999_urls(stack):
    with browser(stack) as client:
        assert password_login(client, ADMIN_NAME, stack.password).status_code == 200
        response = client.post("/v999.0/users.get_current_user", json={"get_supported_features": True})
        assert response.status_code == 200, response.text
        assert response.json()["data"]["user"]["name"] == ADMIN_NAME


def test_set_password_needs_the_old_password_and_the_new_one_replaces_it(stack):
    new = f"pw-{uuid.uuid4().hex}"
    with browser(stack) as client:
        assert password_login(client, ADMIN_NAME, stack.password).status_code == 200
        missing = client.post("/v999.0/login.set_password", json={"password": new})
        assert meta(missing) == (400, 11)
        wrong = client.post("/v999.0/login.set_password", json={"password": new, "old_password": "nope-nope"})
        assert meta(wrong) == (400, 12)
        changed = client.post("/v999.0/login.set_password", json={"password": new, "old_password": stack.password})
        assert changed.json()["data"] == {"set": True}
    try:
        with browser(stack) as client:
            assert meta(password_login(client, ADMIN_NAME, stack.password)) == (401, 22)
            assert password_login(client, ADMIN_NAME, new).status_code == 200
    finally:
        with browser(stack) as client:
            assert password_login(client, ADMIN_NAME, new).status_code == 200
            client.post("/v999.0/login.set_password", json={"password": stack.password, "old_password": new})


def test_a_too_short_password_is_refused_with_400_12(stack):
    with browser(stack) as client:
        assert password_login(client, ADMIN_NAME, stack.password).status_code == 200
        response = client.post("/v999.0/login.set_password", json={"password": "short", "old_password": stack.password})
        assert meta(response) == (400, 12)


def test_impersonating_an_unknown_user_is_refused_with_400_6_never_ignored(http):
    response = http.post("/v999.0/auth.login", headers={"X-Clearml-Impersonate-As": uuid.uuid4().hex})
    assert meta(response) == (400, 6)


def test_impersonate_as_and_act_as_together_are_refused_with_400_5(http, admin_id):
    headers = {"X-Clearml-Impersonate-As": admin_id, "X-Clearml-Act-As": admin_id}
    assert meta(http.post("/v999.0/users.get_current_user", headers=headers)) == (400, 5)


def test_login_logout_ends_the_session_and_clears_the_cookie(stack):
    with browser(stack) as client:
        assert password_login(client, ADMIN_NAME, stack.password).status_code == 200
        response = client.post("/v999.0/login.logout", json={})
        assert response.status_code == 200, response.text
        assert "Max-Age=0" in response.headers["set-cookie"]
        token = password_login(client, ADMIN_NAME, stack.password).json()["data"]["token"]
    with browser(stack) as client:
        client.cookies.set(COOKIE, token)
        assert client.post("/v999.0/login.logout", json={}).status_code == 200
        client.cookies.set(COOKIE, token)
        assert meta(client.post("/v999.0/users.get_current_user", json={})) == (401, 31)


@pytest.mark.parametrize("endpoint, expected", [
    ("login.sso_authorize", (400, 10)),  # no active SSO configuration of that name (the SSO room)
    ("login.sso_callback", (400, 11)),  # no code and state from a provider
    ("login.finish_sso_callback", (400, 1)),
])
def test_the_sso_endpoints_refuse_a_login_no_provider_started(http, endpoint, expected):
    response = http.post(f"/v999.0/{endpoint}", json={"provider": "google", "args": {}, "callback_url": "x"})
    assert meta(response) == expected
    assert "SSO" in response.json()["meta"]["result_msg"] or "provider" in response.json()["meta"]["result_msg"]

"""Router tokens (``auth.*``, identity's routing room) through the gateway: identity tokens
that act as their user until revoked, endpoint tokens that are no API session, the listing,
and the browser's way to a router (``redirect_to_router`` -> 302 with a one-time code ->
``validate_router_code``). Every answer is checked against the catalog."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.identity.people import bearer, make_person
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def tokens(http, **body) -> list[dict]:
    data = call(http, "auth.get_router_tokens", body)
    assert_conforms("auth.get_router_tokens", data)
    assert data["max_expiration_sec"] > 0
    return data["tokens"]


def by_label(http, label: str, **body) -> dict:
    return next(t for t in tokens(http, **body) if t.get("label") == label)


def refused_within(stack, token: str, seconds: float = 30.0) -> int:
    """The status a revoked token gets once the gateway has learnt of the revocation (the
    fact travels over Kafka): polled, bounded."""
    deadline = time.monotonic() + seconds
    with bearer(stack, token) as client:
        while True:
            status = client.post("/v2.23/users.get_current_user", json={}).status_code
            if status != 200 or time.monotonic() > deadline:
                return status
            time.sleep(0.3)


def test_an_identity_token_acts_as_its_user_until_revoked(stack, http):
    label = unique("id-token")
    data = call(http, "auth.generate_router_token", {"label": label, "expiration_sec": 3600})
    assert_conforms("auth.generate_router_token", data)
    me = call(http, "users.get_current_user", {})["user"]
    with bearer(stack, data["token"]) as client:
        assert call(client, "users.get_current_user", {})["user"]["id"] == me["id"]
    listed = by_label(http, label)
    assert listed["type"] == "identity_token" and listed["revoked"] is False
    assert listed["user"]["id"] == me["id"] and listed["created_by"]["id"] == me["id"]
    assert listed["created"] < listed["expires"]
    revoked = call(http, "auth.revoke_router_tokens", {"ids": [listed["id"]]})
    assert_conforms("auth.revoke_router_tokens", revoked)
    assert revoked == {"revoked": 1}
    assert refused_within(stack, data["token"]) == 401
    assert label not in [t.get("label") for t in tokens(http)]
    again = by_label(http, label, include_revoked=True)
    assert again["revoked"] is True and again["revoked_by"]["id"] == me["id"] and again["revoked_at"]
    assert call(http, "auth.revoke_router_tokens", {"ids": [listed["id"]]}) == {"revoked": 0}


def test_an_endpoint_token_is_listed_but_is_no_api_session(stack, http):
    label, route = unique("ep-token"), unique("route")
    data = call(http, "auth.generate_endpoint_router_token",
                {"label": label, "endpoints": [route, route], "metadata": {"team": "a"}})
    assert_conforms("auth.generate_endpoint_router_token", data)
    with bearer(stack, data["token"]) as client:
        assert client.post("/v2.23/users.get_current_user", json={}).status_code == 401
    listed = by_label(http, label, only_fields=["label", "type", "endpoints", "metadata"])
    assert listed == {"id": listed["id"], "label": label, "type": "endpoint_token",
                      "endpoints": [{"name": route}], "metadata": {"team": "a"}}


def test_users_see_their_own_tokens_and_only_admins_act_for_others(stack, http):
    person = make_person(stack, "user")
    admin_label, own_label = unique("admin"), unique("own")
    call(http, "auth.generate_router_token", {"label": admin_label})
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as client:
        call(client, "auth.generate_router_token", {"label": own_label})
        assert [t["label"] for t in tokens(client)] == [own_label]
        me = call(http, "users.get_current_user", {})["user"]["id"]
        other = client.post("/v2.23/auth.generate_router_token", json={"label": "x", "user": me})
        assert meta(other) == (403, 20)
        endpoint = client.post("/v2.23/auth.generate_endpoint_router_token", json={"label": "x", "endpoints": ["r"]})
        assert meta(endpoint)[0] == 403
        admin_token = by_label(http, admin_label)["id"]
        assert meta(client.post("/v2.23/auth.revoke_router_tokens", json={"ids": [admin_token]})) == (400, 10)
    for_person = call(http, "auth.generate_router_token", {"label": unique("for"), "user": person.user})
    with bearer(stack, for_person["token"]) as client:
        assert call(client, "users.get_current_user", {})["user"]["id"] == person.user


@pytest.mark.parametrize("endpoint, body, code", [
    ("auth.generate_router_token", {"label": " "}, (400, 12)),
    ("auth.generate_router_token", {"label": "x", "expiration_sec": -5}, (400, 12)),
    ("auth.generate_router_token", {"label": "x", "user": "no-such-user"}, (400, 301)),
    ("auth.generate_router_token", {}, (400, 12)),  # missing label
    ("auth.generate_endpoint_router_token", {"label": "x", "endpoints": []}, (400, 12)),
    ("auth.revoke_router_tokens", {"ids": ["no-such-token"]}, (400, 10)),
    ("auth.get_router_tokens", {"order_by": ["colour"]}, (400, 12)),
    ("auth.validate_router_code", {"code": "nope", "router": "r"}, (401, 30)),
    ("auth.redirect_to_router", {"router": "no-such-router"}, (400, 10)),
])
def test_bad_requests_are_clear_errors(http, endpoint, body, code):
    response = http.post(f"/v2.23/{endpoint}", json=body)
    assert meta(response) == code, response.text


def test_redirect_to_router_hands_a_one_time_code_the_router_exchanges_for_a_token(stack, http):
    route, router = unique("svc"), unique("router")
    call(http, "routers.add_or_update_route", {"name": route, "type": "path", "path": f"/{route}"})
    call(http, "routers.task_router_report", {"router": router, "url": "https://router.test"})
    response = http.post("/v2.23/auth.redirect_to_router", json={"router": router, "route": route})
    assert response.status_code == 302, response.text
    assert_conforms("auth.redirect_to_router", response.json()["data"])
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"https://router.test/{route}"
    code = parse_qs(location.query)["code"][0]
    wrong = http.post("/v2.23/auth.validate_router_code", json={"code": code, "router": "another"})
    assert meta(wrong) == (401, 30)  # and the code is used up
    response = http.post("/v2.23/auth.redirect_to_router", json={"router": router, "route": route})
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    data = call(http, "auth.validate_router_code", {"code": code, "router": router, "route": route})
    assert_conforms("auth.validate_router_code", data)
    me = call(http, "users.get_current_user", {})["user"]["id"]
    with bearer(stack, data["token"]) as client:
        assert call(client, "users.get_current_user", {})["user"]["id"] == me
    again = http.post("/v2.23/auth.validate_router_code", json={"code": code, "router": router})
    assert meta(again) == (401, 30)
    assert by_label(http, f"router {router}")["type"] == "identity_token"
    call(http, "routers.unregister", {"router": router})

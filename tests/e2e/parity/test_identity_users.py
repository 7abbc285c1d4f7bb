"""Parity with clearml-server for the users of a company through the gateway (issue 15, item
2): ``users.*`` and the user part of ``auth.*``.

``users.create``, ``users.delete`` and most of ``auth.*`` here are for system callers (the
web server's own identity in clearml-server): the tests sign such a session token with the
stack's token secret."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e


def bearer(stack, token: str) -> httpx.Client:
    return httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@pytest.fixture(scope="module")
def company(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["company"]["id"]


@pytest.fixture(scope="module")
def system(stack, company) -> Iterator[httpx.Client]:
    """A client with a system-role session of the stack's company (the web server's role)."""
    identity = Identity(company=company, user=uuid.uuid4().hex, role="system", user_name="__webserver__")
    with bearer(stack, issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0")) as client:
        yield client


def new_user(system: httpx.Client, company: str, name: str | None = None, **fields: Any) -> str:
    body = {"company": company, "name": name or f"user-{uuid.uuid4().hex[:8]}", "email": f"{uuid.uuid4()}@test.ai"}
    return call(system, "auth.create_user", {**body, **fields})["id"]


@pytest.fixture
def user_client(stack, system, company) -> Iterator[tuple[str, httpx.Client]]:
    """A new user of the company and a client with its session."""
    user_id = new_user(system, company)
    token = call(system, "auth.get_token_for_user", {"user": user_id})["token"]
    with bearer(stack, token) as client:
        yield user_id, client


def test_create_user_answers_the_new_id_and_the_user_is_listed_with_its_names(http, system, company):
    name = f"webui-{uuid.uuid4().hex[:8]}"
    user_id = new_user(system, company, name, given_name="Given", family_name="Family")
    user = call(http, "users.get_by_id", {"user": user_id})["user"]
    assert user["id"] == user_id and user["name"] == name and user["company"] == company
    assert user["given_name"] == "Given" and user["family_name"] == "Family" and user["created"].endswith("+00:00")
    assert "preferences" not in user and "role" not in user


def test_the_web_uis_login_page_lists_users_without_a_body_and_creates_one_by_name(system, company):
    # the calls of clearml-web 2.5's name-only login page, with the bodies it sends
    listed = system.post("/users.get_all")
    assert listed.status_code == 200 and isinstance(listed.json()["data"]["users"], list)
    name = f"webui-{uuid.uuid4().hex[:8]}"
    body = {"email": f"{uuid.uuid4()}@test.ai", "name": name, "company": company, "given_name": name, "family_name": name}
    user_id = call(system, "auth.create_user", body)["id"]
    assert {"id": user_id, "name": name} in [
        {"id": u["id"], "name": u["name"]} for u in system.post("/users.get_all").json()["data"]["users"]
    ]


def test_create_user_for_an_unknown_company_is_an_invalid_id(system):
    body = {"company": uuid.uuid4().hex, "name": "x", "email": f"{uuid.uuid4()}@test.ai"}
    assert meta(system.post("/v2.23/auth.create_user", json=body)) == (400, 10)


def test_get_all_filters_by_name_as_a_case_insensitive_pattern_and_by_id(http, system, company):
    tag = uuid.uuid4().hex[:8]
    ids = [new_user(system, company, f"Pat-{tag}-{n}") for n in range(3)]
    found = call(http, "users.get_all", {"name": f"^pat-{tag}", "order_by": ["name"]})["users"]
    assert [u["id"] for u in found] == ids
    assert {u["id"] for u in call(http, "users.get_all", {"id": ids[1:]})["users"]} == set(ids[1:])


def test_get_all_takes_a_single_id_where_a_list_is_expected(http, system, company):
    user_id = new_user(system, company)
    assert [u["id"] for u in call(http, "users.get_all", {"id": user_id})["users"]] == [user_id]
    assert [u["id"] for u in call(http, "users.get_all_ex", {"id": user_id})["users"]] == [user_id]


def test_get_all_pages_and_gives_only_the_fields_asked(http, system, company):
    tag = uuid.uuid4().hex[:8]
    ids = [new_user(system, company, f"page-{tag}-{n}") for n in range(3)]
    body = {"name": f"^page-{tag}", "order_by": ["-name"], "page": 1, "page_size": 2, "only_fields": ["name"]}
    assert call(http, "users.get_all", body)["users"] == [{"id": ids[0], "name": f"page-{tag}-0"}]


def test_get_all_ex_lists_the_company_users_like_get_all(http, system, company):
    name = f"ex-{uuid.uuid4().hex[:8]}"
    user_id = new_user(system, company, name)
    assert [u["id"] for u in call(http, "users.get_all_ex", {"name": name})["users"]] == [user_id]


def test_get_all_with_an_invalid_pattern_is_an_invalid_regex_error(http):
    assert meta(http.post("/v2.23/users.get_all", json={"name": "(unclosed"})) == (400, 21)


def test_get_by_id_of_an_unknown_user_is_an_invalid_user_id(http):
    assert meta(http.post("/v2.23/users.get_by_id", json={"user": uuid.uuid4().hex})) == (400, 301)


def test_users_create_takes_the_given_id_and_refuses_an_existing_one(http, system, company):
    user_id = uuid.uuid4().hex
    body = {"id": user_id, "company": company, "name": f"made-{user_id[:8]}"}
    assert call(system, "users.create", body) == {}
    assert call(http, "users.get_by_id", {"user": user_id})["user"]["name"] == body["name"]
    assert meta(system.post("/v2.23/users.create", json=body)) == (400, 302)


def test_update_answers_the_fields_it_set_and_nothing_for_no_fields(http, system, company):
    user_id = new_user(system, company)
    assert call(http, "users.update", {"user": user_id, "given_name": "New"}) == {
        "updated": 1,
        "fields": {"given_name": "New"},
    }
    assert call(http, "users.get_by_id", {"user": user_id})["user"]["given_name"] == "New"
    assert call(http, "users.update", {"user": user_id}) == {"updated": 0, "fields": {}}


def test_update_of_an_unknown_user_updates_nothing(http):
    assert call(http, "users.update", {"user": uuid.uuid4().hex, "name": "x"}) == {"updated": 0, "fields": {}}


def test_get_preferences_of_a_new_user_are_empty(user_client):
    _, client = user_client
    assert call(client, "users.get_preferences", {}) == {"preferences": {}}


def test_preferences_of_a_caller_without_a_user_record_are_an_invalid_user_id(stack, company):
    ghost = Identity(company=company, user=uuid.uuid4().hex, role="user")
    with bearer(stack, issue_token(stack.token_secret, ghost, uuid.uuid4().hex, 600, "2.34", "2.3.0")) as client:
        assert meta(client.post("/v2.23/users.get_preferences", json={})) == (400, 301)
        assert meta(client.post("/v2.23/users.set_preferences", json={"preferences": {"a": 1}})) == (400, 301)


def test_set_preferences_replaces_the_given_keys_and_keeps_the_others(user_client):
    _, client = user_client
    first = {"preferences": {"version": 1, "firstLogin": True}, "return_updated": False}
    assert call(client, "users.set_preferences", first) == {"updated": 1, "fields": {}}
    second = call(client, "users.set_preferences", {"preferences": {"users": {"showOnlyUserWork": {}}}})
    expected = {"version": 1, "firstLogin": True, "users": {"showOnlyUserWork": {}}}
    assert second == {"updated": 1, "fields": {"preferences": expected}}
    assert call(client, "users.get_preferences", {}) == {"preferences": expected}


def test_set_preferences_sets_a_dotted_key_inside_an_object(user_client):
    _, client = user_client
    call(client, "users.set_preferences", {"preferences": {"views": {"a": 1, "b": {"c": 2}}}})
    call(client, "users.set_preferences", {"preferences": {"views.b.d": 3}})
    assert call(client, "users.get_preferences", {})["preferences"] == {"views": {"a": 1, "b": {"c": 2, "d": 3}}}


def test_set_preferences_keeps_keys_with_dots_and_dollars_inside_values(user_client):
    _, client = user_client
    value = {"cols": {"last_metrics.a.b": 1, "$x": 2}}
    call(client, "users.set_preferences", {"preferences": {"table": value}})
    assert call(client, "users.get_preferences", {})["preferences"] == {"table": value}


def test_set_preferences_through_a_plain_value_is_an_invalid_preferences_update(user_client):
    _, client = user_client
    call(client, "users.set_preferences", {"preferences": {"version": 1}})
    response = client.post("/v2.23/users.set_preferences", json={"preferences": {"version.major": 2}})
    assert meta(response) == (400, 305)
    assert call(client, "users.get_preferences", {}) == {"preferences": {"version": 1}}


def test_set_preferences_without_preferences_is_a_validation_error(user_client):
    _, client = user_client
    assert meta(client.post("/v2.23/users.set_preferences", json={})) in {(400, 11), (400, 12)}


def test_edit_user_gives_a_role_that_the_users_next_token_carries(system, user_client):
    user_id, _ = user_client
    assert call(system, "auth.edit_user", {"user": user_id, "role": "admin"}) == {
        "updated": 1,
        "fields": {"role": "admin"},
    }
    token = call(system, "auth.get_token_for_user", {"user": user_id})["token"]
    assert call(system, "auth.validate_token", {"token": token})["valid"] is True
    with httpx.Client(base_url=str(system.base_url), headers={"Authorization": f"Bearer {token}"}) as client:
        assert call(client, "users.get_current_user", {})["user"]["role"] == "admin"


def test_edit_user_of_an_unknown_user_is_an_invalid_user_id(system):
    response = system.post("/v2.23/auth.edit_user", json={"user": uuid.uuid4().hex, "role": "user"})
    assert meta(response) == (400, 301)


def test_edit_user_refuses_a_role_outside_the_assignable_ones(system, user_client):
    user_id, _ = user_client
    assert meta(system.post("/v2.23/auth.edit_user", json={"user": user_id, "role": "system"})) == (400, 12)


def test_validate_token_answers_the_tokens_user_and_company(system, user_client, company):
    user_id, _ = user_client
    token = call(system, "auth.get_token_for_user", {"user": user_id, "expiration_sec": 60})["token"]
    assert call(system, "auth.validate_token", {"token": token}) == {"valid": True, "user": user_id, "company": company}


def test_validate_token_of_a_bad_token_is_not_valid_with_the_reason(system):
    answer = call(system, "auth.validate_token", {"token": "not-a-token"})
    assert answer["valid"] is False and answer["msg"]


def test_validate_token_of_a_logged_out_token_is_not_valid(system, user_client):
    user_id, _ = user_client
    token = call(system, "auth.get_token_for_user", {"user": user_id})["token"]
    with httpx.Client(base_url=str(system.base_url), headers={"Authorization": f"Bearer {token}"}) as client:
        call(client, "auth.logout", {})
    assert call(system, "auth.validate_token", {"token": token})["valid"] is False


def test_get_token_for_user_of_an_unknown_user_or_another_company_is_an_invalid_user_id(system, user_client):
    assert meta(system.post("/v2.23/auth.get_token_for_user", json={"user": uuid.uuid4().hex})) == (400, 301)
    user_id, _ = user_client
    other = {"user": user_id, "company": uuid.uuid4().hex}
    assert meta(system.post("/v2.23/auth.get_token_for_user", json=other)) == (400, 301)


def test_fixed_users_mode_is_off(system):
    assert call(system, "auth.fixed_users_mode", {})["enabled"] is False


def test_users_delete_removes_the_user_and_revokes_its_credentials(stack, http, system, user_client):
    user_id, client = user_client
    pair = call(client, "auth.create_credentials", {})["credentials"]
    keys = (pair["access_key"], pair["secret_key"])
    assert httpx.post(f"{stack.url}/v2.23/users.get_current_user", auth=keys, json={}).status_code == 200
    assert call(system, "users.delete", {"user": user_id}) == {}
    assert meta(http.post("/v2.23/users.get_by_id", json={"user": user_id})) == (400, 301)
    refused = httpx.post(f"{stack.url}/v2.23/users.get_current_user", auth=keys, json={})
    assert meta(refused) == (401, 22)


def test_users_delete_of_an_unknown_user_is_an_invalid_user_id(system):
    assert meta(system.post("/v2.23/users.delete", json={"user": uuid.uuid4().hex})) == (400, 301)


def test_another_companys_admin_neither_sees_nor_changes_the_users(stack, http, system, company):
    user_id = new_user(system, company)
    outsider = Identity(company=uuid.uuid4().hex, user=uuid.uuid4().hex, role="admin")
    token = issue_token(stack.token_secret, outsider, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    with bearer(stack, token) as other:
        assert meta(other.post("/v2.23/users.get_by_id", json={"user": user_id})) == (400, 301)
        assert user_id not in {u["id"] for u in call(other, "users.get_all", {})["users"]}
        assert call(other, "users.update", {"user": user_id, "name": "taken"})["updated"] == 0
        assert meta(other.post("/v2.23/auth.edit_user", json={"user": user_id, "role": "admin"})) == (400, 301)
    assert call(http, "users.get_by_id", {"user": user_id})["user"]["name"] != "taken"

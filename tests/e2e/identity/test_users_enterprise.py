"""The Enterprise endpoints of the users room through the gateway (issue 15, item 2): users
an admin adds, removes and gives roles, service users, terms of use, the system callers'
user lookups, and configuration vaults."""

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


def session(stack, identity: Identity) -> httpx.Client:
    token = issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "3.26.0", feature_set="advanced")
    return httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@pytest.fixture(scope="module")
def company(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["company"]["id"]


@pytest.fixture(scope="module")
def system(stack, company) -> Iterator[httpx.Client]:
    with session(stack, Identity(company=company, user=uuid.uuid4().hex, role="system")) as client:
        yield client


def add_user(admin: httpx.Client, **fields: Any) -> str:
    body = {"name": f"added-{uuid.uuid4().hex[:8]}", "email": f"{uuid.uuid4()}@test.ai", **fields}
    return call(admin, "auth.add_user", body)["id"]


@pytest.fixture
def member(stack, http, company) -> Iterator[tuple[str, httpx.Client]]:
    """A user the admin added, and a client with its session."""
    user_id = add_user(http)
    with session(stack, Identity(company=company, user=user_id, role="user")) as client:
        yield user_id, client


def role_of(system: httpx.Client, user_id: str) -> str:
    return call(system, "auth.get_users_info", {"users": [user_id]})["users"][user_id]["role"]


def test_an_admin_adds_a_user_to_its_company(http, company):
    user_id = add_user(http, given_name="Ada")
    user = call(http, "users.get_by_id", {"user": user_id})["user"]
    assert user["company"] == company and user["given_name"] == "Ada"


def test_set_role_gives_an_assignable_role_and_refuses_the_others(http, system, member):
    user_id, _ = member
    assert call(http, "users.set_role", {"user": user_id, "role": "annotator"}) == {"updated": 1}
    assert role_of(system, user_id) == "annotator"
    assert meta(http.post("/v2.23/users.set_role", json={"user": user_id, "role": "root"})) == (400, 12)
    assert role_of(system, user_id) == "annotator"


def test_set_admin_makes_an_admin_and_back_a_user(http, system, member):
    user_id, _ = member
    assert call(http, "users.set_admin", {"user": user_id}) == {"updated": 1}
    assert role_of(system, user_id) == "admin"
    assert call(http, "users.set_admin", {"user": user_id, "admin": False}) == {"updated": 1}
    assert role_of(system, user_id) == "user"


def test_a_plain_user_may_not_set_roles(member, http):
    user_id, client = member
    assert meta(client.post("/v2.23/users.set_role", json={"user": user_id, "role": "admin"})) == (403, 20)


def test_role_options_are_the_assignable_roles(member):
    _, client = member
    roles = call(client, "users.get_role_options", {})["roles"]
    assert [r["role"] for r in roles] == ["admin", "superuser", "user", "annotator"]
    assert all(r["display_name"] for r in roles)


def test_delete_user_removes_the_user_and_revokes_its_keys(stack, http, member):
    user_id, client = member
    pair = call(client, "auth.create_credentials", {})["credentials"]
    keys = (pair["access_key"], pair["secret_key"])
    assert call(http, "auth.delete_user", {"user": user_id}) == {"deleted": True}
    assert meta(http.post("/v2.23/users.get_by_id", json={"user": user_id})) == (400, 301)
    assert meta(httpx.post(f"{stack.url}/v2.23/users.get_current_user", auth=keys, json={})) == (401, 22)


def test_an_admin_does_not_delete_itself(http):
    me = call(http, "users.get_current_user", {})["user"]["id"]
    assert meta(http.post("/v2.23/auth.delete_user", json={"user": me})) == (400, 300)


def test_another_companys_admin_cannot_touch_the_users(stack, http, member):
    user_id, _ = member
    with session(stack, Identity(company=uuid.uuid4().hex, user=uuid.uuid4().hex, role="admin")) as other:
        assert meta(other.post("/v2.23/users.set_role", json={"user": user_id, "role": "admin"})) == (400, 301)
        assert meta(other.post("/v2.23/auth.delete_user", json={"user": user_id})) == (400, 301)
        assert user_id not in {u["id"] for u in call(other, "users.get_service_users", {})["users"]}
    assert call(http, "users.get_by_id", {"user": user_id})["user"]["id"] == user_id


def test_terms_of_use_none_published_and_acceptance_recorded(member):
    _, client = member
    assert call(client, "users.get_terms_of_use", {}) == {"terms_of_use": None}
    assert call(client, "users.accept_terms_of_use", {"version": 2.0}) == {
        "updated": 1,
        "fields": {"terms_of_use_ver_accepted": 2.0},
    }


def test_a_service_user_gets_a_working_key_pair_and_is_listed(stack, http):
    name = f"agent-{uuid.uuid4().hex[:8]}"
    created = call(http, "auth.create_service_user", {"name": name, "allow_running_as_owner": True})
    keys = (created["credentials"]["access_key"], created["credentials"]["secret_key"])
    me = httpx.post(f"{stack.url}/v2.23/users.get_current_user", auth=keys, json={}).json()["data"]["user"]
    assert me["id"] == created["id"] and me["name"] == name
    listing = call(http, "users.get_service_users", {})
    listed = {u["id"]: u for u in listing["users"]}[created["id"]]
    assert listed["name"] == name and listed["allow_running_as_owner"] is True and listed["credentials"] == 1
    assert listing["max_expiration_sec"] >= listing["default_expiration_sec"] > 0


def test_update_service_user_renames_it_and_refuses_a_plain_user(http, member):
    created = call(http, "auth.create_service_user", {"name": f"svc-{uuid.uuid4().hex[:8]}"})
    assert call(http, "users.update_service_user", {"user": created["id"], "name": "renamed"}) == {"updated": 1}
    assert {u["id"]: u for u in call(http, "users.get_service_users", {})["users"]}[created["id"]]["name"] == "renamed"
    user_id, _ = member
    assert meta(http.post("/v2.23/users.update_service_user", json={"user": user_id, "name": "x"})) == (400, 301)


def test_users_info_and_validate_user_find_users_by_id_and_email(http, system, company):
    email = f"{uuid.uuid4()}@test.ai"
    user_id = add_user(http, email=email)
    info = call(system, "auth.get_users_info", {"emails": [email]})["users"]
    assert info[user_id]["email"] == email and info[user_id]["role"] == "user"
    valid = call(system, "auth.validate_user", {"email": email, "provider": "x", "provider_user_id": "y"})
    assert valid == {"valid": True, "user": user_id, "company": company}
    stranger = {"email": f"{uuid.uuid4()}@t.ai", "provider": "x", "provider_user_id": "y"}
    unknown = call(system, "auth.validate_user", stranger)
    assert unknown["valid"] is False


@pytest.fixture
def tenant(stack) -> Iterator[tuple[httpx.Client, httpx.Client, str]]:
    """An admin and a user of a company of their own (vaults of the stack's company would
    reach every other test's SDK sessions), and the user's id."""
    company, user_id = uuid.uuid4().hex, uuid.uuid4().hex
    admin = Identity(company=company, user=uuid.uuid4().hex, role="admin", user_name="boss")
    with session(stack, admin) as boss, session(stack, Identity(company=company, user=user_id, role="user")) as user:
        yield boss, user, user_id


def vault(**fields: Any) -> dict[str, Any]:
    return {"data": "sdk.aws.s3.key: x", "description": f"v-{uuid.uuid4().hex[:6]}", **fields}


def test_a_sessions_vaults_are_the_companys_then_its_own(tenant):
    boss, user, _ = tenant
    org = call(boss, "users.add_or_update_vault", {"vault": vault(scope="organization")})["vault"]
    own = call(user, "users.add_or_update_vault", {"vault": vault()})["vault"]
    call(user, "users.add_or_update_vault", {"vault": vault(enabled=False)})
    found = call(user, "users.get_vaults", {"enabled": True, "types": ["config"]})["vaults"]
    assert [(v["id"], v["scope"]) for v in found] == [(org, "organization"), (own, "user")]
    assert found[1]["data"] == "sdk.aws.s3.key: x" and found[1]["format"] == "hocon"
    assert [v["scope"] for v in call(boss, "users.get_vaults", {"enabled": True})["vaults"]] == ["organization"]


def test_a_user_may_not_write_an_organization_vault_or_anothers(tenant):
    boss, user, user_id = tenant
    refused = user.post("/v2.23/users.add_or_update_vault", json={"vault": vault(scope="organization")})
    assert meta(refused) == (403, 20)
    others = call(boss, "users.add_or_update_vault", {"vault": vault()})["vault"]
    assert meta(user.post("/v2.23/users.add_or_update_vault", json={"vault": vault(id=others)})) == (403, 20)
    assert call(user, "users.delete_vaults", {"vaults": [others]}) == {"deleted": 0}


def test_updating_a_vault_keeps_its_id_and_an_unknown_id_is_invalid(tenant):
    _, user, _ = tenant
    vault_id = call(user, "users.add_or_update_vault", {"vault": vault()})["vault"]
    again = call(user, "users.add_or_update_vault", {"vault": {"id": vault_id, "data": "a: 2"}})
    assert again == {"vault": vault_id}
    assert [v["data"] for v in call(user, "users.get_vaults", {})["vaults"]] == ["a: 2"]
    unknown = user.post("/v2.23/users.add_or_update_vault", json={"vault": vault(id=uuid.uuid4().hex)})
    assert meta(unknown) == (400, 10)


def test_organization_vaults_list_every_vault_and_deleting_removes_them(tenant):
    boss, user, user_id = tenant
    mine = call(user, "users.add_or_update_vault", {"vault": vault()})["vault"]
    org = call(boss, "users.add_or_update_vault", {"vault": vault(scope="organization")})["vault"]
    listed = {v["id"]: v for v in call(boss, "users.get_organization_vaults", {})["vaults"]}
    assert set(listed) == {mine, org} and listed[mine]["user"] == user_id and listed[org]["last_update"]
    assert call(boss, "users.delete_vaults", {"vaults": [mine, org, uuid.uuid4().hex]}) == {"deleted": 2}
    assert call(user, "users.get_vaults", {})["vaults"] == []


def test_the_vault_operations_log_records_every_change(tenant):
    boss, _, _ = tenant
    made = {"vault": vault(scope="organization", description="cfg")}
    vault_id = call(boss, "users.add_or_update_vault", made)["vault"]
    call(boss, "users.add_or_update_vault", {"vault": {"id": vault_id, "data": "b: 1"}})
    call(boss, "users.delete_vaults", {"vaults": [vault_id]})
    log = call(boss, "users.get_vault_operations_log", {})["operations"]
    assert [op["operation"] for op in log] == ["delete", "update", "create"]
    assert log[0]["user"]["name"] == "boss" and log[0]["scope"] == "organization"
    assert log[0]["vault_description"] == "cfg" and log[0]["created"].endswith("+00:00")
    oldest = call(boss, "users.get_vault_operations_log", {"order": "asc", "page": 0, "page_size": 1})["operations"]
    assert [op["operation"] for op in oldest] == ["create"]
    only = call(boss, "users.get_vault_operations_log", {"operations": ["update"]})["operations"]
    assert [op["operation"] for op in only] == ["update"]
    filters = call(boss, "users.get_vault_operations_log_filters", {})
    assert filters["operations"] == ["create", "delete", "update"]
    assert filters["vaults"] == [{"id": vault_id, "description": "cfg"}] and filters["users"][0]["name"] == "boss"

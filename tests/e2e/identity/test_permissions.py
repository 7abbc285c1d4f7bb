"""The permissions room through the gateway (issue 16): user groups, access rules, default rules,
the company's users and categories, in a company of their own (a managed company changes what
its users may do; the shared default company stays unmanaged for the other suites)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from shared.access.snapshot import ENTITY_TYPES
from tests.e2e.api import call, meta, unique
from tests.e2e.identity.people import Person, make_company, make_person
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def client(stack, person: Person) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


@pytest.fixture(scope="module")
def company(stack) -> str:
    return make_company(stack, "permissions")


@pytest.fixture(scope="module")
def admin(stack, company) -> Iterator[httpx.Client]:
    with client(stack, make_person(stack, "admin", company)) as c:
        yield c


@pytest.fixture(scope="module")
def people(stack, company) -> list[Person]:
    return [make_person(stack, "user", company) for _ in range(2)]


def checked(http: httpx.Client, endpoint: str, body: dict) -> dict:
    data = call(http, f"permissions.{endpoint}", body)
    assert_conforms(f"permissions.{endpoint}", data)
    return data


def test_a_new_company_has_its_two_system_groups_and_lists_its_users(admin, people):
    groups = checked(admin, "get_user_groups", {})["groups"]
    system = {g["name"]: g for g in groups if g["system"]}
    assert set(system) == {"All Users", "Admins"} and not any(g["assignable"] for g in system.values())
    everyone = {u["id"] for u in system["All Users"]["users"]}
    assert {p.user for p in people} <= everyone
    users = checked(admin, "get_company_users", {})["users"]
    assert {p.user for p in people} <= {u["id"] for u in users}
    assert {u["role"] for u in users} >= {"admin", "user"}


def test_groups_are_created_updated_listed_with_permissions_and_deleted(admin, people):
    made = checked(admin, "add_or_update_user_group", {"name": unique("team"), "users": [people[0].user]})
    assert made["system"] is False and made["assignable"] is True
    checked(admin, "add_or_update_user_group", {"id": made["id"], "users": [p.user for p in people],
                                                 "description": "both"})
    rule = checked(admin, "add_or_update_access_rule", {
        "name": unique("rule"), "description": "", "entity_type": "queue", "entity_id": "q-1",
        "access_permission": "read", "groups": [made["id"]], "users": []})
    found = checked(admin, "get_user_groups", {"groups": [made["id"]], "include_permissions": True})["groups"]
    assert [g["description"] for g in found] == ["both"]
    assert {u["id"] for u in found[0]["users"]} == {p.user for p in people}
    assert [p["id"] for p in found[0]["permissions"]] == [rule["id"]]
    assert checked(admin, "delete_user_groups", {"groups": [made["id"]]})["deleted"] == 1
    # the group left the rule too
    left = checked(admin, "get_access_rules", {"rules": [rule["id"]]})["rules"]
    assert left[0]["groups"] == []


def test_system_groups_cannot_be_deleted_or_edited(admin):
    system = [g["id"] for g in checked(admin, "get_user_groups", {})["groups"] if g["system"]]
    response = admin.post("/v2.23/permissions.delete_user_groups", json={"groups": system[:1]})
    assert meta(response) == (400, 16)
    response = admin.post("/v2.23/permissions.add_or_update_user_group", json={"id": system[0], "name": "x"})
    assert meta(response) == (400, 16)


def test_a_group_of_unknown_users_is_refused(admin):
    response = admin.post("/v2.23/permissions.add_or_update_user_group",
                          json={"name": unique("g"), "users": ["nobody"]})
    assert meta(response) == (400, 301)


def test_rules_are_listed_with_names_updated_by_id_and_deleted(admin, people):
    queue = call(admin, "queues.create", {"name": unique("perm-queue")})["id"]
    rule = checked(admin, "add_or_update_access_rule", {
        "name": unique("rule"), "description": "d", "entity_type": "queue", "entity_id": queue,
        "access_permission": "read", "groups": [], "users": [people[0].user]})
    listed = checked(admin, "get_access_rules", {"rules": [rule["id"]]})["rules"][0]
    assert listed["entity_name"].startswith("perm-queue") and listed["entity_display_name"] == listed["entity_name"]
    assert listed["users"][0]["id"] == people[0].user and listed["users"][0]["name"]
    assert listed["autocreated"] is False
    checked(admin, "add_or_update_access_rule", {
        "id": rule["id"], "name": "renamed", "description": "d", "entity_type": "queue", "entity_id": queue,
        "access_permission": "read_write", "groups": [], "users": [people[1].user]})
    listed = checked(admin, "get_access_rules", {"rules": [rule["id"]]})["rules"][0]
    assert (listed["name"], listed["access_permission"], [u["id"] for u in listed["users"]]) == (
        "renamed", "read_write", [people[1].user])
    assert checked(admin, "delete_access_rules", {"rules": [rule["id"]]})["deleted"] == 1
    response = admin.post("/v2.23/permissions.delete_access_rules", json={"rules": [rule["id"]]})
    assert meta(response) == (400, 10)


def test_the_first_change_creates_the_default_rules_and_restore_brings_them_back(admin):
    defaults = [r for r in checked(admin, "get_access_rules", {})["rules"] if r["autocreated"]]
    everyone = [r for r in defaults if r["groups"][0]["name"] == "All Users"]
    assert sorted(r["entity_type"] for r in everyone) == sorted(ENTITY_TYPES)
    assert {r["access_permission"] for r in everyone} == {"read_write"} and not any("entity_id" in r for r in everyone)
    task_rule = next(r for r in everyone if r["entity_type"] == "task")
    checked(admin, "delete_access_rules", {"rules": [task_rule["id"]]})
    assert checked(admin, "ensure_default_access_rules", {"groups": ["users"]})["restored"] == 1
    assert checked(admin, "ensure_default_access_rules", {})["restored"] == 0
    edited = {k: task_rule[k] for k in ("id", "name", "description", "entity_type")}
    checked(admin, "add_or_update_access_rule", {**edited, "access_permission": "read",
                                                 "groups": [task_rule["groups"][0]["id"]], "users": []})
    assert checked(admin, "restore_default_access_rules", {})["restored"] == 1
    again = checked(admin, "get_access_rules", {"rules": [task_rule["id"]]})["rules"][0]
    assert again["access_permission"] == "read_write"


def test_entity_access_categories_cover_every_entity_type(admin):
    types = checked(admin, "get_entity_access_categories", {})["entity_types"]
    assert sorted(t["type"] for t in types) == sorted(ENTITY_TYPES)


def test_the_admin_endpoints_refuse_a_user(stack, people):
    with client(stack, people[0]) as user:
        response = user.post("/v2.23/permissions.get_access_rules", json={})
        assert meta(response)[0] == 403


def test_check_entity_access_needs_an_entity(admin):
    response = admin.post("/v2.23/permissions.check_entity_access", json={"entity_type": "task"})
    assert meta(response) == (400, 11)


def test_a_deleted_user_leaves_groups_and_rules(stack, admin, company):
    leaving = make_person(stack, "user", company)
    group = checked(admin, "add_or_update_user_group", {"name": unique("g"), "users": [leaving.user]})
    rule = checked(admin, "add_or_update_access_rule", {
        "name": unique("r"), "description": "", "entity_type": "model", "entity_id": "m-1",
        "access_permission": "read", "groups": [], "users": [leaving.user]})
    call(admin, "auth.delete_user", {"user": leaving.user})
    assert checked(admin, "get_user_groups", {"groups": [group["id"]]})["groups"][0]["users"] == []
    assert checked(admin, "get_access_rules", {"rules": [rule["id"]]})["rules"][0]["users"] == []

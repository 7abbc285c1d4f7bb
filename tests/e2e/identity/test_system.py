"""``system.*`` (Enterprise, issue 15 item 1) through the gateway: the companies of the
server, for system and root users only (403/20 for the others, as the catalog says).

Cairn seeds no system user in its password login model: the fixture makes one as the
role suite does (``tests/e2e/identity/people.py``: through ``auth.create_user`` and
``auth.create_credentials``, the system role set in identity's database).
"""

from __future__ import annotations

from functools import partial

import uuid

import httpx
import pytest

from tests.e2e import api
from tests.e2e.api import meta, unique

from tests.e2e.identity.people import make_person

pytestmark = pytest.mark.e2e


# Enterprise and newest-version calls, as the web UI sends them.
call = partial(api.call, version="999.0")


@pytest.fixture(scope="module")
def admin_company(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["company"]["id"]


def user_client(stack, company: str, role: str) -> httpx.Client:
    """An HTTP client of a new user of ``company`` with ``role`` (``people.make_person``)."""
    person = make_person(stack, role, company)
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


@pytest.fixture(scope="module")
def system(stack, admin_company):
    """An HTTP client of a user with the ``system`` role in the admin's company."""
    with user_client(stack, admin_company, "system") as client:
        yield client


def test_create_company_answers_its_id_and_get_companies_lists_it_active(system):
    name = unique("company")
    created = call(system, "system.create_company", {"name": name})
    assert set(created) == {"id", "app_queues"} and len(created["id"]) == 32
    listed = call(system, "system.get_companies", {"name": name})["companies"]
    assert listed == [{"id": created["id"], "name": name, "active": True}]


def test_get_companies_lists_the_seeded_company_and_filters_by_pattern(system, admin_company):
    every = call(system, "system.get_companies", {})["companies"]
    assert admin_company in {company["id"] for company in every}
    tag = uuid.uuid4().hex[:8]
    call(system, "system.create_company", {"name": f"pattern-{tag}-one"})
    found = call(system, "system.get_companies", {"name_pattern": f"^PATTERN-{tag}"})["companies"]
    assert [company["name"] for company in found] == [f"pattern-{tag}-one"]


def test_create_company_refuses_a_name_shorter_than_three(system):
    assert meta(system.post("/v999.0/system.create_company", json={"name": "ab"})) == (400, 12)


def test_company_info_answers_the_defaults_given_at_creation(system):
    defaults = {"allowed_users": 5, "kibana_space": "k"}
    company = call(system, "system.create_company", {"name": unique("info"), "defaults": defaults})["id"]
    info = call(system, "system.company_info", {"company": company})
    assert info["id"] == company and info["active"] is True and info["services"] == []
    assert info["defaults"] == defaults


def test_company_info_without_a_company_is_the_caller_s(system, admin_company):
    assert call(system, "system.company_info", {})["id"] == admin_company


def test_company_info_of_an_unknown_company_is_an_invalid_id(system):
    assert meta(system.post("/v999.0/system.company_info", json={"company": uuid.uuid4().hex})) == (400, 10)


def test_update_company_settings_sets_the_given_settings_and_keeps_the_others(system):
    company = call(system, "system.create_company", {"name": unique("settings"), "defaults": {"allowed_users": 3}})["id"]
    updated = call(system, "system.update_company_settings", {"company": company, "max_running_apps": 2})
    assert updated == {"updated": 1}
    assert call(system, "system.company_info", {"company": company})["defaults"] == {
        "allowed_users": 3, "max_running_apps": 2}


def test_sso_custom_events_and_app_access_configs_are_kept_per_company(system):
    company = call(system, "system.create_company", {"name": unique("configs")})["id"]
    assert call(system, "system.get_company_custom_events_config", {"company": company}) == {"fields": {}}
    call(system, "system.update_company_custom_events_config", {"company": company, "fields": {"a": {"type": "x"}}})
    assert call(system, "system.get_company_custom_events_config", {"company": company}) == {"fields": {"a": {"type": "x"}}}
    access = {"allowed": "owner", "admin_access_all": True}
    call(system, "system.update_company_app_instance_access", {"company": company, "app_instance_access": access})
    assert call(system, "system.get_company_app_instance_access", {"company": company}) == {"app_instance_access": access}
    call(system, "system.update_company_sso_config", {"company": company, "sso": {"provider": "p"}})
    assert call(system, "system.company_info", {"company": company})["defaults"]["sso"] == {"provider": "p"}



# --- server.* for system users -------------------------------------------------------------

def test_server_config_answers_the_settings_without_secrets(system, admin_company):
    config = call(system, "server.config", {})
    assert config["company_id"] == admin_company and config["api_version"]
    assert not any("secret" in key or "key" in key or "uri" in key for key in config)
    assert call(system, "server.config", {"path": "feature_set"}) in ({"value": "basic"}, {"value": "advanced"})
    assert meta(system.post("/v999.0/server.config", json={"path": "auth_token_secret"})) == (400, 12)


def test_server_endpoints_lists_what_the_server_answers_with_its_versions(system):
    endpoints = call(system, "server.endpoints", {})["endpoints"]
    assert endpoints["server.info"] == ["1.0", "2.8", "2.12"]  # the versions its handlers serve from
    assert "tasks.get_all_ex" in endpoints and "organization.get_tenant_usages" in endpoints
    assert "tasks.no_such_action" not in endpoints and "login.set_password" in endpoints  # Cairn's own too


def test_server_get_stats_counts_the_company_s_users_and_queues(system, admin_company, http):
    call(http, "queues.get_default", {})  # the company's default queue exists from its first need
    stats = call(system, "server.get_stats", {})
    assert stats["company_id"] == admin_company
    assert stats["server"]["users"]["count"] >= 2 and stats["server"]["queues"]["count"] >= 1
    uid = http.post("/v2.8/server.info", json={}).json()["data"]["uid"]
    assert stats["server"]["uuid"] == uid


def test_health_check_answers_no_errors(http):
    assert call(http, "server.health_check", {}) == {"errors": {}}


# --- Enterprise organization.* of the caller's company ---------------------------------------

@pytest.fixture(scope="module")
def fresh_admin(stack, system):
    """An admin of a company of its own (so renaming it disturbs no other test)."""
    company = call(system, "system.create_company", {"name": unique("own")})["id"]
    with user_client(stack, company, "admin") as client:
        yield company, client


def test_update_company_name_renames_the_caller_s_company(system, fresh_admin):
    company, admin = fresh_admin
    new_name = unique("renamed")
    assert call(admin, "organization.update_company_name", {"new_name": new_name}) == {"updated": 1}
    assert call(admin, "users.get_current_user", {})["user"]["company"]["name"] == new_name
    assert call(system, "system.company_info", {"company": company})["name"] == new_name


def test_update_company_name_of_another_company_is_refused(fresh_admin, admin_company):
    _, admin = fresh_admin
    response = admin.post("/v999.0/organization.update_company_name", json={"company": admin_company, "new_name": "x"})
    assert meta(response) == (403, 20)


def test_update_company_logo_is_for_admins_only(system, fresh_admin):
    _, admin = fresh_admin
    assert call(admin, "organization.update_company_logo", {"data": "https://x/logo.png", "format": "url"}) == {"updated": 1}
    assert meta(system.post("/v999.0/organization.update_company_logo", json={"data": "d", "format": "url"})) == (403, 20)


def test_usage_configuration_is_edited_per_part_and_deleted(fresh_admin):
    _, admin = fresh_admin
    assert call(admin, "organization.get_usage_configuration", {}) == {"events": {}, "pricing": {}}
    edited = call(admin, "organization.edit_usage_configuration", {"pricing": {"currency": "EUR"}})
    assert edited == {"events": {}, "pricing": {"currency": "EUR"}}
    assert call(admin, "organization.delete_usage_configuration", {}) == {"deleted": 1}
    assert call(admin, "organization.delete_usage_configuration", {}) == {"deleted": 0}


def test_ui_actions_and_services_are_empty(fresh_admin):
    _, admin = fresh_admin
    assert call(admin, "organization.get_ui_actions", {}) == {"objects": {}}
    assert call(admin, "organization.get_services", {}) == {"services": []}


def test_get_project_company_names_the_project_s_company(fresh_admin):
    company, admin = fresh_admin
    project = call(admin, "projects.create", {"name": unique("p"), "description": ""})["id"]
    assert call(admin, "organization.get_project_company", {"project": project}) == {"company": company}
    response = admin.post("/v999.0/organization.get_project_company", json={"project": uuid.uuid4().hex})
    assert meta(response) == (400, 401)


def test_storage_user_settings_are_the_caller_s_own(fresh_admin, http):
    _, admin = fresh_admin
    assert call(admin, "storage.set_user_settings", {"aws": {"key": "MINE", "secret": "S"}}) == {"updated": 1}
    assert call(admin, "storage.get_user_settings", {})["settings"]["aws"]["secret"] == "S"
    assert call(admin, "storage.get_settings", {})["settings"]["aws"]["key"] == ""
    assert call(http, "storage.get_user_settings", {})["settings"]["aws"]["key"] == ""
    assert call(admin, "storage.reset_user_settings", {"keys": ["aws"]}) == {"updated": 1}
    assert call(admin, "storage.get_user_settings", {})["settings"]["aws"]["key"] == ""


def test_a_new_company_gets_its_default_queue_on_first_need(fresh_admin):
    _, admin = fresh_admin
    default = call(admin, "queues.get_default", {})
    assert default["name"] == "default"
    assert [q["id"] for q in call(admin, "queues.get_all", {})["queues"]] == [default["id"]]


def test_a_guest_gets_the_storage_settings_without_their_secrets(stack, admin_company, http):
    call(http, "storage.set_settings", {"aws": {"key": "AK-guest", "secret": "SK-guest", "token": "T"}})
    with user_client(stack, admin_company, "guest") as guest:
        aws = call(guest, "storage.get_settings", {})["settings"]["aws"]
    assert aws["key"] == "AK-guest" and aws["secret"] is None and aws["token"] is None
    assert call(http, "storage.get_settings", {})["settings"]["aws"]["secret"] == "SK-guest"


def test_another_company_sees_none_of_the_company_s_tags_users_or_storage(fresh_admin, http):
    _, other = fresh_admin
    tag = unique("private-tag")
    call(http, "tasks.create", {"name": unique("t"), "type": "training", "tags": [tag]})
    call(http, "storage.set_settings", {"google": {"project": "private-project"}})
    assert tag in call(http, "organization.get_tags", {})["tags"]
    assert tag not in call(other, "organization.get_tags", {})["tags"]
    me = call(http, "users.get_current_user", {})["user"]["id"]
    owners = call(other, "organization.get_user_companies", {})["companies"][0]["owners"]
    assert me not in {owner["id"] for owner in owners}
    assert call(other, "storage.get_settings", {})["settings"]["google"]["project"] == ""


def test_project_workloads_answer_the_project_usages_of_a_project_the_caller_sees(fresh_admin, http):
    _, admin = fresh_admin
    project = call(admin, "projects.create", {"name": unique("workloads"), "description": ""})["id"]
    body = {"projects": [project], "from_date": "2026-01-01T00:00:00+00:00", "to_date": "2026-01-02T00:00:00+00:00"}
    assert call(admin, "organization.get_project_workloads", body) == {
        key: {"total": [], "series": []} for key in ("projects", "queues", "users")}
    assert call(admin, "organization.allow_project_workloads", {"project": project}) == {"allowed": True}
    assert call(http, "organization.allow_project_workloads", {"project": project}) == {"allowed": False}

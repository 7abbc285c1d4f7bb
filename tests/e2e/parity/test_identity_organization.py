"""Parity with clearml-server of the open-source ``organization.*``, ``storage.*`` and
``server.report_stats_option`` (issue 15, items 1 and 4), through the gateway. The web UI
calls ``server.report_stats_option`` on every page and ``organization.get_tags`` on the
models page (``tests/e2e/webui``-style bodies: ``{}``)."""

from __future__ import annotations

from functools import partial

import uuid

import pytest

from tests.e2e import api
from tests.e2e.api import meta, unique

pytestmark = pytest.mark.e2e


# Enterprise and newest-version calls, as the web UI sends them.
call = partial(api.call, version="999.0")


# --- server.report_stats_option ----------------------------------------------------------

def test_report_stats_option_answers_the_ui_s_empty_body(http):
    assert call(http, "server.report_stats_option", {}) == {"supported": False}


def test_report_stats_option_stays_unsupported_when_the_caller_enables_it(http):
    assert call(http, "server.report_stats_option", {"enabled": True}) == {"supported": False}
    assert call(http, "server.report_stats_option", {}) == {"supported": False}


# --- organization.get_tags ---------------------------------------------------------------

@pytest.fixture(scope="module")
def tagged(http):
    """A task and a model with tags of their own (unique to this module)."""
    task_tag, model_tag, system_tag = unique("task-tag"), unique("model-tag"), unique("sys")
    project = call(http, "projects.create", {"name": unique("org-tags"), "description": ""}, version="2.23")["id"]
    call(http, "tasks.create", {"name": unique("t"), "type": "training", "project": project,
                                "tags": [task_tag], "system_tags": [system_tag]}, version="2.23")
    call(http, "models.create", {"name": unique("m"), "uri": "file:///m.bin", "project": project,
                                 "tags": [model_tag, task_tag]}, version="2.23")
    return task_tag, model_tag, system_tag


def test_get_tags_merges_the_tags_of_tasks_and_models_sorted(http, tagged):
    task_tag, model_tag, system_tag = tagged
    data = call(http, "organization.get_tags", {})
    assert set(data) == {"tags"}
    assert {task_tag, model_tag} <= set(data["tags"]) and system_tag not in data["tags"]
    assert data["tags"] == sorted(data["tags"]) and len(data["tags"]) == len(set(data["tags"]))


def test_get_tags_adds_system_tags_when_asked(http, tagged):
    _, _, system_tag = tagged
    data = call(http, "organization.get_tags", {"include_system": True})
    assert set(data) == {"tags", "system_tags"} and system_tag in data["system_tags"]


def test_get_tags_filter_keeps_the_entities_with_one_of_the_tags(http, tagged):
    task_tag, model_tag, system_tag = tagged
    data = call(http, "organization.get_tags", {"include_system": True, "filter": {"tags": [model_tag]}})
    # Only the model carries the model's tag: its tags, and no system tag (the task has that).
    assert data == {"tags": sorted([model_tag, task_tag]), "system_tags": []}


# --- organization.get_user_companies -----------------------------------------------------

def test_get_user_companies_lists_the_caller_s_company_with_its_users(http):
    me = call(http, "users.get_current_user", {})["user"]
    companies = call(http, "organization.get_user_companies", {})["companies"]
    assert len(companies) == 1
    company = companies[0]
    assert company["id"] == me["company"]["id"] and company["name"] == me["company"]["name"]
    assert company["allocated"] == len(company["owners"]) >= 1
    assert {"id": me["id"], "name": me["name"], "avatar": None} in company["owners"]


def test_get_user_companies_refuses_unknown_fields(http):
    response = http.post("/v999.0/organization.get_user_companies", json={"unknown": 1})
    assert meta(response) == (400, 12)


# --- storage.* ---------------------------------------------------------------------------

AWS_BUCKET = {"bucket": "b1", "key": "AKIA1", "secret": "s3cr3t", "region": "us-east-1"}


def test_storage_settings_are_empty_sections_until_set(http):
    call(http, "storage.reset_settings", {"keys": ["aws", "azure", "google"]})
    settings = call(http, "storage.get_settings", {})["settings"]
    assert settings["aws"] == {"key": "", "secret": "", "token": "", "region": "",
                               "use_credentials_chain": False, "buckets": []}
    assert settings["google"] == {"project": "", "credentials_json": "", "buckets": []}
    assert settings["azure"] == {"containers": []}


def test_storage_set_settings_replaces_the_sections_sent_and_keeps_the_others(http):
    container = {"account_name": "acc", "account_key": "azkey", "container_name": "c"}
    assert call(http, "storage.set_settings", {"azure": {"containers": [container]}}) == {"updated": 1}
    aws = {"key": "AK", "secret": "SK", "region": "eu-west-1", "buckets": [AWS_BUCKET]}
    assert call(http, "storage.set_settings", {"aws": aws}) == {"updated": 1}
    settings = call(http, "storage.get_settings", {})["settings"]
    assert settings["aws"]["secret"] == "SK" and settings["aws"]["region"] == "eu-west-1"
    assert settings["aws"]["buckets"][0]["secret"] == "s3cr3t"
    assert settings["azure"]["containers"][0]["account_key"] == "azkey"
    assert settings["last_update"]


def test_storage_reset_settings_drops_the_named_sections(http):
    call(http, "storage.set_settings", {"aws": {"key": "AK2"}, "google": {"project": "p"}})
    assert call(http, "storage.reset_settings", {"keys": ["aws"]}) == {"updated": 1}
    settings = call(http, "storage.get_settings", {})["settings"]
    assert settings["aws"]["key"] == "" and settings["google"]["project"] == "p"


def test_storage_set_settings_without_a_section_is_a_validation_error(http):
    response = http.post("/v999.0/storage.set_settings", json={})
    assert meta(response) == (400, 12)


def test_storage_set_settings_refuses_google_credentials_that_are_not_json(http):
    response = http.post("/v999.0/storage.set_settings", json={"google": {"credentials_json": "{not json"}})
    assert meta(response) == (400, 12)


# --- organization.get_entities_count -----------------------------------------------------

@pytest.fixture(scope="module")
def counted(http):
    """A project with three tasks (one of them hidden) and two models."""
    project = call(http, "projects.create", {"name": unique("org-count"), "description": ""}, version="2.23")["id"]
    for name in ("a", "b"):
        call(http, "tasks.create", {"name": name, "type": "training", "project": project}, version="2.23")
    call(http, "tasks.create", {"name": "hidden", "type": "training", "project": project,
                                "system_tags": ["hidden"]}, version="2.23")
    for name in ("m1", "m2"):
        call(http, "models.create", {"name": name, "uri": "file:///m.bin", "project": project}, version="2.23")
    return project


def test_get_entities_count_counts_each_named_kind_by_its_query(http, counted):
    data = call(http, "organization.get_entities_count", {
        "tasks": {"project": [counted]}, "models": {"project": [counted]}, "projects": {"id": [counted]}})
    assert data == {"tasks": 2, "models": 2, "projects": 1}


def test_get_entities_count_counts_hidden_tasks_with_search_hidden(http, counted):
    data = call(http, "organization.get_entities_count", {"tasks": {"project": [counted]}, "search_hidden": True})
    assert data == {"tasks": 3}


def test_get_entities_count_limit_caps_each_count(http, counted):
    data = call(http, "organization.get_entities_count", {"tasks": {"project": [counted]}, "limit": 1})
    assert data == {"tasks": 1}


def test_get_entities_count_reports_a_failing_query_under_errors_and_counts_the_rest(http, counted):
    data = call(http, "organization.get_entities_count", {
        "tasks": {"project": [counted], "name": "("}, "models": {"project": [counted]}})
    assert data["models"] == 2 and "tasks" not in data and set(data["errors"]) == {"tasks"}


# --- organization.prepare_download_for_get_all / download_for_get_all --------------------

def test_download_for_get_all_answers_the_mapped_fields_as_csv(http, counted):
    prepared = call(http, "organization.prepare_download_for_get_all", {
        "entity_type": "task", "project": [counted], "only_fields": ["name", "status", "project.name"],
        "order_by": ["name"],
        "field_mappings": [{"field": "name", "name": "Name"}, {"field": "project", "name": "Project"},
                           {"field": "status", "values": [{"key": "created", "value": "Draft"}]}],
    })
    response = http.get(f"/v999.0/organization.download_for_get_all?prepare_id={prepared['prepare_id']}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith('attachment; filename="clearml-org-count-')
    assert response.headers["content-disposition"].endswith('-tasks.csv"')
    assert response.content.decode("utf-8").splitlines() == [
        '\ufeff"Name","Project","status"', f'"a","{counted}","Draft"', f'"b","{counted}","Draft"']


def test_download_for_get_all_of_nothing_is_the_header_alone(http):
    prepared = call(http, "organization.prepare_download_for_get_all", {
        "entity_type": "model", "id": [uuid.uuid4().hex], "only_fields": ["name"],
        "field_mappings": [{"field": "name", "name": "Model name"}]})
    response = http.post("/v999.0/organization.download_for_get_all", json=prepared)
    assert response.text == "Model name\r\n"
    assert 'filename="clearml-models.csv"' in response.headers["content-disposition"]


def test_download_for_get_all_defuses_cells_a_spreadsheet_would_run(http):
    name = f"=cmd-{uuid.uuid4().hex[:6]}"
    task = call(http, "tasks.create", {"name": name, "type": "training"}, version="2.23")["id"]
    prepared = call(http, "organization.prepare_download_for_get_all", {
        "entity_type": "task", "id": [task], "only_fields": ["name"], "field_mappings": [{"field": "name"}]})
    response = http.post("/v999.0/organization.download_for_get_all", json=prepared)
    assert response.text.splitlines()[1] == f'"\'{name}"'


def test_prepare_download_refuses_a_column_named_twice(http):
    response = http.post("/v999.0/organization.prepare_download_for_get_all", json={
        "entity_type": "task", "only_fields": ["name"],
        "field_mappings": [{"field": "name"}, {"field": "id", "name": "name"}]})
    assert meta(response) == (400, 12)


def test_download_for_get_all_of_an_unknown_prepare_id_is_an_invalid_id(http):
    response = http.post("/v999.0/organization.download_for_get_all", json={"prepare_id": uuid.uuid4().hex})
    assert meta(response) == (400, 10)


# --- organization.get_project_usages -----------------------------------------------------

@pytest.fixture(scope="module")
def usage_projects(http):
    """A project with a sub-project holding a task run through a queue and a development run."""
    top = unique("usage")
    call(http, "projects.create", {"name": top, "description": ""}, version="2.23")
    child = call(http, "projects.create", {"name": f"{top}/child", "description": ""}, version="2.23")["id"]
    parent = call(http, "projects.get_all_ex", {"name": f"^{top}$"})["projects"][0]["id"]
    queue = call(http, "queues.get_default", {})["id"]
    queued = call(http, "tasks.create", {"name": "queued", "type": "training", "project": child}, version="2.23")["id"]
    call(http, "tasks.enqueue", {"task": queued, "queue": queue}, version="2.23")
    call(http, "tasks.started", {"task": queued, "force": True}, version="2.23")
    call(http, "tasks.completed", {"task": queued, "force": True}, version="2.23")
    local = call(http, "tasks.create", {"name": "local", "type": "training", "project": child}, version="2.23")["id"]
    call(http, "tasks.started", {"task": local, "force": True}, version="2.23")
    call(http, "tasks.completed", {"task": local, "force": True}, version="2.23")
    return parent, child, queue


def today() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def test_get_project_usages_breaks_one_project_down_by_its_sub_projects(http, usage_projects):
    parent, child, queue = usage_projects
    data = call(http, "organization.get_project_usages", {"projects": [parent], "from_date": today(), "to_date": today()})
    assert set(data) == {"projects", "queues", "users"}
    [series] = data["projects"]["series"]
    assert series["id"] == child and series["name"].endswith("/child")
    assert len(series["dates"]) == 1 and series["gpu_usage"] == [0] and series["gpu_artificial_weights"] is True
    assert [total["id"] for total in data["projects"]["total"]] == [child]
    assert [q["id"] for q in data["queues"]["series"]] == [queue]


def test_get_project_usages_counts_development_runs_only_when_asked(http, usage_projects):
    parent, _, _ = usage_projects
    body = {"projects": [parent], "from_date": today(), "to_date": today(), "breakdown_keys": ["queue"]}
    assert [q["id"] for q in call(http, "organization.get_project_usages", body)["queues"]["series"]] != [None]
    with_development = call(http, "organization.get_project_usages", {**body, "include_development": True})
    assert None in {q["id"] for q in with_development["queues"]["series"]}


def test_get_project_usages_of_a_window_ending_before_it_starts_is_a_validation_error(http, usage_projects):
    parent, _, _ = usage_projects
    response = http.post("/v999.0/organization.get_project_usages", json={
        "projects": [parent], "from_date": "2026-02-02T00:00:00+00:00", "to_date": "2026-02-01T00:00:00+00:00"})
    assert meta(response) == (400, 12)

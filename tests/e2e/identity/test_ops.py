"""The last Enterprise identity endpoints through the gateway (issue 15, the ops room): task
tokens, ``auth.reload_config``, ``users.get_whitelist`` and ``server.db_version``."""

from __future__ import annotations

import uuid

import httpx
import jwt
import pytest

from tests.e2e.api import call, meta
from tests.e2e.identity.people import DEFAULT_COMPANY, bearer, make_company, make_person, system_session

pytestmark = pytest.mark.e2e

V = "999.0"


def _task(http) -> str:
    return call(http, "tasks.create", {"name": f"tt-{uuid.uuid4().hex[:8]}", "type": "training"})["id"]


def _user_of(token: str) -> str:
    return jwt.decode(token, options={"verify_signature": False})["identity"]["user"]


def test_get_task_token_gives_the_caller_a_session_token_for_its_task(http, stack):
    task = _task(http)
    token = call(http, "auth.get_task_token", {"task": task}, V)["token"]
    me = call(http, "users.get_current_user", {})["user"]["id"]
    assert _user_of(token) == me
    with bearer(stack, token) as session:
        assert call(session, "tasks.get_by_id", {"task": task})["task"]["id"] == task


def test_get_task_token_refuses_an_unknown_or_another_companys_task(http, stack):
    assert meta(http.post(f"/v{V}/auth.get_task_token", json={"task": uuid.uuid4().hex})) == (400, 101)
    outsider = make_person(stack, "admin", make_company(stack, "tt"))
    with httpx.Client(base_url=stack.url, auth=outsider.auth, timeout=60) as other:
        assert meta(other.post(f"/v{V}/auth.get_task_token", json={"task": _task(http)})) == (400, 101)


def test_get_task_token_for_user_is_for_system_roles_and_checks_user_and_task(http, stack):
    task = _task(http)
    person = make_person(stack, "user")
    body = {"task": task, "user": person.user, "company": DEFAULT_COMPANY}
    assert meta(http.post(f"/v{V}/auth.get_task_token_for_user", json=body)) == (403, 20)
    with system_session(stack) as system:
        assert _user_of(call(system, "auth.get_task_token_for_user", body, V)["token"]) == person.user
        unknown_user = {**body, "user": uuid.uuid4().hex}
        assert meta(system.post(f"/v{V}/auth.get_task_token_for_user", json=unknown_user)) == (400, 301)
        unknown_task = {**body, "task": uuid.uuid4().hex}
        assert meta(system.post(f"/v{V}/auth.get_task_token_for_user", json=unknown_task)) == (400, 101)


def test_reload_config_is_for_admins(http, stack):
    assert call(http, "auth.reload_config", {}, V) == {}
    with httpx.Client(base_url=stack.url, auth=make_person(stack, "user").auth, timeout=60) as user:
        assert meta(user.post(f"/v{V}/auth.reload_config", json={})) == (403, 20)


def test_users_get_whitelist_narrows_to_an_email(http, stack):
    email = f"{uuid.uuid4().hex[:10]}@example.org"
    call(http, "login.add_whitelist_entries", {"emails": [email]}, V)
    assert meta(http.post(f"/v{V}/users.get_whitelist", json={})) == (403, 20)
    with system_session(stack) as system:
        entries = call(system, "users.get_whitelist", {"email": email}, V)["entries"]
        everything = call(system, "users.get_whitelist", {}, V)["entries"]
    assert [entry["emails"] for entry in entries] == [[email]]
    assert entries[0]["company"] == DEFAULT_COMPANY
    assert sum(len(e.get("emails", [])) for e in everything) >= 1


def test_server_db_version_answers_the_stored_schema_version(http, stack):
    assert meta(http.post(f"/v{V}/server.db_version", json={})) == (403, 20)
    with system_session(stack) as system:
        current = call(system, "server.db_version", {}, V)
        full = call(system, "server.db_version", {"history": True}, V)
    assert current["version"] == "1.0" and current["created"]
    assert "history" not in current
    assert full["history"][-1] == {"version": current["version"], "created": current["created"]}


def test_system_copy_tasks_copies_tasks_into_a_company_as_its_user(http, stack):
    task = _task(http)
    company = make_company(stack, "copy")
    person = make_person(stack, "user", company)
    body = {"tasks": [task], "company": company, "user": person.user, "new_project_name": f"copied-{uuid.uuid4().hex[:6]}"}
    assert meta(http.post(f"/v{V}/system.copy_tasks", json=body)) == (403, 20)
    with system_session(stack) as system:
        ids = call(system, "system.copy_tasks", body, V)["ids"]
        unknown = {**body, "tasks": [uuid.uuid4().hex]}
        assert meta(system.post(f"/v{V}/system.copy_tasks", json=unknown)) == (400, 101)
        stranger = {**body, "user": uuid.uuid4().hex}
        assert meta(system.post(f"/v{V}/system.copy_tasks", json=stranger)) == (400, 301)
    assert len(ids) == 1 and ids[0] != task
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as owner:
        copied = call(owner, "tasks.get_by_id", {"task": ids[0]})["task"]
        project = call(owner, "projects.get_by_id", {"project": copied["project"]})["project"]
    assert (copied["user"], copied["status"], project["name"]) == (person.user, "created", body["new_project_name"])

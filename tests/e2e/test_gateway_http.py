"""What a user sees with curl: envelopes, errors, and a service outage."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

pytestmark = pytest.mark.e2e


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()
    assert response.status_code == body["meta"]["result_code"]
    return body["meta"]["result_code"], body["meta"]["result_subcode"]


def test_ping_current_user_and_server_info(stack, http):
    assert meta(httpx.get(f"{stack.url}/debug.ping")) == (200, 0)
    user = http.get("/v2.23/users.get_current_user").json()
    assert user["meta"]["endpoint"]["name"] == "users.get_current_user"
    assert user["data"]["user"]["role"] == "admin"
    info = http.get("/server.info").json()["data"]
    assert info["api_version"] == "2.34"


def test_wrong_secret_unknown_endpoint_and_bad_body(stack, http):
    assert meta(httpx.get(f"{stack.url}/tasks.get_all", auth=(stack.key, "wrong"))) == (401, 22)
    assert meta(http.get("/v2.23/tasks.nothing_here")) == (404, 0)
    assert meta(http.post("/tasks.create", json={"name": 12, "type": "training"})) == (400, 12)
    assert meta(http.post("/tasks.create", json={"type": "training"})) == (400, 12)
    as_curl_d = {"content-type": "application/x-www-form-urlencoded"}  # what `curl -d` sends
    assert meta(http.post("/tasks.create", content=b'{"name": 12, "type": "training"}', headers=as_curl_d)) == (400, 12)


def test_login_token_logout_revokes_it(stack, http):
    token = http.get("/auth.login").json()["data"]["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert meta(httpx.get(f"{stack.url}/v2.23/projects.get_all", headers=bearer)) == (200, 0)
    assert meta(httpx.get(f"{stack.url}/auth.logout", headers=bearer)) == (200, 0)
    assert meta(httpx.get(f"{stack.url}/v2.23/projects.get_all", headers=bearer))[0] == 401


def test_one_company_cannot_read_another_companys_project(stack, http):
    name = f"iso-{uuid.uuid4().hex[:8]}"
    project = http.post("/projects.create", json={"name": name, "description": "d"}).json()["data"]["id"]
    other = Identity(company=uuid.uuid4().hex, user=uuid.uuid4().hex, role="admin")
    token = issue_token(stack.token_secret, other, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    outsider = {"Authorization": f"Bearer {token}"}
    assert meta(httpx.post(f"{stack.url}/projects.get_by_id", json={"project": project}, headers=outsider))[0] == 400
    listed = httpx.post(f"{stack.url}/projects.get_all", json={"name": name}, headers=outsider).json()["data"]
    assert listed["projects"] == []
    assert http.post("/projects.get_all", json={"name": name}).json()["data"]["projects"][0]["id"] == project


def test_two_gateways_serve_at_once(stack, http):
    second = stack.start_extra_gateway()
    with httpx.Client(base_url=second, auth=(stack.key, stack.secret), timeout=30) as other:
        for _ in range(5):
            assert meta(other.get("/users.get_current_user")) == (200, 0)
            assert meta(http.get("/users.get_current_user")) == (200, 0)


def test_tasks_service_outage_is_retryable_then_recovers(stack, http):
    stack.stop("tasks")
    try:
        started = time.monotonic()
        response = http.post("/tasks.get_all", json={})
        assert meta(response) == (503, 0)
        assert time.monotonic() - started < 30
    finally:
        stack.start("tasks")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if http.post("/tasks.get_all", json={}).status_code == 200:
            break
        time.sleep(0.5)
    assert meta(http.post("/tasks.get_all", json={})) == (200, 0)


def test_openapi_document_is_served(stack):
    document = httpx.get(f"{stack.url}/openapi.json", timeout=60).json()
    assert document["openapi"].startswith("3.1")
    assert "/tasks.get_all" in document["paths"]


def test_a_body_larger_than_a_kafka_message_is_a_413_envelope(stack, http):
    body = b'{"tasks": ["' + b"a" * (33 * 1024 * 1024) + b'"]}'
    response = http.post("/v2.23/tasks.get_all", content=body, headers={"content-type": "application/json"})
    meta = response.json()["meta"]
    assert (response.status_code, meta["result_code"], meta["endpoint"]["name"]) == (413, 413, "tasks.get_all")
    assert http.post("/v2.23/debug.ping", json={}).status_code == 200

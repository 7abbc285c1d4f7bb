"""The tasks process through the gateway over plain HTTP: JSON-lines batches, scrolling,
cross-company status changes, and internal actions that clients cannot reach."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

pytestmark = pytest.mark.e2e


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()
    return body["meta"]["result_code"], body["meta"]["result_subcode"]


def new_task(http: httpx.Client, name: str) -> str:
    return http.post("/v2.23/tasks.create", json={"name": name, "type": "training"}).json()["data"]["id"]


def test_update_batch_takes_json_lines(http):
    a, b = new_task(http, "batch-a"), new_task(http, "batch-b")
    lines = "\n".join(json.dumps(item) for item in [{"task": a, "comment": "one"}, {"task": b, "comment": "two"}])
    response = http.post("/v2.23/tasks.update_batch", content=lines.encode(),
                         headers={"content-type": "application/json-lines"})
    assert response.json()["data"] == {"updated": 2}
    got = http.post("/v2.23/tasks.get_all", json={"id": [a, b], "only_fields": ["comment"], "order_by": ["comment"]})
    assert [t["comment"] for t in got.json()["data"]["tasks"]] == ["one", "two"]


def test_scrolling_through_get_all_ex(http):
    tag = uuid.uuid4().hex
    made = [http.post("/tasks.create", json={"name": f"s{n}", "type": "testing", "tags": [tag]}).json()["data"]["id"]
            for n in range(3)]
    body = {"tags": [tag], "size": 2, "only_fields": ["id"]}
    first = http.post("/v2.23/tasks.get_all_ex", json={**body, "scroll_id": None}).json()["data"]
    second = http.post("/v2.23/tasks.get_all_ex", json={**body, "scroll_id": first["scroll_id"]}).json()["data"]
    assert [t["id"] for t in first["tasks"] + second["tasks"]] == made


def test_status_changes_of_another_company_are_refused(stack, http):
    task_id = new_task(http, "mine")
    other = Identity(company=uuid.uuid4().hex, user=uuid.uuid4().hex, role="admin")
    token = issue_token(stack.token_secret, other, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    outsider = {"Authorization": f"Bearer {token}"}
    # 400/10, as for an unknown task: another company cannot tell that the task exists (tenancy).
    assert meta(httpx.post(f"{stack.url}/tasks.started", json={"task": task_id}, headers=outsider)) == (400, 10)
    assert meta(http.post("/tasks.started", json={"task": task_id})) == (200, 0)
    assert meta(http.post("/tasks.started", json={"task": task_id, "force": False})) == (200, 0)
    assert meta(http.post("/tasks.delete", json={"task": task_id})) == (400, 123)


def test_internal_actions_are_not_endpoints(http):
    response = http.post("/internal.event_targets", json={"tasks": []})
    assert meta(response)[0] in (403, 404)

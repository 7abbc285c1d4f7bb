"""The models / visibility / project-metadata endpoints through the gateway over plain HTTP:
a public task is read by another company and written by none; the models' ``_ex`` reads,
``move`` and ``update_tags``; ``tasks.validate``; project user names and metadata."""

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


def data(response: httpx.Response) -> dict:
    assert meta(response) == (200, 0), response.text
    return response.json()["data"]


@pytest.fixture(scope="module")
def outsider(stack):
    other = Identity(company=uuid.uuid4().hex, user=uuid.uuid4().hex, role="admin")
    token = issue_token(stack.token_secret, other, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    with httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        yield client


def test_a_public_task_is_shared_read_only_and_taken_back(http, outsider):
    task = data(http.post("/tasks.create", json={"name": "shared", "type": "training"}))["id"]
    assert meta(outsider.post("/tasks.get_by_id", json={"task": task})) == (400, 101)
    assert data(http.post("/tasks.make_public", json={"ids": [task]})) == {"updated": 1}
    assert data(outsider.post("/tasks.get_by_id", json={"task": task}))["task"]["name"] == "shared"
    assert meta(outsider.post("/tasks.edit", json={"task": task, "name": "x", "force": True})) == (403, 21)
    assert meta(outsider.post("/tasks.make_private", json={"ids": [task]})) == (400, 101)
    assert data(http.post("/tasks.make_private", json={"ids": [task]})) == {"updated": 1}
    assert meta(outsider.post("/tasks.get_by_id", json={"task": task})) == (400, 101)


def test_models_ex_reads_move_and_tags(http, outsider):
    tag = uuid.uuid4().hex
    ids = [data(http.post("/models.create", json={"name": f"m{n}", "uri": "s3://b/m", "tags": [tag]}))["id"]
           for n in range(2)]
    moved = data(http.post("/models.move", json={"ids": ids, "project_name": f"moved-{tag}"}))
    assert data(http.post("/models.update_tags", json={"ids": ids[:1], "add_tags": ["best"]})) == {"updated": 1}
    body = {"filters": {"tags": {"all": {"include": [tag, "best"]}}}, "only_fields": ["project"]}
    found = data(http.post("/models.get_all_ex", json=body))["models"]
    assert found == [{"id": ids[0], "project": {"id": moved["project_id"]}}]  # ClearML's joined read
    assert len(data(http.post("/models.get_by_id_ex", json={"id": ids}))["models"]) == 2
    assert meta(outsider.post("/models.update_tags", json={"ids": ids, "add_tags": ["x"]})) == (200, 0)
    assert data(http.post("/models.get_by_id", json={"model": ids[1]}))["model"]["tags"] == [tag]


def test_validate_and_project_reads(http):
    name = f"meta-{uuid.uuid4().hex}"
    project = data(http.post("/projects.create", json={"name": name, "tags": ["pt"]}))["id"]
    assert data(http.post("/tasks.validate", json={"name": "t", "type": "training", "project": project})) == {}
    assert meta(http.post("/tasks.validate", json={"name": "t", "type": "training", "project": "nope"})) == (400, 401)
    assert meta(http.post("/tasks.validate", json={"name": "t"})) == (400, 12)
    data(http.post("/tasks.create", json={"name": "t", "type": "training", "project": project}))
    users = data(http.post("/projects.get_user_names", json={"projects": [project]}))["users"]
    assert len(users) == 1
    # clearml-server always answers system_tags here (empty unless include_system)
    assert data(http.post("/projects.get_project_tags", json={"projects": [project]})) == {"tags": ["pt"],
                                                                                          "system_tags": []}
    keys = data(http.post("/projects.get_model_metadata_keys", json={"project": project}))
    assert keys == {"keys": [], "total": 0, "remaining": 0}


def test_a_public_tasks_events_are_read_by_every_company_and_written_by_none(http, outsider):
    task = data(http.post("/tasks.create", json={"name": "example", "type": "training"}))["id"]
    lines = [{"type": "training_stats_scalar", "task": task, "iter": i, "metric": "loss", "variant": "train",
              "value": 1.0 / (i + 1)} for i in range(5)]
    lines.append({"type": "log", "task": task, "msg": "hello", "level": "info"})
    batch = "\n".join(json.dumps(line) for line in lines)
    jsonl = {"Content-Type": "application/json-lines"}
    assert data(http.post("/events.add_batch", content=batch, headers=jsonl))["added"] == 6
    assert meta(outsider.post("/events.get_task_log", json={"task": task})) == (400, 101)
    data(http.post("/tasks.make_public", json={"ids": [task]}))

    histogram = data(outsider.post("/events.scalar_metrics_iter_histogram", json={"task": task}))
    assert histogram["loss"]["train"]["y"] == [1.0, 0.5, 1 / 3, 0.25, 0.2]
    assert [e["msg"] for e in data(outsider.post("/events.get_task_log", json={"task": task}))["events"]] == ["hello"]
    assert data(outsider.post("/events.get_task_events", json={"task": task}))["total"] == 6

    # Public objects are read only (for the company that made it public too, once its cached
    # lookup of the task expires: CAIRN_INGEST_TARGET_CACHE_S, tested in the unit tests).
    refused = outsider.post("/events.add_batch", content=batch, headers=jsonl)
    assert meta(refused) == (400, 131), refused.text
    assert refused.json()["meta"]["error_data"] == {f"Invalid task id {task}": 6}  # as ClearML words it
    assert meta(outsider.post("/events.delete_for_task", json={"task": task})) == (403, 21)
    assert meta(http.post("/events.clear_task_log", json={"task": task})) == (403, 21)
    assert data(outsider.post("/events.get_task_events", json={"task": task}))["total"] == 6

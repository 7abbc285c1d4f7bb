"""Queues and workers through the gateway: curl-style HTTP and the real clearml SDK."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_sdk_skeleton import run_sdk

pytestmark = pytest.mark.e2e


def data(response: httpx.Response) -> dict:
    body = response.json()
    assert response.status_code == 200, body["meta"]
    return body["data"]


def codes(response: httpx.Response) -> tuple[int, int]:
    meta = response.json()["meta"]
    return meta["result_code"], meta["result_subcode"]


def test_create_add_pop_and_list_through_the_gateway(http):
    name = f"http-{uuid.uuid4().hex[:8]}"
    queue_id = data(http.post("/v2.23/queues.create", json={"name": name}))["id"]
    for task in ("t1", "t2"):
        assert data(http.post("/v2.23/queues.add_task", json={"queue": queue_id, "task": task})) == {"added": 1}
    assert codes(http.post("/v2.23/queues.add_task", json={"queue": queue_id, "task": "t1"})) == (400, 706)
    assert codes(http.post("/v2.23/queues.create", json={"name": name})) == (400, 801)
    assert codes(http.post("/v2.23/queues.get_by_id", json={"queue": "nope"})) == (400, 701)
    listed = data(http.post("/v2.23/queues.get_all", json={"name": f"^{name}$"}))["queues"]
    assert [[e["task"] for e in q["entries"]] for q in listed] == [["t1", "t2"]]
    # The agent's form: GET with a JSON body, old API version.
    popped = data(http.request("GET", "/v2.5/queues.get_next_task", json={"queue": queue_id}))
    assert popped["entry"]["task"] == "t1"
    assert data(http.post("/queues.get_num_entries", json={"queue": queue_id})) == {"num": 1}
    assert codes(http.post("/queues.delete", json={"queue": queue_id})) == (400, 702)
    assert data(http.post("/queues.delete", json={"queue": queue_id, "force": True})) == {"deleted": 1}


def test_workers_register_report_and_list(http):
    worker = f"agent-{uuid.uuid4().hex[:8]}"
    queue_id = data(http.post("/queues.get_default", json={}))["id"]
    assert data(http.post("/workers.register", json={"worker": worker, "queues": [queue_id]})) == {}
    report = {"worker": worker, "timestamp": 1, "machine_stats": {"cpu_usage": [1.0]}}
    assert data(http.post("/workers.status_report", json=report)) == {}
    workers = data(http.post("/workers.get_all", json={}))["workers"]
    assert worker in [w["id"] for w in workers]
    assert data(http.post("/workers.unregister", json={"worker": worker})) == {}
    assert worker not in [w["id"] for w in data(http.post("/workers.get_all", json={}))["workers"]]


def test_the_clearml_sdk_drives_queues_and_workers(stack, tmp_path: Path):
    result = run_sdk(stack, "sdk_queues_script.py", tmp_path)
    assert result["enqueued"] == 3
    assert result["position"] == 0
    assert result["next"] == "t-c"
    assert result["default"] == "default"
    assert result["remaining"] == ["t-a", "t-b"]
    assert len(result["workers"]) == 1

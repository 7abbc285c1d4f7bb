"""The queues process's newer endpoints over HTTP through the gateway, with the payloads
clearml-serving, clearml-agent and the web UI send (taken from the catalog's fields):
``serving.*``, worker runtime properties, and task names in ``queues.get_all_ex`` and
``workers.get_all``."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e


def call(http: httpx.Client, endpoint: str, body: dict, version: str = "") -> dict:
    response = http.post(f"/{version and f'v{version}/'}{endpoint}", json=body)
    assert response.status_code == 200, response.text[:500]
    return response.json()["data"]


def fails(http: httpx.Client, endpoint: str, body: dict) -> tuple[int, int]:
    meta = http.post(f"/{endpoint}", json=body).json()["meta"]
    return meta["result_code"], meta["result_subcode"]


def serving_report(container: str, url: str | None, requests: int) -> dict:
    body = {"container_id": container, "endpoint_name": "resnet", "model_name": "resnet50",
            "model_source": "clearml", "model_version": "1", "preprocess_artifact": "py_code_resnet",
            "input_type": "image", "input_size": "[1, 3, 224, 224]",
            "reference": [{"type": "model", "value": "0123456789abcdef"}, {"type": "task", "value": "feedbeef"}],
            "requests_num": requests, "requests_min": 1.5, "latency_ms": 12, "uptime_sec": 300,
            "machine_stats": {"cpu_usage": [12.5, 30.0], "gpu_usage": [80.0], "memory_used": 2048.0,
                              "memory_free": 6144.0, "gpu_memory_used": [4096.0], "gpu_memory_free": [12288.0],
                              "network_rx": 0.5, "network_tx": 0.25, "disk_free_home": 40.0}}
    if url:
        body["endpoint_url"] = url
    return body


def test_serving_containers_endpoints_and_charts(http):
    suffix = uuid.uuid4().hex[:8]
    url = f"http://serving-{suffix}:8080/serve/resnet"
    start = time.time()
    loading = {k: v for k, v in serving_report(f"load-{suffix}", None, 0).items() if k in (
        "container_id", "endpoint_name", "model_name", "model_version")}
    assert call(http, "serving.register_container", {**loading, "timeout": 120}, "2.31") == {}
    for container, requests in ((f"a-{suffix}", 10), (f"b-{suffix}", 4)):
        assert call(http, "serving.container_status_report", serving_report(container, url, requests), "2.31") == {}
    endpoints = [e for e in call(http, "serving.get_endpoints", {})["endpoints"] if e["url"] == url]
    assert len(endpoints) == 1 and endpoints[0]["instances"] == 2 and endpoints[0]["requests"] == 14
    loading_ids = [i["id"] for i in call(http, "serving.get_loading_instances", {})["instances"]]
    assert f"load-{suffix}" in loading_ids
    details = call(http, "serving.get_endpoint_details", {"endpoint_url": url})
    assert sorted(i["id"] for i in details["instances"]) == [f"a-{suffix}", f"b-{suffix}"]
    assert details["instances"][0]["cpu_count"] == 2 and details["preprocess_artifact"] == "py_code_resnet"
    window = {"endpoint_url": url, "from_date": start - 120, "to_date": time.time() + 60, "interval": 60}
    history = call(http, "serving.get_endpoint_metrics_history", window)
    assert history["total"]["title"] == "Number of Requests" and 14 in history["total"]["values"]
    assert set(history["instances"]) == {f"a-{suffix}", f"b-{suffix}"}
    ram = call(http, "serving.get_endpoint_metrics_history", {**window, "metric_type": "ram_total"})
    assert 16.0 in ram["total"]["values"]  # two containers of 8192 MB, in GB
    assert call(http, "serving.unregister_container", {"container_id": f"a-{suffix}"}) == {}
    assert [i["id"] for i in call(http, "serving.get_endpoint_details", {"endpoint_url": url})["instances"]] == [
        f"b-{suffix}"]
    assert fails(http, "serving.get_endpoint_details", {"endpoint_url": url + "/nothing"}) == (400, 1052)
    assert fails(http, "serving.register_container", {"container_id": "x"}) == (400, 12)


def test_runtime_properties_as_the_agent_and_the_docs_send_them(http):
    worker = f"agent-{uuid.uuid4().hex[:8]}:gpu0"
    # clearml-agent: POST /workers.set_runtime_properties (no version), value always a string
    agent_set = {"runtime_properties": [{"key": "max_num_instances", "value": "2"}], "worker": worker}
    assert call(http, "workers.set_runtime_properties", agent_set)["added"] == ["max_num_instances"]
    docs_set = {"worker": worker, "runtime_properties": [{"key": "force", "value": "on", "expiry": 86400}]}
    call(http, "workers.set_runtime_properties", docs_set, "2.13")
    props = {p["key"]: p for p in call(http, "workers.get_runtime_properties", {"worker": worker})[
        "runtime_properties"]}
    assert props["max_num_instances"] == {"key": "max_num_instances", "value": "2", "expiry": None}
    assert 86000 < props["force"]["expiry"] <= 86400
    removal = {"worker": worker, "runtime_properties": [{"key": "force", "expiry": 0}]}
    assert call(http, "workers.set_runtime_properties", removal)["removed"] == ["force"]
    assert [p["key"] for p in call(http, "workers.get_runtime_properties", {"worker": worker})[
        "runtime_properties"]] == ["max_num_instances"]


def test_task_names_in_queue_listings_and_workers(http):
    suffix = uuid.uuid4().hex[:8]
    queue_id = call(http, "queues.create", {"name": f"names-{suffix}"})["id"]
    project = call(http, "projects.create", {"name": f"names-{suffix}", "description": "d"})["id"]
    task_ids = [call(http, "tasks.create", {"name": f"job-{i}-{suffix}", "type": "training", "project": project})["id"]
                for i in range(2)]
    for task_id in task_ids:
        call(http, "tasks.enqueue", {"task": task_id, "queue": queue_id})
    [queue] = call(http, "queues.get_all_ex", {"id": [queue_id]})["queues"]
    assert [e["task"] for e in queue["entries"]] == [{"id": t, "name": f"job-{i}-{suffix}"}
                                                     for i, t in enumerate(task_ids)]
    popped = call(http, "queues.get_next_task", {"queue": queue_id})["entry"]["task"]
    call(http, "tasks.started", {"task": popped})
    worker = f"box-{suffix}"
    report = {"worker": worker, "timestamp": int(time.time() * 1000), "task": popped, "queue": queue_id,
              "queues": [queue_id], "machine_stats": {"cpu_usage": [5.0]}}
    call(http, "workers.status_report", report)
    [entry] = [w for w in call(http, "workers.get_all", {})["workers"] if w["id"] == worker]
    assert entry["task"]["id"] == popped and entry["task"]["name"] == "job-0-" + suffix
    assert entry["task"]["running_time"] >= 0
    assert entry["project"] == {"id": project, "name": f"names-{suffix}"}
    assert entry["queues"][0]["next_task"] == {"id": task_ids[1], "name": f"job-1-{suffix}"}
    [queue] = call(http, "queues.get_all_ex", {"id": [queue_id]})["queues"]
    assert queue["workers"][0]["task"]["name"] == "job-0-" + suffix


AGENT_PROPS = """import sys
from clearml_agent.commands.worker import Worker
worker = Worker()
worker.worker_id = sys.argv[1]
assert worker.set_runtime_properties(key="max_num_instances", value=2) is True
assert worker._runtime_props_support is True, worker._runtime_props_support
props = worker.get_runtime_properties()
assert props == [{"key": "max_num_instances", "value": "2", "expiry": None}], props
print("runtime properties supported")
"""


def test_clearml_agent_finds_runtime_properties_supported(stack, tmp_path):
    """The agent's own code path (``Worker.set/get_runtime_properties``): an error answer would
    make it record the feature as unsupported (``_runtime_props_support`` = the API version)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.url, CLEARML_API_ACCESS_KEY=stack.key, CLEARML_API_SECRET_KEY=stack.secret)
    run = subprocess.run([sys.executable, "-c", AGENT_PROPS, f"agent-{uuid.uuid4().hex[:8]}"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "runtime properties supported" in run.stdout, (run.stdout + run.stderr)[-3000:]

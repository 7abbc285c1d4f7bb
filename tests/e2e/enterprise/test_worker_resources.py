"""The Enterprise ``workers.*`` endpoints of the resource dashboard through the gateway (issue
17, part 4): cluster and listener reports, resource usages and history from the workers'
statistics, thresholds and the workers' events log."""

from __future__ import annotations

import csv
import io
import time

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

V = "2.23"  # what clearml-agent sends these with
STATS = {"cpu_usage": [50.0, 30.0], "memory_free": 3072.0, "memory_used": 1024.0, "disk_free_home": 40.0,
         "gpu_usage": [90.0], "gpu_memory_free": [2048.0], "gpu_memory_used": [6144.0],
         "network_rx": 1.5, "network_tx": 0.5}


def _agent_cluster_report(worker: str, category: str, **overrides) -> dict:
    """What clearml-agent's ResourceMonitor.send_cluster_report posts (advanced feature set)."""
    return {"worker": worker, "partial": True, "key": category, "timestamp": int(time.time() * 1000),
            "timeout": 120, "resource_groups": [f"{category}:box"],
            "properties": {"max_gpus": 1, "max_workers": 1}, **overrides}


def _report(http, worker: str, task: str | None = None, stats: dict | None = None) -> None:
    body = {"worker": worker, "timestamp": int(time.time() * 1000), "machine_stats": stats or STATS}
    if task:
        body["task"] = task
    call(http, "workers.status_report", body)


def _category(usages: dict, key: str) -> dict:
    return next(c for c in usages["categories"] if c["key"] == key)


def _group(usages: dict, key: str) -> dict:
    return next(g for g in usages["resource_groups"] if g["key"] == key)


def test_cluster_reports_and_worker_statistics_make_the_resource_usages(http):
    category = unique("cat")
    worker = f"{category}:box:0"
    call(http, "workers.register", {"worker": worker, "queues": []})
    _report(http, worker)
    assert call(http, "workers.cluster_report", _agent_cluster_report(worker, category), V) == {}

    usages = call(http, "workers.get_resource_usages", {"last_events": 50}, V)
    assert_conforms("workers.get_resource_usages", usages)
    mine = _category(usages, category)
    assert mine["workers"] == {"total": 1, "idle": 1, "max_allowed": 1}
    assert mine["cpus"] == {"total": 2, "idle": 2} and mine["gpus"] == {"total": 1, "idle": 1, "max_allowed": 1}
    group = _group(usages, f"{category}:box")
    assert group["worker_count"]["value"] == 1 and group["avg_cpu_load"]["value"] == pytest.approx(40.0)
    assert group["ram_total"]["value"] == pytest.approx(4.0) and group["gpu_ram_free"]["value"] == pytest.approx(2.0)
    assert [w["id"] for w in group["workers"]] == [worker]
    events = [e for item in usages["events"] for e in item.values() if e["worker"] == worker]
    assert [e["event_type"] for e in events] == ["registered"]
    assert events[0]["worker_category"] == category

    filtered = call(http, "workers.get_resource_usages",
                    {"filters": {"avg_cpu_load": {"min_value": 60}}, "expand_groups": []}, V)
    assert f"{category}:box" not in {g["key"] for g in filtered["resource_groups"]}

    gone = call(http, "workers.cluster_unregister", {"key": category, "partial": True, "worker": worker}, V)
    assert_conforms("workers.cluster_unregister", gone)
    assert gone == {"unregistered": 1}
    after = _category(call(http, "workers.get_resource_usages", {}, V), category)
    assert "max_allowed" not in after["workers"]


def test_thresholds_are_kept_per_company_and_raise_alarms(http):
    category = unique("thr")
    worker = f"{category}:box:0"
    _report(http, worker)
    answer = call(http, "workers.set_resource_thresholds", {"cpu_load": 30, "ram_free": 8}, V)
    assert_conforms("workers.set_resource_thresholds", answer)
    assert answer == {"updated": 1}
    call(http, "workers.set_resource_thresholds", {"gpu_util": 95}, V)
    me = call(http, "users.get_current_user", {})["user"]["id"]
    got = call(http, "workers.get_resource_thresholds", {}, V)
    assert_conforms("workers.get_resource_thresholds", got)
    assert (got["cpu_load"], got["ram_free"], got["gpu_util"], got["updated_by"]) == (30, 8, 95, me)
    assert got["last_update"] > 0
    group = _group(call(http, "workers.get_resource_usages", {}, V), f"{category}:box")
    assert group["avg_cpu_load"]["alarm"] == 1 and group["ram_free"]["alarm"] == 1
    assert group["avg_gpu_util"]["alarm"] == 0
    bad = http.post(f"/v{V}/workers.set_resource_thresholds", json={"cpu_load": 150})
    assert meta(bad) == (400, 12)
    assert call(http, "workers.get_resource_thresholds", {}, V)["cpu_load"] == 30


def test_resource_history_follows_the_reported_statistics(http):
    category = unique("hist")
    workers = [f"{category}:box:{n}" for n in range(2)]
    for worker in workers:
        _report(http, worker)
    now = time.time()
    body = {"from_date": now - 600, "to_date": now + 60, "interval": 60, "category": category}
    counts = call(http, "workers.get_resource_history", body, V)
    assert_conforms("workers.get_resource_history", counts)
    assert counts["computed_interval"] == 60
    assert max(counts["worker_count"]["values"]) == 2 and max(counts["cpu_count"]["values"]) == 4
    assert len(counts["worker_count"]["dates"]) == len(counts["worker_count"]["values"])
    memory = call(http, "workers.get_resource_history", {**body, "resource_type": "memory"}, V)
    assert max(memory["ram_total"]["values"]) == pytest.approx(8.0)
    other = call(http, "workers.get_resource_history", {**body, "resource_group": f"{category}:elsewhere"}, V)
    assert max(other["worker_count"]["values"]) == 0
    backwards = http.post(f"/v{V}/workers.get_resource_history", json={**body, "to_date": now - 700})
    assert meta(backwards) == (400, 16)


def test_listeners_and_workers_write_the_events_log(http):
    listener, worker = unique("listener"), unique("evw")
    assert call(http, "workers.listener_report", {"id": listener, "name": "glue", "type": "k8s",
                                                  "queues": ["q1"], "timeout": 60}, V) == {}
    call(http, "workers.register", {"worker": worker})
    task = call(http, "tasks.create", {"name": unique("evt"), "type": "training"})["id"]
    _report(http, worker, task=task)
    _report(http, worker, task=task)
    _report(http, worker)
    call(http, "workers.unregister", {"worker": worker})
    assert call(http, "workers.listener_unregister", {"id": listener}, V) == {}

    text = call(http, "workers.download_events_log", {"max_age_days": 1}, V)
    assert_conforms("workers.download_events_log", text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["event"] for r in rows if r["worker"] == worker] == ["registered", "busy", "idle", "unregistered"]
    assert [r["event"] for r in rows if r["worker"] == listener] == ["listener_registered", "listener_unregistered"]
    busy = next(r for r in rows if r["worker"] == worker and r["event"] == "busy")
    assert task in busy["message"] and busy["time"]
    assert call(http, "workers.download_events_log", {"max_age_days": 0}, V).splitlines() == [
        "time,event,worker,category,resource_group,user,message"]
    assert meta(http.post(f"/v{V}/workers.download_events_log", json={"max_age_days": -1})) == (400, 12)

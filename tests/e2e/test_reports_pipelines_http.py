"""Through the gateway, on real servers: ``reports.get_task_data`` reads the events of the
tasks it selects from the events process over RPC; ``tasks.get_all_ex`` orders by a metric the
events service folded into the tasks and filters with ``filters``; ``pipelines.start_pipeline``
clones a controller with new args and enqueues the clone in the queues process."""

from __future__ import annotations

import json
import uuid

import pytest

from services.events.domain import md5

pytestmark = pytest.mark.e2e


def call(http, endpoint: str, body: dict) -> dict:
    answer = http.post(f"/v2.23/{endpoint}", json=body).json()
    assert answer["meta"]["result_code"] == 200, answer["meta"]
    return answer["data"]


@pytest.fixture(scope="module")
def runs(http) -> dict:
    suffix = uuid.uuid4().hex[:8]
    project = call(http, "projects.create", {"name": f"e2e-reports-{suffix}", "description": ""})["id"]
    ids = {}
    for name, scale, tags in (("slow", 1.0, ["cmp"]), ("fast", 0.5, ["cmp", "best"]), ("other", 2.0, [])):
        ids[name] = call(http, "tasks.create", {"name": name, "type": "training", "project": project, "tags": tags})["id"]
        events = [{"type": "training_stats_scalar", "task": ids[name], "iter": i, "metric": "loss", "variant": "train",
                   "value": scale / (i + 1)} for i in range(5)]
        events.append({"type": "training_stats_scalar", "task": ids[name], "iter": -2147483648, "metric": "Summary",
                       "variant": "acc", "value": scale})
        events.append({"type": "plot", "task": ids[name], "iter": 4, "metric": "cm", "variant": "v",
                       "plot_str": json.dumps({"data": [{"z": [[scale]]}]})})
        body = "\n".join(json.dumps(e) for e in events)
        answer = http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})
        assert answer.status_code == 200, answer.text
    return {"project": project, **ids}


def test_get_task_data_reads_each_part_from_the_events_service(http, runs):
    data = call(http, "reports.get_task_data", {
        "project": [runs["project"]], "tags": ["cmp"], "order_by": ["name"], "only_fields": ["id", "name"],
        "scalar_metrics_iter_histogram": {"metrics": [{"metric": "loss", "variants": ["train"]}]},
        "single_value_metrics": {}, "plots": {"iters": 1}})
    assert [t["name"] for t in data["tasks"]] == ["fast", "slow"]
    series = data["scalar_metrics_iter_histogram"]["loss"]["train"]
    assert set(series) == {runs["fast"], runs["slow"]}
    assert series[runs["fast"]]["name"] == "fast" and series[runs["fast"]]["x"] == [0, 1, 2, 3, 4]
    assert series[runs["slow"]]["y"][1] == 0.5
    values = {v["task_name"]: v["values"][0]["value"] for v in data["single_value_metrics"]}
    assert values == {"fast": 0.5, "slow": 1.0}
    plot = data["plots"]["cm"]["v"][runs["slow"]]["4"]
    assert plot["name"] == "slow" and json.loads(plot["plots"][0]["plot_str"])["data"][0]["z"] == [[1.0]]


def test_get_all_ex_orders_by_the_folded_metric_and_filters(http, runs):
    metric = f"last_metrics.{md5('loss')}.{md5('train')}.value"
    body = {"project": [runs["project"]], "order_by": [f"-{metric}"], "only_fields": ["name"],
            "filters": {"tags": {"all": {"exclude": ["best"]}}}}
    assert [t["name"] for t in call(http, "tasks.get_all_ex", body)["tasks"]] == ["other", "slow"]
    body["order_by"] = [metric]
    body["filters"] = {"tags": {"any": {"include": ["best", None]}}}
    assert [t["name"] for t in call(http, "tasks.get_all_ex", body)["tasks"]] == ["fast", "other"]


def test_start_pipeline_clones_and_enqueues(http, runs):
    suffix = uuid.uuid4().hex[:8]
    project = call(http, "projects.create", {"name": f"e2e-pipe-{suffix}/.pipelines/p",
                                             "system_tags": ["hidden", "pipeline"]})["id"]
    hyperparams = {"Args": {"n": {"section": "Args", "name": "n", "value": "1"}}}
    controller = call(http, "tasks.create", {"name": "p", "type": "controller", "project": project,
                                             "hyperparams": hyperparams, "system_tags": ["pipeline"]})["id"]
    queue = call(http, "queues.create", {"name": f"e2e-pipe-{suffix}"})["id"]
    started = call(http, "pipelines.start_pipeline", {"task": controller, "queue": queue,
                                                      "args": [{"name": "n", "value": "7"}]})
    assert started["enqueued"] is True and started["pipeline"] != controller
    run = call(http, "tasks.get_by_id", {"task": started["pipeline"]})["task"]
    assert (run["status"], run["type"], run["project"]) == ("queued", "controller", project)
    assert run["hyperparams"]["Args"]["n"]["value"] == "7"
    queued = call(http, "queues.get_by_id", {"queue": queue})["queue"]
    assert [e["task"] for e in queued["entries"]] == [started["pipeline"]]
    bad = http.post("/v2.23/pipelines.start_pipeline", json={"task": controller, "queue": "no-such-queue"}).json()
    assert (bad["meta"]["result_code"], bad["meta"]["result_subcode"]) == (400, 701)
    listed = call(http, "tasks.get_all_ex", {"project": [project], "search_hidden": True, "only_fields": ["id"]})
    assert len(listed["tasks"]) == 2

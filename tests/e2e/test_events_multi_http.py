"""The reads the SDK does not make, through the gateway as the UI (or curl) calls them:
comparing tasks side by side by name (the events process asks the tasks process for the
names) and downloading a task's console log as a file."""

from __future__ import annotations

import json
import uuid

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def tasks(http):
    suffix = uuid.uuid4().hex[:8]
    project = http.post("/v2.23/projects.create", json={"name": f"e2e-multi-{suffix}", "description": ""})
    ids = {}
    for name in ("alpha", "beta"):
        created = http.post("/v2.23/tasks.create", json={"name": f"{name}-{suffix}", "type": "training",
                                                        "project": project.json()["data"]["id"]})
        ids[name] = created.json()["data"]["id"]
    events = []
    for offset, task in enumerate(ids.values()):
        events += [{"type": "training_stats_scalar", "task": task, "iter": i, "metric": "loss", "variant": "train",
                    "value": float(i + offset)} for i in range(20)]
        events += [{"type": "plot", "task": task, "iter": i, "metric": "curves", "variant": "roc",
                    "plot_str": json.dumps({"data": [{"x": [i]}]})} for i in (1, 2)]
    events += [{"type": "log", "task": ids["alpha"], "msg": f"step {n}", "level": "info", "worker": "w",
                "timestamp": 1_764_400_000_000 + n} for n in range(3)]
    answer = http.post("/v2.23/events.add_batch", content="\n".join(json.dumps(e) for e in events),
                       headers={"Content-Type": "application/json-lines"})
    assert answer.status_code == 200 and answer.json()["data"]["errors"] == 0, answer.text
    return {name: (task, f"{name}-{suffix}") for name, task in ids.items()}


def test_scalars_of_several_tasks_side_by_side_by_name(http, tasks):
    (alpha, alpha_name), (beta, beta_name) = tasks["alpha"], tasks["beta"]
    answer = http.post("/v2.23/events.multi_task_scalar_metrics_iter_histogram", json={"tasks": [alpha, beta]})
    assert answer.status_code == 200, answer.text
    series = answer.json()["data"]["metrics"]["loss"]["train"]
    assert series[alpha] == {"name": alpha_name, "x": list(range(20)), "y": [float(i) for i in range(20)]}
    assert series[beta]["name"] == beta_name and series[beta]["y"][0] == 1.0
    unknown = http.post("/v2.23/events.multi_task_scalar_metrics_iter_histogram", json={"tasks": [alpha, "nope"]})
    assert (unknown.status_code, unknown.json()["meta"]["result_subcode"]) == (400, 101)


def test_plots_of_several_tasks_by_name(http, tasks):
    (alpha, alpha_name), (beta, _) = tasks["alpha"], tasks["beta"]
    answer = http.post("/v2.28/events.get_multi_task_plots", json={"tasks": [alpha, beta], "iters": 1})
    assert answer.status_code == 200, answer.text
    roc = answer.json()["data"]["plots"]["curves"]["roc"]
    assert set(roc) == {alpha, beta} and list(roc[alpha]) == ["2"]
    assert roc[alpha]["2"]["name"] == alpha_name and roc[alpha]["2"]["plots"][0]["iter"] == 2


def test_download_task_log_is_a_file(http, tasks):
    alpha, _ = tasks["alpha"]
    answer = http.get("/events.download_task_log", params={"task": alpha, "line_type": "text",
                                                           "line_format": "{level} {msg}"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.headers["content-disposition"] == f'attachment; filename="task_{alpha}.log"'
    assert answer.text == "info step 0\ninfo step 1\ninfo step 2\n"
    as_json = http.post("/v2.23/events.download_task_log", json={"task": alpha})
    assert [json.loads(line)["msg"] for line in as_json.text.splitlines()] == ["step 0", "step 1", "step 2"]
    refused = http.post("/v2.23/events.download_task_log", json={"task": alpha, "line_type": "text",
                                                                 "line_format": "{nope}"})
    assert refused.status_code == 400 and refused.json()["meta"]["result_subcode"] == 16

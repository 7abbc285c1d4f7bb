"""Events through the gateway as a ClearML client sends them: JSON-lines ``events.add_batch``
to the ingest topic, answered once searchable and folded into the task; then the reads."""

from __future__ import annotations

import json
import uuid

import pytest

from services.events.domain import md5

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def task_id(http):
    suffix = uuid.uuid4().hex[:8]
    project = http.post("/v2.23/projects.create", json={"name": f"e2e-events-{suffix}", "description": ""})
    created = http.post("/v2.23/tasks.create", json={"name": f"events-{suffix}", "type": "training",
                                                    "project": project.json()["data"]["id"]})
    return created.json()["data"]["id"]


def add_batch(http, events):
    body = "\n".join(json.dumps(e) for e in events)
    return http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})


def test_add_batch_then_read_back(http, task_id):
    events = [{"type": "training_stats_scalar", "task": task_id, "iter": i, "metric": "loss", "variant": "train",
               "value": 1.0 / (i + 1), "model_event": False} for i in range(50)]
    events += [{"type": "log", "task": task_id, "iter": 0, "msg": f"line {n}", "level": "info",
                "timestamp": 1_764_400_000_000 + n} for n in range(5)]
    events.append({"type": "bogus", "task": task_id})
    answer = add_batch(http, events)
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == {"added": 55, "errors": 1, "errors_info": {"Invalid event type bogus": 1}}

    scalars = http.post("/v2.23/events.scalar_metrics_iter_histogram", json={"task": task_id}).json()["data"]
    assert scalars["loss"]["train"]["x"] == list(range(50))
    assert scalars["loss"]["train"]["y"][49] == 1.0 / 50

    log = http.post("/v2.23/events.get_task_log", json={"task": task_id, "navigate_earlier": True,
                                                         "batch_size": 2, "order": "asc"}).json()["data"]
    assert [e["msg"] for e in log["events"]] == ["line 3", "line 4"] and log["total"] == 5

    task = http.post("/v2.23/tasks.get_by_id", json={"task": task_id}).json()["data"]["task"]
    assert task["last_iteration"] == 49
    entry = task["last_metrics"][md5("loss")][md5("train")]
    assert entry["value"] == 1.0 / 50 and entry["count"] == 50 and entry["max_value"] == 1.0


def test_events_for_an_unknown_task_are_not_added(http):
    answer = add_batch(http, [{"type": "log", "task": "no-such-task", "msg": "x"}])
    body = answer.json()
    assert (answer.status_code, body["meta"]["result_subcode"]) == (400, 131)


def test_a_line_that_is_not_an_event_object_is_refused_by_the_gateway(http, task_id):
    answer = http.post("/v2.23/events.add_batch", content='[1, 2]\n"text"',
                       headers={"Content-Type": "application/json-lines"})
    assert answer.status_code == 400


def test_the_callers_worker_is_kept_on_its_events(http, task_id):
    body = json.dumps({"type": "log", "task": task_id, "msg": "from a worker", "timestamp": 1_764_400_100_000})
    answer = http.post("/v2.23/events.add_batch", content=body,
                       headers={"Content-Type": "application/json-lines", "X-ClearML-Worker": "gpu-box:0"})
    assert answer.status_code == 200, answer.text
    log = http.post("/v2.23/events.get_task_log", json={"task": task_id, "batch_size": 100}).json()["data"]
    [line] = [e for e in log["events"] if e["msg"] == "from a worker"]
    assert line["worker"] == "gpu-box:0"


def test_one_batch_for_two_tasks_is_answered_as_one(http, task_id):
    other = http.post("/v2.23/tasks.create", json={"name": f"events-other-{uuid.uuid4().hex[:6]}",
                                                   "type": "training"}).json()["data"]["id"]
    events = [{"type": "training_stats_scalar", "task": t, "iter": i, "metric": "two", "variant": "v", "value": i}
              for i in range(3) for t in (task_id, other)]
    events.append({"type": "log", "task": "no-such-task", "msg": "x"})
    answer = add_batch(http, events)
    assert answer.json()["data"] == {"added": 6, "errors": 1, "errors_info": {"Invalid task id no-such-task": 1}}
    for task in (task_id, other):
        got = http.post("/v2.23/tasks.get_by_id", json={"task": task}).json()["data"]["task"]
        assert got["last_metrics"][md5("two")][md5("v")]["count"] == 3


def test_durable_ack_answers_before_indexing_and_the_events_arrive(http, task_id):
    import time

    events = [{"type": "training_stats_scalar", "task": task_id, "iter": i, "metric": "durable", "variant": "v",
               "value": float(i)} for i in range(20)]
    body = "\n".join(json.dumps(e) for e in events)
    answer = http.post("/v2.23/events.add_batch", content=body,
                       headers={"Content-Type": "application/json-lines", "X-Cairn-Ack": "durable"})
    assert answer.json()["data"] == {"added": 20, "errors": 0, "errors_info": {}}
    deadline = time.time() + 30
    while time.time() < deadline:
        task = http.post("/v2.23/tasks.get_by_id", json={"task": task_id}).json()["data"]["task"]
        entry = task.get("last_metrics", {}).get(md5("durable"), {}).get(md5("v"))
        if entry and entry["count"] == 20:
            break
        time.sleep(0.2)
    assert entry and (entry["count"], entry["value"]) == (20, 19.0)
    refused = http.post("/v2.23/events.add_batch", content=body,
                        headers={"Content-Type": "application/json-lines", "X-Cairn-Ack": "sometime"})
    assert (refused.status_code, refused.json()["meta"]["result_subcode"]) == (400, 12)


def test_log_lines_sent_again_after_a_failed_answer_are_stored_once(http, task_id):
    """A client that got a 503 (or no answer) sends the same batch again; the lines of the first
    sending may already be stored: the second must overwrite them, not add a copy."""
    marker = uuid.uuid4().hex[:8]
    lines = [{"type": "log", "task": task_id, "iter": 3, "msg": f"{marker} line {n}", "level": "info",
              "timestamp": 1_764_500_000_000 + n} for n in range(3)]
    for _ in range(2):
        answer = add_batch(http, lines)
        assert answer.status_code == 200 and answer.json()["data"]["added"] == 3, answer.text
    answer = add_batch(http, [{**lines[0], "timestamp": lines[0]["timestamp"] + 10}])  # the same text, later
    assert answer.status_code == 200, answer.text
    log = http.post("/v2.23/events.get_task_log", json={"task": task_id, "batch_size": 500, "order": "asc"}).json()["data"]
    mine = [e["msg"] for e in log["events"] if e["msg"].startswith(marker)]
    assert mine == [f"{marker} line 0", f"{marker} line 1", f"{marker} line 2", f"{marker} line 0"]

"""ClearML parity of the ``events.*`` reads and deletes, through the gateway: each test names what
clearml-server does, and failed on Cairn before it was matched."""

from __future__ import annotations

import json
import re
import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e

T0 = 1_764_400_000_000


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()
    return body["meta"]["result_code"], body["meta"]["result_subcode"]


def data(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()["data"]


def new_task(http: httpx.Client, name: str = "parity-events") -> str:
    created = http.post("/v2.23/tasks.create", json={"name": f"{name}-{uuid.uuid4().hex[:8]}", "type": "training"})
    return data(created)["id"]


def add_batch(http: httpx.Client, events: list[dict]) -> dict:
    body = "\n".join(json.dumps(e) for e in events)
    answer = http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})
    return data(answer)


def log_lines(task: str, stamps: list[int]) -> list[dict]:
    return [{"type": "log", "task": task, "msg": f"line {n}", "level": "info", "timestamp": T0 + stamp}
            for n, stamp in enumerate(stamps)]


def scalars(task: str, metric: str, variant: str, iterations, value=lambda i: float(i)) -> list[dict]:
    return [{"type": "training_stats_scalar", "task": task, "iter": i, "metric": metric, "variant": variant,
             "value": value(i)} for i in iterations]


def messages(answer: dict) -> list[str]:
    return [e["msg"] for e in answer["events"]]


# events.get_task_log

def test_get_task_log_without_order_returns_the_newest_lines_first(http):
    task = new_task(http)
    add_batch(http, log_lines(task, [0, 1, 2, 3, 4]))
    answer = data(http.post("/v2.23/events.get_task_log", json={"task": task}))
    assert messages(answer) == ["line 4", "line 3", "line 2", "line 1", "line 0"]
    assert (answer["returned"], answer["total"]) == (5, 5)
    # navigating later, the navigation order is the oldest first
    later = data(http.post("/v2.23/events.get_task_log", json={"task": task, "navigate_earlier": False,
                                                               "batch_size": 2}))
    assert messages(later) == ["line 0", "line 1"]
    following = data(http.post("/v2.23/events.get_task_log", json={
        "task": task, "navigate_earlier": False, "batch_size": 2, "from_timestamp": T0 + 1}))
    assert messages(following) == ["line 2", "line 3"] and following["total"] == 5


def test_get_task_log_pages_back_from_a_timestamp_newest_first(http):
    task = new_task(http)
    add_batch(http, log_lines(task, [0, 1, 2, 3, 4]))
    earlier = data(http.post("/v2.23/events.get_task_log", json={"task": task, "from_timestamp": T0 + 3}))
    assert messages(earlier) == ["line 2", "line 1", "line 0"]
    ordered = data(http.post("/v2.23/events.get_task_log", json={"task": task, "from_timestamp": T0 + 3,
                                                                 "order": "asc"}))
    assert messages(ordered) == ["line 0", "line 1", "line 2"]


def test_get_task_log_returns_every_line_of_the_last_timestamp_even_beyond_batch_size(http):
    task = new_task(http)
    add_batch(http, log_lines(task, [0, 1, 1, 1, 2]))
    answer = data(http.post("/v2.23/events.get_task_log", json={"task": task, "batch_size": 2}))
    assert answer["returned"] == 4
    assert messages(answer)[0] == "line 4" and sorted(messages(answer)[1:]) == ["line 1", "line 2", "line 3"]


def test_get_task_log_returns_up_to_5000_lines_by_default(http):
    task = new_task(http)
    add_batch(http, log_lines(task, list(range(600))))
    answer = data(http.post("/v2.23/events.get_task_log", json={"task": task}))
    assert answer["returned"] == 600


# events.scalar_metrics_iter_histogram and the multi-task histogram

def test_scalar_histogram_without_samples_buckets_each_series_to_at_most_2000_points(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(5000)))
    series = data(http.post("/v2.23/events.scalar_metrics_iter_histogram", json={"task": task}))["loss"]["train"]
    # 5000 iterations in buckets of ceil(5000 / 2000) = 3 iterations: 1667 points
    assert len(series["x"]) == 1667 and series["x"][:3] == [0, 3, 6]
    assert series["y"][0] == 1.0  # the average of 0, 1 and 2
    # a series with fewer points than samples comes back whole
    every = data(http.post("/v2.23/events.scalar_metrics_iter_histogram",
                           json={"task": task, "samples": 5001}))["loss"]["train"]
    assert every["x"] == list(range(5000))


@pytest.mark.parametrize("samples", [0, 6001])
def test_scalar_histogram_samples_must_be_between_1_and_6000(http, samples):
    task = new_task(http)
    for endpoint, body in [("events.scalar_metrics_iter_histogram", {"task": task}),
                           ("events.multi_task_scalar_metrics_iter_histogram", {"tasks": [task]})]:
        answer = http.post(f"/v2.23/{endpoint}", json={**body, "samples": samples})
        assert meta(answer) == (400, 12), endpoint


def test_multi_task_histogram_without_samples_buckets_each_series_to_at_most_2000_points(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(5000)))
    answer = data(http.post("/v2.23/events.multi_task_scalar_metrics_iter_histogram", json={"tasks": [task]}))
    assert len(answer["metrics"]["loss"]["train"][task]["x"]) == 1667


def test_scalar_histogram_gives_2000_points_to_every_series_of_a_task_with_many(http):
    task = new_task(http)
    events = []
    for variant in range(31):
        events += scalars(task, "many", f"v{variant:02d}", range(4000))
    for start in range(0, len(events), 20_000):
        add_batch(http, events[start:start + 20_000])
    answer = data(http.post("/v2.23/events.scalar_metrics_iter_histogram", json={"task": task}))["many"]
    assert len(answer) == 31
    assert {len(series["x"]) for series in answer.values()} == {2000}  # buckets of 2 iterations


# the other reads

def test_get_task_metrics_lists_every_requested_task_with_its_metric_names_sorted(http):
    busy, idle = new_task(http), new_task(http)
    events = scalars(busy, "zeta", "a", range(3)) + scalars(busy, "alpha", "a", range(1))
    events += [{"type": "training_stats_scalar", "task": busy, "iter": -(2**31), "metric": "Summary",
                "variant": "score", "value": 1.0}]
    add_batch(http, events)
    answer = data(http.post("/v2.23/events.get_task_metrics", json={
        "tasks": [busy, idle], "event_type": "training_stats_scalar"}))
    # single values (report_single_value) are not metrics of the task here
    assert answer["metrics"] == [{"task": busy, "metrics": ["alpha", "zeta"]}, {"task": idle, "metrics": []}]


def test_get_task_single_value_metrics_names_each_task(http):
    task = new_task(http, "single-values")
    add_batch(http, [{"type": "training_stats_scalar", "task": task, "iter": -(2**31), "metric": "Summary",
                      "variant": "score", "value": 0.5}])
    name = data(http.post("/v2.23/tasks.get_by_id", json={"task": task}))["task"]["name"]
    [entry] = data(http.post("/v2.23/events.get_task_single_value_metrics", json={"tasks": [task]}))["tasks"]
    assert entry["task"] == task and entry["task_name"] == name
    assert [(v["metric"], v["variant"], v["value"]) for v in entry["values"]] == [("Summary", "score", 0.5)]


def test_get_task_latest_scalar_values_answers_the_task_and_its_positive_last_values(http):
    task = new_task(http, "latest")
    events = scalars(task, "loss", "b", range(3), value=lambda i: 3.0 - i)
    events += scalars(task, "loss", "a", range(2), value=lambda i: 1.0 + i)
    events += scalars(task, "negative", "x", range(2), value=lambda i: -1.0)
    events.append({"type": "log", "task": task, "iter": 7, "msg": "later"})
    add_batch(http, events)
    task_doc = data(http.post("/v2.23/tasks.get_by_id", json={"task": task}))["task"]
    answer = data(http.post("/v2.23/events.get_task_latest_scalar_values", json={"task": task}))
    assert answer["metrics"] == [{"name": "loss", "variants": [
        {"name": "a", "last_value": 2.0, "last_10_value": 2.0},
        {"name": "b", "last_value": 1.0, "last_10_value": 1.0},
    ]}]
    assert (answer["name"], answer["status"], answer["last_iter"]) == (task_doc["name"], task_doc["status"], 7)
    assert isinstance(answer["last_timestamp"], (int, float)) and answer["last_timestamp"] > 0


def test_get_scalar_metric_data_returns_the_latest_iterations_first(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(5)))
    answer = data(http.post("/v2.23/events.get_scalar_metric_data", json={"task": task, "metric": "loss"}))
    assert [e["iter"] for e in answer["events"]] == [4, 3, 2, 1, 0] and answer["total"] == 5


def test_get_task_events_orders_by_iteration(http):
    task = new_task(http)
    events = scalars(task, "loss", "train", [2, 0, 1])
    for n, event in enumerate(events):
        event["timestamp"] = T0 + 10 - n  # later iterations reported earlier
    add_batch(http, events)
    answer = data(http.post("/v2.23/events.get_task_events", json={"task": task}))
    assert [e["iter"] for e in answer["events"]] == [0, 1, 2] and answer["total"] == 3
    newest = data(http.post("/v2.23/events.get_task_events", json={"task": task, "order": "desc"}))
    assert [e["iter"] for e in newest["events"]] == [2, 1, 0]


def test_get_task_events_takes_the_all_types_event_type(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(2)) + log_lines(task, [0]))
    answer = data(http.post("/v2.23/events.get_task_events", json={"task": task, "event_type": "*"}))
    assert answer["total"] == 3


def test_a_bad_scroll_id_is_an_invalid_scroll_id(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(2)))
    for endpoint, body in [("events.get_task_events", {"task": task}),
                           ("events.scalar_metrics_iter_raw", {"task": task, "metric": {"metric": "loss"}})]:
        answer = http.post(f"/v2.23/{endpoint}", json={**body, "scroll_id": "not a scroll id"})
        assert meta(answer) == (400, 1104), endpoint


def test_scalar_metrics_iter_raw_answers_a_null_total_unless_counted(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(3)))
    answer = data(http.post("/v2.23/events.scalar_metrics_iter_raw", json={"task": task, "metric": {"metric": "loss"}}))
    assert "total" in answer and answer["total"] is None
    assert answer["variants"]["train"] == {"iter": [0, 1, 2], "y": [0.0, 1.0, 2.0]}


def test_scalar_metrics_iter_raw_refuses_a_negative_batch_size(http):
    task = new_task(http)
    answer = http.post("/v2.23/events.scalar_metrics_iter_raw",
                       json={"task": task, "metric": {"metric": "loss"}, "batch_size": -1})
    assert meta(answer) == (400, 12)


# deletes

def test_delete_for_task_answers_how_many_events_it_deleted(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(3)) + log_lines(task, [0, 1]))
    assert data(http.post("/v2.23/events.delete_for_task", json={"task": task})) == {"deleted": 5}
    assert data(http.post("/v2.23/events.delete_for_task", json={"task": task})) == {"deleted": 0}


# more of the review

def test_get_task_plots_lists_plots_by_metric_and_variant_with_a_null_scroll_id(http):
    task = new_task(http)
    plots = [{"type": "plot", "task": task, "iter": i, "metric": m, "variant": v, "plot_str": f"{m}{v}{i}"}
             for i in range(3) for m in ("b", "a") for v in ("y", "x")]
    add_batch(http, plots * 1)
    answer = data(http.post("/v2.23/events.get_task_plots", json={"task": task, "iters": 2}))
    assert [p["plot_str"] for p in answer["plots"]] == ["ax2", "ax1", "ay2", "ay1", "bx2", "bx1", "by2", "by1"]
    assert answer["scroll_id"] is None and answer["total"] == 8


def test_get_scalar_metric_data_pages_500_events(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(600)))
    answer = data(http.post("/v2.23/events.get_scalar_metric_data", json={"task": task, "metric": "loss"}))
    assert (answer["returned"], answer["total"]) == (500, 600)
    rest = data(http.post("/v2.23/events.get_scalar_metric_data", json={
        "task": task, "metric": "loss", "scroll_id": answer["scroll_id"]}))
    assert [e["iter"] for e in rest["events"]] == list(range(99, -1, -1))


def test_get_task_events_answers_a_null_total_when_not_counting(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(2)))
    answer = data(http.post("/v2.23/events.get_task_events", json={"task": task, "count_total": False}))
    assert answer["returned"] == 2 and answer["total"] is None


@pytest.mark.parametrize("endpoint", ["events.debug_images", "events.plots"])
def test_debug_images_and_plots_need_a_metric_and_at_least_one_iteration(http, endpoint):
    task = new_task(http)
    assert meta(http.post(f"/v2.23/{endpoint}", json={"metrics": []})) == (400, 12)
    assert meta(http.post(f"/v2.23/{endpoint}", json={"metrics": [{"task": task}], "iters": 0})) == (400, 12)


def test_clear_scroll_needs_no_scroll_id(http):
    assert data(http.post("/v2.23/events.clear_scroll", json={})) == {}


def test_get_task_log_reads_only_the_metrics_asked_for(http):
    task = new_task(http)
    lines = log_lines(task, [0, 1, 2])
    for line, metric in zip(lines, ["a", "b", "a"], strict=True):
        line["metric"] = metric
    add_batch(http, lines)
    answer = data(http.post("/v2.23/events.get_task_log", json={"task": task, "metrics": [{"metric": "a"}]}))
    assert messages(answer) == ["line 2", "line 0"] and answer["total"] == 2


@pytest.mark.parametrize("endpoint", [
    "events.get_task_metrics", "events.get_multi_task_metrics", "events.get_task_single_value_metrics",
    "events.get_multi_task_plots", "events.multi_task_scalar_metrics_iter_histogram"])
def test_multi_task_reads_refuse_an_empty_task_list_as_a_validation_error(http, endpoint):
    assert meta(http.post(f"/v2.23/{endpoint}", json={"tasks": [], "event_type": "log"})) == (400, 12)


# events.add_batch

def test_add_batch_words_each_refused_event_as_clearml_does(http):
    task = new_task(http)
    events = scalars(task, "loss", "train", range(1)) + [
        {"task": task, "iter": 1},
        {"type": "bogus", "task": task},
        {"type": "log", "msg": "x"},
        {"type": "log", "task": "m-unknown", "model_event": True, "msg": "x"},
        {"type": "log", "task": "no-such-task", "msg": "x"},
    ]
    assert add_batch(http, events) == {"added": 1, "errors": 5, "errors_info": {
        "Event must have a 'type' field": 1, "Invalid event type bogus": 1, "Event must have a 'task' field": 1,
        "Task log events are not supported for models": 1, "Invalid task id no-such-task": 1}}


def test_add_batch_adding_nothing_answers_the_reasons_as_error_data(http):
    body = json.dumps({"type": "log", "task": "no-such-task", "msg": "x"})
    answer = http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})
    assert meta(answer) == (400, 131)
    assert answer.json()["meta"]["error_data"] == {"Invalid task id no-such-task": 1}


def test_events_come_back_with_the_stored_time_as_a_utc_string(http):
    task = new_task(http)
    add_batch(http, log_lines(task, [0]) + scalars(task, "loss", "train", range(1)))
    [line] = data(http.post("/v2.23/events.get_task_log", json={"task": task}))["events"]
    [point] = data(http.post("/v2.23/events.get_task_events", json={"task": task, "event_type": "training_stats_scalar"}))["events"]
    for event in (line, point):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", event["@timestamp"]), event


def test_events_come_back_without_their_x_axis_label(http):
    task = new_task(http)
    add_batch(http, [dict(scalars(task, "loss", "train", range(1))[0], x_axis_label="epoch")])
    [point] = data(http.post("/v2.23/events.get_task_events", json={"task": task}))["events"]
    assert "x_axis_label" not in point and point["value"] == 0.0


# the sample viewers

@pytest.mark.parametrize("endpoint", ["events.next_plot_sample", "events.next_debug_image_sample"])
def test_stepping_without_a_scroll_id_of_the_task_is_an_invalid_scroll_id(http, endpoint):
    task, other = new_task(http), new_task(http)
    add_batch(http, [{"type": "plot", "task": other, "iter": 1, "metric": "m", "variant": "v", "plot_str": "{}"}])
    started = data(http.post("/v2.23/events.get_plot_sample", json={"task": other, "metric": "m"}))
    for body in ({"task": task}, {"task": task, "scroll_id": "garbage"},
                 {"task": task, "scroll_id": started["scroll_id"]}):
        assert meta(http.post(f"/v2.23/{endpoint}", json=body)) == (400, 1104), body


def test_get_debug_image_sample_needs_a_variant(http):
    task = new_task(http)
    assert meta(http.post("/v2.23/events.get_debug_image_sample", json={"task": task, "metric": "m"})) == (400, 12)


def test_get_task_events_scroll_continues_the_first_request(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(4)) + log_lines(task, [0, 1, 2]))
    first = data(http.post("/v2.23/events.get_task_events", json={"task": task, "event_type": "log",
                                                                  "batch_size": 2, "order": "desc"}))
    rest = data(http.post("/v2.23/events.get_task_events", json={"task": task, "scroll_id": first["scroll_id"]}))
    assert [e["type"] for e in first["events"] + rest["events"]] == ["log"] * 3
    assert (first["total"], rest["total"]) == (3, 3)


def test_scalar_metrics_iter_raw_scroll_keeps_the_batch_size_and_the_total(http):
    task = new_task(http)
    add_batch(http, scalars(task, "loss", "train", range(5)))
    body = {"task": task, "metric": {"metric": "loss"}}
    first = data(http.post("/v2.23/events.scalar_metrics_iter_raw", json={**body, "batch_size": 2, "count_total": True}))
    rest = data(http.post("/v2.23/events.scalar_metrics_iter_raw", json={**body, "scroll_id": first["scroll_id"]}))
    assert rest["variants"]["train"]["iter"] == [2, 3] and rest["total"] == 5


@pytest.mark.parametrize("endpoint, body", [
    ("events.scalar_metrics_iter_histogram", {"task": "no-such-model"}),
    ("events.get_task_events", {"task": "no-such-model"}),
    ("events.get_scalar_metrics_and_variants", {"task": "no-such-model"}),
])
def test_model_event_reads_of_an_unknown_model_are_an_invalid_model_id(http, endpoint, body):
    assert meta(http.post(f"/v2.23/{endpoint}", json={**body, "model_events": True})) == (400, 201)


def test_add_batch_disagreeing_on_allow_locked_for_one_task_is_a_validation_error(http):
    task = new_task(http)
    events = scalars(task, "loss", "train", range(2))
    events[0]["allow_locked"] = True
    body = "\n".join(json.dumps(e) for e in events)
    answer = http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})
    assert meta(answer) == (400, 12)
    assert data(http.post("/v2.23/events.get_task_events", json={"task": task}))["total"] == 0

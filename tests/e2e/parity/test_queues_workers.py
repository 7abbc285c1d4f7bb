"""Parity of ``queues.*``, ``workers.*`` and ``serving.*`` with clearml-server, through the
gateway: each test is named after what ClearML does and failed on Cairn before it did the same.

Machine statistics are reported with the worker's own ``timestamp``, so the statistics tests
put their points in a window of the past that no other test writes to (a random minute some
days ago) and read exactly that window."""

from __future__ import annotations

import random
import time
import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e

INTERVAL = 60


def call(http: httpx.Client, endpoint: str, body: dict, version: str = "") -> dict:
    response = http.post(f"/{version and f'v{version}/'}{endpoint}", json=body)
    assert response.status_code == 200, response.text[:500]
    return response.json()["data"]


def fails(http: httpx.Client, endpoint: str, body: dict, version: str = "") -> tuple[int, int]:
    meta = http.post(f"/{version and f'v{version}/'}{endpoint}", json=body).json()["meta"]
    return meta["result_code"], meta["result_subcode"]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def past_window_start() -> int:
    """A multiple of the interval (seconds) 2 to 20 days ago, chosen at random."""
    start = int(time.time()) - random.randint(2 * 86400, 20 * 86400)
    return start - start % INTERVAL


def report_stats(http: httpx.Client, worker: str, at_s: int, **machine_stats) -> None:
    body = {"worker": worker, "timestamp": at_s * 1000, "machine_stats": machine_stats}
    call(http, "workers.status_report", body)


# ---- workers.get_stats / get_activity_report --------------------------------------------


def test_get_stats_items_name_their_aggregation_in_aggregation(http):
    worker, start = unique("parity-agg"), past_window_start()
    report_stats(http, worker, start + 5, cpu_usage=[10.0])
    report_stats(http, worker, start + 15, cpu_usage=[30.0])
    body = {"from_date": start, "to_date": start + 2 * INTERVAL, "interval": INTERVAL, "worker_ids": [worker],
            "items": [{"key": "cpu_usage", "aggregation": "max"}, {"key": "cpu_usage", "aggregation": "min"}]}
    [stats] = call(http, "workers.get_stats", body)["workers"]
    [metric] = stats["metrics"]
    assert [(s["aggregation"], s["values"][0]) for s in metric["stats"]] == [("max", 30.0), ("min", 10.0)]


def test_get_stats_item_without_aggregation_is_an_average_and_category_is_not_read(http):
    worker, start = unique("parity-avg"), past_window_start()
    report_stats(http, worker, start + 5, cpu_usage=[10.0])
    report_stats(http, worker, start + 15, cpu_usage=[30.0])
    body = {"from_date": start, "to_date": start + 2 * INTERVAL, "interval": INTERVAL, "worker_ids": [worker],
            "items": [{"key": "cpu_usage", "category": "max"}, {"key": "cpu_usage"}]}
    [stats] = call(http, "workers.get_stats", body)["workers"]
    [metric] = stats["metrics"]
    assert metric["stats"] == [{"aggregation": "avg", "dates": [start * 1000, (start + INTERVAL) * 1000],
                                "values": [20.0, 0.0], "resource_series": []}]


def test_get_stats_lists_every_interval_in_milliseconds_with_zero_where_nothing_was_reported(http):
    worker, start = unique("parity-gaps"), past_window_start()
    report_stats(http, worker, start + 10, memory_used=100.0)
    report_stats(http, worker, start + 2 * INTERVAL + 10, memory_used=300.0)
    body = {"from_date": start, "to_date": start + 4 * INTERVAL, "interval": INTERVAL, "worker_ids": [worker],
            "items": [{"key": "memory_used", "aggregation": "avg"}]}
    [stats] = call(http, "workers.get_stats", body)["workers"]
    [stat] = stats["metrics"][0]["stats"]
    # the interval starting at to_date is incomplete and left out
    assert stat["dates"] == [(start + i * INTERVAL) * 1000 for i in range(4)]
    assert stat["values"] == [100.0, 0.0, 300.0, 0.0]


def test_get_stats_needs_at_least_one_item(http):
    body = {"from_date": 1000, "to_date": 2000, "interval": INTERVAL, "items": []}
    assert fails(http, "workers.get_stats", body) == (400, 12)


def test_statistics_windows_need_dates_from_zero_and_an_interval_of_a_second(http):
    window = {"from_date": 1000, "to_date": 2000, "interval": 0}
    assert fails(http, "workers.get_activity_report", window) == (400, 12)
    assert fails(http, "workers.get_stats", {**window, "items": [{"key": "cpu_usage"}]}) == (400, 12)
    history = {"endpoint_url": "http://x", "from_date": -5, "to_date": 2000, "interval": 60}
    assert fails(http, "serving.get_endpoint_metrics_history", history, "2.31") == (400, 12)


def test_get_activity_report_lists_every_interval_in_milliseconds_but_the_last(http):
    worker, start = unique("parity-activity"), past_window_start()
    report_stats(http, worker, start + 10, cpu_usage=[1.0])
    report_stats(http, worker, start + 2 * INTERVAL + 10, cpu_usage=[1.0])
    body = {"from_date": start, "to_date": start + 4 * INTERVAL, "interval": INTERVAL}
    report = call(http, "workers.get_activity_report", body)
    dates = [(start + i * INTERVAL) * 1000 for i in range(4)]
    assert report["total"]["dates"] == dates and report["active"]["dates"] == dates
    assert report["total"]["counts"] == [1, 0, 1, 0]
    assert report["active"]["counts"] == [0, 0, 0, 0]


def test_get_metric_keys_lists_what_has_more_values_first(http):
    worker = unique("parity-keys")
    report_stats(http, worker, past_window_start(), cpu_usage=[1.0], gpu_usage=[1.0, 2.0], gpu_temperature=[1.0, 2.0],
                 gpu_memory_used=[1.0, 2.0, 3.0])
    categories = call(http, "workers.get_metric_keys", {"worker_ids": [worker]})["categories"]
    assert categories == [{"name": "gpu", "metric_keys": ["gpu_memory_used", "gpu_temperature", "gpu_usage"]},
                          {"name": "cpu", "metric_keys": ["cpu_usage"]}]


def test_status_report_stores_only_declared_statistics_with_a_value(http):
    worker = unique("parity-declared")
    report_stats(http, worker, past_window_start(), cpu_usage=[1.0], memory_used=0, custom_load=5.0)
    categories = call(http, "workers.get_metric_keys", {"worker_ids": [worker]})["categories"]
    assert categories == [{"name": "cpu", "metric_keys": ["cpu_usage"]}]


# ---- queues.get_queue_metrics ------------------------------------------------------------


def new_queue(http: httpx.Client) -> str:
    return call(http, "queues.create", {"name": unique("parity-q")})["id"]


def test_get_queue_metrics_gives_dates_in_milliseconds(http):
    queue = new_queue(http)
    call(http, "queues.add_task", {"queue": queue, "task": uuid.uuid4().hex})
    now = time.time()
    body = {"queue_ids": [queue], "from_date": now - 60, "to_date": now + 60, "interval": 10}
    [series] = call(http, "queues.get_queue_metrics", body)["queues"]
    assert series["queue"] == queue and series["queue_lengths"][-1] == 1
    assert all(abs(date / 1000 - now) < 120 for date in series["dates"])


def test_get_queue_metrics_leaves_out_queues_without_points(http):
    busy, idle = new_queue(http), new_queue(http)
    call(http, "queues.add_task", {"queue": busy, "task": uuid.uuid4().hex})
    now = time.time()
    body = {"queue_ids": [busy, idle], "from_date": now - 60, "to_date": now + 60, "interval": 10}
    assert [q["queue"] for q in call(http, "queues.get_queue_metrics", body)["queues"]] == [busy]


def test_get_queue_metrics_of_no_known_queue_is_empty_before_the_dates_are_checked(http):
    body = {"queue_ids": [uuid.uuid4().hex], "from_date": 100, "to_date": 100, "interval": 10}
    assert call(http, "queues.get_queue_metrics", body) == {"queues": []}


def test_get_queue_metrics_leaves_out_hidden_queues_unless_searched_even_when_named(http):
    hidden = call(http, "queues.create", {"name": unique("parity-hidden"), "system_tags": ["k8s-glue"]})["id"]
    call(http, "queues.add_task", {"queue": hidden, "task": uuid.uuid4().hex})
    now = time.time()
    body = {"queue_ids": [hidden], "from_date": now - 60, "to_date": now + 60, "interval": 10}
    assert call(http, "queues.get_queue_metrics", body) == {"queues": []}
    assert [q["queue"] for q in call(http, "queues.get_queue_metrics", {**body, "search_hidden": True})["queues"]] == [
        hidden]
    assert fails(http, "queues.get_queue_metrics", {**body, "interval": 0}) == (400, 12)


# ---- queues.* objects and entries ---------------------------------------------------------------------


def test_get_all_takes_a_single_value_where_a_list_is_expected(http):
    queue = new_queue(http)
    call(http, "queues.update", {"queue": queue, "tags": ["parity"]})
    assert [q["id"] for q in call(http, "queues.get_all", {"id": queue})["queues"]] == [queue]
    assert [q["id"] for q in call(http, "queues.get_all_ex", {"id": queue, "tags": "parity"})["queues"]] == [queue]


def test_get_all_pages_by_500_when_only_a_page_is_given(http):
    queue = new_queue(http)
    found = call(http, "queues.get_all", {"page": 0, "order_by": "-created"})["queues"]
    assert found[0]["id"] == queue and len(found) <= 500


def test_get_all_ex_filters_list_fields_with_any_all_and_op(http):
    tag = unique("parity-tag")
    tagged, both, plain = new_queue(http), new_queue(http), new_queue(http)
    call(http, "queues.update", {"queue": tagged, "tags": [tag]})
    call(http, "queues.update", {"queue": both, "tags": [tag, "parity-extra"]})
    ids = {"any": {"include": [tagged, both, plain]}}
    found = lambda tags: [q["id"] for q in call(http, "queues.get_all_ex", {  # noqa: E731
        "filters": {"id": ids, "tags": tags}, "order_by": ["created"]})["queues"]]
    assert found({"all": {"include": [tag], "exclude": ["parity-extra"]}}) == [tagged]
    assert found({"any": {"include": [None]}}) == [plain]
    assert found({"any": {"include": ["parity-extra"]}, "all": {"exclude": [tag]}, "op": "or"}) == [both, plain]


def test_get_all_ex_filters_hold_only_any_all_and_op(http):
    assert fails(http, "queues.get_all_ex", {"filters": {"tags": {"none": {"include": ["x"]}}}}) == (400, 12)
    assert fails(http, "queues.get_all_ex", {"filters": {"tags": {"op": "xor"}}}) == (400, 12)


def test_a_queue_has_no_user_and_no_display_name_until_one_is_set(http):
    queue = call(http, "queues.get_by_id", {"queue": new_queue(http)})["queue"]
    assert "user" not in queue and "display_name" not in queue


def test_update_answers_the_fields_given_and_leaves_last_update(http):
    queue = new_queue(http)
    before = call(http, "queues.get_by_id", {"queue": queue})["queue"]["last_update"]
    name = unique("parity-renamed")
    assert call(http, "queues.update", {"queue": queue, "name": name}) == {"updated": 1, "fields": {"name": name}}
    assert call(http, "queues.update", {"queue": queue}) == {"updated": 0, "fields": {}}
    assert call(http, "queues.get_by_id", {"queue": queue})["queue"]["last_update"] == before


def test_remove_or_move_a_task_of_an_unknown_queue_is_task_not_queued(http):
    body = {"queue": uuid.uuid4().hex, "task": uuid.uuid4().hex}
    assert fails(http, "queues.remove_task", body) == (400, 703)
    assert fails(http, "queues.move_task_to_front", body) == (400, 703)


def test_move_task_forward_takes_any_count(http):
    queue = new_queue(http)
    tasks = [uuid.uuid4().hex for _ in range(3)]
    for task in tasks:
        call(http, "queues.add_task", {"queue": queue, "task": task})
    assert call(http, "queues.move_task_forward", {"queue": queue, "task": tasks[1], "count": 0}) == {"position": 1}
    assert call(http, "queues.move_task_forward", {"queue": queue, "task": tasks[0], "count": -2}) == {"position": 2}


# ---- workers.register / status_report ------------------------------------------------------


def test_register_with_a_negative_timeout_is_a_failed_registration(http):
    assert fails(http, "workers.register", {"worker": unique("parity-w"), "timeout": -5}) == (400, 1002)


def test_status_report_with_an_empty_queue_list_keeps_the_queues_listened_to(http):
    queue, worker = new_queue(http), unique("parity-w")
    call(http, "workers.register", {"worker": worker, "queues": [queue]})
    call(http, "workers.status_report", {"worker": worker, "timestamp": int(time.time() * 1000), "queues": []})
    [entry] = [w for w in call(http, "workers.get_all", {})["workers"] if w["id"] == worker]
    assert [q["id"] for q in entry["queues"]] == [queue]


def test_worker_pattern_is_matched_against_the_whole_worker_id(http):
    worker = unique("parity-glob")
    call(http, "workers.register", {"worker": worker})
    count = lambda pattern: call(http, "workers.get_count", {"worker_pattern": pattern})["count"]  # noqa: E731
    assert count(worker[:-1]) == 0 and count(worker[1:]) == 0
    assert count(worker[:-1] + "?") == 1 and count("*" + worker[3:]) == 1


def test_status_report_of_an_unknown_worker_does_not_check_its_queues(http):
    worker = unique("parity-w")
    body = {"worker": worker, "timestamp": int(time.time() * 1000), "queues": [uuid.uuid4().hex]}
    assert call(http, "workers.status_report", body) == {}


def test_status_report_naming_an_unknown_task_is_refused_but_the_worker_is_active(http):
    worker = unique("parity-w")
    body = {"worker": worker, "timestamp": int(time.time() * 1000), "task": uuid.uuid4().hex}
    assert fails(http, "workers.status_report", body) == (400, 101)
    [entry] = [w for w in call(http, "workers.get_all", {})["workers"] if w["id"] == worker]
    assert "task" not in entry


def test_get_all_leaves_out_fields_without_value_and_gives_the_register_timeout(http):
    worker = unique("parity-w")
    call(http, "workers.register", {"worker": worker, "timeout": 300})
    [entry] = [w for w in call(http, "workers.get_all", {})["workers"] if w["id"] == worker]
    assert entry["register_timeout"] == 300
    assert not {"task", "project", "queue", "last_report_time"} & set(entry)


# ---- serving.* -----------------------------------------------------------------------------


def container(url: str | None = None, **fields) -> dict:
    body = {"container_id": unique("parity-c"), "endpoint_name": "ep", "model_name": "m", **fields}
    if url:
        body["endpoint_url"] = url
    return body


def test_register_container_takes_a_numeric_input_size_as_text(http):
    body = container(input_size=9_000_000)
    assert call(http, "serving.register_container", body, "2.31") == {}
    [loading] = [i for i in call(http, "serving.get_loading_instances", {}, "2.31")["instances"]
                 if i["id"] == body["container_id"]]
    assert loading["input_size"] == "9000000"


def test_container_status_report_takes_a_numeric_input_size_as_text(http):
    url = f"http://{unique('parity-serving')}/predict"
    assert call(http, "serving.container_status_report", container(url, input_size=1.5, requests_num=1), "2.31") == {}
    assert call(http, "serving.get_endpoint_details", {"endpoint_url": url}, "2.31")["input_size"] == "1.5"


def test_container_status_report_needs_an_endpoint_url(http):
    assert fails(http, "serving.container_status_report", container(), "2.31") == (400, 12)

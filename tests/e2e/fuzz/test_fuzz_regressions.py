"""The server errors schemathesis found (``test_schemathesis.py``), each pinned by its input: they
answered 500 with a Python exception class name and now answer a clear 400 (or count the one bad
event of a batch)."""

from __future__ import annotations

import json

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

HUGE = 7.796830796697474e295


@pytest.mark.parametrize(("endpoint", "body"), [
    ("serving.get_endpoint_metrics_history",
     {"endpoint_url": "x", "from_date": 1.0, "to_date": HUGE, "interval": 60}),
    ("serving.get_endpoint_metrics_history",
     {"endpoint_url": "x", "from_date": 1.0, "to_date": 1000.0, "interval": 5368942629}),
    ("workers.get_stats",
     {"from_date": 1.0, "to_date": HUGE, "interval": 60, "items": [{"key": "cpu_usage", "category": "avg"}]}),
    ("workers.get_activity_report", {"from_date": 1.0, "to_date": HUGE, "interval": 60}),
])
def test_dates_out_of_range_are_a_400(http, endpoint, body):
    response = http.post(f"/{endpoint}", json=body)
    assert meta(response) == (400, 16), response.text
    assert "Error" not in response.json()["meta"]["result_msg"]


def test_queue_metrics_dates_out_of_range_are_a_400(http):
    queue = call(http, "queues.create", {"name": unique("fuzz-q")})["id"]
    body = {"queue_ids": [queue], "from_date": 1.0, "to_date": HUGE, "interval": 60}
    response = http.post("/queues.get_queue_metrics", json=body)
    assert meta(response) == (400, 16), response.text
    ok = call(http, "queues.get_queue_metrics", {**body, "to_date": 1000.0})
    assert_conforms("queues.get_queue_metrics", ok)


def test_stats_of_an_empty_inline_dataview_are_empty(http):
    data = call(http, "frames.get_stats_for_dataview", {"dataview": {}})
    assert_conforms("frames.get_stats_for_dataview", data)
    assert data["content_types"] == [] and data["labels"] == []
    assert data["frames"] == [{"name": "total", "count": 0}]


@pytest.mark.parametrize(("endpoint", "body", "subcode"), [
    ("workers.download_events_log", {"max_age_days": 10**9}, 12),
    ("workers.get_resource_usages", {"events_from_date": -1e299}, 16),
    ("workers.get_resource_usages", {"events_from_date": 1e20}, 16),
    ("organization.get_project_usages",
     {"projects": ["p"], "from_date": "0258-12-03T05:34:17Z", "to_date": "2148-04-09T16:19:27Z"}, 12),
])
def test_out_of_range_windows_are_a_400(http, endpoint, body, subcode):
    response = http.post(f"/{endpoint}", json=body)
    assert meta(response) == (400, subcode), response.text


def test_a_year_of_project_usages_is_answered(http):
    body = {"projects": [unique("p")], "from_date": "2020-01-01T00:00:00Z", "to_date": "2020-12-31T00:00:00Z"}
    data = call(http, "organization.get_project_usages", body)
    assert_conforms("organization.get_project_usages", data)


def test_more_out_of_range_inputs_are_a_400(http):
    big = 7965433943294692352
    body = {"container_id": unique("c"), "endpoint_name": "e", "model_name": "m", "timeout": 4712331755564748800}
    assert meta(http.post("/serving.register_container", json=body))[0] == 400
    log = http.post("/users.get_vault_operations_log", json={"page": big, "page_size": big})
    assert meta(log) == (400, 12), log.text
    assert meta(http.post("/users.get_vault_operations_log", json={"page": -1, "page_size": 10})) == (400, 12)


def test_a_runtime_property_with_an_expiry_of_eons_is_an_error_of_its_own(http):
    worker = unique("w")
    body = {"worker": worker, "runtime_properties": [{"key": "a", "value": "1", "expiry": 4712331755564748800},
                                                     {"key": "b", "value": "2"}]}
    data = call(http, "workers.set_runtime_properties", body)
    assert data["added"] == ["b"] and len(data["errors"]) == 1 and data["errors"][0].startswith("a:")


def test_source_ids_of_a_dataview_with_a_huge_max_count(http):
    data = call(http, "frames.get_source_ids_for_dataview", {"dataview": {}, "max_count": 7965433943294692352})
    assert_conforms("frames.get_source_ids_for_dataview", data)
    assert data["source_ids"] == []


# The first page of 500 whose skip (``page * page_size``) no 64-bit integer holds (make soak:
# ``models.get_all`` answered 500, PyMongo's OverflowError; the same in every listing).
PAST_64_BITS = (2**63 - 1) // 500 + 1


@pytest.mark.parametrize("endpoint", [
    "tasks.get_all", "tasks.get_all_ex", "models.get_all", "models.get_all_ex", "projects.get_all",
    "projects.get_all_ex", "reports.get_all_ex", "queues.get_all", "queues.get_all_ex", "datasets.get_all",
    "datasets.get_all_ex", "dataviews.get_all", "users.get_all",
])
def test_a_page_whose_skip_passes_64_bits_is_a_400(http, endpoint):
    response = http.post(f"/{endpoint}", json={"page": PAST_64_BITS, "page_size": 500})
    assert meta(response) == (400, 12), response.text
    assert response.json()["meta"]["error_data"]["page"] == PAST_64_BITS
    assert meta(http.post(f"/{endpoint}", json={"page": PAST_64_BITS - 1, "page_size": 500})) == (200, 0)


def test_an_operations_log_page_past_64_bits_is_a_400(http):
    task = call(http, "tasks.create", {"name": unique("fuzz"), "type": "training"})["id"]
    response = http.post("/tasks.get_operations_log", json={"task": task, "page": PAST_64_BITS, "page_size": 500})
    assert meta(response) == (400, 12), response.text


@pytest.mark.parametrize("endpoint", [
    "tasks.get_all", "tasks.get_all_ex", "models.get_all", "models.get_all_ex", "reports.get_task_data",
])
@pytest.mark.parametrize("value", [{"a": 1}, [1]])
def test_a_project_filter_value_that_is_not_a_string_with_sub_projects_is_a_400(http, endpoint, value):
    """make soak: ``include_subprojects`` widened ``project`` before its values were checked
    (500, unhashable type); ClearML answers such a list filter value 400/16."""
    response = http.post(f"/{endpoint}", json={"project": [value], "include_subprojects": True})
    assert meta(response) == (400, 16), response.text
    assert response.json()["meta"]["error_data"]["field"] == "project"


def test_get_by_id_ex_with_a_project_filter_of_lists_and_sub_projects_is_a_400(http):
    task = call(http, "tasks.create", {"name": unique("fuzz"), "type": "training"})["id"]
    body = {"id": [task], "project": [[task]], "include_subprojects": True}
    assert meta(http.post("/tasks.get_by_id_ex", json=body)) == (400, 16)
    assert call(http, "tasks.get_by_id_ex", {"id": [task], "only_fields": ["id"]})["tasks"] == [{"id": task}]


@pytest.mark.parametrize("endpoint", [
    "tasks.get_all", "tasks.get_all_ex", "models.get_all", "models.get_all_ex", "projects.get_all",
    "projects.get_all_ex", "reports.get_all_ex", "reports.get_task_data", "queues.get_all", "queues.get_all_ex",
    "datasets.get_all", "datasets.get_all_ex", "dataviews.get_all",
])
def test_an_order_by_that_is_no_field_path_is_a_400(http, endpoint):
    """MongoDB refuses a sort key with an empty segment, a leading ``$`` or a NUL (500 before)."""
    for path in ("-$natural", "a..b", "x\x00y"):
        response = http.post(f"/{endpoint}", json={"order_by": [path]})
        assert meta(response) == (400, 12), response.text
    assert meta(http.post(f"/{endpoint}", json={"order_by": ["-name"]})) == (200, 0)


@pytest.mark.parametrize("endpoint", [
    "tasks.get_all", "models.get_all_ex", "projects.get_all", "reports.get_task_data", "dataviews.get_all",
])
def test_only_fields_that_are_no_field_paths_are_a_400(http, endpoint):
    response = http.post(f"/{endpoint}", json={"only_fields": ["name", "x\x00y"]})
    assert meta(response) == (400, 12), response.text


def test_an_event_with_a_timestamp_past_64_bits_is_an_error_of_its_own(http):
    """A float timestamp of 1e300 ms made the whole batch a 500 (the store's bulk body could not
    be encoded); it is one rejected event now, counted in ``errors_info``."""
    task = call(http, "tasks.create", {"name": unique("fuzz"), "type": "training"})["id"]
    good = {"type": "training_stats_scalar", "task": task, "metric": "m", "variant": "v", "value": 1, "iter": 1}
    lines = b"\n".join(json.dumps(e).encode() for e in (good, {**good, "iter": 2, "timestamp": 1e300}))
    response = http.post("/events.add_batch", content=lines, headers={"Content-Type": "application/json-lines"})
    assert meta(response) == (200, 0), response.text
    assert response.json()["data"]["added"] == 1 and response.json()["data"]["errors"] == 1


@pytest.mark.parametrize("endpoint", [
    "tasks.get_all", "tasks.get_all_ex", "models.get_all", "projects.get_all", "datasets.get_all", "dataviews.get_all",
])
@pytest.mark.parametrize("field", ["_any_", "_all_"])
def test_an_operator_or_a_nul_as_an_any_or_all_field_is_a_400(http, endpoint, field):
    """``{"$where": {"$regex": "x"}}`` reached the store as an operator (500 from the tasks'), a
    NUL in a field name made datasets and dataviews answer 500."""
    for path in ("$where", "x\x00"):
        response = http.post(f"/{endpoint}", json={field: {"pattern": "x", "fields": ["name", path]}})
        assert meta(response) == (400, 12), response.text


def test_an_object_as_a_runtime_value_is_a_400_not_operators(http):
    """The hypothesis tests found ``runtime.*`` equality passing an object on: MongoDB read it as
    operators, a ``$regex`` past the pattern checks among them (answered 200)."""
    response = http.post("/tasks.get_all", json={"runtime.k": {"$regex": "(a+)+$"}})
    assert meta(response) == (400, 16), response.text
    assert meta(http.post("/tasks.get_all", json={"runtime.k": "v"})) == (200, 0)

"""The server errors schemathesis found (``test_schemathesis.py``), each pinned by its input: they
answered 500 with a Python exception class name and now answer a clear 400."""

from __future__ import annotations

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

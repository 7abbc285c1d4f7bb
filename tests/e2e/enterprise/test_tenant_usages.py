"""``organization.get_tenant_usages`` through the gateway (issue 17's identity leftover): the
company's compute hours, created tasks and users per day, from what Cairn recorded."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

V = "999.0"


def _usages(http, **body) -> dict:
    today = datetime.now(timezone.utc).date()
    window = {"from_date": (today - timedelta(days=2)).isoformat(), "to_date": today.isoformat()}
    return call(http, "organization.get_tenant_usages", {**window, **body}, V)


def test_tenant_usages_count_created_tasks_run_hours_and_users_per_day(http):
    before = _usages(http)
    queue = call(http, "queues.create", {"name": unique("tenant-q")})["id"]
    ran = call(http, "tasks.create", {"name": unique("tenant"), "type": "training"})["id"]
    call(http, "tasks.create", {"name": unique("tenant"), "type": "testing"})
    call(http, "tasks.enqueue", {"task": ran, "queue": queue})
    call(http, "tasks.started", {"task": ran})
    time.sleep(3)  # a run of a few seconds: a thousandth of an hour once rounded
    call(http, "tasks.completed", {"task": ran})

    after = _usages(http)
    assert_conforms("organization.get_tenant_usages", after)
    tasks, hours, users = (after["categories"][name] for name in ("tasks", "compute_hours", "users"))
    assert len(tasks["dates"]) == 3 and tasks["dates"][-1] == datetime.now(timezone.utc).date().isoformat()
    assert tasks["usages"][-1] - before["categories"]["tasks"]["usages"][-1] == 2
    assert tasks["labels"]["testing"]["total_usage"] >= 1
    assert hours["labels"][queue]["total_usage"] > 0 and hours["total_usage"] >= hours["labels"][queue]["total_usage"]
    assert hours["count_strategy"] == "sum" and hours["free"] is True and "total_cost" not in after
    assert users["total_usage_type"] == "latest" and users["total_usage"] == users["usages"][-1] >= 1

    only = _usages(http, categories=["users"], include_labels=False)
    assert list(only["categories"]) == ["users"] and "labels" not in only["categories"]["users"]


def test_tenant_usages_refuse_bad_dates_and_unknown_categories(http):
    bad = {"from_date": "2024-05-02", "to_date": "2024-05-01"}
    assert meta(http.post(f"/v{V}/organization.get_tenant_usages", json=bad)) == (400, 12)
    unknown = {"from_date": "2024-05-01", "to_date": "2024-05-01", "categories": ["storage"]}
    assert meta(http.post(f"/v{V}/organization.get_tenant_usages", json=unknown)) == (400, 12)

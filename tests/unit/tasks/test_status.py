"""The task status machine as pure rules (CLEARML_BEHAVIOR section 6): every pair of
statuses is either allowed or refused, ``force`` allows all, staying put is always allowed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.tasks.tasks import status
from shared.errors import ApiError

ALLOWED = {
    ("created", "queued"), ("created", "in_progress"),
    ("queued", "created"), ("queued", "in_progress"), ("queued", "stopped"),
    ("in_progress", "stopped"), ("in_progress", "failed"), ("in_progress", "created"), ("in_progress", "completed"),
    ("stopped", "closed"), ("stopped", "created"), ("stopped", "failed"), ("stopped", "queued"),
    ("stopped", "in_progress"), ("stopped", "published"), ("stopped", "publishing"), ("stopped", "completed"),
    ("closed", "created"), ("closed", "failed"), ("closed", "published"), ("closed", "publishing"),
    ("closed", "stopped"),
    ("failed", "created"), ("failed", "stopped"), ("failed", "published"), ("failed", "queued"),
    ("completed", "published"), ("completed", "in_progress"), ("completed", "created"),
    ("publishing", "published"),
}
PAIRS = [(a, b) for a in status.STATUSES for b in status.STATUSES if a != b]
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("current", "new"), PAIRS)
def test_each_change_is_allowed_exactly_when_the_table_says_so(current, new):
    expected = (current, new) in ALLOWED
    assert status.may_change(current, new) is expected
    if expected:
        status.check_change(current, new)
    else:
        with pytest.raises(ApiError) as err:
            status.check_change(current, new)
        assert (err.value.code, err.value.subcode) == (400, 110)


@pytest.mark.parametrize(("current", "new"), PAIRS)
def test_force_allows_every_change(current, new):
    assert status.may_change(current, new, force=True)
    status.check_change(current, new, force=True)


@pytest.mark.parametrize("same", status.STATUSES)
def test_staying_in_the_same_status_is_allowed(same):
    assert status.may_change(same, same)


def test_published_is_final_without_force():
    assert not any(status.may_change("published", other) for other in status.STATUSES if other != "published")


def test_a_change_writes_status_reason_message_and_clocks():
    fields = status.change_fields("stopped", "alice", NOW, "abort", None)
    assert fields == {
        "status": "stopped", "status_reason": "abort", "status_message": "", "status_changed": NOW,
        "last_update": NOW, "last_change": NOW, "last_changed_by": "alice",
    }


@pytest.mark.parametrize(
    ("task", "force", "expected"),
    [
        ({"status": "created"}, False, True),
        ({"status": "completed"}, False, False),
        ({"status": "completed", "system_tags": ["archived"]}, False, True),
        ({"status": "in_progress"}, True, True),
    ],
)
def test_only_created_or_archived_tasks_are_deletable_unless_forced(task, force, expected):
    assert status.deletable(task, force) is expected


def test_stop_is_immediate_unless_a_worker_runs_the_task():
    recent = NOW - timedelta(seconds=30)
    old = NOW - timedelta(seconds=601)
    worker = {"status": "in_progress", "last_worker": "w1"}
    assert status.stops_at_once({"status": "queued", "last_worker": "w1", "last_update": recent}, NOW, 600)
    assert status.stops_at_once({**worker, "system_tags": ["development"], "last_update": recent}, NOW, 600)
    assert status.stops_at_once({**worker, "last_update": old}, NOW, 600)
    assert status.stops_at_once({"status": "in_progress", "last_update": recent}, NOW, 600)
    assert not status.stops_at_once({**worker, "last_update": recent}, NOW, 600)


def test_a_reset_keeps_only_input_artifacts():
    task = {"execution": {"artifacts": [{"key": "a", "mode": "input"}, {"key": "b", "mode": "output"}, {"key": "c"}]}}
    assert status.reset_artifacts(task) == [{"key": "a", "mode": "input"}]

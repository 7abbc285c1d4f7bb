"""The per-task operations log through the gateway (issue 17, part 5): ordinary task
endpoints write it, ``tasks.get_operations_log`` pages it, ``tasks.clear_operations_log``
empties it."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

V = "999.0"


def test_status_change_enqueue_and_edit_are_listed_with_user_and_time_then_cleared(http):
    me = call(http, "users.get_current_user", {})["user"]
    task = call(http, "tasks.create", {"name": unique("oplog"), "type": "training"})["id"]
    call(http, "tasks.edit", {"task": task, "comment": "tuned"})
    call(http, "tasks.enqueue", {"task": task, "queue_name": unique("oplog-q"), "status_reason": "try it"})
    call(http, "tasks.dequeue", {"task": task})
    call(http, "tasks.started", {"task": task, "force": True})

    answer = call(http, "tasks.get_operations_log", {"task": task, "order": "asc"}, V)
    assert_conforms("tasks.get_operations_log", answer)
    ops = answer["operations"]
    assert [o["operation"] for o in ops] == ["create", "edit", "enqueue", "dequeue", "started"]
    assert {o["user"]["id"] for o in ops} == {me["id"]} and ops[0]["user"]["name"] == me["name"]
    assert ops[2]["info"] == "status: created -> queued" and ops[2]["reason"] == "try it"
    times = [datetime.fromisoformat(o["created"]) for o in ops]
    assert times == sorted(times)

    newest = call(http, "tasks.get_operations_log", {"task": task, "page": 0, "page_size": 2}, V)["operations"]
    assert [o["operation"] for o in newest] == ["started", "dequeue"]

    cleared = call(http, "tasks.clear_operations_log", {"task": task}, V)
    assert_conforms("tasks.clear_operations_log", cleared)
    assert cleared == {"deleted": 5}
    assert call(http, "tasks.get_operations_log", {"task": task}, V)["operations"] == []


def test_an_unknown_task_has_no_log(http):
    response = http.post(f"/v{V}/tasks.get_operations_log", json={"task": unique("nope")})
    assert meta(response) == (400, 101)

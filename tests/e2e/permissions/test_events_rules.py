"""Access rules enforced by the events process, through the gateway (issue 16): a task's
events follow the task's permission as the tasks process decides it. Events sent for a task
the caller may only read are refused per event (``errors_info``) and nothing is stored; reads
of an unreadable task's events answer 400/101; admins bypass; a rule change takes effect
within a second (the events process's cached targets are per rules version)."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.permissions.rules import make_company_with_people, publish, rule, seconds_until
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def company(stack):
    return make_company_with_people(stack, "event-rules")


def client(stack, person) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


def new_task(http) -> str:
    project = call(http, "projects.create", {"name": unique("er"), "description": ""})["id"]
    return call(http, "tasks.create", {"name": unique("er-task"), "type": "training", "project": project})["id"]


def scalars(task: str, n: int = 3, value: float = 1.0) -> list[dict]:
    return [{"type": "training_stats_scalar", "task": task, "iter": i, "metric": "loss", "variant": "train",
             "value": value} for i in range(n)]


def add_batch(http, events) -> httpx.Response:
    body = "\n".join(json.dumps(e) for e in events)
    return http.post("/v2.23/events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})


def histogram(http, task: str) -> httpx.Response:
    return http.post("/v2.23/events.scalar_metrics_iter_histogram", json={"task": task})


def iterations(http, task: str) -> list[int]:
    return histogram(http, task).json()["data"].get("loss", {}).get("train", {}).get("x", [])


def test_reads_and_writes_of_a_task_s_events_follow_the_task(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob, \
            client(stack, company.admin) as admin:
        readonly, closed, shared = new_task(alice), new_task(alice), new_task(alice)
        written = add_batch(alice, scalars(readonly) + scalars(closed))
        assert written.json()["data"]["added"] == 6
        publish(stack, company.id, rule("task", readonly, "read", company.bob.user),
                rule("task", readonly, "read_write", company.alice.user),
                rule("task", closed, "read_write", company.alice.user))
        seconds_until(lambda: meta(histogram(bob, closed)) == (400, 101))
        # read only: reads work, each event is refused, nothing stored
        assert iterations(bob, readonly) == [0, 1, 2]
        mixed = add_batch(bob, scalars(readonly, 2, 9.0) + scalars(shared, 1))
        assert mixed.status_code == 200, mixed.text
        assert_conforms("events.add_batch", mixed.json()["data"])
        assert mixed.json()["data"] == {"added": 1, "errors": 2,
                                        "errors_info": {f"No write permission for task {readonly}": 2}}
        refused = add_batch(bob, scalars(readonly, 1, 9.0))
        assert meta(refused) == (400, 131)
        assert histogram(alice, readonly).json()["data"]["loss"]["train"]["y"] == [1.0, 1.0, 1.0]
        assert meta(bob.post("/v2.23/events.delete_for_task", json={"task": readonly})) == (403, 21)
        # unreadable: absent to reads and writes
        for endpoint in ("events.get_task_log", "events.get_scalar_metrics_and_variants", "events.get_task_plots",
                         "events.get_task_latest_scalar_values"):
            assert meta(bob.post(f"/v2.23/{endpoint}", json={"task": closed})) == (400, 101), endpoint
        assert add_batch(bob, scalars(closed, 1)).json()["meta"]["result_subcode"] == 131
        # the admin bypasses
        assert add_batch(admin, scalars(closed, 4, 2.0)).json()["data"]["added"] == 4
        assert iterations(admin, closed) == [0, 1, 2, 3]


def test_a_rule_change_takes_effect_within_a_second(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        task = new_task(alice)
        publish(stack, company.id)
        assert add_batch(bob, scalars(task, 1)).json()["data"]["added"] == 1  # cached as writable
        publish(stack, company.id, rule("task", task, "read", company.bob.user),
                rule("task", task, "read_write", company.alice.user))
        write_closed = seconds_until(lambda: meta(add_batch(bob, scalars(task, 1))) == (400, 131))
        publish(stack, company.id, rule("task", task, "read_write", company.alice.user))
        read_closed = seconds_until(lambda: meta(histogram(bob, task)) == (400, 101))
        publish(stack, company.id)
        opened = seconds_until(lambda: add_batch(bob, scalars(task, 1)).status_code == 200)
        print(f"events: rule change seen after {write_closed:.3f} s (write closed), {read_closed:.3f} s "
              f"(read closed), {opened:.3f} s (opened)")
        assert write_closed < 1.0 and read_closed < 1.0 and opened < 1.0

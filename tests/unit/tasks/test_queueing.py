"""``tasks.enqueue``/``dequeue`` (and ``*_many``), and queued tasks leaving their queue on
stop/reset/archive/delete, over the in-memory repositories and queues (section 6)."""

from __future__ import annotations

import pytest

from shared.errors import ApiError
from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def task_of(world: World, task_id: str) -> dict:
    return (await world.call("tasks.get_by_id", {"task": task_id}))["task"]


async def queued(world: World, queue_name: str = "gpu", **fields) -> str:
    task_id = await world.new_task(**fields)
    await world.call("tasks.enqueue", {"task": task_id, "queue_name": queue_name})
    return task_id


async def test_enqueue_by_name_creates_the_queue_and_remembers_the_status(world):
    task_id = await world.new_task(system_tags=["development", "keep"])
    world.clock.advance()
    answer = await world.call("tasks.enqueue", {"task": task_id, "queue_name": "gpu", "status_reason": "go"})
    assert (answer["queued"], answer["updated"]) == (1, 1)
    assert answer["fields"]["status"] == "queued" and answer["fields"]["execution.queue"] == "q-gpu"
    assert world.queues.entries["q-gpu"] == [task_id]
    task = await task_of(world, task_id)
    assert (task["status"], task["enqueue_status"], task["status_reason"]) == ("queued", "created", "go")
    assert task["execution"]["queue"] == "q-gpu"
    assert task["system_tags"] == ["keep"]
    assert task["status_changed"] == "2024-05-01T12:01:00+00:00"


async def test_enqueue_by_id_and_to_the_default_queue(world):
    first, second = await world.new_task(), await world.new_task()
    world.queues.entries["q1"] = []
    await world.call("tasks.enqueue", {"task": first, "queue": "q1"})
    await world.call("tasks.enqueue", {"task": second})
    assert world.queues.entries["q1"] == [first] and world.queues.entries["default"] == [second]
    assert (await task_of(world, second))["execution"]["queue"] == "default"


async def test_enqueue_again_moves_the_task_and_keeps_the_first_prior_status(world):
    task_id = await queued(world, "gpu")
    await world.call("tasks.enqueue", {"task": task_id, "queue_name": "cpu"})
    assert world.queues.entries["q-gpu"] == [] and world.queues.entries["q-cpu"] == [task_id]
    assert (await task_of(world, task_id))["enqueue_status"] == "created"


async def test_enqueue_refuses_statuses_that_cannot_queue_unless_forced(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.completed", {"task": task_id})
    assert codes(await world.fails("tasks.enqueue", {"task": task_id, "queue_name": "gpu"})) == (400, 110)
    assert "q-gpu" not in world.queues.entries
    answer = await world.call("tasks.enqueue", {"task": task_id, "queue_name": "gpu", "force": True})
    assert answer["queued"] == 1
    assert (await task_of(world, task_id))["enqueue_status"] == "completed"


async def test_a_failed_push_rolls_the_status_back(world):
    task_id = await world.new_task(system_tags=["development"])
    before = await task_of(world, task_id)
    world.queues.fail_next = ApiError.named("invalid_queue_id", id="nope")
    assert codes(await world.fails("tasks.enqueue", {"task": task_id, "queue": "nope"})) == (400, 701)
    task = await task_of(world, task_id)
    assert task["status"] == "created" and "enqueue_status" not in task
    assert task["system_tags"] == ["development"]
    assert task["status_changed"] == before["status_changed"]


async def test_an_unanswered_push_is_undone_too(world):
    task_id = await world.new_task()
    world.queues.entries["default"].append(task_id)  # as if the push happened late
    world.queues.fail_next = ApiError(503, 0, "the queues service did not answer")
    assert codes(await world.fails("tasks.enqueue", {"task": task_id})) == (503, 0)
    assert world.queues.entries["default"] == []
    assert (await task_of(world, task_id))["status"] == "created"


async def test_unknown_and_foreign_tasks_are_refused(world):
    assert codes(await world.fails("tasks.enqueue", {"task": "missing"})) == (400, 101)
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.enqueue", {"task": task_id}, identity=EVE)) == (400, 101)
    assert world.queues.entries["default"] == []


async def test_dequeue_goes_back_to_the_prior_status(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    await world.call("tasks.enqueue", {"task": task_id, "queue_name": "gpu"})
    answer = await world.call("tasks.dequeue", {"task": task_id})
    assert (answer["dequeued"], answer["updated"], answer["fields"]["status"]) == (1, 1, "stopped")
    assert answer["fields"]["enqueue_status"] is None
    assert world.queues.entries["q-gpu"] == []
    task = await task_of(world, task_id)
    assert task["status"] == "stopped" and "enqueue_status" not in task
    assert task["execution"]["queue"] == "q-gpu"  # clearml-server keeps the last queue


async def test_dequeue_to_an_explicit_status(world):
    task_id = await queued(world)
    assert (await world.call("tasks.dequeue", {"task": task_id, "new_status": "failed"}))["fields"]["status"] == "failed"
    other = await queued(world, "cpu")
    assert codes(await world.fails("tasks.dequeue", {"task": other, "new_status": "bogus"})) == (400, 12)
    assert world.queues.entries["q-cpu"] == [other]


async def test_the_agents_dequeue_of_the_task_it_popped(world):
    """clearml-agent's ``execute`` calls ``dequeue(new_status=in_progress)`` on the task the
    daemon popped (already out of its queue, still queued or already started)."""
    task_id = await queued(world)
    world.queues.entries["q-gpu"].remove(task_id)
    answer = await world.call("tasks.dequeue", {"task": task_id, "new_status": "in_progress"})
    assert (answer["dequeued"], answer["updated"], answer["fields"]["status"]) == (1, 1, "in_progress")
    again = await world.call("tasks.dequeue", {"task": task_id, "new_status": "in_progress"})
    assert (again["dequeued"], again["updated"]) == (1, 1)
    assert (await task_of(world, task_id))["status"] == "in_progress"


async def test_dequeue_leaves_a_task_neither_queued_nor_running_alone(world):
    task_id = await world.new_task()
    assert await world.call("tasks.dequeue", {"task": task_id}) == {"dequeued": 1, "updated": 0}
    assert await world.call("tasks.dequeue", {"task": "missing"}) == {"dequeued": 1, "updated": 0}
    assert (await task_of(world, task_id))["status"] == "created"


async def test_dequeue_of_a_running_task_moves_it_whatever_the_status_rules(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    answer = await world.call("tasks.dequeue", {"task": task_id, "new_status": "published"})
    assert (answer["updated"], answer["fields"]["status"]) == (1, "published")


async def test_enqueue_many_and_dequeue_many_report_each_id(world):
    a, b = await world.new_task(), await world.new_task()
    answer = await world.call("tasks.enqueue_many", {"ids": [a, b, "missing"], "queue_name": "gpu"})
    assert [s["id"] for s in answer["succeeded"]] == [a, b] and answer["succeeded"][0]["queued"] is True
    assert [f["id"] for f in answer["failed"]] == ["missing"]
    assert world.queues.entries["q-gpu"] == [a, b]
    answer = await world.call("tasks.dequeue_many", {"ids": [a, b]})
    assert [s["dequeued"] for s in answer["succeeded"]] == [True, True]
    assert world.queues.entries["q-gpu"] == []


@pytest.mark.parametrize(("endpoint", "body", "status"), [
    ("tasks.stop", {}, "stopped"),
    ("tasks.reset", {}, "created"),
    ("tasks.delete", {"force": True}, None),
])
async def test_leaving_queued_leaves_the_queue(world, endpoint, body, status):
    task_id = await queued(world)
    other = await queued(world)
    await world.call(endpoint, {"task": task_id, **body})
    assert world.queues.entries["q-gpu"] == [other]
    if status:
        assert (await task_of(world, task_id))["status"] == status


async def test_archiving_a_queued_task_dequeues_it(world):
    task_id = await queued(world)
    assert (await world.call("tasks.archive", {"tasks": [task_id]}))["archived"] == 1
    assert world.queues.entries["q-gpu"] == []
    task = await task_of(world, task_id)
    assert task["status"] == "created" and "archived" in task["system_tags"]


async def test_stopping_a_running_task_does_not_touch_the_queues(world):
    task_id = await queued(world)
    world.queues.entries["q-gpu"].remove(task_id)  # popped by an agent
    world.queues.entries["q-gpu"].append("someone-else")
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stop", {"task": task_id})
    assert world.queues.entries["q-gpu"] == ["someone-else"]

"""Queue changes made by ``queues.*``/``workers.*`` endpoints tell the tasks process (the
``TaskPort``): popped, reverted and worker-reported tasks."""

from __future__ import annotations

import pytest

from tests.unit.queues.world import World


@pytest.fixture
def world() -> World:
    return World()


async def test_get_next_task_tells_the_tasks_process_which_task_was_popped(world):
    queue_id = await world.queue(tasks=("t1", "t2"))
    answer = await world.call("queues.get_next_task", {"queue": queue_id})
    assert answer["entry"]["task"] == "t1"
    assert world.tasks.calls == [("popped", "t1")]
    assert await world.call("queues.get_next_task", {"queue": queue_id, "task": "t9"}) == {}
    assert world.tasks.calls == [("popped", "t1")]


async def test_a_pop_stands_when_the_tasks_process_cannot_be_told(world):
    queue_id = await world.queue(tasks=("t1",))
    world.tasks.broken = True
    assert (await world.call("queues.get_next_task", {"queue": queue_id}))["entry"]["task"] == "t1"
    assert await world.tasks_in(queue_id) == []


async def test_remove_task_reverts_only_with_update_task_status(world):
    queue_id = await world.queue(tasks=("t1", "t2"))
    await world.call("queues.remove_task", {"queue": queue_id, "task": "t1"})
    assert world.tasks.calls == []
    await world.call("queues.remove_task", {"queue": queue_id, "task": "t2", "update_task_status": True})
    assert world.tasks.calls == [("revert", ["t2"])]
    assert await world.tasks_in(queue_id) == []


async def test_clear_queue_reverts_the_removed_tasks(world):
    queue_id = await world.queue(tasks=("t1", "t2"))
    assert (await world.call("queues.clear_queue", {"queue": queue_id}))["removed_tasks"] == ["t1", "t2"]
    assert world.tasks.calls == [("revert", ["t1", "t2"])]


async def test_forced_delete_reverts_the_tasks_it_held(world):
    queue_id = await world.queue(tasks=("t1",))
    assert await world.error("queues.delete", {"queue": queue_id}) == (400, 702)
    assert world.tasks.calls == []
    assert (await world.call("queues.delete", {"queue": queue_id, "force": True}))["deleted"] == 1
    assert world.tasks.calls == [("revert", ["t1"])]
    empty = await world.queue("empty-queue")
    await world.call("queues.delete", {"queue": empty})
    assert world.tasks.calls == [("revert", ["t1"])]


async def test_status_report_with_a_task_sets_its_last_worker(world):
    await world.call("workers.status_report", {"worker": "agent-1", "timestamp": 1, "task": "t1"})
    assert world.tasks.calls == [("worker_report", ("t1", "agent-1"))]
    await world.call("workers.status_report", {"worker": "agent-1", "timestamp": 2})
    assert len(world.tasks.calls) == 1


async def test_status_report_with_an_unknown_task_is_refused_but_counts_as_activity(world):
    world.tasks.unknown.add("ghost")
    report = {"worker": "agent-2", "timestamp": 1, "task": "ghost"}
    assert await world.error("workers.status_report", report) == (400, 101)
    # as ClearML: the worker entry is saved (registered, active), without the task or a report time
    [worker] = (await world.call("workers.get_all", {}))["workers"]
    assert worker["id"] == "agent-2" and "task" not in worker and "last_report_time" not in worker

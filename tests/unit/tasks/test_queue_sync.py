"""The internal actions the queues process calls on the tasks process (``internal.queue_popped``,
``internal.revert_dequeued``, ``internal.worker_report``), over the in-memory repositories."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def task_of(world: World, task_id: str) -> dict:
    return (await world.call("tasks.get_by_id", {"task": task_id}))["task"]


async def test_a_popped_stopped_task_is_queued_again_others_stay(world):
    stopped, created = await world.new_task(), await world.new_task()
    await world.call("tasks.started", {"task": stopped})
    await world.call("tasks.stopped", {"task": stopped})
    assert await world.call("internal.queue_popped", {"task": stopped}) == {"status": "queued"}
    assert (await task_of(world, stopped))["status"] == "queued"
    assert await world.call("internal.queue_popped", {"task": created}) == {"status": "created"}
    assert (await task_of(world, created))["status"] == "created"
    assert await world.call("internal.queue_popped", {"task": "missing"}) == {"status": None}


async def test_a_popped_task_of_another_company_is_not_touched(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    assert await world.call("internal.queue_popped", {"task": task_id}, identity=EVE) == {"status": None}
    assert (await task_of(world, task_id))["status"] == "stopped"


async def test_revert_dequeued_puts_queued_tasks_back_to_their_prior_status(world):
    a, b, c = await world.new_task(), await world.new_task(), await world.new_task()
    await world.call("tasks.started", {"task": b})
    await world.call("tasks.failed", {"task": b})
    for task_id in (a, b, c):
        await world.call("tasks.enqueue", {"task": task_id, "queue_name": "gpu"})
    await world.call("tasks.started", {"task": c})  # popped and running: not reverted
    answer = await world.call("internal.revert_dequeued", {"tasks": [a, b, c, "missing"]})
    assert answer == {"reverted": 2}
    assert [(await task_of(world, t))["status"] for t in (a, b, c)] == ["created", "failed", "in_progress"]
    assert "enqueue_status" not in await task_of(world, a)


async def test_revert_dequeued_ignores_other_companies(world):
    task_id = await world.new_task()
    await world.call("tasks.enqueue", {"task": task_id})
    assert await world.call("internal.revert_dequeued", {"tasks": [task_id]}, identity=EVE) == {"reverted": 0}
    assert (await task_of(world, task_id))["status"] == "queued"


async def test_worker_report_sets_the_last_worker(world):
    task_id = await world.new_task()
    world.clock.advance(5)
    answer = await world.call("internal.worker_report", {"task": task_id, "worker": "box:gpu0"})
    assert answer["updated"] == 1 and answer["name"] == (await task_of(world, task_id))["name"]
    task = await task_of(world, task_id)
    assert task["last_worker"] == "box:gpu0"
    assert task["last_worker_report"] == task["last_update"] == "2024-05-01T12:05:00+00:00"
    assert codes(await world.fails("internal.worker_report", {"task": "missing", "worker": "w"})) == (400, 101)
    assert codes(await world.fails("internal.worker_report", {"task": task_id, "worker": "w"}, EVE)) == (400, 101)

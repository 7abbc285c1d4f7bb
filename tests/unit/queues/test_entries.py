"""``queues.*`` on entries: FIFO order, duplicates, reordering, removal."""

import pytest

from tests.unit.queues.world import World


@pytest.fixture
def world():
    return World()


async def test_tasks_come_out_in_the_order_they_went_in(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2", "t3"))
    popped = []
    while entry := (await world.call("queues.get_next_task", {"queue": queue_id})).get("entry"):
        popped.append(entry["task"])
        assert entry["added"] == "2024-05-01T12:00:00+00:00"
    assert popped == ["t1", "t2", "t3"]
    assert await world.call("queues.get_next_task", {"queue": queue_id}) == {}


async def test_a_task_cannot_be_queued_twice(world):
    queue_id = await world.queue("gpu", tasks=("t1",))
    assert await world.error("queues.add_task", {"queue": queue_id, "task": "t1"}) == (400, 706)
    assert await world.tasks_in(queue_id) == ["t1"]
    assert await world.error("queues.add_task", {"queue": "nope", "task": "t1"}) == (400, 701)


async def test_get_next_task_for_a_given_task_only_pops_it_when_first(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2"))
    assert await world.call("queues.get_next_task", {"queue": queue_id, "task": "t2"}) == {}
    result = await world.call("queues.get_next_task", {"queue": queue_id, "task": "t1", "get_task_info": True})
    assert result["entry"]["task"] == "t1"
    assert result["task_info"] == {"company": "acme", "user": "alice"}
    assert await world.tasks_in(queue_id) == ["t2"]
    assert await world.error("queues.get_next_task", {"queue": "nope"}) == (400, 701)


async def test_remove_task(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2"))
    assert await world.call("queues.remove_task", {"queue": queue_id, "task": "t1"}) == {"removed": 1}
    assert await world.error("queues.remove_task", {"queue": queue_id, "task": "t1"}) == (400, 703)
    assert await world.tasks_in(queue_id) == ["t2"]


@pytest.mark.parametrize(
    ("endpoint", "extra", "position", "order"),
    [
        ("queues.move_task_forward", {}, 1, ["a", "c", "b", "d"]),
        ("queues.move_task_forward", {"count": 5}, 0, ["c", "a", "b", "d"]),
        ("queues.move_task_backward", {}, 3, ["a", "b", "d", "c"]),
        ("queues.move_task_backward", {"count": 9}, 3, ["a", "b", "d", "c"]),
        ("queues.move_task_to_front", {}, 0, ["c", "a", "b", "d"]),
        ("queues.move_task_to_back", {}, 3, ["a", "b", "d", "c"]),
    ],
)
async def test_moving_a_task(world, endpoint, extra, position, order):
    queue_id = await world.queue("gpu", tasks=("a", "b", "c", "d"))
    assert await world.call(endpoint, {"queue": queue_id, "task": "c", **extra}) == {"position": position}
    assert await world.tasks_in(queue_id) == order


async def test_moving_a_task_that_is_not_queued(world):
    queue_id = await world.queue("gpu", tasks=("a",))
    assert await world.error("queues.move_task_to_front", {"queue": queue_id, "task": "x"}) == (400, 703)
    assert await world.call("queues.move_task_to_front", {"queue": queue_id, "task": "a"}) == {"position": 0}


async def test_peek_count_and_clear(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2"))
    assert await world.call("queues.peek_task", {"queue": queue_id}) == {"task": "t1"}
    assert await world.call("queues.get_num_entries", {"queue": queue_id}) == {"num": 2}
    assert await world.call("queues.clear_queue", {"queue": queue_id}) == {"removed_tasks": ["t1", "t2"]}
    assert await world.call("queues.peek_task", {"queue": queue_id}) == {"task": None}
    assert await world.call("queues.get_num_entries", {"queue": queue_id}) == {"num": 0}
    assert await world.call("queues.clear_queue", {"queue": queue_id}) == {"removed_tasks": []}

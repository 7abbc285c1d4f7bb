"""``queues.get_queue_metrics`` over the points recorded after each entry change."""

import asyncio

import pytest

from tests.unit.queues.world import EVE, World


@pytest.fixture
def world():
    return World()


def window(world, before=0, after=120):
    start = world.now.timestamp()
    return {"from_date": start - before, "to_date": start + after, "interval": 60}


async def test_each_change_records_length_and_waiting_time(world):
    start = window(world)
    queue_id = await world.queue("gpu", tasks=("t1",))
    world.advance(30)
    await world.call("queues.add_task", {"queue": queue_id, "task": "t2"})
    world.advance(40)
    await world.call("queues.get_next_task", {"queue": queue_id})
    result = await world.call("queues.get_queue_metrics", {**start, "queue_ids": [queue_id]})
    # first minute: the longest wait was 15 s (t1 30 s, t2 0 s) with 2 queued; then t2 alone, 40 s
    # (dates in milliseconds, as ClearML answers them)
    first = int(start["from_date"]) * 1000
    assert result == {"queues": [{"queue": queue_id, "dates": [first, first + 60_000],
                                  "avg_waiting_times": [15.0, 40.0], "queue_lengths": [2, 1]}]}


async def test_queues_without_points_are_left_out_and_unknown_queues_answer_nothing(world):
    start = window(world)
    busy = await world.queue("busy", tasks=("t1",))
    idle = await world.queue("idle")
    result = await world.call("queues.get_queue_metrics", {**start, "queue_ids": [idle, busy]})
    assert [q["queue"] for q in result["queues"]] == [busy]
    unknown = {"queue_ids": ["nope"], "from_date": 5, "to_date": 5, "interval": 60}
    assert await world.call("queues.get_queue_metrics", unknown) == {"queues": []}


async def test_without_queue_ids_all_queues_are_totalled(world):
    start = window(world)
    first = await world.queue("first", tasks=("t1",))
    await world.queue("second", tasks=("t2", "t3"))
    world.advance(60)
    await world.call("queues.remove_task", {"queue": first, "task": "t1"})
    [total] = (await world.call("queues.get_queue_metrics", start))["queues"]
    assert total["queue"] == "total"
    # the second minute has no point of "second": its last one still counts
    assert total["queue_lengths"] == [3, 2]


async def test_refresh_records_the_current_state_and_other_companies_see_nothing(world):
    queue_id = await world.queue("gpu", tasks=("t1",))
    world.advance(50)
    body = {**window(world, before=60), "queue_ids": [queue_id], "refresh": True}
    [series] = (await world.call("queues.get_queue_metrics", body))["queues"]
    assert max(series["avg_waiting_times"]) == 50.0
    assert await world.call("queues.get_queue_metrics", body, EVE) == {"queues": []}
    assert await world.error("queues.get_queue_metrics", {**body, "to_date": 0}) == (400, 16)


async def test_a_failing_metrics_store_never_fails_a_queue_change(world):
    queue_id = await world.queue("gpu")
    world.queue_metrics.fail = True
    assert await world.call("queues.add_task", {"queue": queue_id, "task": "t1"}) == {"added": 1}
    assert (await world.call("queues.get_next_task", {"queue": queue_id}))["entry"]["task"] == "t1"


async def test_points_are_written_in_the_background_and_on_stop(world):
    from services.queues.queue_metrics import QueueMetrics

    metrics = QueueMetrics(world.queue_metrics, world.clock, flush_interval_s=0.01)
    await metrics.start()
    metrics.record("acme", [{"_id": "q1", "entries": []}], world.now)
    for _ in range(100):
        if world.queue_metrics.docs:
            break
        await asyncio.sleep(0.01)
    assert [d["queue"] for d in world.queue_metrics.docs] == ["q1"]
    metrics.record("acme", [{"_id": "q2", "entries": []}], world.now)
    await metrics.stop()
    assert [d["queue"] for d in world.queue_metrics.docs] == ["q1", "q2"]

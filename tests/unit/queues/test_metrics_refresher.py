"""The queue-metrics refresher: every queue's point each tick (so charts show time passing
with no change), bounded work per tick, a clean stop."""

import asyncio

import pytest

from services.queues.metrics_refresher import QueueMetricsRefresher
from services.queues.queue_metrics import QueueMetrics
from tests.unit.queues.world import EVE, World


@pytest.fixture
def world():
    return World()


def refresher(world, **options):
    metrics = QueueMetrics(world.queue_metrics, world.clock)
    return QueueMetricsRefresher(world.queues, metrics, world.clock, **options)


async def test_each_tick_records_every_queue_of_every_company(world):
    gpu = await world.queue("gpu", tasks=("t1",))
    await world.queue("other", identity=EVE)
    world.queue_metrics.docs.clear()
    job = refresher(world)
    world.advance(100)
    assert await job.refresh_once() == 4  # two default queues too
    points = {(d["company"], d["queue"]): d for d in world.queue_metrics.docs}
    assert len(points) == 4
    assert points[("acme", gpu)]["queue_length"] == 1 and points[("acme", gpu)]["average_waiting_time"] == 100.0


async def test_a_chart_gets_a_point_per_tick_while_nothing_changes(world):
    start = world.now.timestamp()
    queue_id = await world.queue("gpu", tasks=("t1",))
    job = refresher(world)
    for _ in range(3):
        world.advance(60)
        await job.refresh_once()
    body = {"from_date": start, "to_date": start + 240, "interval": 60, "queue_ids": [queue_id]}
    [series] = (await world.call("queues.get_queue_metrics", body))["queues"]
    assert series["avg_waiting_times"] == [0.0, 60.0, 120.0, 180.0]
    assert series["queue_lengths"] == [1, 1, 1, 1]


async def test_work_per_tick_is_bounded_and_resumes_where_it_stopped(world):
    for i in range(5):
        await world.queue(f"queue-{i}")
    world.queue_metrics.docs.clear()
    job = refresher(world, max_queues=4, page_size=3)  # 6 queues with the default one
    assert await job.refresh_once() == 4
    assert await job.refresh_once() == 2
    assert await job.refresh_once() == 4
    counts: dict[str, int] = {}
    for doc in world.queue_metrics.docs:
        counts[doc["queue"]] = counts.get(doc["queue"], 0) + 1
    assert sorted(counts.values()) == [1, 1, 2, 2, 2, 2]


async def test_runs_periodically_survives_failures_and_stops(world):
    await world.queue("gpu")
    job = refresher(world, interval_s=0.01)
    original, failures = world.queues.page, []

    async def flaky(after, limit):  # the first read fails: logged, and the next tick runs
        if not failures:
            failures.append(after)
            raise ConnectionError("database down")
        return await original(after, limit)

    world.queues.page = flaky
    await job.start()
    for _ in range(200):
        if len(world.queue_metrics.docs) >= 4:
            break
        await asyncio.sleep(0.01)
    await job.stop()
    written = len(world.queue_metrics.docs)
    assert failures and written >= 4
    await asyncio.sleep(0.05)
    assert len(world.queue_metrics.docs) == written

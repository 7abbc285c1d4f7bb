"""``workers.get_stats`` / ``get_activity_report`` / ``get_metric_keys`` over the machine
stats that ``workers.status_report`` stores."""

import pytest

from tests.unit.queues.stats_suite import T0_MS
from tests.unit.queues.world import EVE, World

T0 = T0_MS / 1000


@pytest.fixture
def world():
    return World()


async def report(world, worker, offset_s, task=None, **stats):
    body = {"worker": worker, "timestamp": T0_MS + offset_s * 1000, "machine_stats": stats}
    if task:
        body["task"] = task
    await world.call("workers.status_report", body)


async def test_metric_keys_of_reported_stats(world):
    assert await world.error("workers.get_metric_keys") == (400, 1005)
    await report(world, "w1", 0, cpu_usage=[1.0], memory_used=5.0)
    result = await world.call("workers.get_metric_keys")
    assert result == {"categories": [{"name": "cpu", "metric_keys": ["cpu_usage"]},
                                     {"name": "memory", "metric_keys": ["memory_used"]}]}
    assert await world.error("workers.get_metric_keys", identity=EVE) == (400, 1005)


async def test_stats_per_worker_metric_and_aggregation_without_the_incomplete_interval(world):
    for offset, usage in ((0, [10.0, 30.0]), (60, [50.0, 70.0]), (120, [90.0, 90.0])):
        await report(world, "w1", offset, gpu_usage=usage)
    body = {"from_date": T0, "to_date": T0 + 150, "interval": 60, "split_by_resource": True,
            "items": [{"key": "gpu_usage", "aggregation": "max"}, {"key": "gpu_usage", "aggregation": "avg"}]}
    [worker] = (await world.call("workers.get_stats", body))["workers"]
    assert worker["worker"] == "w1"
    [metric] = worker["metrics"]
    maximum, average = metric["stats"]
    assert maximum == {"aggregation": "max", "dates": [T0_MS, T0_MS + 60_000], "values": [30.0, 70.0],
                       "resource_series": [{"name": "0", "values": [10.0, 50.0]}, {"name": "1", "values": [30.0, 70.0]}]}
    assert average["values"] == [20.0, 60.0]


async def test_stats_need_an_ordered_window_and_use_at_least_40_second_intervals(world):
    body = {"from_date": T0 + 10, "to_date": T0, "interval": 60, "items": [{"key": "cpu_usage"}]}
    assert await world.error("workers.get_stats", body) == (400, 16)
    await report(world, "w1", 0, cpu_usage=[1.0])
    await report(world, "w1", 10, cpu_usage=[3.0])
    body = {"from_date": T0, "to_date": T0 + 200, "interval": 1, "items": [{"key": "cpu_usage"}]}
    [worker] = (await world.call("workers.get_stats", body))["workers"]
    [stat] = worker["metrics"][0]["stats"]
    # every 40 s interval of the window, empty ones as 0, but the last, incomplete one
    assert stat["dates"] == [T0_MS + i * 40_000 for i in range(5)]
    assert stat["values"] == [2.0, 0.0, 0.0, 0.0, 0.0] and stat["resource_series"] == []


async def test_activity_report_counts_total_and_active_workers(world):
    await report(world, "w1", 0, "t1", cpu_usage=[1.0])
    await report(world, "w2", 5, None, cpu_usage=[1.0])
    await report(world, "w2", 65, None, cpu_usage=[1.0])
    result = await world.call("workers.get_activity_report", {"from_date": T0, "to_date": T0 + 130, "interval": 60})
    dates = [T0_MS, T0_MS + 60_000]  # the last interval, from T0 + 120, is left out
    assert result == {"total": {"dates": dates, "counts": [2, 1]}, "active": {"dates": dates, "counts": [1, 0]}}


async def test_stats_items_name_the_aggregation_and_the_same_pair_answers_once(world):
    await report(world, "w1", 0, cpu_usage=[10.0])
    await report(world, "w1", 10, cpu_usage=[30.0])
    await report(world, "w2", 0, cpu_usage=[5.0])
    await report(world, "w2", 5, cpu_usage=[5.0])
    await report(world, "w2", 10, cpu_usage=[5.0])
    items = [{"key": "cpu_usage", "aggregation": "min"}, {"key": "cpu_usage", "category": "max"},
             {"key": "cpu_usage", "aggregation": "min"}]
    body = {"from_date": T0, "to_date": T0 + 60, "interval": 60, "items": items}
    workers = (await world.call("workers.get_stats", body))["workers"]
    assert [w["worker"] for w in workers] == ["w2", "w1"]  # most values first, as Elasticsearch orders
    [metric] = workers[1]["metrics"]
    assert [(s["aggregation"], s["values"]) for s in metric["stats"]] == [("min", [10.0]), ("avg", [20.0])]


def test_interval_starts_cover_the_window_in_whole_seconds_aligned_to_the_epoch():
    from services.queues.worker_stats import interval_starts

    assert interval_starts(100.7, 250.2, 60) == [60_000, 120_000, 180_000, 240_000]
    assert interval_starts(120, 180, 60) == [120_000, 180_000]


async def test_activity_of_a_company_that_never_reported_has_no_intervals(world):
    body = {"from_date": T0, "to_date": T0 + 130, "interval": 60}
    empty = {"dates": [], "counts": []}
    assert await world.call("workers.get_activity_report", body) == {"total": empty, "active": empty}
    await report(world, "w1", 1000, cpu_usage=[1.0])  # outside the window
    assert (await world.call("workers.get_activity_report", body))["total"]["counts"] == [0, 0]


async def test_a_window_of_too_many_intervals_is_refused(world):
    body = {"from_date": 0, "to_date": 10 ** 9, "interval": 40}
    assert await world.error("workers.get_activity_report", body) == (400, 16)

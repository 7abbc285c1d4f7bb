"""Event reads as use cases over the in-memory store: what ClearML answers, without Elasticsearch."""

from __future__ import annotations

import pytest

from services.events.metrics import MetricReads
from services.events.reads import EventReads
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api
from tests.unit.events.fakes import FakeTaskDirectory, InMemoryEventRepository
from tests.unit.events.repository_suite import log, scalar, store

ALICE = Identity(company="acme", user="alice")


@pytest.fixture
def repo():
    return InMemoryEventRepository()


@pytest.fixture
def tasks():
    return FakeTaskDirectory(tasks={"t1": "in_progress", "t2": "created"}, names={"t1": "first"})


def messages(answer):
    return [e["msg"] for e in answer["events"]]


async def test_the_console_log_comes_newest_first_unless_an_order_is_asked(repo, tasks):
    await store(repo, [log(n, stamp) for n, stamp in enumerate([0, 1, 1, 2])])
    reads = EventReads(repo, tasks)
    answer = await reads.get_task_log(ALICE, api.GetTaskLogRequest(task="t1", batch_size=2))
    assert messages(answer)[0] == "line 3" and len(messages(answer)) == 3  # the whole last timestamp
    assert answer["total"] == 4
    ordered = await reads.get_task_log(ALICE, api.GetTaskLogRequest(task="t1", order="asc"))
    assert messages(ordered)[0] == "line 0" and messages(ordered)[-1] == "line 3"
    later = await reads.get_task_log(ALICE, api.GetTaskLogRequest(task="t1", navigate_earlier=False,
                                                                  from_timestamp=1_764_400_000_001))
    assert messages(later) == ["line 3"]


async def test_task_events_page_by_iteration_and_refuse_foreign_scroll_ids(repo, tasks):
    await store(repo, [scalar(i, 1.0, timestamp=100 - i) for i in range(5)])
    reads = EventReads(repo, tasks)
    first = await reads.get_task_events(ALICE, api.GetTaskEventsRequest(task="t1", batch_size=2, event_type="*"))
    rest = await reads.get_task_events(ALICE, api.GetTaskEventsRequest(task="t1", scroll_id=first["scroll_id"],
                                                                      batch_size=10))
    assert [e["iter"] for e in first["events"] + rest["events"]] == [0, 1, 2, 3, 4] and first["total"] == 5
    with pytest.raises(ApiError) as info:
        await reads.get_task_events(ALICE, api.GetTaskEventsRequest(task="t1", scroll_id="%%%"))
    assert (info.value.code, info.value.subcode) == (400, 1104)


async def test_a_histogram_samples_each_series_to_2000_points_by_default(repo, tasks):
    await store(repo, [scalar(i, float(i)) for i in range(5000)] + [scalar(i, 1.0, variant="short")
                                                                    for i in range(10)])
    found = await MetricReads(repo, tasks).scalar_histogram(ALICE, api.ScalarHistogramRequest(task="t1"))
    assert len(found["loss"]["a"]["x"]) == 1667 and found["loss"]["a"]["y"][0] == 1.0
    assert found["loss"]["short"] == {"name": "short", "x": list(range(10)), "y": [1.0] * 10}


async def test_task_metrics_list_every_task_asked_for(repo, tasks):
    await store(repo, [scalar(1, 1.0, metric="zeta"), scalar(1, 1.0, metric="alpha"),
                       scalar(-(2**31), 1.0, metric="Summary")])
    found = await MetricReads(repo, tasks).task_metrics(ALICE, api.GetTaskMetricsRequest(
        tasks=["t1", "t2"], event_type="training_stats_scalar"))
    assert found == {"metrics": [{"task": "t1", "metrics": ["alpha", "zeta"]}, {"task": "t2", "metrics": []}]}


async def test_latest_scalar_values_name_the_task_and_keep_positive_values(repo, tasks):
    await store(repo, [scalar(i, 2.0 - i) for i in range(3)] + [log(0, 0) | {"iter": 8}])
    found = await MetricReads(repo, tasks).latest_values(ALICE, api.LatestScalarValuesRequest(task="t1"))
    assert found["metrics"] == [{"name": "loss", "variants": [{"name": "a", "last_value": 1.0,
                                                               "last_10_value": 1.0}]}]
    assert (found["name"], found["status"], found["last_iter"]) == ("first", "in_progress", 8)


async def test_raw_scalars_name_x_after_the_key_and_refuse_a_negative_batch(repo, tasks):
    await store(repo, [scalar(i, float(i), variant=v) for i in range(3) for v in ("a", "b")])
    metrics = MetricReads(repo, tasks)
    found = await metrics.scalar_raw(ALICE, api.ScalarRawRequest(task="t1", metric={"metric": "loss"}))
    assert found["variants"]["a"] == {"iter": [0, 1, 2], "y": [0.0, 1.0, 2.0]} and found["total"] is None
    with pytest.raises(ApiError) as info:
        await metrics.scalar_raw(ALICE, api.ScalarRawRequest(task="t1", metric={"metric": "loss"}, batch_size=-1))
    assert (info.value.code, info.value.subcode) == (400, 12)

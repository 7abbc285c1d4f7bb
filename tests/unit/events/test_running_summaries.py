"""Running summaries (services.events.summaries) through the ingest use case: exact once from
the store, then merged event by event; the same as recomputing from scratch, however the
events arrive (several groups, re-delivery, re-reported points)."""

from __future__ import annotations

import asyncio

import pytest

from services.events.domain import Selection, Target, md5
from services.events.ingestion import IngestRequest, IngestService
from services.events.summaries import Running, SummaryCache
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.unit.events.fakes import InMemoryEventRepository, FakeTaskDirectory

ALICE = Identity(company="acme", user="alice")
NOW = 1_764_400_000_000
T1 = Target("task", "t1")


def scalar(iteration, value, metric="loss", variant="train", task="t1", **extra):
    return {"type": "training_stats_scalar", "task": task, "iter": iteration, "value": value, "metric": metric,
            "variant": variant, "timestamp": NOW + iteration, **extra}


def request(payload, offset=0) -> IngestRequest:
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=ALICE, payload=payload)
    return IngestRequest(envelope=envelope, received_ms=NOW)


@pytest.fixture
def repo():
    return InMemoryEventRepository()


@pytest.fixture
def tasks():
    return FakeTaskDirectory(tasks={"t1": "in_progress", "t2": "in_progress"}, models={"m1": False})


@pytest.fixture
def service(repo, tasks):
    return IngestService(repo, tasks, "p_", plot_threshold=100_000)


async def reference(repo, target=T1):
    return (await repo.summaries("acme", [target]))[target]


async def test_groups_merged_one_by_one_equal_a_recompute(service, repo, tasks):
    values = [5.0, 2.0, 9.0, 2.0, 7.5, -1.0, 3.25, 9.0]
    for offset, start in enumerate(range(0, 8, 2)):
        batch = [scalar(i, values[i]) for i in (start, start + 1)]
        batch += [scalar(i, i * 0.5, metric="acc", variant="val", x_axis_label="epoch") for i in (start, start + 1)]
        batch.append({"type": "log", "task": "t1", "iter": start + 40, "msg": "progress"})
        await service.ingest([request(batch, offset)])
    expected = await reference(repo)
    assert tasks.folded[T1].last_iteration == expected.last_iteration == 46
    assert tasks.folded[T1].last_metrics == expected.last_metrics
    loss = tasks.folded[T1].last_metrics[md5("loss")][md5("train")]
    assert (loss["count"], loss["min_value"], loss["min_value_iteration"], loss["max_value_iteration"]) == (8, -1.0, 5, 2)
    assert repo.recomputed == [T1]  # exact once, merged afterwards


async def test_redelivered_and_re_reported_points_do_not_count_twice(service, repo, tasks):
    first = [scalar(i, float(i)) for i in range(5)]
    await service.ingest([request(first, 0)])
    await service.ingest([request(first, 0)])  # Kafka re-delivery
    await service.ingest([request([scalar(4, 10.0), scalar(0, 3.0)], 1)])  # the SDK reports two points again
    got = tasks.folded[T1].last_metrics[md5("loss")][md5("train")]
    assert got == (await reference(repo)).last_metrics[md5("loss")][md5("train")]
    assert (got["count"], got["value"], got["first_value"], got["min_value"], got["mean_value"]) == (5, 10.0, 3.0, 1.0, 3.8)
    assert repo.recomputed == [T1, T1, T1]  # overwritten documents: recomputed, not merged
    await service.ingest([request([scalar(5, 0.5)], 2)])
    assert repo.recomputed == [T1, T1, T1]  # new points: merged again


async def test_model_events_and_other_tasks_have_their_own_summaries(service, repo, tasks):
    await service.ingest([request([scalar(1, 1.0), scalar(2, 2.0, task="t2")], 0)])
    await service.ingest([request([scalar(3, 4.0, model_event=True, task="m1"), scalar(4, 8.0, task="t2")], 1)])
    for target in (T1, Target("task", "t2"), Target("model", "m1")):
        assert tasks.folded[target].last_metrics == (await reference(repo, target)).last_metrics
    assert tasks.folded[Target("task", "t2")].last_metrics[md5("loss")][md5("train")]["count"] == 2


async def test_deleted_events_are_recomputed_not_remembered(service, repo, tasks):
    await service.ingest([request([scalar(i, 1.0) for i in range(3)], 0)])
    await repo.delete_events(Selection.of("acme", T1))
    service.forget("acme", T1)  # what the repository's listener does after a delete
    await service.ingest([request([scalar(7, 2.0)], 1)])
    assert tasks.folded[T1].last_metrics[md5("loss")][md5("train")]["count"] == 1
    assert repo.recomputed == [T1, T1]


async def test_found_targets_are_remembered_for_a_while(repo, tasks):
    service = IngestService(repo, tasks, "p_", 100_000, target_cache_s=60)
    for offset in range(3):
        await service.ingest([request([scalar(offset, 1.0)], offset)])
    assert len(tasks.lookups) == 1
    service.forget("acme", T1)
    await service.ingest([request([scalar(9, 1.0)], 9)])
    assert len(tasks.lookups) == 2
    unremembered = IngestService(repo, tasks, "p_", 100_000, target_cache_s=0)
    await unremembered.ingest([request([scalar(10, 1.0)], 10)])
    await unremembered.ingest([request([scalar(11, 1.0)], 11)])
    assert len(tasks.lookups) == 4


async def test_a_later_group_waits_for_the_claiming_group(service, repo, tasks):
    first = await service.store([request([scalar(0, 1.0)], 0)])
    assert first.claimed == {T1}
    second = asyncio.create_task(service.store([request([scalar(1, 5.0)], 1)]))
    await asyncio.sleep(0.01)
    assert not second.done()  # it would be counted by the first group's recompute otherwise
    await service.finish(first)
    service.release(first)
    stored = await asyncio.wait_for(second, 1)
    assert stored.claimed == set()
    await service.finish(stored)
    service.release(stored)
    assert tasks.folded[T1].last_metrics[md5("loss")][md5("train")]["count"] == 2


def test_the_cache_evicts_only_targets_no_group_holds():
    cache = SummaryCache(capacity=1)
    a, b = Target("task", "a"), Target("task", "b")
    cache.claim({a, b})
    cache.put(a, Running())
    cache.put(b, Running())
    cache.release({b}, {b})
    assert cache.get(a) is not None and cache.get(b) is None  # a is still held
    cache.release({a}, {a})
    cache.clear()
    assert len(cache) == 0


async def test_folds_coalesce_while_one_is_in_flight():
    from services.events.ingestion import Folds

    class SlowDirectory(FakeTaskDirectory):
        def __init__(self):
            super().__init__()
            self.gate = asyncio.Event()
            self.sent: list[int] = []

        async def fold_metrics(self, identity, target, summary):
            self.sent.append(summary.last_iteration)
            await self.gate.wait()

    directory, cache = SlowDirectory(), SummaryCache()
    cache.put(T1, Running(last_iteration=1))
    folds = Folds(directory, cache)
    first = asyncio.create_task(folds.fold(T1, ALICE))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    waiting = []
    for iteration in (2, 3, 4):  # three more groups merge while the first fold is in flight
        cache.get(T1).last_iteration = iteration
        waiting.append(asyncio.create_task(folds.fold(T1, ALICE)))
        await asyncio.sleep(0)
    directory.gate.set()
    await asyncio.wait_for(asyncio.gather(first, *waiting), 1)
    assert directory.sent == [1, 4]  # one write for the three waiting groups, with the latest summary


async def test_a_task_gets_at_most_max_last_metrics_pairs_and_keeps_every_event(repo, tasks):
    service = IngestService(repo, tasks, "p_", plot_threshold=100_000, summaries=SummaryCache(max_series=3))
    batch = [scalar(1, float(n), metric=f"m{n}", variant="v") for n in (4, 0, 3, 1, 2)]
    [answer] = await service.ingest([request(batch)])
    assert answer["added"] == 5 and len(repo.docs) == 5  # every event stored
    folded = tasks.folded[T1].last_metrics
    assert sorted(folded) == sorted(md5(f"m{n}") for n in (0, 1, 2))  # the first three by name
    await service.ingest([request([scalar(2, 9.0, metric="m9", variant="v"), scalar(2, 7.0, metric="m0", variant="v")])])
    folded = tasks.folded[T1].last_metrics
    assert len(folded) == 3 and folded[md5("m0")][md5("v")]["value"] == 7.0

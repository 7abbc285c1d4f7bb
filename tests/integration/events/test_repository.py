"""The Elasticsearch adapter against the real server: what the fake promises, ES does."""

from __future__ import annotations

import pytest

from services.events.domain import Selection, Target, md5
from services.events.ingestion import IngestRequest, IngestService
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.unit.events.fakes import FakeTaskDirectory, InMemoryEventRepository
from tests.unit.events.repository_suite import EventRepositoryContract

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")
NOW = 1_764_400_000_000


def batch(events, offset=0):
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=ALICE, payload=events)
    return IngestRequest(envelope=envelope, received_ms=NOW)


def scalars():
    events = []
    for i in range(20):
        events.append({"type": "training_stats_scalar", "task": "t1", "iter": i, "metric": "loss", "variant": "a",
                       "value": (i * 7) % 11 + 0.25, "timestamp": NOW + i})
        events.append({"type": "training_stats_scalar", "task": "t1", "iter": i, "metric": "acc", "variant": "b",
                       "value": 1.0 / (i + 1), "timestamp": NOW + i})
    events.append({"type": "training_stats_scalar", "task": "t1", "iter": 99, "metric": ":monitor:machine",
                   "variant": "cpu", "value": 3.0})
    events.append({"type": "training_stats_scalar", "task": "t1", "iter": -(2**31), "metric": "Summary",
                   "variant": "score", "value": 0.9})
    events.append({"type": "log", "task": "t1", "iter": 19, "msg": "done"})
    return events


async def test_summaries_from_elasticsearch_equal_the_reference(es_repo):
    directory = FakeTaskDirectory(tasks={"t1": "in_progress"})
    service = IngestService(es_repo, directory, es_repo.prefix, 100_000)
    [answer] = await service.ingest([batch(scalars())])
    assert answer == {"added": 43, "errors": 0, "errors_info": {}}

    reference = InMemoryEventRepository()
    await IngestService(reference, FakeTaskDirectory(tasks={"t1": "in_progress"}), es_repo.prefix, 100_000).ingest(
        [batch(scalars())]
    )
    target = Target("task", "t1")
    expected = (await reference.summaries("acme", [target]))[target]
    got = directory.folded[target]
    assert got.last_iteration == expected.last_iteration == 19  # monitoring and single values ignored
    assert got.last_metrics == expected.last_metrics
    assert got.last_metrics[md5("loss")][md5("a")]["count"] == 20


async def test_redelivery_overwrites(es_repo):
    directory = FakeTaskDirectory(tasks={"t1": "in_progress"})
    service = IngestService(es_repo, directory, es_repo.prefix, 100_000)
    await service.ingest([batch(scalars())])
    await service.ingest([batch(scalars())])
    found = await es_repo.page(Selection.of("acme", Target("task", "t1")), "iter", "asc", 1)
    assert found.total == 43
    assert directory.folded[Target("task", "t1")].last_metrics[md5("acc")][md5("b")]["count"] == 20


async def test_rejected_documents_are_reported_per_doc(es_repo):
    from services.events.repository import Doc

    index = f"{es_repo.prefix}cairn-events-training_stats_scalar-acme-2025-11"
    indexed = await es_repo.index([
        Doc(index, "ok", {"task": "t1", "iter": 1, "value": 1.0}),
        Doc(index, "bad", {"task": "t1", "iter": "not a number", "value": 1.0}),
    ])
    assert indexed.failures[0] is None and indexed.failures[1] == "document_parsing_exception"
    assert indexed.created == [True, False]
    again = await es_repo.index([Doc(index, "ok", {"task": "t1", "iter": 1, "value": 2.0})])
    assert (again.failures, again.created) == ([None], [False])  # overwritten, not created


async def test_a_big_group_goes_as_concurrent_bulks_with_answers_in_document_order(es_repo):
    from services.events.repository import Doc
    from services.events.repository import elastic as repository

    index = f"{es_repo.prefix}cairn-events-training_stats_scalar-acme-2025-11"
    size = repository.BULK_DOCS * 3 + 7  # four bulk requests, two at a time
    bad = {5, repository.BULK_DOCS + 1, size - 1}
    seen = [Doc(index, f"d{n}", {"task": "t1", "iter": n, "value": 1.0}) for n in range(0, size, 2)]
    await es_repo.index(seen)  # every even document exists before
    docs = [Doc(index, f"d{n}", {"task": "t1", "iter": "x" if n in bad else n, "value": 1.0}) for n in range(size)]
    indexed = await es_repo.index(docs)
    assert [n for n, failure in enumerate(indexed.failures) if failure] == sorted(bad)
    assert indexed.created == [n % 2 == 1 and n not in bad for n in range(size)]


async def test_running_summaries_over_many_groups_equal_a_recompute_from_elasticsearch(es_repo):
    directory = FakeTaskDirectory(tasks={"t1": "in_progress"})
    service = IngestService(es_repo, directory, es_repo.prefix, 100_000)
    events = scalars()
    for offset in range(0, len(events), 7):
        await service.ingest([batch(events[offset:offset + 7], offset=offset)])
    await service.ingest([batch([dict(events[6], value=-3.0)], offset=100)])  # a point reported again
    target = Target("task", "t1")
    exact = (await es_repo.running("acme", [target]))[target].summary()
    assert directory.folded[target].last_metrics == exact.last_metrics
    assert directory.folded[target].last_iteration == exact.last_iteration == 19
    loss = exact.last_metrics[md5("loss")][md5("a")]
    assert (loss["count"], loss["min_value"], loss["min_value_iteration"]) == (20, -3.0, 3)


async def test_delete_events_of_one_task_only(es_repo):
    directory = FakeTaskDirectory(tasks={"t1": "in_progress", "t2": "in_progress"})
    service = IngestService(es_repo, directory, es_repo.prefix, 100_000)
    other = [{"type": "log", "task": "t2", "msg": "keep me"}]
    await service.ingest([batch(scalars()), batch(other, offset=1)])
    assert await es_repo.delete_events(Selection.of("acme", Target("task", "t1"))) == 43
    assert (await es_repo.page(Selection("acme", ("t1", "t2")), "iter", "asc", 10)).events[0]["task"] == "t2"
    assert (await es_repo.page(Selection("acme", ("t1", "t2")), "iter", "asc", 10)).total == 1


async def test_other_companies_see_nothing(es_repo):
    service = IngestService(es_repo, FakeTaskDirectory(tasks={"t1": "in_progress"}), es_repo.prefix, 100_000)
    await service.ingest([batch(scalars())])
    assert (await es_repo.page(Selection.of("evil", Target("task", "t1")), "iter", "asc", 10)).events == []


async def test_retention_drops_whole_old_months_only(es_repo):
    from services.events.retention import Retention

    old = f"{es_repo.prefix}cairn-events-log-acme-2001-01"
    service = IngestService(es_repo, FakeTaskDirectory(tasks={"t1": "in_progress"}), es_repo.prefix, 100_000)
    await service.ingest([batch(scalars())])  # 2025-11 indices: within ten years, kept
    await es_repo.es.indices.create(index=old)
    assert await Retention(es_repo, keep_months=120).run_once() == [old]
    names = await es_repo.index_names()
    assert old not in names and len(names) == 2  # scalars and log of this month stay


class TestElasticEventRepository(EventRepositoryContract):
    """The read behaviour suite (``tests/unit/events/repository_suite.py``) on Elasticsearch."""

    @pytest.fixture
    def events_repo(self, es_repo):
        return es_repo

"""The group commit of ``events.add`` / ``events.add_batch`` over in-memory ports."""

from __future__ import annotations

import pytest

from services.events.domain import Target, md5
from services.events.ingestion import IngestRequest, IngestService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.unit.events.fakes import InMemoryEventRepository, FakeTaskDirectory

ALICE = Identity(company="acme", user="alice")
EVE = Identity(company="evil", user="eve")
NOW = 1_764_400_000_000


def scalar(task="t1", iteration=0, value=1.0, metric="loss", variant="train", **extra):
    return {"type": "training_stats_scalar", "task": task, "iter": iteration, "value": value, "metric": metric,
            "variant": variant, **extra}


def request(payload, identity=ALICE, endpoint="events.add_batch", offset=0) -> IngestRequest:
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
    return IngestRequest(envelope=envelope, received_ms=NOW)


@pytest.fixture
def repo():
    return InMemoryEventRepository()


@pytest.fixture
def tasks():
    return FakeTaskDirectory(tasks={"t1": "in_progress", "t2": "created", "pub": "published"}, models={"m1": False})


@pytest.fixture
def service(repo, tasks):
    return IngestService(repo, tasks, "p_", plot_threshold=100_000)


async def test_many_requests_share_one_bulk_and_one_refresh(service, repo):
    answers = await service.ingest([
        request([scalar(iteration=i) for i in range(3)], offset=0),
        request(scalar(task="t2"), endpoint="events.add", offset=1),
        request([{"type": "log", "task": "t1", "msg": "hi"}], offset=2),
    ])
    assert answers == [
        {"added": 3, "errors": 0, "errors_info": {}},
        {"added": 1, "errors": 0, "errors_info": {}},
        {"added": 1, "errors": 0, "errors_info": {}},
    ]
    assert repo.bulk_calls == [5]
    assert repo.refreshed == [{"p_cairn-events-training_stats_scalar-acme-2025-11", "p_cairn-events-log-acme-2025-11"}]


async def test_bad_events_are_counted_not_fatal(service, repo):
    [answer] = await service.ingest([request([scalar(), {"task": "t1"}, scalar(task="nope"), scalar(task="pub")])])
    assert answer == {
        "added": 1,
        "errors": 3,
        "errors_info": {"Event must have a 'type' field": 1, "Invalid task id nope": 1, "Invalid task id pub": 1},
    }
    assert len(repo.docs) == 1


async def test_allow_locked_lets_events_reach_a_published_task(service, repo):
    [answer] = await service.ingest([request([scalar(task="pub", allow_locked=True)])])
    assert answer["added"] == 1


async def test_public_tasks_take_no_events_not_even_from_their_own_company(service, tasks, repo):
    tasks.public["t2"] = "acme"  # made public by acme: read only for everybody, like ClearML's examples
    [answer] = await service.ingest([request([scalar(), scalar(task="t2")])])
    assert answer == {"added": 1, "errors": 1, "errors_info": {"Invalid task id t2": 1}}
    [locked] = await service.ingest([request([scalar(), scalar(task="t2", allow_locked=True)], offset=2)])
    assert locked == {"added": 1, "errors": 1, "errors_info": {"Invalid task id t2": 1}}
    [again] = await service.ingest([request([scalar(task="t2", iteration=5)], identity=EVE, offset=1)])
    assert isinstance(again, ApiError) and again.data["errors_info"] == {"Invalid task id t2": 1}


async def test_a_public_task_is_read_as_the_company_that_made_it_public(tasks):
    from services.events.access import readable_as

    tasks.public["t2"] = "acme"
    assert await readable_as(tasks, EVE, ["t2"]) == Identity(company="acme", user="eve")
    assert await readable_as(tasks, ALICE, ["t1", "t2"]) == ALICE
    assert await readable_as(tasks, EVE, ["t1", "t2"]) == EVE  # not all of one other company
    with pytest.raises(ApiError) as info:
        await readable_as(tasks, EVE, ["t2", "nope"])
    assert (info.value.code, info.value.subcode) == (400, 101)


async def test_nothing_added_is_error_131_with_the_reasons(service, repo):
    [answer] = await service.ingest([request([scalar(task="nope"), scalar(task="nope", iteration=1)])])
    assert isinstance(answer, ApiError) and (answer.code, answer.subcode) == (400, 131)
    assert answer.data["errors_info"] == {"Invalid task id nope": 2}
    assert repo.docs == {}


async def test_store_errors_of_single_docs_are_reported(service, repo):
    doc_id = md5("t1-1-loss-train-")
    repo.fail_ids[doc_id] = "mapper_parsing_exception"
    [answer] = await service.ingest([request([scalar(iteration=0), scalar(iteration=1)])])
    assert answer == {"added": 1, "errors": 1, "errors_info": {"mapper_parsing_exception": 1}}


async def test_empty_malformed_and_anonymous_requests_are_refused(service):
    anonymous = request([scalar()])
    anonymous.envelope.identity = None
    broken = IngestRequest(envelope=None, received_ms=NOW)
    answers = await service.ingest([request([]), broken, anonymous])
    assert [(a.code, a.subcode) for a in answers] == [(400, 17), (400, 12), (401, 1)]


async def test_summary_is_folded_from_the_store(service, tasks):
    events = [scalar(iteration=i, value=v) for i, v in [(0, 5.0), (1, 2.0), (2, 9.0), (3, 4.0)]]
    events.append(scalar(iteration=50, metric=":monitor:gpu", variant="util", value=1.0))
    await service.ingest([request(events)])
    summary = tasks.folded[Target("task", "t1")]
    assert summary.last_iteration == 3
    entry = summary.last_metrics[md5("loss")][md5("train")]
    assert entry == {
        "metric": "loss", "variant": "train", "value": 4.0,
        "min_value": 2.0, "min_value_iteration": 1, "max_value": 9.0, "max_value_iteration": 2,
        "first_value": 5.0, "first_value_iteration": 0, "mean_value": 5.0, "count": 4,
    }


async def test_redelivery_does_not_double_count(service, tasks, repo):
    batch = [request([scalar(iteration=i, value=float(i)) for i in range(10)])]
    await service.ingest(batch)
    await service.ingest(batch)
    assert len(repo.docs) == 10
    assert tasks.folded[Target("task", "t1")].last_metrics[md5("loss")][md5("train")]["count"] == 10


async def test_redelivered_or_resent_logs_overwrite_but_new_logs_add(service, repo):
    line = {"type": "log", "task": "t1", "msg": "a", "timestamp": NOW - 10}
    await service.ingest([request([line], offset=4)])
    await service.ingest([request([line], offset=4)])  # re-delivered
    await service.ingest([request([dict(line)], offset=9)])  # sent again by the client after a 503
    assert len(repo.docs) == 1
    await service.ingest([request([{**line, "timestamp": NOW - 5}], offset=5)])  # a new line, same text
    assert len(repo.docs) == 2
    await service.ingest([request([line, line], offset=6)])  # the same line twice in one request: two lines
    assert len(repo.docs) == 4


async def test_each_company_is_checked_with_its_own_identity(service, tasks):
    await service.ingest([request([scalar()]), request([scalar(task="t2")], identity=EVE, offset=1)])
    assert sorted(tasks.lookups) == [("acme", ["t1"], []), ("evil", ["t2"], [])]


async def test_model_events_fold_into_the_model(service, tasks):
    event = scalar(model="m1", model_event=True)
    del event["task"]
    [answer] = await service.ingest([request([event])])
    assert answer["added"] == 1
    assert Target("model", "m1") in tasks.folded


async def test_failures_of_the_store_or_tasks_raise_for_a_retry(service, repo, tasks):
    repo.down = True
    with pytest.raises(ConnectionError):
        await service.ingest([request([scalar()])])
    repo.down, tasks.down = False, True
    with pytest.raises(ConnectionError):
        await service.ingest([request([scalar(task="t2")])])  # t1 was found above: remembered
    assert tasks.fold_calls == 0


async def test_only_targets_with_stored_events_are_folded(service, tasks):
    await service.ingest([request([scalar(task="nope"), {"type": "log", "task": "t2", "msg": "m"}])])
    assert set(tasks.folded) == {Target("task", "t2")}
    assert tasks.folded[Target("task", "t2")].last_metrics == {}


async def test_a_batch_disagreeing_on_allow_locked_or_on_model_event_is_refused_whole(service, repo):
    [answer] = await service.ingest([request([scalar(task="pub", allow_locked=True), scalar(task="pub", iteration=2)])])
    assert isinstance(answer, ApiError) and (answer.code, answer.subcode) == (400, 12)
    [answer] = await service.ingest([request([scalar(), scalar(task="t1", model_event=True)], offset=1)])
    assert isinstance(answer, ApiError) and answer.data == {"tasks": ["t1"]}
    assert repo.docs == {}

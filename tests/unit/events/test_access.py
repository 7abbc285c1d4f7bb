"""Access rules on events (issue 16): a task's (model's) events follow its permission as the
tasks process answers it in ``internal.event_targets`` (``no_read``, ``no_write``). Writes to
a read-only task are refused per event, nothing stored; unreadable tasks are absent to reads
and writes; a rule change (a new rules version) is seen by the next batch despite the cache."""

from __future__ import annotations

from typing import Any

import pytest

from services.events.access import RuledTasks, readable_as
from services.events.domain import Target
from services.events.ingestion import IngestRequest, IngestService
from services.events.service import EventDeletion
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.schemas import events as api
from tests.unit.events.fakes import FakeTaskDirectory, InMemoryEventRepository

ANN = Identity(company="acme", user="ann")
BOB = Identity(company="acme", user="bob")


class RuledTaskDirectory(FakeTaskDirectory):
    """The tasks process with access rules: per user, the tasks and models it may not read
    and may not write (the unreadable ones included), as ``internal.event_targets`` says."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.no_read: dict[str, set[str]] = {}
        self.no_write: dict[str, set[str]] = {}

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        answer = await super().event_targets(identity, tasks, models)
        hidden, fixed = self.no_read.get(identity.user, set()), self.no_write.get(identity.user, set())
        answer["no_read"] = {"tasks": sorted(hidden & set(answer["tasks"])),
                             "models": sorted(hidden & set(answer["models"]))}
        answer["no_write"] = {"tasks": sorted((hidden | fixed) & set(answer["tasks"])),
                              "models": sorted((hidden | fixed) & set(answer["models"]))}
        return answer


def scalar(task: str, value: float = 1.0) -> dict[str, Any]:
    return {"type": "training_stats_scalar", "task": task, "iter": 0, "value": value, "metric": "m", "variant": "v"}


def request(payload, identity: Identity, offset: int = 0) -> IngestRequest:
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=identity,
                               payload=payload)
    return IngestRequest(envelope=envelope, received_ms=1_764_400_000_000)


@pytest.fixture
def directory():
    found = RuledTaskDirectory(tasks={"open": "in_progress", "ro": "in_progress", "hidden": "in_progress"},
                               models={"m-ro": False})
    found.no_write["bob"] = {"ro", "m-ro"}
    found.no_read["bob"] = {"hidden"}
    return found


async def test_a_read_only_task_refuses_events_per_event_and_stores_nothing(directory):
    repo = InMemoryEventRepository()
    service = IngestService(repo, RuledTasks(directory), "p_", plot_threshold=100_000, target_cache_s=60)
    answers = await service.ingest([request([scalar("open"), scalar("ro"), scalar("ro", 2.0), scalar("hidden")], BOB),
                                    request([scalar("ro")], ANN, 1)])
    assert answers[0] == {"added": 1, "errors": 3, "errors_info": {"No write permission for task ro": 2,
                                                                    "Invalid task id hidden": 1}}
    assert answers[1] == {"added": 1, "errors": 0, "errors_info": {}}  # ann's own decision, not bob's cached one
    assert len(repo.events_of("acme", Target("task", "open"))) == 1
    assert len(repo.events_of("acme", Target("task", "ro"))) == 1  # ann's only
    assert repo.events_of("acme", Target("task", "hidden")) == []
    model_event = {"type": "training_stats_scalar", "model_event": True, "task": "m-ro", "iter": 0, "value": 1.0,
                   "metric": "m", "variant": "v"}
    refused = (await service.ingest([request([model_event], BOB, 2)]))[0]
    assert isinstance(refused, ApiError) and refused.data["errors_info"] == {"No write permission for model m-ro": 1}


async def test_a_new_rules_version_is_seen_by_the_next_batch_despite_the_cache(directory):
    version = {"acme": 1}
    service = IngestService(InMemoryEventRepository(), RuledTasks(directory), "p_", plot_threshold=100_000,
                            target_cache_s=60, rules_version=lambda company: version[company])
    assert (await service.ingest([request([scalar("open")], BOB)]))[0]["added"] == 1
    directory.no_write["bob"].add("open")  # the rules changed ...
    assert (await service.ingest([request([scalar("open")], BOB, 1)]))[0]["added"] == 1  # cached, same version
    version["acme"] = 2  # ... and the process's view has the new version
    refused = (await service.ingest([request([scalar("open")], BOB, 2)]))[0]
    assert isinstance(refused, ApiError) and refused.data["errors_info"] == {"No write permission for task open": 1}


async def test_reads_of_an_unreadable_task_answer_invalid_task_id(directory):
    ruled = RuledTasks(directory)
    with pytest.raises(ApiError) as error:
        await readable_as(ruled, BOB, ["hidden"])
    assert (error.value.code, error.value.subcode) == (400, 101)
    assert await readable_as(ruled, BOB, ["ro"]) == BOB
    assert await readable_as(ruled, ANN, ["hidden"]) == ANN


async def test_deleting_a_read_only_task_s_events_is_403_21(directory):
    deletion = EventDeletion(InMemoryEventRepository(), RuledTasks(directory))
    with pytest.raises(ApiError) as error:
        await deletion.delete_for_task(BOB, api.DeleteForTaskRequest(task="ro"))
    assert (error.value.code, error.value.subcode) == (403, 21)
    with pytest.raises(ApiError) as hidden:
        await deletion.clear_task_log(BOB, api.ClearTaskLogRequest(task="hidden"))
    assert (hidden.value.code, hidden.value.subcode) == (400, 101)
    with pytest.raises(ApiError) as model:
        await deletion.delete_for_model(BOB, api.DeleteForModelRequest(model="m-ro"))
    assert (model.value.code, model.value.subcode) == (403, 21)
    assert await deletion.delete_for_task(ANN, api.DeleteForTaskRequest(task="ro")) == {"deleted": 0}


async def test_an_answer_decided_on_older_rules_is_not_kept(directory):
    """The tasks process's view may lag this process's: its answer then serves this batch
    only, the next one asks again (a stale decision is not cached for ``ttl_s``)."""
    decided_on = {"v": 1}

    class Lagging(RuledTaskDirectory):
        async def event_targets(self, identity, tasks, models):
            return {**await super().event_targets(identity, tasks, models), "access_version": decided_on["v"]}

    lagging = Lagging(tasks={"open": "in_progress"})
    service = IngestService(InMemoryEventRepository(), RuledTasks(lagging), "p_", plot_threshold=100_000,
                            target_cache_s=60, rules_version=lambda company: 2)
    for offset in range(2):
        assert (await service.ingest([request([scalar("open")], BOB, offset)]))[0]["added"] == 1
    assert len(lagging.lookups) == 2
    decided_on["v"] = 2
    for offset in range(2, 4):
        await service.ingest([request([scalar("open")], BOB, offset)])
    assert len(lagging.lookups) == 3

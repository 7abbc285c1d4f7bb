"""The events RPC table and read access checks, over in-memory ports."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.events.access import readable_as
from services.events.handlers import HANDLED, INGESTED, UseCases, handler_table
from services.events.logs import LogDownload
from services.events.metrics import MetricReads
from services.events.multi import MultiTaskReads
from services.events.reads import EventReads
from services.events.samples import Samples
from services.events.service import EventDeletion
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.endpoints import IMPLEMENTED
from shared.schemas.events import REQUESTS
from tests.unit.events.fakes import FakeTaskDirectory, InMemoryEventRepository

ALICE = Identity(company="acme", user="alice")


@pytest.fixture
def directory():
    return FakeTaskDirectory(tasks={"t1": "in_progress", "pub": "published"})


@pytest.fixture
def table(directory):
    repo = InMemoryEventRepository()
    return handler_table(UseCases(EventReads(repo, directory), MetricReads(repo, directory), Samples(repo, directory),
                                  EventDeletion(repo, directory), MultiTaskReads(repo, directory),
                                  LogDownload(repo, directory)))


def test_every_handled_endpoint_has_a_handler_or_is_ingested(table):
    assert set(table) | INGESTED == HANDLED
    assert HANDLED <= set(REQUESTS)
    # the gateway routes by shared/schemas/handled/events.txt: it must list exactly the table
    assert IMPLEMENTED["events"] == HANDLED


async def test_anonymous_and_invalid_requests_are_refused(table):
    anonymous = RequestEnvelope(endpoint="events.get_task_log", requested_version="2.23", payload={"task": "t1"})
    with pytest.raises(ApiError) as info:
        await table["events.get_task_log"](anonymous)
    assert (info.value.code, info.value.subcode) == (401, 1)
    missing = RequestEnvelope(endpoint="events.get_task_log", requested_version="2.23", identity=ALICE, payload={})
    with pytest.raises(ValidationError):
        await table["events.get_task_log"](missing)


async def test_reads_of_unknown_tasks_answer_invalid_task_id(directory):
    await readable_as(directory, ALICE, ["t1", "pub"])
    with pytest.raises(ApiError) as info:
        await readable_as(directory, ALICE, ["t1", "nope"])
    assert (info.value.code, info.value.subcode) == (400, 101) and info.value.data == {"id": "nope"}
    directory.models["m1"] = False
    await readable_as(directory, ALICE, ["m1"], model_events=True)
    with pytest.raises(ApiError) as info:  # as ClearML: an unknown model is an invalid model id
        await readable_as(directory, ALICE, ["m1", "any-model"], model_events=True)
    assert (info.value.code, info.value.subcode) == (400, 201)


async def test_deletes_check_the_task(table):
    def call(payload):
        return table["events.delete_for_task"](
            RequestEnvelope(endpoint="events.delete_for_task", requested_version="2.23", identity=ALICE,
                            payload=payload))

    assert await call({"task": "t1"}) == {"deleted": 0}  # a count, as ClearML answers
    with pytest.raises(ApiError) as info:
        await call({"task": "pub"})
    assert info.value.subcode == 101 and "or task published" in info.value.message
    assert await call({"task": "pub", "allow_locked": True}) == {"deleted": False}


async def test_a_public_tasks_events_are_not_deleted_even_by_its_company(table, directory):
    directory.public["t1"] = "acme"
    for endpoint in ("events.delete_for_task", "events.clear_task_log"):
        with pytest.raises(ApiError) as info:
            await table[endpoint](RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=ALICE,
                                                  payload={"task": "t1", "allow_locked": True}))
        assert (info.value.code, info.value.subcode) == (403, 21)


def test_the_gateway_model_for_events_refuses_only_non_objects():
    REQUESTS["events.add"].model_validate({"type": "whatever", "task": 5, "extra": [1]})
    REQUESTS["events.add"].model_validate({})
    with pytest.raises(ValidationError):
        REQUESTS["events.add_batch"].model_validate("text")

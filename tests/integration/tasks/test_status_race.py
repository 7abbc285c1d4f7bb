"""Two status changes of one task at the same moment on the real MongoDB-wire store: both read
the same status, exactly one conditional update wins, the other answers 400/121."""

from __future__ import annotations

import asyncio

import pytest

from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from services.tasks.store.repository import MongoModelRepository, MongoProjectRepository, MongoTaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope

from tests.support.repositories import indexed
from tests.unit.tasks.world import UNRESTRICTED

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")
EVE = Identity(company="evil-corp", user="eve")


class BothReadFirst(MongoTaskRepository):
    """Holds each read until two callers have read: both see the same status."""

    def __init__(self, db, readers: int = 2) -> None:
        super().__init__(db)
        self.barrier: asyncio.Barrier | None = None
        self.readers = readers
        self.waiting = 0

    async def get(self, company, task_id):
        doc = await super().get(company, task_id)
        if self.barrier is not None and self.waiting < self.readers:
            self.waiting += 1
            await self.barrier.wait()
        return doc


async def call(handlers, endpoint, payload, identity=ALICE):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
    return await handlers[endpoint](envelope)


@pytest.fixture
async def world(mongo_db):
    tasks = await indexed(BothReadFirst(mongo_db))
    projects = await indexed(MongoProjectRepository(mongo_db))
    return tasks, handler_table(build_use_cases(tasks, projects, MongoModelRepository(mongo_db)))


@pytest.mark.parametrize(("first", "second"), [("tasks.started", "tasks.started"), ("tasks.started", "tasks.failed")])
async def test_exactly_one_of_two_concurrent_changes_wins(world, first, second):
    tasks, handlers = world
    task_id = (await call(handlers, "tasks.create", {"name": "race", "type": "training"}))["id"]
    if second == "tasks.failed":
        await call(handlers, "tasks.started", {"task": task_id})
        first = "tasks.stopped"
    tasks.barrier, tasks.waiting = asyncio.Barrier(2), 0
    results = await asyncio.gather(
        call(handlers, first, {"task": task_id}), call(handlers, second, {"task": task_id}), return_exceptions=True
    )
    tasks.barrier = None
    errors = [r for r in results if isinstance(r, ApiError)]
    wins = [r for r in results if isinstance(r, dict)]
    assert len(wins) == 1 and len(errors) == 1, results
    assert (errors[0].code, errors[0].subcode) == (400, 121)
    stored = (await call(handlers, "tasks.get_by_id", {"task": task_id}))["task"]
    assert stored["status"] == wins[0]["fields"]["status"]


async def test_cross_company_reads_and_writes_are_refused(world):
    _, handlers = world
    task_id = (await call(handlers, "tasks.create", {"name": "mine", "type": "training"}))["id"]
    # tasks.started answers an unknown task 400/10, and so another company's (tenancy).
    for endpoint, payload, subcode in [
        ("tasks.get_by_id", {"task": task_id}, 101),
        ("tasks.started", {"task": task_id}, 10),
        ("tasks.edit_hyper_params", {"task": task_id, "hyperparams": [{"section": "a", "name": "b", "value": "c"}]}, 101),
        ("tasks.delete", {"task": task_id, "force": True}, 101),
    ]:
        with pytest.raises(ApiError) as err:
            await call(handlers, endpoint, payload, identity=EVE)
        assert (err.value.code, err.value.subcode) == (400, subcode)
    stored = (await call(handlers, "tasks.get_by_id", {"task": task_id}))["task"]
    assert stored["status"] == "created" and stored["hyperparams"] == {}
    targets = await call(handlers, "internal.event_targets", {"tasks": [task_id]}, identity=EVE)
    assert targets == {"tasks": {}, "models": {}, "owners": {}, **UNRESTRICTED}

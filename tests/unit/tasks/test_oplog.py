"""The operations log (``services/tasks/oplog``): the production handler table wrapped as
``main.py`` wraps it, over the in-memory repositories; the log is written by the repository
hook, so these tests drive ordinary task endpoints and read the log back."""

from __future__ import annotations

import pytest

from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from services.tasks.oplog import build_room
from services.tasks.oplog.handlers import handler_table as oplog_table
from services.tasks.oplog.recording import recording_operations
from services.tasks.oplog.store import InMemoryOperationsStore
from shared.messaging.envelopes import Identity
from tests.unit.tasks.world import ALICE, BOB, EVE, World, codes


class LoggedWorld(World):
    def __post_init__(self) -> None:
        self.store = InMemoryOperationsStore()
        room = build_room(None, self.tasks, self.store)
        use_cases = build_use_cases(room.tasks, self.projects, self.models, self.clock, scroll_states=self.scrolls,
                                    facts=self.facts, queues=self.queues)
        self.handlers = recording_operations({**handler_table(use_cases), **oplog_table(room.endpoints(use_cases.permissions))},
                                              self.store)


@pytest.fixture
def world() -> LoggedWorld:
    return LoggedWorld()


async def log(world: World, task_id: str, identity: Identity = ALICE, **paging) -> list[dict]:
    return (await world.call("tasks.get_operations_log", {"task": task_id, **paging}, identity))["operations"]


async def test_status_change_enqueue_and_edit_are_logged_with_user_and_time_in_order(world):
    named = Identity(company="acme", user="bob", user_name="Bob B")
    task_id = await world.new_task()
    world.clock.advance()
    await world.call("tasks.edit", {"task": task_id, "comment": "tuned"}, named)
    world.clock.advance()
    await world.call("tasks.enqueue", {"task": task_id, "queue_name": "gpu", "status_reason": "go"})
    world.clock.advance()
    await world.call("tasks.dequeue", {"task": task_id})
    world.clock.advance()
    await world.call("tasks.started", {"task": task_id}, BOB)
    ops = await log(world, task_id, order="asc")
    assert [o["operation"] for o in ops] == ["create", "edit", "enqueue", "dequeue", "started"]
    assert [o["user"]["id"] for o in ops] == ["alice", "bob", "alice", "alice", "bob"]
    assert ops[1]["user"]["name"] == "Bob B" and "comment" in ops[1]["info"]
    assert ops[2]["info"] == "status: created -> queued" and ops[2]["reason"] == "go"
    assert ops[2]["created"] == "2024-05-01T12:02:00+00:00"
    assert ops[4]["info"] == "status: created -> in_progress"
    assert [o["operation"] for o in await log(world, task_id)] == ["started", "dequeue", "enqueue", "edit", "create"]


async def test_a_refused_request_and_a_keep_alive_log_nothing(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.ping", {"task": task_id})
    error = await world.fails("tasks.enqueue", {"task": task_id, "queue_name": "gpu"})
    assert codes(error) == (400, 110)
    assert [o["operation"] for o in await log(world, task_id, order="asc")] == ["create", "started"]


async def test_pages_and_clear(world):
    task_id = await world.new_task()
    for n in range(4):
        world.clock.advance()
        await world.call("tasks.edit", {"task": task_id, "comment": str(n)})
    first = await log(world, task_id, order="asc", page=0, page_size=2)
    second = await log(world, task_id, order="asc", page=1, page_size=2)
    assert [o["operation"] for o in first + second] == ["create", "edit", "edit", "edit"]
    assert codes(await world.fails("tasks.get_operations_log", {"task": task_id, "page_size": 0})) == (400, 12)
    assert codes(await world.fails("tasks.clear_operations_log", {"task": task_id}, EVE)) == (400, 101)
    assert (await world.call("tasks.clear_operations_log", {"task": task_id}))["deleted"] == 5
    assert await log(world, task_id) == []


async def test_another_company_cannot_read_a_log_and_a_deleted_task_takes_its_log(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.get_operations_log", {"task": task_id}, EVE)) == (400, 101)
    await world.call("tasks.delete", {"task": task_id})
    assert world.store.operations == []


async def test_a_clone_is_logged_on_the_new_task_and_each_status_move_of_a_request_is_kept(world):
    source = await world.new_task()
    clone = (await world.call("tasks.clone", {"task": source}))["id"]
    assert [(o["operation"], o["info"]) for o in await log(world, clone)] == [("clone", "status: created")]
    world.clock.advance()
    await world.call("tasks.enqueue", {"task": clone, "queue_name": "gpu"})
    world.clock.advance()
    await world.call("tasks.reset", {"task": clone, "force": True})
    ops = await log(world, clone, order="asc")
    assert [(o["operation"], o["info"]) for o in ops] == [
        ("clone", "status: created"), ("enqueue", "status: created -> queued"), ("reset", "status: queued -> created")]

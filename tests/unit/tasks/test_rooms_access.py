"""Access rules (issue 16) on the tasks process's late rooms, wired as ``main.create_app``
wires them: the operations log (``OplogRoom.endpoints``) and the extras room
(``extras.build_room``) over the permissions room's guarded repositories, their handlers
scoped to the caller. A task the caller may not read answers 400/101 (a project 400/401);
a change of a task it may only read answers 403/21 and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from services.tasks.extras import build_room as build_extras_room
from services.tasks.extras.handlers import handler_table as extras_table
from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from services.tasks.oplog import build_room as build_oplog_room
from services.tasks.oplog.handlers import handler_table as oplog_table
from services.tasks.oplog.recording import recording_operations
from services.tasks.oplog.store import InMemoryOperationsStore
from services.tasks.permissions.handlers import scoped
from tests.unit.tasks.test_permissions import on, rules
from tests.unit.tasks.world import ALICE, BOB, World, codes


class NoDatasets:
    """The datasets process: never reached by these tests (the project check comes first)."""

    async def call(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the datasets process was asked")


class RoomsWorld(World):
    def __post_init__(self) -> None:
        self.store = InMemoryOperationsStore()
        oplog = build_oplog_room(None, self.tasks, self.store)
        self.use_cases = build_use_cases(oplog.tasks, self.projects, self.models, self.clock,
                                         scroll_states=self.scrolls, facts=self.facts, queues=self.queues,
                                         access=self.access)
        guarded = self.use_cases.permissions
        rooms = {**oplog_table(oplog.endpoints(guarded)), **extras_table(build_extras_room(guarded, NoDatasets()))}
        rooms = {name: scoped(guarded, handler) for name, handler in rooms.items()}
        self.handlers = recording_operations({**handler_table(self.use_cases), **rooms}, self.store)


@pytest.fixture
async def world() -> RoomsWorld:
    """Project ``secret`` (bob reads, alice nothing) with a task; ``open`` with a task."""
    made = RoomsWorld()
    made.ids = {"secret": await made.new_project("secret"), "open": await made.new_project("open")}
    for where in ("secret", "open"):
        made.ids[f"t-{where}"] = await made.new_task(name=f"t-{where}", project=made.ids[where])
    made.access.take(rules(1, on("project", made.ids["secret"], "read", "bob")))
    return made


async def test_a_task_the_caller_may_not_read_has_no_operations_log_and_no_pipeline_run(world):
    task = world.ids["t-secret"]
    for endpoint, payload in [
        ("tasks.get_operations_log", {"task": task}),
        ("tasks.clear_operations_log", {"task": task}),
        ("pipelines.check_new_run", {"task": task, "new_project_name": "elsewhere"}),
        ("tasks.update_iteration", {"task": task, "iteration": 3}),
        ("tasks.share", {"tasks": [task]}),
    ]:
        assert codes(await world.fails(endpoint, payload, ALICE)) == (400, 101), endpoint
    assert codes(await world.fails("projects.get_hyperdataset_stats", {"project": world.ids["secret"]},
                                   ALICE)) == (400, 401)
    assert [o["operation"] for o in (await world.call("tasks.get_operations_log", {"task": task}, BOB))[
        "operations"]] == ["create"]


async def test_read_only_access_reads_the_log_but_every_change_is_403_and_changes_nothing(world):
    task, other = world.ids["t-secret"], world.ids["t-open"]
    for endpoint, payload in [
        ("tasks.clear_operations_log", {"task": task}),
        ("tasks.update_iteration", {"task": task, "iteration": 3}),
        ("tasks.share", {"tasks": [other, task]}),  # refused before the writable one changes
    ]:
        assert codes(await world.fails(endpoint, payload, BOB)) == (403, 21), endpoint
    assert world.tasks.docs[task].get("last_iteration") == 0
    assert "shared" not in (world.tasks.docs[other].get("system_tags") or [])
    assert len(world.store.operations) == 2  # the two creations, nothing cleared
    assert (await world.call("tasks.share", {"tasks": [other]}, BOB))["changed"] == 1
    assert (await world.call("tasks.clear_operations_log", {"task": task}, ALICE.model_copy(
        update={"user": "root", "role": "admin"})))["deleted"] == 1

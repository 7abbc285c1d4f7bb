"""Status endpoints of the tasks process (section 6) over the in-memory repositories."""

from __future__ import annotations

import pytest

from tests.unit.tasks.fakes import StatusChangesBeforeWrite
from tests.unit.tasks.world import ALICE, BOB, EVE, T0, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def task_of(world: World, task_id: str) -> dict:
    return (await world.call("tasks.get_by_id", {"task": task_id}))["task"]


async def test_the_sdk_run_created_started_completed(world):
    project_id = await world.new_project("ml")
    task_id = await world.new_task(project=project_id)
    world.clock.advance()
    started = await world.call("tasks.started", {"task": task_id}, identity=BOB)
    assert started["updated"] == 1 and started["started"] == 1
    assert started["fields"]["status"] == "in_progress"
    task = await task_of(world, task_id)
    assert task["status"] == "in_progress" and task["started"] == "2024-05-01T12:01:00+00:00"
    assert task["last_changed_by"] == "bob" and task["status_changed"] == task["started"]
    assert world.projects.docs[project_id]["last_update"] == world.clock.now
    world.clock.advance()
    done = await world.call("tasks.completed", {"task": task_id, "status_reason": "completed"})
    assert done["published"] == 0
    task = await task_of(world, task_id)
    assert (task["status"], task["status_reason"]) == ("completed", "completed")
    assert task["completed"] == "2024-05-01T12:02:00+00:00"
    assert task["started"] == "2024-05-01T12:01:00+00:00"


async def test_started_again_keeps_the_first_start(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    world.clock.advance()
    await world.call("tasks.started", {"task": task_id})
    assert (await task_of(world, task_id))["started"] == T0.isoformat()


async def test_a_refused_change_is_400_110_and_changes_nothing(world):
    task_id = await world.new_task()
    error = await world.fails("tasks.completed", {"task": task_id})
    assert codes(error) == (400, 110)
    assert (await task_of(world, task_id))["status"] == "created"
    forced = await world.call("tasks.completed", {"task": task_id, "force": True})
    assert forced["fields"]["status"] == "completed"


async def test_completed_with_publish_ends_published(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    result = await world.call("tasks.completed", {"task": task_id, "publish": True})
    assert result["published"] == 1 and result["fields"]["status"] == "published"
    task = await task_of(world, task_id)
    assert task["status"] == "published" and task["published"] == T0.isoformat()
    assert codes(await world.fails("tasks.reset", {"task": task_id})) == (400, 110)  # clearml-server: invalid_task_status
    assert codes(await world.fails("tasks.started", {"task": task_id})) == (400, 110)


@pytest.mark.parametrize(("endpoint", "final"), [("tasks.stopped", "stopped"), ("tasks.failed", "failed")])
async def test_stopped_and_failed_set_completed(world, endpoint, final):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call(endpoint, {"task": task_id, "status_message": "bye"})
    task = await task_of(world, task_id)
    assert (task["status"], task["status_message"], task["completed"]) == (final, "bye", T0.isoformat())


async def test_close_and_publish_from_stopped(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    assert (await world.call("tasks.close", {"task": task_id}))["fields"]["status"] == "closed"
    assert (await world.call("tasks.publish", {"task": task_id}))["fields"]["status"] == "published"
    assert codes(await world.fails("tasks.publish", {"task": task_id})) == (400, 110)  # as clearml-server


async def test_status_changes_are_refused_across_companies_and_on_public_tasks(world):
    task_id = await world.new_task()
    # Another company's task is unknown to the caller, as a task that does not exist (400/10).
    assert codes(await world.fails("tasks.started", {"task": task_id}, identity=EVE)) == (400, 10)
    assert codes(await world.fails("tasks.stopped", {"task": task_id}, identity=EVE)) == (400, 101)
    world.tasks.docs[task_id]["company"] = ""
    assert codes(await world.fails("tasks.started", {"task": task_id})) == (403, 21)


async def test_a_lost_race_is_400_121_and_the_winner_stays():
    world = World(tasks=StatusChangesBeforeWrite())
    task_id = await world.new_task()
    error = await world.fails("tasks.started", {"task": task_id})
    assert codes(error) == (400, 121)
    assert world.tasks.docs[task_id]["status"] == "stopped"


async def test_stop_of_a_development_task_is_immediate(world):
    task_id = await world.new_task(system_tags=["development"])
    await world.call("tasks.started", {"task": task_id})
    result = await world.call("tasks.stop", {"task": task_id, "status_reason": "abort request"})
    assert result["fields"]["status"] == "stopped"
    assert (await task_of(world, task_id))["status_reason"] == "abort request"


async def test_stop_of_a_worker_run_task_only_asks_it_to_stop(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    world.tasks.docs[task_id]["last_worker"] = "w1"  # as workers.status_report sets it
    result = await world.call("tasks.stop", {"task": task_id})
    assert result["fields"]["status_message"] == "stopping" and result["fields"]["status"] == "in_progress"
    assert (await task_of(world, task_id))["status"] == "in_progress"
    world.clock.advance(minutes=11)  # no report within the 600 s worker timeout
    await world.call("tasks.stop", {"task": task_id})
    assert (await task_of(world, task_id))["status"] == "stopped"


async def test_stop_of_a_running_task_no_worker_runs_is_immediate(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    result = await world.call("tasks.stop", {"task": task_id})
    assert result["fields"]["status"] == "stopped"
    assert result["fields"]["status_message"].startswith("Stopped by ")


async def test_stop_of_a_created_task_needs_force(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.stop", {"task": task_id})) == (400, 110)
    result = await world.call("tasks.stop", {"task": task_id, "force": True})
    assert result["fields"]["status"] == "stopped"


async def test_reset_clears_the_run_and_keeps_the_definition(world):
    artifacts = [{"key": "in", "type": "x", "mode": "input"}, {"key": "out", "type": "x", "mode": "output", "uri": "s3://o"}]
    task_id = await world.new_task(execution={"artifacts": artifacts}, script={"entry_point": "a.py"})
    await world.call("tasks.started", {"task": task_id})
    world.tasks.docs[task_id].update(last_iteration=7, last_metrics={"m": {"v": {"value": 1}}}, runtime={"p": "1"})
    await world.call("tasks.stopped", {"task": task_id})
    result = await world.call("tasks.reset", {"task": task_id, "return_file_urls": True})
    assert result["urls"]["artifact_urls"] == ["s3://o"]
    task = await task_of(world, task_id)
    assert task["status"] == "created" and task["last_iteration"] == 0
    for gone in ("started", "completed"):
        assert gone not in task
    assert task["last_metrics"] == {} and task["runtime"] == {}  # emptied, as clearml-server stores them
    assert task["status_message"] == "reset" and task["models"]["output"] == []
    assert task["execution"]["artifacts"] == [artifacts[0]] and task["script"]["entry_point"] == "a.py"
    await world.call("tasks.reset", {"task": task_id, "clear_all": True})
    task = await task_of(world, task_id)
    assert "script" not in task and task["execution"]["artifacts"] == [] and task["execution"]["parameters"] == {}


async def test_ping_refreshes_last_update_and_last_change_and_the_active_duration(world):
    task_id = await world.new_task()
    world.clock.advance()
    assert await world.call("tasks.ping", {"task": task_id}) == {}
    task = await task_of(world, task_id)
    assert task["last_update"] == task["last_change"] == world.clock.now.isoformat()
    assert task.get("active_duration") is None
    await world.call("tasks.started", {"task": task_id})
    world.clock.advance()
    await world.call("tasks.ping", {"task": task_id})
    assert (await task_of(world, task_id))["active_duration"] == 60


async def test_ping_of_an_unknown_task_answers_nothing_and_no_error(world):
    assert await world.call("tasks.ping", {"task": "nope"}) == {}


async def test_started_of_an_unknown_task_is_an_invalid_id(world):
    assert codes(await world.fails("tasks.started", {"task": "nope"})) == (400, 10)


async def test_many_variants_answer_succeeded_and_failed_per_id(world):
    running = await world.new_task()
    await world.call("tasks.started", {"task": running})
    idle = await world.new_task()
    result = await world.call("tasks.stop_many", {"ids": [running, idle, "missing"], "force": False})
    assert [s["id"] for s in result["succeeded"]] == [running]
    failed = {f["id"]: f["error"]["codes"] for f in result["failed"]}
    assert failed == {idle: [400, 110], "missing": [400, 101]}
    assert codes(await world.fails("tasks.stop_many", {"ids": []})) == (400, 12)


async def test_publish_many_and_reset_many(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    result = await world.call("tasks.publish_many", {"ids": [task_id]})
    assert result["succeeded"] == [{"id": task_id, "published": True}]
    result = await world.call("tasks.reset_many", {"ids": [task_id]})
    assert result["failed"][0]["error"]["codes"] == [400, 110]
    result = await world.call("tasks.reset_many", {"ids": [task_id], "force": True})
    assert [s["id"] for s in result["succeeded"]] == [task_id]
    assert world.tasks.docs[task_id]["status"] == "created"


async def test_other_companies_cannot_touch_tasks_in_batches(world):
    task_id = await world.new_task()
    result = await world.call("tasks.archive_many", {"ids": [task_id]}, identity=EVE)
    assert result["succeeded"] == [] and result["failed"][0]["error"]["codes"] == [400, 101]
    assert "archived" not in world.tasks.docs[task_id]["system_tags"]
    assert ALICE.company != EVE.company

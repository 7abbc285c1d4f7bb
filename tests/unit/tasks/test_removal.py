"""Archive, unarchive and delete of tasks over the in-memory repositories."""

from __future__ import annotations

import asyncio

import pytest

from tests.unit.tasks.fakes import StatusChangesBeforeWrite
from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def test_archive_tags_and_unarchive_untags(world):
    a, b = await world.new_task(), await world.new_task()
    assert await world.call("tasks.archive", {"tasks": [a, b]}) == {"archived": 2}
    assert await world.call("tasks.archive", {"tasks": [a]}) == {"archived": 1}  # ClearML counts it again
    assert world.tasks.docs[a]["system_tags"] == ["archived"]
    result = await world.call("tasks.unarchive_many", {"ids": [a]})
    assert result == {"succeeded": [{"id": a, "unarchived": True}], "failed": []}
    assert world.tasks.docs[a]["system_tags"] == [] and world.tasks.docs[b]["system_tags"] == ["archived"]
    result = await world.call("tasks.unarchive_many", {"ids": [a]})
    assert result == {"succeeded": [{"id": a, "unarchived": True}], "failed": []}


async def test_archiving_a_running_task_stops_it_and_sets_the_given_message(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.archive_many", {"ids": [task_id], "status_message": "gone"})
    doc = world.tasks.docs[task_id]
    assert (doc["status"], doc["status_message"], doc["system_tags"]) == ("stopped", "gone", ["archived"])


async def test_archive_of_an_unknown_task_fails_the_call(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.archive", {"tasks": [task_id, "nope"]})) == (400, 101)
    assert world.tasks.docs[task_id]["system_tags"] == []


async def test_archiving_a_queued_task_returns_it_to_its_previous_status(world):
    task_id = await world.new_task()
    world.tasks.docs[task_id].update(status="queued", enqueue_status="stopped")
    result = await world.call("tasks.archive_many", {"ids": [task_id]})
    assert result["succeeded"] == [{"id": task_id, "archived": True}]
    assert world.tasks.docs[task_id]["status"] == "stopped"


async def test_delete_only_created_or_archived_unless_forced(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    assert codes(await world.fails("tasks.delete", {"task": task_id})) == (400, 123)
    await world.call("tasks.archive", {"tasks": [task_id]})
    result = await world.call("tasks.delete", {"task": task_id})
    assert result["deleted"] is True and task_id not in world.tasks.docs
    assert codes(await world.fails("tasks.delete", {"task": task_id})) == (400, 101)


async def test_delete_marks_children_and_returns_urls(world):
    artifacts = [{"key": "m", "type": "x", "mode": "output", "uri": "http://files/m.bin"}]
    parent = await world.new_task(execution={"artifacts": artifacts})
    child = await world.new_task(parent=parent)
    result = await world.call("tasks.delete", {"task": parent, "return_file_urls": True})
    assert result["updated_children"] == 1
    assert result["urls"]["artifact_urls"] == ["http://files/m.bin"]
    assert world.tasks.docs[child]["parent"] == f"__DELETED__{parent}"  # as ClearML marks it


async def test_delete_is_refused_across_companies(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.delete", {"task": task_id, "force": True}, identity=EVE)) == (400, 101)
    result = await world.call("tasks.delete_many", {"ids": [task_id]}, identity=EVE)
    assert result["failed"][0]["id"] == task_id and task_id in world.tasks.docs
    result = await world.call("tasks.delete_many", {"ids": [task_id]})
    assert result["succeeded"][0]["deleted"] is True and task_id not in world.tasks.docs


async def test_deleted_and_reset_tasks_and_deleted_models_are_announced(world):
    project = await world.new_project("p")
    artifacts = [{"key": "m", "type": "x", "mode": "output", "uri": "http://files/m.bin"}]
    task_id = await world.new_task(project=project, execution={"artifacts": artifacts})
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.reset", {"task": task_id})
    await world.call("tasks.delete", {"task": task_id})
    model_id = (await world.call("models.create", {"name": "m", "uri": "s3://m"}))["id"]
    await world.call("models.delete", {"model": model_id})
    other = await world.new_task(project=project)
    await world.call("projects.delete", {"project": project, "force": True, "delete_contents": True})
    urls = {"artifact_urls": ["http://files/m.bin"], "model_urls": [], "event_urls": []}
    assert world.facts.published == [
        {"type": "TaskReset", "id": task_id, "company": "acme",  # a reset names no file; when it was
         "urls": {"artifact_urls": [], "model_urls": [], "event_urls": []}, "at": int(world.clock().timestamp() * 1000)},
        {"type": "TaskDeleted", "id": task_id, "company": "acme", "urls": {**urls, "artifact_urls": []}},
        {"type": "ModelDeleted", "id": model_id, "company": "acme", "url": "s3://m"},
        {"type": "TaskDeleted", "id": other, "company": "acme",
         "urls": {"artifact_urls": [], "model_urls": [], "event_urls": []}},
    ]
    await world.facts.settle()
    assert world.facts.outbox.records == {}  # each recorded with its change, forgotten once published


async def test_a_refused_delete_announces_nothing(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.fails("tasks.delete", {"task": task_id})
    assert world.facts.published == [] and world.facts.outbox.records == {}


async def deleted_with_its_model_while_publishing_fails(world, failure: BaseException) -> tuple[str, str]:
    artifacts = [{"key": "a", "type": "x", "mode": "output", "uri": "http://files/a.bin"}]
    task_id = await world.new_task(execution={"artifacts": artifacts})
    model = {"name": "m", "uri": "http://files/m.bin", "task": task_id, "ready": False}
    model_id = (await world.call("models.create", model))["id"]
    world.facts.fail = failure
    try:
        result = await world.call("tasks.delete", {"task": task_id, "delete_external_artifacts": True})
        assert result["deleted"] is True and result["deleted_models"] == 1
    except asyncio.CancelledError:
        assert isinstance(failure, asyncio.CancelledError)
    assert task_id not in world.tasks.docs and model_id not in world.models.docs
    assert world.facts.published == []
    world.facts.fail = None
    return task_id, model_id


@pytest.mark.parametrize("failure", [ConnectionError("broker away"), asyncio.CancelledError()],
                         ids=["broker-away", "killed"])
async def test_facts_a_deletion_could_not_publish_are_published_by_the_drainer(world, failure):
    task_id, model_id = await deleted_with_its_model_while_publishing_fails(world, failure)
    assert sorted(r["fact"]["type"] for r in world.facts.outbox.records.values()) == ["ModelDeleted", "TaskDeleted"]
    assert await world.facts.drain_later() == 2
    assert [(f["type"], f["id"]) for f in world.facts.published] == [("ModelDeleted", model_id),
                                                                      ("TaskDeleted", task_id)]
    assert world.facts.published[1]["urls"] == {"artifact_urls": ["http://files/a.bin"],
                                                "model_urls": ["http://files/m.bin"], "event_urls": []}
    assert world.facts.outbox.records == {} and await world.facts.drain_later() == 0


async def test_a_reset_records_its_fact_with_the_status_change_only(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    world.facts.fail = asyncio.CancelledError()
    with pytest.raises(asyncio.CancelledError):
        await world.call("tasks.reset_many", {"ids": [task_id]})
    world.facts.fail = None
    assert world.tasks.docs[task_id]["status"] == "created"
    assert await world.facts.drain_later() == 1 and world.facts.published[0]["type"] == "TaskReset"


async def test_a_reset_that_lost_a_race_records_no_fact():
    world = World(tasks=StatusChangesBeforeWrite())
    task_id = await world.new_task()
    world.tasks.docs[task_id]["status"] = "in_progress"
    result = await world.call("tasks.reset_many", {"ids": [task_id]})
    assert result["failed"] and world.tasks.docs[task_id]["status"] == "stopped"
    assert world.facts.outbox.records == {} and await world.facts.drain_later() == 0
    assert world.facts.published == []


async def test_pipeline_runs_are_deleted_but_never_the_last(world):
    project = await world.new_project("pipe/.pipelines/p")
    runs = [await world.new_task(type="controller", project=project) for _ in range(2)]
    await world.call("tasks.started", {"task": runs[0]})
    assert codes(await world.fails("pipelines.delete_runs", {"project": project, "ids": runs})) == (400, 160)
    result = await world.call("pipelines.delete_runs", {"project": project, "ids": [runs[0]]})
    assert [s["id"] for s in result["succeeded"]] == [runs[0]] and runs[0] not in world.tasks.docs
    elsewhere = await world.new_task(type="controller")
    other_run = await world.new_task(type="controller", project=project)
    result = await world.call("pipelines.delete_runs", {"project": project, "ids": [elsewhere]})
    assert result == {"succeeded": [], "failed": []} and elsewhere in world.tasks.docs  # not a run: ignored
    assert other_run in world.tasks.docs
    assert codes(await world.fails("pipelines.delete_runs", {"project": "nope", "ids": [other_run]})) == (400, 160)

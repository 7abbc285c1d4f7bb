"""Artifacts, models, requirements, update/update_batch, get_types and clone."""

from __future__ import annotations

import pytest

from services.tasks.tasks.editing import merge_artifacts
from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def task_of(world: World, task_id: str) -> dict:
    return (await world.call("tasks.get_by_id", {"task": task_id}))["task"]


def test_artifacts_are_identified_by_key_and_mode_and_kept_in_that_order():
    stored = [{"key": "a", "type": "t", "mode": "output", "uri": "1"}, {"key": "a", "type": "t", "mode": "input"}]
    merged = merge_artifacts(stored, [{"key": "a", "type": "t", "uri": "2"}, {"key": "b", "type": "t"}])
    assert merged == [
        {"key": "a", "type": "t", "mode": "input"},
        {"key": "a", "type": "t", "mode": "output", "uri": "2"},
        {"key": "b", "type": "t", "mode": "output"},
    ]


async def test_artifacts_change_on_created_or_running_tasks_only_force_or_not(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    body = {"task": task_id, "artifacts": [{"key": "data", "type": "pandas", "uri": "http://f/d.csv"}]}
    assert await world.call("tasks.add_or_update_artifacts", body) == {"updated": 1}
    assert (await task_of(world, task_id))["execution"]["artifacts"][0]["uri"] == "http://f/d.csv"
    delete = {"task": task_id, "artifacts": [{"key": "data"}]}
    assert await world.call("tasks.delete_artifacts", delete) == {"deleted": 1}
    assert await world.call("tasks.delete_artifacts", delete) == {"deleted": 1}
    await world.call("tasks.completed", {"task": task_id})
    assert codes(await world.fails("tasks.add_or_update_artifacts", {**body, "force": True})) == (400, 110)


async def test_models_by_name_and_type(world):
    task_id = await world.new_task()
    body = {"task": task_id, "name": "best", "model": "m1", "type": "output", "iteration": 5}
    assert await world.call("tasks.add_or_update_model", body) == {"updated": 1}
    await world.call("tasks.add_or_update_model", {**body, "model": "m2"})
    task = await task_of(world, task_id)
    assert [(m["name"], m["model"]) for m in task["models"]["output"]] == [("best", "m2")]
    assert task["last_iteration"] == 5
    removed = await world.call("tasks.delete_models", {"task": task_id, "models": [{"name": "best", "type": "output"}]})
    assert removed == {"updated": 1} and (await task_of(world, task_id))["models"]["output"] == []


async def test_set_requirements_needs_a_script(world):
    bare = await world.new_task()
    await world.call("tasks.reset", {"task": bare, "clear_all": True})  # a new task has a script; this one not
    requirements = {"pip": "clearml==2.1.12\n"}
    assert codes(await world.fails("tasks.set_requirements", {"task": bare, "requirements": requirements})) == (400, 122)
    task_id = await world.new_task(script={"entry_point": "train.py"})
    await world.call("tasks.started", {"task": task_id})
    result = await world.call("tasks.set_requirements", {"task": task_id, "requirements": requirements})
    assert result["updated"] == 1
    script = (await task_of(world, task_id))["script"]
    assert (script["entry_point"], script["requirements"]) == ("train.py", requirements)


async def test_update_and_update_batch_work_in_any_status(world):
    a, b = await world.new_task(), await world.new_task()
    await world.call("tasks.started", {"task": a})
    result = await world.call("tasks.update", {"task": a, "comment": "c", "output__error": "boom"})
    assert result["fields"]["comment"] == "c"
    task = await task_of(world, a)
    assert task["comment"] == "c" and task["output"]["error"] == "boom"
    batch = [{"task": a, "name": "renamed"}, {"task": b, "tags": ["x"]}]
    assert await world.call("tasks.update_batch", batch) == {"updated": 2}
    assert (await task_of(world, a))["name"] == "renamed" and (await task_of(world, b))["tags"] == ["x"]
    assert codes(await world.fails("tasks.update", {"task": a, "project": "nope"})) == (400, 401)
    assert codes(await world.fails("tasks.update", {"task": a, "name": "x"}, identity=EVE)) == (400, 101)


async def test_get_types_lists_the_company_types(world):
    project = await world.new_project("p")
    await world.new_task(type="training", project=project)
    await world.new_task(type="testing")
    await world.new_task(type="inference", identity=EVE)
    assert await world.call("tasks.get_types", {}) == {"types": ["testing", "training"]}
    assert await world.call("tasks.get_types", {"projects": [project]}) == {"types": ["training"]}


async def test_clone_copies_the_definition_not_the_run(world):
    project = await world.new_project("p")
    artifacts = [{"key": "in", "type": "t", "mode": "input"}, {"key": "out", "type": "t", "mode": "output"}]
    source = await world.new_task(
        project=project, system_tags=["development"], tags=["a"], script={"entry_point": "x.py"},
        hyperparams={"Args": {"lr": {"value": "0.1"}}}, execution={"artifacts": artifacts, "queue": "q1"},
    )
    await world.call("tasks.started", {"task": source})
    result = await world.call("tasks.clone", {"task": source, "new_task_name": "copy",
                                              "execution_overrides": {"docker_cmd": "img"}})
    clone = await task_of(world, result["id"])
    assert (clone["name"], clone["status"], clone["project"], clone["tags"]) == ("copy", "created", project, ["a"])
    assert clone["system_tags"] == [] and clone["script"]["entry_point"] == "x.py"
    assert clone["hyperparams"]["Args"]["lr"]["value"] == "0.1"
    assert clone["execution"]["artifacts"] == [artifacts[0]] and "docker_cmd" not in clone["execution"]
    assert clone["container"] == {"image": "img", "arguments": ""}  # as clearml-server moves docker_cmd
    assert clone["parent"] == source  # the source had no parent
    assert "started" not in clone


async def test_clone_into_a_new_project_and_across_companies(world):
    source = await world.new_task()
    result = await world.call("tasks.clone", {"task": source, "new_project_name": "fresh/sub"})
    assert result["new_project"]["name"] == "fresh/sub"
    assert (await task_of(world, result["id"]))["project"] == result["new_project"]["id"]
    assert codes(await world.fails("tasks.clone", {"task": source}, identity=EVE)) == (400, 101)


async def test_edit_runtime_adds_and_removes_properties(world):
    task_id = await world.new_task(runtime={"old": "1"})
    body = {"task": task_id, "add_or_update": {"gpu.count": "2", "$x": "y"}, "remove": ["old"]}
    assert await world.call("tasks.edit_runtime", body) == {"updated": 1}
    assert (await task_of(world, task_id))["runtime"] == {"gpu.count": "2", "$x": "y"}
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    assert codes(await world.fails("tasks.edit_runtime", body)) == (400, 110)


async def test_update_tags_adds_then_removes_on_own_tasks_and_counts_both(world):
    a = await world.new_task(tags=["keep", "drop"])
    theirs = await world.new_task(identity=EVE, tags=["drop"])
    body = {"ids": [a, theirs], "add_tags": ["new"], "remove_tags": ["drop"]}
    assert codes(await world.fails("tasks.update_tags", body)) == (400, 101)
    assert world.tasks.docs[a]["tags"] == ["drop", "keep"] and world.tasks.docs[theirs]["tags"] == ["drop"]
    result = await world.call("tasks.update_tags", {**body, "ids": [a], "remove_tags": ["drop", "new"]})
    assert result == {"updated": 2}
    assert (await task_of(world, a))["tags"] == ["keep"]
    assert codes(await world.fails("tasks.update_tags", {"ids": [a]})) == (400, 12)


async def test_move_tasks_to_a_project_by_id_or_name(world):
    a, b = await world.new_task(), await world.new_task()
    result = await world.call("tasks.move", {"ids": [a, b], "project_name": "dest/sub"})
    moved_to = result["project_id"]
    assert world.projects.docs[moved_to]["name"] == "dest/sub"
    assert {world.tasks.docs[t]["project"] for t in (a, b)} == {moved_to}
    other = await world.new_project("other")
    await world.call("tasks.move", {"ids": [a], "project": other})
    assert world.tasks.docs[a]["project"] == other
    assert codes(await world.fails("tasks.move", {"ids": [a, "nope"], "project": moved_to})) == (400, 101)
    assert world.tasks.docs[a]["project"] == other
    assert codes(await world.fails("tasks.move", {"ids": [a]})) == (400, 11)


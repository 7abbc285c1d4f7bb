"""``models.*`` over the in-memory repositories."""

from __future__ import annotations

import pytest

from services.tasks.models.service import model_of_task
from shared.schemas import models as api
from tests.unit.tasks.world import EVE, T0, UNRESTRICTED, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def new_model(world: World, identity=None, **fields) -> str:
    body = {"name": "net", "uri": "http://files/net.pt", "ready": False, **fields}  # a draft, as the SDK makes
    result = await world.call("models.create", body, **({"identity": identity} if identity else {}))
    assert result["created"] is True
    return result["id"]


async def test_create_makes_a_ready_model_by_default(world):
    model_id = (await world.call("models.create", {"name": "net", "uri": "u"}))["id"]
    assert (await model_of(world, model_id))["ready"] is True


async def model_of(world: World, model_id: str) -> dict:
    return (await world.call("models.get_by_id", {"model": model_id}))["model"]


async def test_create_read_and_list(world):
    project = await world.new_project("p")
    model_id = await new_model(world, project=project, framework="PyTorch", tags=["t"])
    await new_model(world, name="other", framework="Keras")
    await new_model(world, identity=EVE, name="theirs")
    model = await model_of(world, model_id)
    assert (model["name"], model["uri"], model["ready"], model["project"]) == ("net", "http://files/net.pt", False, project)
    assert model["created"] == T0.isoformat() and model["user"] == "alice"
    listed = await world.call("models.get_all", {"project": [project], "only_fields": ["name"]})
    assert listed == {"models": [{"id": model_id, "name": "net"}]}
    by_name = await world.call("models.get_all", {"name": "^o", "only_fields": ["id"]})
    assert len(by_name["models"]) == 1
    assert await world.call("models.get_frameworks", {}) == {"frameworks": ["Keras", "PyTorch"]}
    assert codes(await world.fails("models.get_by_id", {"model": model_id}, identity=EVE)) == (400, 201)
    assert codes(await world.fails("models.create", {"name": "x", "uri": "u", "project": "nope"})) == (400, 401)


async def test_update_for_task_creates_an_output_model(world):
    project = await world.new_project("p")
    task_id = await world.new_task(project=project, name="train")
    result = await world.call("models.update_for_task", {"task": task_id, "uri": "s3://b/m.pt", "iteration": 3})
    assert result == {"id": result["id"], "created": True}
    model = await model_of(world, result["id"])
    assert (model["name"], model["task"], model["project"]) == ("train", task_id, project)
    assert model["comment"] == f"Created by task `train` ({task_id})"
    task = (await world.call("tasks.get_by_id", {"task": task_id}))["task"]
    assert [(m["name"], m["model"]) for m in task["models"]["output"]] == [("Output Model", result["id"])]
    assert task["last_iteration"] == 3
    listed = await world.call("models.get_all", {"task": [task_id], "only_fields": ["id", "uri"]})
    assert listed == {"models": [{"id": result["id"], "uri": "s3://b/m.pt"}]}
    assert codes(await world.fails("models.update_for_task", {"task": task_id})) == (400, 11)
    both = {"task": task_id, "uri": "u", "override_model_id": result["id"]}
    assert codes(await world.fails("models.update_for_task", both)) == (400, 11)


async def test_update_for_task_updates_the_tasks_last_output_model(world):
    task_id = await world.new_task(name="train")
    made = (await world.call("models.update_for_task", {"task": task_id, "uri": "u1"}))["id"]
    again = await world.call("models.update_for_task", {"task": task_id, "uri": "u2", "name": "best"})
    assert (again["id"], again["created"], again["updated"], again["fields"]["uri"]) == (made, False, 1, "u2")
    assert (await model_of(world, made))["name"] == "best" and len(world.models.docs) == 1


async def test_update_for_task_serves_only_created_or_running_tasks(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    assert codes(await world.fails("models.update_for_task", {"task": task_id, "uri": "u"})) == (400, 110)


async def test_set_ready_publishes_the_model_and_its_task(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    model_id = await new_model(world, task=task_id)
    result = await world.call("models.set_ready", {"model": model_id, "publish_task": True})
    assert result["updated"] == 1 and result["published_task"]["id"] == task_id
    assert (await model_of(world, model_id))["ready"] is True
    assert world.tasks.docs[task_id]["status"] == "published"
    assert codes(await world.fails("models.set_ready", {"model": model_id})) == (400, 203)


async def test_edit_metadata_archive_and_delete(world):
    task_id = await world.new_task()
    model_id = await new_model(world, task=task_id)
    edited = await world.call("models.edit", {"model": model_id, "comment": "c", "iteration": 9})
    assert edited["updated"] == 1 and set(edited["fields"]) == {"comment", "last_change", "last_changed_by"}
    model = await model_of(world, model_id)
    # the iteration is the model's task's (ClearML keeps the model's own for its events)
    assert model["comment"] == "c" and "last_iteration" not in model
    assert world.tasks.docs[task_id]["last_iteration"] == 9
    meta = [{"key": "acc.top1", "type": "float", "value": "0.9"}]
    await world.call("models.add_or_update_metadata", {"model": model_id, "metadata": meta})
    assert (await model_of(world, model_id))["metadata"] == {"acc.top1": meta[0]}
    assert await world.call("models.delete_metadata", {"model": model_id, "keys": ["acc.top1"]}) == {"updated": 1}
    assert (await model_of(world, model_id))["metadata"] == {}
    archived = await world.call("models.archive_many", {"ids": [model_id, "nope"]})
    assert [s["id"] for s in archived["succeeded"]] == [model_id] and archived["failed"][0]["id"] == "nope"
    assert "archived" in (await model_of(world, model_id))["system_tags"]
    await world.call("models.unarchive_many", {"ids": [model_id]})
    assert (await model_of(world, model_id))["system_tags"] == []
    assert codes(await world.fails("models.edit", {"model": model_id, "name": "x"}, identity=EVE)) == (400, 201)


async def test_a_model_used_as_input_needs_force_to_delete(world):
    model_id = await new_model(world)
    await world.new_task(models={"input": [{"model": model_id, "name": "in"}]})
    assert codes(await world.fails("models.delete", {"model": model_id})) == (400, 205)
    result = await world.call("models.delete", {"model": model_id, "force": True})
    assert result == {"deleted": True, "url": "http://files/net.pt"}
    assert codes(await world.fails("models.get_by_id", {"model": model_id})) == (400, 201)


async def test_event_targets_and_fold_metrics_for_models(world):
    model_id = await new_model(world)
    foreign = await new_model(world, identity=EVE)
    targets = await world.call("internal.event_targets", {"models": [model_id, foreign]})
    assert targets == {"tasks": {}, "models": {model_id: {"ready": False}}, "owners": {}, **UNRESTRICTED}
    body = {"entity": "model", "id": model_id, "last_iteration": 4,
            "last_metrics": {"a" * 32: {"b" * 32: {"metric": "m", "variant": "v", "value": 1.0}}}}
    assert await world.call("internal.fold_metrics", body) == {"updated": 1}
    stored = world.models.docs[model_id]
    assert stored["last_iteration"] == 4 and stored["last_metrics"]["a" * 32]["b" * 32]["value"] == 1.0
    assert await world.call("internal.fold_metrics", {**body, "id": foreign}) == {"updated": 0}


async def test_publishing_a_task_publishes_its_last_output_model(world):
    task_id = await world.new_task()
    first, last = await new_model(world, task=task_id), await new_model(world, task=task_id)
    for name, model_id in (("a", first), ("b", last)):
        await world.call("tasks.add_or_update_model", {"task": task_id, "name": name, "model": model_id,
                                                       "type": "output"})
    await world.call("tasks.started", {"task": task_id})
    await world.call("tasks.stopped", {"task": task_id})
    await world.call("tasks.publish", {"task": task_id})
    assert (await model_of(world, last))["ready"] is True
    assert (await model_of(world, first))["ready"] is False


async def test_many_variants_and_get_by_task_id(world):
    task_id = await world.new_task()
    assert codes(await world.fails("models.get_by_task_id", {"task": task_id})) == (400, 122)
    first = await new_model(world, task=task_id)
    second = await new_model(world, task=task_id, name="later")
    # the task's last output model, not the last model made by the task
    await world.call("tasks.add_or_update_model", {"task": task_id, "name": "o", "model": first, "type": "output"})
    assert (await world.call("models.get_by_task_id", {"task": task_id}))["model"]["id"] == first
    assert codes(await world.fails("models.get_by_task_id", {"task": task_id}, identity=EVE)) == (400, 101)
    published = await world.call("models.publish_many", {"ids": [first, "nope"], "publish_task": False})
    assert [(s["id"], s["updated"]) for s in published["succeeded"]] == [(first, True)]
    assert published["failed"][0]["error"]["codes"] == [400, 201]
    assert (await model_of(world, first))["ready"] is True and world.tasks.docs[task_id]["status"] == "created"
    deleted = await world.call("models.delete_many", {"ids": [first, second]})
    assert [s["deleted"] for s in deleted["succeeded"]] == [True, True] and world.models.docs == {}


def test_the_model_update_for_task_makes_comes_from_its_task():
    task = {"_id": "t1", "name": "train", "project": "p", "execution": {"framework": "Keras", "model_labels": {"a%2Eb": 1}},
            "models": {"input": [{"model": "m0", "name": "in"}]}}
    made = model_of_task(task, api.UpdateForTaskRequest(task="t1", uri="s3://m"))
    assert made == {"uri": "s3://m", "task": "t1", "project": "p", "framework": "Keras", "labels": {"a.b": 1},
                    "parent": "m0", "ready": False, "name": "train", "comment": "Created by task `train` (t1)"}
    given = model_of_task(task, api.UpdateForTaskRequest(task="t1", uri="s3://m", name="best", comment=""))
    assert (given["name"], given["comment"]) == ("best", "")

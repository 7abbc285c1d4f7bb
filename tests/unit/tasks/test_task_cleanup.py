"""``tasks.delete`` / ``delete_many`` and the task's output models: drafts go (unless another
task uses them), published ones need ``force`` and stay, each deleted model is announced and
its file named in the ``TaskDeleted`` fact."""

from __future__ import annotations

import pytest

from services.tasks.tasks.cleanup import Outputs, check_deletable, input_model_ids, split_outputs
from shared.errors import ApiError
from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


def test_outputs_are_the_callers_own_split_by_state():
    models = [{"_id": "d", "company": "acme", "ready": False}, {"_id": "p", "company": "acme", "ready": True},
              {"_id": "pub", "company": "", "ready": False}, {"_id": "d", "company": "acme", "ready": False}]
    outputs = split_outputs(models, "acme")
    assert [m["_id"] for m in outputs.drafts] == ["d"] and [m["_id"] for m in outputs.published] == ["p"]
    assert input_model_ids([{"_id": "t", "models": {"input": [{"model": "d"}, {"name": "x"}]}}, {"_id": "u"}]) == {"d"}


def test_published_outputs_or_children_need_force():
    task = {"_id": "t"}
    with pytest.raises(ApiError) as refused:
        check_deletable(task, Outputs(published=[{"_id": "p"}]), 0, force=False)
    assert (refused.value.subcode, refused.value.to_dict()["data"]["models"]) == (123, 1)
    with pytest.raises(ApiError):
        check_deletable(task, Outputs(), 2, force=False)
    check_deletable(task, Outputs(published=[{"_id": "p"}]), 2, force=True)


async def output_model(world: World, task_id: str, uri: str) -> str:
    return (await world.call("models.update_for_task", {"task": task_id, "uri": uri}))["id"]


async def test_delete_removes_draft_outputs_and_announces_their_files(world):
    task_id = await world.new_task()
    first = await output_model(world, task_id, "http://files/a.pt")
    draft = {"name": "m", "uri": "http://files/b.pt", "task": task_id, "ready": False}
    second = (await world.call("models.create", draft))["id"]
    result = await world.call("tasks.delete", {"task": task_id, "return_file_urls": True})
    assert result["deleted_models"] == 2 and result["updated_models"] == 0
    assert sorted(result["urls"]["model_urls"]) == ["http://files/a.pt", "http://files/b.pt"]
    assert first not in world.models.docs and second not in world.models.docs
    deleted = [f for f in world.facts.published if f["type"] == "ModelDeleted"]
    assert sorted((f["id"], f["url"]) for f in deleted) == sorted([(first, "http://files/a.pt"),
                                                                   (second, "http://files/b.pt")])
    task_fact = world.facts.published[-1]
    assert task_fact["type"] == "TaskDeleted" and sorted(task_fact["urls"]["model_urls"]) == [
        "http://files/a.pt", "http://files/b.pt"]


async def test_a_model_another_task_uses_is_kept_without_its_task(world):
    task_id = await world.new_task()
    model_id = await output_model(world, task_id, "http://files/a.pt")
    await world.new_task(models={"input": [{"model": model_id, "name": "in"}]})
    result = await world.call("tasks.delete", {"task": task_id, "return_file_urls": True})
    assert result["deleted_models"] == 0 and result["urls"]["model_urls"] == []
    assert "task" not in world.models.docs[model_id]
    assert not [f for f in world.facts.published if f["type"] == "ModelDeleted"]


async def test_published_outputs_need_force_and_are_kept(world):
    task_id = await world.new_task()
    model_id = await output_model(world, task_id, "http://files/a.pt")
    await world.call("models.set_ready", {"model": model_id, "publish_task": False})
    assert codes(await world.fails("tasks.delete", {"task": task_id})) == (400, 123)
    assert task_id in world.tasks.docs
    result = await world.call("tasks.delete", {"task": task_id, "force": True})
    assert (result["deleted_models"], result["updated_models"]) == (0, 1)
    assert world.models.docs[model_id]["task"] == f"__DELETED__{task_id}"


async def test_keeping_outputs_or_external_files(world):
    task_id = await world.new_task()
    kept = await output_model(world, task_id, "http://files/a.pt")
    result = await world.call("tasks.delete_many", {"ids": [task_id], "delete_output_models": False})
    assert result["succeeded"][0]["updated_models"] == 1 and kept in world.models.docs
    other = await world.new_task()
    gone = await output_model(world, other, "http://files/b.pt")
    await world.call("tasks.delete", {"task": other, "delete_external_artifacts": False})
    assert gone not in world.models.docs
    facts = [f for f in world.facts.published if f["id"] in (gone, other)]
    assert facts[0] == {"type": "ModelDeleted", "id": gone, "company": "acme", "url": None}
    assert facts[1]["urls"]["model_urls"] == []


async def test_a_published_child_needs_force(world):
    parent = await world.new_task()
    child = await world.new_task(parent=parent)
    await world.call("tasks.publish", {"task": child, "force": True})
    assert codes(await world.fails("tasks.delete", {"task": parent})) == (400, 123)
    assert (await world.call("tasks.delete", {"task": parent, "force": True}))["updated_children"] == 1


async def test_pipeline_steps_go_with_their_controller(world):
    controller = await world.new_task(type="controller")
    steps = [await world.new_task(parent=controller) for _ in range(2)]
    model_id = await output_model(world, steps[0], "http://files/s.pt")
    await world.call("tasks.started", {"task": steps[1]})
    result = await world.call("tasks.delete", {"task": controller, "include_pipeline_steps": True})
    assert result["deleted_models"] == 1 and model_id not in world.models.docs
    assert not {controller, *steps} & set(world.tasks.docs)


async def test_another_companys_models_are_never_touched(world):
    task_id = await world.new_task()
    theirs = (await world.call("models.create", {"name": "m", "uri": "u"}, identity=EVE))["id"]
    world.tasks.docs[task_id]["models"] = {"output": [{"model": theirs, "name": "x"}]}
    assert (await world.call("tasks.delete", {"task": task_id}))["deleted_models"] == 0
    assert theirs in world.models.docs

"""References of the ``*_ex`` reads answered as objects (``services.tasks.references``), over
the in-memory tasks process."""

from __future__ import annotations

import pytest

from services.tasks.references import plan
from shared.messaging.envelopes import Identity
from tests.unit.tasks.world import World

NAMED = Identity(company="acme", user="alice", user_name="Alice", company_name="Acme")


@pytest.fixture
def world() -> World:
    return World()


def test_only_fields_through_a_reference_join_it_and_read_the_reference_itself():
    projection = plan("task", ["name", "project.name", "parent.project.name", "script.*", "project"])
    assert projection.fields == ["name", "script", "project", "parent"]
    assert projection.joins == {"project": ["name"], "parent": ["project.name"]}
    assert plan("task", None).fields is None and plan("task", None).joins == {}


async def test_task_references_become_objects_named_from_the_referenced_entities(world):
    project = await world.new_project("refs", identity=NAMED)
    parent = await world.new_task(name="parent", project=project, identity=NAMED)
    child = await world.new_task(name="child", parent=parent, project=project, identity=NAMED)
    await world.call("tasks.enqueue", {"task": child, "queue_name": "gpu"}, NAMED)
    fields = ["name", "project.name", "user.name", "company", "parent.name", "parent.project.name",
              "execution.queue.name"]
    [task] = (await world.call("tasks.get_all_ex", {"id": [child], "only_fields": fields}, NAMED))["tasks"]
    assert task["project"] == {"id": project, "name": "refs"}
    assert task["user"] == {"id": "alice", "name": "Alice"}
    assert task["company"] == {"id": "acme"}
    assert task["parent"] == {"id": parent, "name": "parent", "project": {"id": project, "name": "refs"}}
    assert task["execution"]["queue"] == {"id": world.queues.names["gpu"], "name": "gpu"}
    assert world.queues.name_calls == [[world.queues.names["gpu"]]]


async def test_without_only_fields_references_are_ids_in_objects(world):
    project = await world.new_project("plain")
    task_id = await world.new_task(project=project)
    [task] = (await world.call("tasks.get_by_id_ex", {"id": task_id}))["tasks"]
    assert task["project"] == {"id": project} and task["company"] == {"id": "acme"}
    assert task["user"] == {"id": "alice"}
    [plain] = (await world.call("tasks.get_all", {"id": task_id}))["tasks"]
    assert plain["project"] == project


async def test_a_missing_reference_keeps_its_id_and_a_public_company_is_empty(world):
    task_id = await world.new_task(project=await world.new_project("gone"))
    world.tasks.docs[task_id]["project"] = "deleted-project"
    world.tasks.docs[task_id]["company"] = ""
    [task] = (await world.call("tasks.get_all_ex", {"id": [task_id], "only_fields": ["project.name", "company"]}))[
        "tasks"]
    assert task["project"] == {"id": "deleted-project"} and task["company"] == {}


async def test_one_queue_names_call_per_page(world):
    made = [await world.new_task(name=f"q{n}") for n in range(3)]
    for task_id, queue in zip(made, ("a", "b", "a")):
        await world.call("tasks.enqueue", {"task": task_id, "queue_name": queue})
    answer = await world.call("tasks.get_all_ex", {"id": made, "only_fields": ["execution.queue.name"]})
    assert sorted(t["execution"]["queue"]["name"] for t in answer["tasks"]) == ["a", "a", "b"]
    assert len(world.queues.name_calls) == 1 and len(world.queues.name_calls[0]) == 2


async def test_models_and_projects_expand_their_references(world):
    project = await world.new_project("top", identity=NAMED)
    sub = await world.new_project("top/sub", identity=NAMED)
    task_id = await world.new_task(name="maker", project=project, identity=NAMED)
    model_id = (await world.call("models.create", {"name": "m", "uri": "u", "task": task_id, "project": project},
                                 NAMED))["id"]
    [model] = (await world.call("models.get_all_ex", {"id": [model_id], "only_fields": ["task.name", "project.name"]},
                                NAMED))["models"]
    assert model["task"] == {"id": task_id, "name": "maker"} and model["project"] == {"id": project, "name": "top"}
    [by_id] = (await world.call("models.get_by_id_ex", {"id": [model_id], "only_fields": ["task"]}, NAMED))["models"]
    assert by_id["task"] == {"id": task_id}
    [child] = (await world.call("projects.get_all_ex", {"id": [sub], "only_fields": ["name", "parent.name",
                                                                                      "company.name"]},
                                NAMED))["projects"]
    assert child["parent"] == {"id": project, "name": "top"} and child["company"] == {"id": "acme", "name": "Acme"}


async def test_input_models_are_joined_through_the_list(world):
    model_id = (await world.call("models.create", {"name": "weights", "uri": "u"}))["id"]
    task_id = await world.new_task(models={"input": [{"model": model_id, "name": "in"}]})
    [task] = (await world.call("tasks.get_all_ex", {"id": [task_id], "only_fields": ["models.input.model.name",
                                                                                     "models.input.name"]}))["tasks"]
    assert task["models"]["input"] == [{"model": {"id": model_id, "name": "weights"}, "name": "in"}]

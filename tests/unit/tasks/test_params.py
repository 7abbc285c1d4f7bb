"""Hyper-parameters and configuration by section (keys with dots and ``$`` kept intact)."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


def item(section: str, name: str, value: str) -> dict:
    return {"section": section, "name": name, "value": value}


async def params_of(world: World, task_id: str) -> list[dict]:
    return (await world.call("tasks.get_hyper_params", {"tasks": [task_id]}))["params"][0]["hyperparams"]


async def test_edit_merges_replaces_sections_or_everything(world):
    task_id = await world.new_task()
    body = {"task": task_id, "hyperparams": [item("Args", "lr.max", "0.1"), item("$env", "x", "1")]}
    assert await world.call("tasks.edit_hyper_params", body) == {"updated": 1}
    assert world.tasks.docs[task_id]["hyperparams"]["Args"]["lr%2Emax"]["value"] == "0.1"
    await world.call("tasks.edit_hyper_params", {"task": task_id, "hyperparams": [item("Args", "bs", "8")]})
    assert {(p["section"], p["name"], p["value"]) for p in await params_of(world, task_id)} == {
        ("Args", "lr.max", "0.1"), ("Args", "bs", "8"), ("$env", "x", "1")}
    body = {"task": task_id, "hyperparams": [item("Args", "ep", "3")], "replace_hyperparams": "section"}
    await world.call("tasks.edit_hyper_params", body)
    assert {p["name"] for p in await params_of(world, task_id)} == {"ep", "x"}
    body["replace_hyperparams"] = "all"
    await world.call("tasks.edit_hyper_params", body)
    assert [p["name"] for p in await params_of(world, task_id)] == ["ep"]


async def test_running_tasks_need_force_except_for_properties(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    body = {"task": task_id, "hyperparams": [item("Args", "a", "1")]}
    assert codes(await world.fails("tasks.edit_hyper_params", body)) == (400, 110)
    assert (await world.call("tasks.edit_hyper_params", {**body, "force": True}))["updated"] == 1
    props = {"task": task_id, "hyperparams": [item("properties", "p", "2")]}
    assert (await world.call("tasks.edit_hyper_params", props))["updated"] == 1


async def test_delete_a_parameter_or_a_whole_section(world):
    task_id = await world.new_task()
    items = [item("A", "x.y", "1"), item("A", "z", "2"), item("B", "w", "3")]
    await world.call("tasks.edit_hyper_params", {"task": task_id, "hyperparams": items})
    body = {"task": task_id, "hyperparams": [{"section": "A", "name": "x.y"}]}
    assert await world.call("tasks.delete_hyper_params", body) == {"deleted": 1}
    assert await world.call("tasks.delete_hyper_params", body) == {"deleted": 1}  # ClearML counts the update
    await world.call("tasks.delete_hyper_params", {"task": task_id, "hyperparams": [{"section": "B"}]})
    assert [(p["section"], p["name"]) for p in await params_of(world, task_id)] == [("A", "z")]
    assert codes(await world.fails("tasks.delete_hyper_params", {"task": task_id, "hyperparams": [{}]})) == (400, 12)


async def test_configuration_items_by_name(world):
    task_id = await world.new_task()
    items = [{"name": "General", "value": "a=1", "type": "dictionary"}, {"name": "my.cfg", "value": ""}]
    assert await world.call("tasks.edit_configuration", {"task": task_id, "configuration": items}) == {"updated": 1}
    names = await world.call("tasks.get_configuration_names", {"tasks": [task_id]})
    assert names == {"configurations": [{"task": task_id, "names": ["General"]}]}
    names = await world.call("tasks.get_configuration_names", {"tasks": [task_id], "skip_empty": False})
    assert names["configurations"][0]["names"] == ["General", "my.cfg"]
    got = await world.call("tasks.get_configurations", {"tasks": [task_id], "names": ["my.cfg"]})
    assert got == {"configurations": [{"task": task_id, "configuration": [{"name": "my.cfg", "value": ""}]}]}
    body = {"task": task_id, "configuration": ["my.cfg", "nope"]}
    assert await world.call("tasks.delete_configuration", body) == {"deleted": 1}
    replace = {"task": task_id, "configuration": [{"name": "Other", "value": "v"}], "replace_configuration": True}
    await world.call("tasks.edit_configuration", replace)
    got = await world.call("tasks.get_configurations", {"tasks": [task_id]})
    assert got["configurations"][0]["configuration"] == [{"name": "Other", "value": "v"}]


async def test_reads_and_writes_are_refused_across_companies(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.get_hyper_params", {"tasks": [task_id]}, identity=EVE)) == (400, 101)
    body = {"task": task_id, "configuration": [{"name": "x", "value": "1"}]}
    assert codes(await world.fails("tasks.edit_configuration", body, identity=EVE)) == (400, 101)
    assert world.tasks.docs[task_id]["configuration"] == {}

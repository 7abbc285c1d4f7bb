"""``projects.update``, ``validate_delete`` and ``delete`` over the in-memory repositories."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def names(world: World) -> list[str]:
    return sorted(p["name"] for p in world.projects.docs.values())


async def test_renaming_a_project_renames_its_children(world):
    team = await world.new_project("team/vision")
    await world.new_project("team/vision/det")
    result = await world.call("projects.update", {"project": team, "name": "team/sight", "description": "d"})
    assert result == {"updated": 1, "fields": {"name": "team/sight", "description": "d"}}  # the fields given
    assert await names(world) == ["team", "team/sight", "team/sight/det"]
    assert world.projects.docs[team]["description"] == "d"


async def test_a_rename_may_not_move_or_collide(world):
    a = await world.new_project("a/x")
    await world.new_project("a/y")
    assert codes(await world.fails("projects.update", {"project": a, "name": "b/x"})) == (400, 408)
    assert codes(await world.fails("projects.update", {"project": a, "name": "a/y"})) == (400, 801)
    assert codes(await world.fails("projects.update", {"project": a, "name": "a/z"}, identity=EVE)) == (400, 401)
    assert await names(world) == ["a", "a/x", "a/y"]


async def test_validate_delete_counts_tasks_and_models_below(world):
    top = await world.new_project("top")
    sub = await world.new_project("top/sub")
    await world.new_task(project=top)
    archived = await world.new_task(project=sub)
    await world.call("tasks.archive", {"tasks": [archived]})
    await world.call("models.create", {"name": "m", "uri": "u", "project": sub})
    result = await world.call("projects.validate_delete", {"project": top})
    assert (result["tasks"], result["non_archived_tasks"], result["models"], result["non_archived_models"]) == (2, 1, 1, 1)


async def test_delete_refuses_with_contents_unless_forced(world):
    top = await world.new_project("top")
    sub = await world.new_project("top/sub")
    task_id = await world.new_task(project=sub)
    assert codes(await world.fails("projects.delete", {"project": top})) == (400, 402)
    result = await world.call("projects.delete", {"project": top, "force": True})
    assert result["deleted"] == 2 and result["disassociated_tasks"] == 1
    assert world.projects.docs == {} and world.tasks.docs[task_id]["project"] is None


async def test_delete_contents_deletes_tasks_and_models(world):
    top = await world.new_project("top")
    await world.new_task(project=top)
    await world.call("models.create", {"name": "m", "uri": "u", "project": top})
    assert codes(await world.fails("projects.delete", {"project": top, "delete_contents": True})) == (400, 402)
    result = await world.call("projects.delete", {"project": top, "force": True, "delete_contents": True})
    assert (result["deleted_tasks"], result["deleted_models"]) == (1, 1)
    assert world.tasks.docs == {} and world.models.docs == {}

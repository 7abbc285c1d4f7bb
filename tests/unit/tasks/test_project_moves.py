"""``projects.move`` and ``projects.merge``: names and paths of the subtree follow."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import World, codes


@pytest.fixture
def world() -> World:
    return World()


def by_name(world: World) -> dict[str, dict]:
    return {p["name"]: p for p in world.projects.docs.values()}


async def test_move_a_subtree_under_a_new_parent(world):
    a = await world.new_project("a")
    ab = await world.new_project("a/b")
    abc = await world.new_project("a/b/c")
    assert await world.call("projects.move", {"project": ab, "new_location": "x/y"}) == {"moved": 2}
    names = by_name(world)
    assert set(names) == {"a", "x", "x/y", "x/y/b", "x/y/b/c"}
    x, y = names["x"]["_id"], names["x/y"]["_id"]
    assert world.projects.docs[ab]["parent"] == y and world.projects.docs[ab]["path"] == [x, y]
    assert world.projects.docs[abc]["path"] == [x, y, ab] and world.projects.docs[abc]["parent"] == ab
    assert await world.call("projects.move", {"project": ab, "new_location": ""}) == {"moved": 2}
    assert world.projects.docs[abc]["name"] == "b/c" and world.projects.docs[abc]["path"] == [ab]
    assert world.projects.docs[ab]["parent"] is None and a in world.projects.docs


async def test_move_refuses_under_itself_and_name_clashes(world):
    ab = await world.new_project("a/b")
    await world.new_project("z/b")
    assert codes(await world.fails("projects.move", {"project": ab, "new_location": "a/b/c"})) == (400, 411)
    assert codes(await world.fails("projects.move", {"project": ab, "new_location": "z"})) == (400, 801)


async def test_merge_moves_contents_and_children_then_deletes(world):
    src = await world.new_project("src")
    child = await world.new_project("src/kid")
    dst = await world.new_project("dst")
    task_id = await world.new_task(project=src)
    await world.call("models.create", {"name": "m", "uri": "u", "project": src})
    result = await world.call("projects.merge", {"project": src, "destination_project": dst})
    assert result == {"moved_entities": 2, "moved_projects": 1}
    assert src not in world.projects.docs and world.tasks.docs[task_id]["project"] == dst
    assert world.projects.docs[child]["name"] == "dst/kid" and world.projects.docs[child]["path"] == [dst]
    assert codes(await world.fails("projects.merge", {"project": dst, "destination_project": dst})) == (400, 410)
    assert codes(await world.fails("projects.merge", {"project": dst, "destination_project": child})) == (400, 412)


async def test_move_to_the_same_place_or_too_deep_is_refused_before_anything_is_made(world):
    ab = await world.new_project("a/b")
    await world.new_project("a/b/c")
    assert codes(await world.fails("projects.move", {"project": ab, "new_location": "a"})) == (400, 410)
    deep = "/".join(f"l{n}" for n in range(9))  # b and c would be 10 and 11 levels deep
    assert codes(await world.fails("projects.move", {"project": ab, "new_location": deep})) == (400, 409)
    assert sorted(by_name(world)) == ["a", "a/b", "a/b/c"]


async def test_merge_without_destination_leaves_archived_contents(world):
    src = await world.new_project("src")
    kid = await world.new_project("src/kid")
    kept, archived = await world.new_task(project=src), await world.new_task(project=src)
    await world.call("tasks.archive", {"tasks": [archived]})
    assert await world.call("projects.merge", {"project": src}) == {"moved_entities": 1, "moved_projects": 1}
    assert world.tasks.docs[kept]["project"] is None and world.tasks.docs[archived]["project"] == src
    assert world.projects.docs[kid]["name"] == "kid" and world.projects.docs[kid]["path"] == []

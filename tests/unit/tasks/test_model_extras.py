"""``models.get_all_ex``, ``get_by_id_ex``, ``move`` and ``update_tags`` over the in-memory
repositories."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def new_model(world: World, identity=None, **fields) -> str:
    body = {"name": "net", "uri": "http://files/net.pt", **fields}
    return (await world.call("models.create", body, **({"identity": identity} if identity else {})))["id"]


async def test_get_all_ex_filters_replace_the_plain_ones_and_stats_count_labels(world):
    a = await new_model(world, name="a", tags=["x", "y"], labels={"cat": 1, "dog": 2})
    b = await new_model(world, name="b", tags=["x"])
    c = await new_model(world, name="c", tags=[])
    both = await world.call("models.get_all_ex", {"filters": {"tags": {"all": {"include": ["x", "y"]}}},
                                                  "tags": ["nope"], "only_fields": ["name"], "include_stats": True})
    assert both["models"] == [{"id": a, "name": "a", "stats": {"labels_count": 2}}]
    empty_or_y = await world.call("models.get_all_ex", {"filters": {"tags": {"any": {"include": [None, "y"]}}},
                                                        "order_by": ["name"], "only_fields": ["id"]})
    assert [m["id"] for m in empty_or_y["models"]] == [a, c]
    plain = await world.call("models.get_all_ex", {"tags": ["-y"], "order_by": ["name"], "only_fields": ["id"]})
    assert [m["id"] for m in plain["models"]] == [b, c]


async def test_get_all_ex_allow_public_false_leaves_public_models_out(world):
    mine = await new_model(world, name="mine")
    public = await new_model(world, name="shared")
    await world.call("models.make_public", {"ids": [public]})
    listed = await world.call("models.get_all_ex", {"only_fields": ["id"], "order_by": ["name"]})
    assert [m["id"] for m in listed["models"]] == [mine, public]
    own = await world.call("models.get_all_ex", {"only_fields": ["id"], "allow_public": False})
    assert [m["id"] for m in own["models"]] == [mine]


async def test_get_by_id_ex_needs_ids_and_keeps_the_company_wall(world):
    mine = await new_model(world)
    theirs = await new_model(world, identity=EVE)
    found = await world.call("models.get_by_id_ex", {"id": [mine, theirs], "only_fields": ["name"]})
    assert found == {"models": [{"id": mine, "name": "net"}]}
    assert codes(await world.fails("models.get_by_id_ex", {"name": "net"})) == (400, 11)


async def test_move_to_a_named_project_creates_it_and_null_moves_out(world):
    source = await world.new_project("src")
    ids = [await new_model(world, project=source), await new_model(world)]
    moved = await world.call("models.move", {"ids": ids, "project_name": "dest/sub"})
    created = world.projects.docs[moved["project_id"]]
    assert created["name"] == "dest/sub" and created["company"] == "acme"
    assert {world.models.docs[i]["project"] for i in ids} == {moved["project_id"]}
    assert await world.call("models.move", {"ids": ids[:1], "project": source}) == {"project_id": source}
    assert await world.call("models.move", {"ids": ids[:1], "project": None}) == {"project_id": None}
    assert world.models.docs[ids[0]]["project"] is None
    assert codes(await world.fails("models.move", {"ids": ids})) == (400, 11)
    assert codes(await world.fails("models.move", {"ids": ids, "project": "nope"})) == (400, 401)


async def test_move_moves_the_callers_own_models_and_skips_the_others(world):
    mine = await new_model(world)
    theirs = await new_model(world, identity=EVE)
    target = await world.new_project("t")
    moved = await world.call("models.move", {"ids": [mine, theirs, "nope"], "project": target})
    assert moved == {"project_id": target}
    assert world.models.docs[mine]["project"] == target and world.models.docs[theirs].get("project") is None


async def test_update_tags_adds_then_removes_on_own_models_only(world):
    mine = await new_model(world, tags=["old"])
    theirs = await new_model(world, identity=EVE, tags=["old"])
    body = {"ids": [mine, theirs], "add_tags": ["new"], "remove_tags": ["old"]}
    result = await world.call("models.update_tags", body)
    assert result == {"updated": 2}  # ClearML counts the model once per step
    assert world.models.docs[mine]["tags"] == ["new"] and world.models.docs[theirs]["tags"] == ["old"]
    assert codes(await world.fails("models.update_tags", {"ids": [mine]})) == (400, 12)
    assert codes(await world.fails("models.update_tags", {"ids": [], "add_tags": ["x"]})) == (400, 12)
    both = {"ids": [mine], "add_tags": ["x"], "remove_tags": ["x"]}
    assert await world.call("models.update_tags", both) == {"updated": 2}
    assert world.models.docs[mine]["tags"] == ["new"]  # added, then removed again

"""Scrolling ``get_all`` / ``get_all_ex`` results with ``scroll_id``/``size``/``refresh_scroll``."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def test_a_scroll_walks_the_results_in_windows(world):
    made = []
    for n in range(5):
        made.append(await world.new_task(name=f"t{n}"))
        world.clock.advance()
    first = await world.call("tasks.get_all_ex", {"scroll_id": None, "size": 2, "only_fields": ["name"]})
    assert [t["name"] for t in first["tasks"]] == ["t0", "t1"]
    scroll = first["scroll_id"]
    second = await world.call("tasks.get_all_ex", {"size": 2, "scroll_id": scroll, "only_fields": ["name"]})
    assert [t["name"] for t in second["tasks"]] == ["t2", "t3"] and second["scroll_id"] == scroll
    third = await world.call("tasks.get_all", {"size": 2, "scroll_id": scroll, "only_fields": ["name"]})
    assert [t["name"] for t in third["tasks"]] == ["t4"]
    done = await world.call("tasks.get_all_ex", {"size": 2, "scroll_id": scroll})
    assert done["tasks"] == []
    world.tasks.docs[made[0]]["name"] = "renamed"
    again = await world.call("tasks.get_all_ex", {"scroll_id": scroll, "refresh_scroll": True, "size": 2,
                                                  "only_fields": ["name"]})
    assert [t["name"] for t in again["tasks"]] == ["renamed", "t1", "t2", "t3", "t4"]


async def test_a_refreshed_new_scroll_returns_the_first_page(world):
    for n in range(3):
        await world.new_task(name=f"t{n}")
        world.clock.advance()
    body = {"scroll_id": None, "refresh_scroll": True, "size": 2, "only_fields": ["name"]}
    first = await world.call("tasks.get_all_ex", body)
    assert [t["name"] for t in first["tasks"]] == ["t0", "t1"]
    rest = await world.call("tasks.get_all_ex", {**body, "scroll_id": first["scroll_id"], "refresh_scroll": False})
    assert [t["name"] for t in rest["tasks"]] == ["t2"]


async def test_only_a_request_naming_scroll_id_scrolls_and_it_needs_a_size(world):
    for n in range(3):
        await world.new_task(name=f"t{n}")
    unscrolled = await world.call("tasks.get_all_ex", {"size": 1})
    assert "scroll_id" not in unscrolled and len(unscrolled["tasks"]) == 3
    assert codes(await world.fails("tasks.get_all_ex", {"scroll_id": None})) == (400, 12)


async def test_unknown_or_foreign_scrolls_are_400_1104(world):
    await world.new_task()
    scroll = (await world.call("tasks.get_all_ex", {"scroll_id": None, "size": 1}))["scroll_id"]
    assert codes(await world.fails("tasks.get_all_ex", {"scroll_id": "nope", "size": 1})) == (400, 1104)
    assert codes(await world.fails("tasks.get_all_ex", {"scroll_id": scroll, "size": 1}, identity=EVE)) == (400, 1104)
    assert codes(await world.fails("models.get_all", {"scroll_id": scroll, "size": 1})) == (400, 1104)


async def test_projects_and_models_scroll_too(world):
    for name in ("a", "b", "c"):
        await world.new_project(name)
        await world.call("models.create", {"name": name, "uri": "u"})
    page = await world.call("projects.get_all", {"scroll_id": None, "size": 2, "order_by": ["name"],
                                                 "only_fields": ["name"]})
    rest = await world.call("projects.get_all", {"scroll_id": page["scroll_id"], "size": 2, "order_by": ["name"],
                                                 "only_fields": ["name"]})
    assert [p["name"] for p in page["projects"] + rest["projects"]] == ["a", "b", "c"]
    models = await world.call("models.get_all", {"scroll_id": None, "size": 5})
    assert len(models["models"]) == 3 and models["scroll_id"]


async def test_without_scroll_nothing_changes_and_filters_apply(world):
    await world.new_task()
    answer = await world.call("tasks.get_all_ex", {})
    assert "scroll_id" not in answer and len(answer["tasks"]) == 1
    filtered = await world.call("tasks.get_all_ex", {"filters": {"tags": {"any": {"include": ["x"]}}}})
    assert filtered["tasks"] == []
    # ClearML ignores a field that is not a list field in ``filters``, but not a bad spec.
    ignored = await world.call("tasks.get_all_ex", {"filters": {"script": {"any": {"include": ["x"]}}}})
    assert len(ignored["tasks"]) == 1
    assert codes(await world.fails("tasks.get_all_ex", {"filters": {"tags": {"every": ["x"]}}})) == (400, 12)
    by_id = await world.call("tasks.get_by_id_ex", {"id": [answer["tasks"][0]["id"]], "only_fields": ["name"]})
    assert by_id["tasks"][0]["name"] == "train"


async def test_projects_get_all_ex_scrolls_as_the_web_ui_asks(world):
    for name in ("a", "b", "c"):
        await world.new_project(name)
    body = {"scroll_id": None, "refresh_scroll": True, "size": 2, "order_by": ["name"], "only_fields": ["name"]}
    first = await world.call("projects.get_all_ex", body)
    rest = await world.call("projects.get_all_ex", {**body, "scroll_id": first["scroll_id"], "refresh_scroll": False})
    assert [p["name"] for p in first["projects"] + rest["projects"]] == ["a", "b", "c"]

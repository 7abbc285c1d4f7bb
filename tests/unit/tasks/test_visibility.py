"""``make_public`` / ``make_private`` of tasks, projects and models: public entities are read
by every company and written by none; only the company that published one takes it back."""

from __future__ import annotations

import pytest

from services.tasks.store.criteria import visibility_update
from services.tasks.visibility import owned_ids
from tests.unit.tasks.world import EVE, T0, World, codes


@pytest.fixture
def world() -> World:
    return World()


def test_only_own_entities_go_public_and_only_the_origin_takes_them_back():
    docs = [{"_id": "own", "company": "acme"}, {"_id": "pub", "company": "", "company_origin": "acme"},
            {"_id": "other", "company": "", "company_origin": "evil-corp"}, {"_id": "x", "company": "evil-corp"}]
    assert owned_ids(docs, "acme", public=True) == {"own"}
    assert owned_ids(docs, "acme", public=False) == {"pub"}
    assert visibility_update("acme", True, "alice", T0)["$set"]["company_origin"] == "acme"
    assert visibility_update("acme", False, "alice", T0)["$unset"] == {"company_origin": ""}


async def test_a_public_task_is_read_by_all_written_by_none_and_taken_back(world):
    task_id = await world.new_task(name="shared")
    assert await world.call("tasks.make_public", {"ids": [task_id]}) == {"updated": 1}
    assert world.tasks.docs[task_id]["company"] == "" and world.tasks.docs[task_id]["company_origin"] == "acme"
    seen = await world.call("tasks.get_all", {"id": [task_id], "only_fields": ["name"]}, identity=EVE)
    assert seen["tasks"] == [{"id": task_id, "name": "shared"}]
    assert codes(await world.fails("tasks.edit", {"task": task_id, "name": "x"}, identity=EVE)) == (403, 21)
    assert codes(await world.fails("tasks.make_private", {"ids": [task_id]}, identity=EVE)) == (400, 101)
    assert codes(await world.fails("tasks.make_public", {"ids": [task_id]})) == (400, 101)
    assert await world.call("tasks.make_private", {"ids": [task_id]}) == {"updated": 1}
    assert world.tasks.docs[task_id]["company"] == "acme" and "company_origin" not in world.tasks.docs[task_id]
    assert (await world.call("tasks.get_all", {"id": [task_id]}, identity=EVE))["tasks"] == []


async def test_one_foreign_id_refuses_the_whole_call(world):
    mine = await world.new_task()
    theirs = await world.new_task(identity=EVE)
    error = await world.fails("tasks.make_public", {"ids": [mine, theirs]})
    assert codes(error) == (400, 101) and error.to_dict()["data"]["ids"] == [theirs]
    assert world.tasks.docs[mine]["company"] == "acme" and world.tasks.docs[theirs]["company"] == "evil-corp"
    assert codes(await world.fails("tasks.make_public", {})) == (400, 12)  # ClearML needs an id


async def test_public_projects_and_models(world):
    project = await world.new_project("p")
    model = (await world.call("models.create", {"name": "m", "uri": "u"}))["id"]
    assert await world.call("projects.make_public", {"ids": [project]}) == {"updated": 1}
    assert await world.call("models.make_public", {"ids": [model]}) == {"updated": 1}
    assert (await world.call("projects.get_by_id", {"project": project}, identity=EVE))["project"]["name"] == "p"
    assert (await world.call("models.get_by_id", {"model": model}, identity=EVE))["model"]["name"] == "m"
    # clearml-server looks a model to write up in the caller's company only: a public one is unknown
    assert codes(await world.fails("models.update", {"model": model, "name": "x"}, identity=EVE)) == (400, 201)
    assert codes(await world.fails("projects.make_private", {"ids": [project]}, identity=EVE)) == (400, 401)
    assert codes(await world.fails("models.make_private", {"ids": [model]}, identity=EVE)) == (400, 201)
    assert await world.call("models.make_private", {"ids": [model]}) == {"updated": 1}
    assert codes(await world.fails("models.get_by_id", {"model": model}, identity=EVE)) == (400, 201)


async def test_a_project_name_taken_on_the_other_side_refuses_the_move(world):
    project = await world.new_project("same")
    again = await world.new_project("same", identity=EVE)
    assert await world.call("projects.make_public", {"ids": [project]}) == {"updated": 1}
    error = await world.fails("projects.make_public", {"ids": [again]}, identity=EVE)
    assert codes(error) == (400, 801)
    assert world.projects.docs[again]["company"] == "evil-corp"


async def test_a_name_collision_moves_none_of_the_projects(world):
    free = await world.new_project("free", identity=EVE)
    taken = await world.new_project("same", identity=EVE)
    await world.call("projects.make_public", {"ids": [await world.new_project("same")]})
    assert codes(await world.fails("projects.make_public", {"ids": [free, taken]}, identity=EVE)) == (400, 801)
    assert world.projects.docs[free]["company"] == "evil-corp"

"""``projects.get_model_metadata_keys`` / ``_values``, ``get_project_tags``,
``get_user_names``, ``get_hyperparam_values`` and ``tasks.validate`` over the in-memory
repositories."""

from __future__ import annotations

import pytest

from services.tasks.projects.meta import matching, page_of
from shared.messaging.envelopes import Identity
from tests.unit.tasks.world import BOB, EVE, World, codes

NAMED_ALICE = Identity(company="acme", user="alice", user_name="Alice A.")


@pytest.fixture
def world() -> World:
    return World()


def test_paging_and_pattern_rules():
    # clearml-server counts after paging: total is the page's length, remaining 0
    assert page_of(["a", "b", "c"], 1, 2) == (["c"], 1, 0)
    assert page_of(["a", "b", "c"], 0, 2) == (["a", "b"], 2, 0)
    assert page_of(["a", "b", "c"], -1, 0) == (["a"], 1, 0)
    # its numeric collation: numbers by value before words, case apart only on a tie
    assert matching([3, "B", "a", "b", "10", "9", "-1"], None) == ["-1", "3", "9", "10", "a", "b", "B"]
    assert matching(["Adam", "sgd", "adamw"], "^ADAM") == ["Adam", "adamw"]


async def metadata(world, model_id, **items):
    body = [{"key": k, "type": "str", "value": v} for k, v in items.items()]
    await world.call("models.add_or_update_metadata", {"model": model_id, "metadata": body})


async def test_metadata_keys_and_values_of_the_projects_models(world):
    top = await world.new_project("top")
    sub = await world.new_project("top/sub")
    other = await world.new_project("other")
    ids = [(await world.call("models.create", {"name": f"m{n}", "uri": "u", "project": p}))["id"]
           for n, p in enumerate((top, sub, other))]
    await metadata(world, ids[0], **{"acc.top1": "0.9", "epochs": "3"})
    await metadata(world, ids[1], **{"acc.top1": "0.8"})
    await metadata(world, ids[2], **{"secret": "x", "acc.top1": "0.1"})
    keys = await world.call("projects.get_model_metadata_keys", {"project": top, "page_size": 1})
    assert keys == {"keys": ["acc.top1"], "total": 1, "remaining": 0}
    alone = await world.call("projects.get_model_metadata_keys", {"project": top, "include_subprojects": False})
    assert alone["keys"] == ["acc.top1", "epochs"]
    values = await world.call("projects.get_model_metadata_values", {"key": "acc.top1", "projects": [top]})
    assert values == {"total": 2, "values": ["0.8", "0.9"]}
    everywhere = await world.call("projects.get_model_metadata_values", {"key": "acc.top1"})
    assert everywhere["total"] == 3
    assert (await world.call("projects.get_model_metadata_values", {"key": "acc.top1"}, identity=EVE))["total"] == 0


async def test_hyperparam_values_with_pattern_and_scope(world):
    project = await world.new_project("p")
    for value in ("Adam", "sgd", "adamw", "Adam"):
        params = {"Args": {"opt.name": {"section": "Args", "name": "opt.name", "value": value}}}
        await world.new_task(project=project, hyperparams=params)
    await world.new_task(hyperparams={"Args": {"opt.name": {"section": "Args", "name": "opt.name", "value": "rms"}}})
    body = {"section": "Args", "name": "opt.name", "projects": [project]}
    assert await world.call("projects.get_hyperparam_values", body) == {"total": 3, "values": ["Adam", "adamw", "sgd"]}
    assert (await world.call("projects.get_hyperparam_values", {**body, "pattern": "^adam"}))["values"] == [
        "Adam", "adamw"]
    assert (await world.call("projects.get_hyperparam_values", {"section": "Args", "name": "opt.name"}))["total"] == 4
    assert codes(await world.fails("projects.get_hyperparam_values", {**body, "pattern": "("})) == (400, 21)
    assert codes(await world.fails("projects.get_hyperparam_values", {"section": "Args"})) == (400, 12)


async def test_project_tags_are_the_projects_own(world):
    top = await world.new_project("top", tags=["t1"], system_tags=["s1"])
    await world.new_project("top/sub", tags=["t2"])
    await world.new_project("else", tags=["t3"])
    await world.new_project("theirs", identity=EVE, tags=["evil"])
    await world.new_task(project=top, tags=["task-tag"])
    assert await world.call("projects.get_project_tags", {}) == {"tags": ["t1", "t2", "t3"], "system_tags": []}
    scoped = await world.call("projects.get_project_tags", {"projects": [top], "include_system": True})
    assert scoped == {"tags": ["t1", "t2"], "system_tags": ["s1"]}
    narrowed = await world.call("projects.get_project_tags", {"filter": {"tags": ["t2", "t3"]}})
    assert narrowed == {"tags": ["t2", "t3"], "system_tags": []}


async def test_user_names_of_task_and_model_owners(world):
    project = await world.new_project("p")
    await world.new_task(identity=NAMED_ALICE, project=project)
    await world.new_task(identity=BOB, project=project)
    await world.new_task(identity=EVE)
    users = await world.call("projects.get_user_names", {"projects": [project]}, identity=NAMED_ALICE)
    assert users == {"users": [{"id": "bob", "name": None}, {"id": "alice", "name": "Alice A."}]}
    model_id = (await world.call("models.create", {"name": "m", "uri": "u", "project": project}, identity=BOB))["id"]
    world.models.docs[model_id]["user_name"] = "Bob B."
    by_model = await world.call("projects.get_user_names", {"entity": "model"})
    assert by_model == {"users": [{"id": "bob", "name": "Bob B."}]}


async def test_validate_checks_references_and_stores_nothing(world):
    project = await world.new_project("p")
    model_id = (await world.call("models.create", {"name": "m", "uri": "u"}))["id"]
    inputs = {"input": [{"model": model_id, "name": "in"}]}
    body = {"name": "t", "type": "training", "project": project, "models": inputs}
    assert await world.call("tasks.validate", body) == {}
    assert world.tasks.docs == {}
    assert codes(await world.fails("tasks.validate", {**body, "project": "nope"})) == (400, 401)
    assert codes(await world.fails("tasks.validate", {**body, "parent": "nope"})) == (400, 101)
    bad_model = {**body, "models": {"input": [{"model": "nope", "name": "in"}]}}
    assert codes(await world.fails("tasks.validate", bad_model)) == (400, 201)
    assert codes(await world.fails("tasks.validate", {**body, "type": "dataset_import"})) == (400, 12)
    assert codes(await world.fails("tasks.validate", {"name": "t"})) == (400, 12)
    theirs = await world.new_project("q", identity=EVE)
    assert codes(await world.fails("tasks.validate", {**body, "project": theirs})) == (400, 401)
    await world.call("projects.make_public", {"ids": [project]})
    assert codes(await world.fails("tasks.validate", body)) == (403, 21)

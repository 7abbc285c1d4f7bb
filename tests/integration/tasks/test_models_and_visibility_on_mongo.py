"""The models / visibility / project-metadata endpoints and the deletion of a task's output
models over SecantusDB: the queries only a real store can vouch for (``filters`` conditions,
distinct over escaped nested paths, bulk company moves under the unique name index)."""

from __future__ import annotations

import pytest

from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import error_from_exception
from tests.integration.tasks.conftest import mongo_handlers
from tests.unit.tasks.fakes import RecordingFacts

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice", user_name="Alice")
EVE = Identity(company="evil-corp", user="eve")


@pytest.fixture
async def world(mongo_db):
    facts = RecordingFacts()
    handlers = await mongo_handlers(mongo_db, facts=facts)

    async def call(endpoint, payload, identity=ALICE):
        envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
        return await handlers[endpoint](envelope)

    async def fails(endpoint, payload, identity=ALICE) -> tuple[int, int]:
        with pytest.raises(Exception) as err:
            await call(endpoint, payload, identity)
        error: ApiError = error_from_exception(err.value)
        return error.code, error.subcode

    call.fails, call.facts, call.db = fails, facts, mongo_db
    return call


async def test_models_get_all_ex_filters_stats_and_get_by_id_ex(world):
    a = (await world("models.create", {"name": "a", "uri": "u", "tags": ["x", "y"], "labels": {"c": 1}}))["id"]
    b = (await world("models.create", {"name": "b", "uri": "u", "tags": ["x"]}))["id"]
    c = (await world("models.create", {"name": "c", "uri": "u"}))["id"]
    found = await world("models.get_all_ex", {"filters": {"tags": {"any": {"exclude": ["x", "y"]}}},
                                              "order_by": ["name"], "only_fields": ["name"], "include_stats": True})
    assert [(m["id"], m["stats"]) for m in found["models"]] == [(b, {"labels_count": 0}), (c, {"labels_count": 0})]
    not_empty = await world("models.get_all_ex", {"filters": {"tags": {"all": {"exclude": [None]}}},
                                                  "order_by": ["name"], "only_fields": ["id"]})
    assert [m["id"] for m in not_empty["models"]] == [a, b]
    paged = await world("models.get_all_ex", {"size": 2, "order_by": ["name"], "only_fields": ["id"], "scroll_id": None})
    rest = await world("models.get_all_ex", {"size": 2, "order_by": ["name"], "only_fields": ["id"],
                                             "scroll_id": paged["scroll_id"]})
    assert [m["id"] for m in paged["models"] + rest["models"]] == [a, b, c]
    assert [m["id"] for m in (await world("models.get_by_id_ex", {"id": [c, a]}))["models"]] == [a, c]


async def test_models_move_and_update_tags(world):
    ids = [(await world("models.create", {"name": f"m{n}", "uri": "u"}))["id"] for n in range(2)]
    theirs = (await world("models.create", {"name": "t", "uri": "u"}, EVE))["id"]
    moved = await world("models.move", {"ids": ids, "project_name": "new/place"})
    listed = await world("models.get_all", {"project": [moved["project_id"]], "only_fields": ["id"]})
    assert sorted(m["id"] for m in listed["models"]) == sorted(ids)
    # as in ClearML, another company's model is skipped, not refused
    assert await world("models.move", {"ids": [theirs], "project": moved["project_id"]}) == moved
    assert "project" not in (await world("models.get_by_id", {"model": theirs}, EVE))["model"]
    assert await world("models.update_tags", {"ids": [*ids, theirs], "add_tags": ["a", "b"]}) == {"updated": 2}
    assert await world("models.update_tags", {"ids": ids, "remove_tags": ["a"]}) == {"updated": 2}
    assert (await world("models.get_by_id", {"model": ids[0]}))["model"]["tags"] == ["b"]
    assert (await world("models.get_by_id", {"model": theirs}, EVE))["model"]["tags"] == []


async def test_make_public_and_private_for_every_kind(world):
    project = (await world("projects.create", {"name": "p"}))["id"]
    task = (await world("tasks.create", {"name": "t", "type": "training"}))["id"]
    model = (await world("models.create", {"name": "m", "uri": "u"}))["id"]
    for service, entity in (("projects", project), ("tasks", task), ("models", model)):
        assert await world(f"{service}.make_public", {"ids": [entity]}) == {"updated": 1}
    shared = await world("projects.get_all", {"id": [project], "only_fields": ["name"]}, EVE)
    assert shared["projects"][0]["name"] == "p"
    assert (await world("tasks.get_by_id", {"task": task}, EVE))["task"]["name"] == "t"
    assert (await world("models.get_all", {"id": [model], "only_fields": ["id"]}, EVE))["models"] == [{"id": model}]
    assert await world.fails("tasks.edit", {"task": task, "name": "x", "force": True}, EVE) == (403, 21)
    assert await world.fails("tasks.make_private", {"ids": [task]}, EVE) == (400, 101)
    assert await world.fails("projects.make_private", {"ids": [project]}, EVE) == (400, 401)
    assert await world.fails("models.make_private", {"ids": [model]}, EVE) == (400, 201)
    for service, entity in (("projects", project), ("tasks", task), ("models", model)):
        assert await world(f"{service}.make_private", {"ids": [entity]}) == {"updated": 1}
    assert await world.fails("tasks.get_by_id", {"task": task}, EVE) == (400, 101)
    assert (await world.db["task"].find_one({"_id": task}))["company"] == "acme"


async def test_a_public_project_name_collision_is_refused_by_the_unique_index(world):
    mine = (await world("projects.create", {"name": "same"}))["id"]
    free = (await world("projects.create", {"name": "a-free-name"}, EVE))["id"]
    theirs = (await world("projects.create", {"name": "same"}, EVE))["id"]
    await world("projects.make_public", {"ids": [mine]})
    assert await world.fails("projects.make_public", {"ids": [free, theirs]}, EVE) == (400, 801)
    for project in (free, theirs):
        assert (await world.db["project"].find_one({"_id": project}))["company"] == "evil-corp"


async def test_project_metadata_tags_users_and_hyperparam_values(world):
    top = (await world("projects.create", {"name": "top", "tags": ["pt"]}))["id"]
    sub = (await world("projects.create", {"name": "top/sub", "tags": ["st"], "system_tags": ["hidden"]}))["id"]
    for n, (project, value) in enumerate(((top, "0.9"), (sub, "0.8"))):
        model = (await world("models.create", {"name": f"m{n}", "uri": "u", "project": project}))["id"]
        await world("models.add_or_update_metadata", {"model": model, "metadata": [
            {"key": "acc.top1", "type": "float", "value": value}, {"key": f"k$.{n}", "type": "str", "value": "v"}]})
        params = {"Args": {"lr.x": {"section": "Args", "name": "lr.x", "value": f"0.{n}"}}}
        await world("tasks.create", {"name": f"t{n}", "type": "training", "project": project, "hyperparams": params})
    keys = await world("projects.get_model_metadata_keys", {"project": top})
    assert keys == {"keys": ["acc.top1", "k$.0", "k$.1"], "total": 3, "remaining": 0}
    values = await world("projects.get_model_metadata_values", {"key": "acc.top1", "projects": [top]})
    assert values == {"total": 2, "values": ["0.8", "0.9"]}
    hyper = await world("projects.get_hyperparam_values", {"section": "Args", "name": "lr.x", "projects": [top],
                                                           "pattern": "1$"})
    assert hyper == {"total": 1, "values": ["0.1"]}
    tags = await world("projects.get_project_tags", {"projects": [top], "include_system": True})
    assert tags == {"tags": ["pt", "st"], "system_tags": ["hidden"]}
    users = await world("projects.get_user_names", {"projects": [top]})
    assert users == {"users": [{"id": "alice", "name": "Alice"}]}
    assert (await world("projects.get_user_names", {"projects": [top]}, EVE))["users"] == []


async def test_validate_and_delete_with_output_models(world):
    project = (await world("projects.create", {"name": "p"}))["id"]
    assert await world("tasks.validate", {"name": "t", "type": "training", "project": project}) == {}
    assert await world.fails("tasks.validate", {"name": "t", "type": "training", "project": "nope"}) == (400, 401)
    task = (await world("tasks.create", {"name": "t", "type": "training", "project": project}))["id"]
    made = await world("models.update_for_task", {"task": task, "uri": "http://files/w.bin"})
    used = (await world("models.create", {"name": "u", "uri": "http://files/u.bin", "task": task,
                                          "ready": False}))["id"]
    await world("tasks.create", {"name": "user", "type": "training", "models": {"input": [{"model": used,
                                                                                            "name": "in"}]}})
    theirs = (await world("tasks.create", {"name": "x", "type": "training"}, EVE))["id"]
    assert await world.fails("tasks.delete", {"task": theirs, "force": True}) == (400, 101)
    result = await world("tasks.delete", {"task": task, "return_file_urls": True})
    assert (result["deleted_models"], result["urls"]["model_urls"]) == (1, ["http://files/w.bin"])
    assert (await world("models.get_all", {"id": [made["id"], used], "only_fields": ["id"]}))["models"] == [
        {"id": used}]
    assert "task" not in await world.db["model"].find_one({"_id": used})
    assert [f["type"] for f in world.facts.published] == ["ModelDeleted", "TaskDeleted"]

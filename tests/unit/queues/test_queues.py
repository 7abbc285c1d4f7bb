"""``queues.*`` on queue objects, through the real handler table over in-memory fakes."""

import pytest
from pydantic import ValidationError

from tests.unit.queues.world import ALICE, EVE, World


@pytest.fixture
def world():
    return World()


async def test_create_then_read_back(world):
    created = await world.call("queues.create", {"name": " gpu ", "tags": ["b", "a", "b"], "display_name": "GPU"})
    queue = (await world.call("queues.get_by_id", {"queue": created["id"]}))["queue"]
    assert queue["name"] == "gpu"
    assert queue["tags"] == ["a", "b"]
    assert queue["display_name"] == "GPU"
    assert queue["entries"] == [] and queue["company"] == "acme" and "user" not in queue  # ClearML's queue has none
    assert queue["created"] == "2024-05-01T12:00:00+00:00"


async def test_names_must_be_three_characters_and_unique_in_the_company(world):
    assert await world.error("queues.create", {"name": "ab"}) == (400, 12)
    await world.queue("gpu")
    assert await world.error("queues.create", {"name": "gpu"}) == (400, 801)
    await world.queue("gpu", identity=EVE)  # another company may use it


async def test_a_missing_name_is_a_validation_error(world):
    with pytest.raises(ValidationError):
        await world.call("queues.create", {})


async def test_another_company_sees_nothing(world):
    queue_id = await world.queue("gpu", tasks=("t1",))
    assert await world.error("queues.get_by_id", {"queue": queue_id}, EVE) == (400, 701)
    assert await world.error("queues.add_task", {"queue": queue_id, "task": "t9"}, EVE) == (400, 701)
    assert await world.error("queues.get_next_task", {"queue": queue_id}, EVE) == (400, 701)
    assert await world.error("queues.delete", {"queue": queue_id, "force": True}, EVE) == (400, 701)
    names = [q["name"] for q in (await world.call("queues.get_all", {}, EVE))["queues"]]
    assert "gpu" not in names
    assert await world.tasks_in(queue_id) == ["t1"]


async def test_the_default_queue_is_created_on_first_need_once(world):
    default = await world.call("queues.get_default")
    assert default["name"] == "default"
    assert await world.call("queues.get_default") == default
    queues = (await world.call("queues.get_all"))["queues"]
    assert [(q["id"], q["system_tags"]) for q in queues] == [(default["id"], ["default"])]
    assert (await world.call("queues.get_default", identity=EVE))["id"] != default["id"]


async def test_no_default_queue_when_it_was_deleted(world):
    default = await world.call("queues.get_default")
    await world.call("queues.delete", {"queue": default["id"]})
    assert await world.error("queues.get_default") == (400, 707)


async def test_several_default_queues_are_an_error(world):
    await world.call("queues.get_default")
    await world.call("queues.create", {"name": "second", "system_tags": ["default"]})
    assert await world.error("queues.get_default") == (400, 708)


async def test_get_all_filters_hides_and_projects(world):
    await world.call("queues.create", {"name": "gpu-a", "tags": ["fast"]})
    await world.call("queues.create", {"name": "gpu-b"})
    hidden = (await world.call("queues.create", {"name": "glue", "system_tags": ["k8s-glue"]}))["id"]
    names = lambda r: [q["name"] for q in r["queues"]]  # noqa: E731
    assert names(await world.call("queues.get_all", {"name": "^gpu"})) == ["gpu-a", "gpu-b"]
    assert names(await world.call("queues.get_all", {"tags": ["fast"]})) == ["gpu-a"]
    assert "glue" not in names(await world.call("queues.get_all"))
    assert "glue" in names(await world.call("queues.get_all", {"search_hidden": True}))
    assert names(await world.call("queues.get_all", {"id": [hidden]})) == ["glue"]
    only = (await world.call("queues.get_all", {"name": "gpu-a", "only_fields": ["name"]}))["queues"]
    assert only == [{"id": only[0]["id"], "name": "gpu-a"}]
    assert await world.error("queues.get_all", {"name": "(["}) == (400, 21)


async def test_max_task_entries_caps_the_entries(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2", "t3"))
    queue = (await world.call("queues.get_by_id", {"queue": queue_id, "max_task_entries": 2}))["queue"]
    assert [e["task"] for e in queue["entries"]] == ["t1", "t2"]
    listed = (await world.call("queues.get_all", {"id": [queue_id], "max_task_entries": 1}))["queues"]
    assert [e["task"] for e in listed[0]["entries"]] == ["t1"]


async def test_update_renames_and_reports_fields(world):
    queue_id = await world.queue("gpu")
    await world.queue("cpu")
    result = await world.call("queues.update", {"queue": queue_id, "name": "gpu2", "tags": ["x"]})
    assert result["updated"] == 1 and result["fields"]["name"] == "gpu2" and result["fields"]["tags"] == ["x"]
    assert await world.error("queues.update", {"queue": queue_id, "name": "cpu"}) == (400, 801)
    assert await world.error("queues.update", {"queue": queue_id, "name": "x"}) == (400, 12)
    assert await world.error("queues.update", {"queue": "nope", "name": "abc"}) == (400, 701)
    assert (await world.call("queues.get_by_id", {"queue": queue_id}))["queue"]["name"] == "gpu2"


async def test_delete_needs_force_when_not_empty(world):
    queue_id = await world.queue("gpu", tasks=("t1",))
    assert await world.error("queues.delete", {"queue": queue_id}) == (400, 702)
    assert await world.call("queues.delete", {"queue": queue_id, "force": True}) == {"deleted": 1}
    assert await world.error("queues.get_by_id", {"queue": queue_id}) == (400, 701)
    assert await world.error("queues.delete", {"queue": queue_id}) == (400, 701)


async def test_metadata_add_update_replace_delete_with_dotted_keys(world):
    queue_id = await world.queue("gpu")
    items = [{"key": "a.b", "type": "str", "value": "1"}, {"key": "$c", "value": "2"}]
    assert await world.call("queues.add_or_update_metadata", {"queue": queue_id, "metadata": items}) == {"updated": 1}
    await world.call("queues.add_or_update_metadata", {"queue": queue_id, "metadata": [{"key": "a.b", "value": "3"}]})
    metadata = (await world.call("queues.get_by_id", {"queue": queue_id}))["queue"]["metadata"]
    assert metadata == {"a.b": {"key": "a.b", "type": None, "value": "3"}, "$c": {"key": "$c", "type": None, "value": "2"}}
    await world.call("queues.delete_metadata", {"queue": queue_id, "keys": ["a.b"]})
    assert set((await world.call("queues.get_by_id", {"queue": queue_id}))["queue"]["metadata"]) == {"$c"}
    await world.call("queues.add_or_update_metadata",
                     {"queue": queue_id, "metadata": [{"key": "z", "value": "9"}], "replace_metadata": True})
    assert set((await world.call("queues.get_by_id", {"queue": queue_id}))["queue"]["metadata"]) == {"z"}
    assert await world.error("queues.delete_metadata", {"queue": "nope", "keys": ["z"]}) == (400, 701)


async def test_get_all_ex_lists_the_live_workers_of_each_queue(world):
    queue_id = await world.queue("gpu")
    await world.call("workers.register", {"worker": "agent-1", "queues": [queue_id]})
    await world.call("workers.register", {"worker": "agent-2", "queues": [queue_id], "timeout": 10})
    world.advance(60)
    queues = (await world.call("queues.get_all_ex", {"id": [queue_id]}))["queues"]
    assert [w["name"] for w in queues[0]["workers"]] == ["agent-1"]
    assert ALICE.company in queues[0]["workers"][0]["key"]

"""``internal.enqueue`` / ``internal.dequeue``: what the tasks service will call for
``tasks.enqueue`` / ``tasks.dequeue``."""

import pytest

from services.queues.handlers import _MODELS, ENDPOINTS, HANDLED
from shared.endpoints import IMPLEMENTED
from tests.unit.queues.world import EVE, World


@pytest.fixture
def world():
    return World()


def test_every_endpoint_with_a_request_model_has_a_use_case_and_the_other_way():
    assert set(ENDPOINTS) == set(_MODELS)


def test_internal_actions_are_not_routed_endpoints(world):
    assert {"internal.enqueue", "internal.dequeue"} <= set(world.handlers)
    assert not any(name.startswith("internal.") for name in HANDLED)
    assert not any(name.startswith("internal.") for name in IMPLEMENTED.get("queues", ()))


async def test_enqueue_by_id_moves_the_task_out_of_every_other_queue(world):
    first = await world.queue("first", tasks=("t1", "t2"))
    second = await world.queue("second")
    assert await world.call("internal.enqueue", {"task": "t1", "queue": second}) == {"queue": second}
    assert await world.tasks_in(first) == ["t2"]
    assert await world.tasks_in(second) == ["t1"]
    assert await world.error("internal.enqueue", {"task": "t1", "queue": second}) == (400, 706)
    assert await world.tasks_in(second) == ["t1"]


async def test_enqueue_by_name_creates_the_queue_once(world):
    result = await world.call("internal.enqueue", {"task": "t1", "queue_name": "new-queue"})
    again = await world.call("internal.enqueue", {"task": "t2", "queue_name": "new-queue"})
    assert result == again
    assert await world.tasks_in(result["queue"]) == ["t1", "t2"]


async def test_enqueue_without_a_queue_uses_the_default_queue(world):
    result = await world.call("internal.enqueue", {"task": "t1", "task_user": "bob"})
    assert result["queue"] == (await world.call("queues.get_default"))["id"]
    popped = await world.call("queues.get_next_task", {"queue": result["queue"], "get_task_info": True})
    assert popped["task_info"] == {"company": "acme", "user": "bob"}


async def test_enqueue_into_another_companys_queue_fails(world):
    theirs = await world.queue("theirs", identity=EVE)
    assert await world.error("internal.enqueue", {"task": "t1", "queue": theirs}) == (400, 701)
    assert await world.error("internal.enqueue", {"task": "t1", "queue": "nope"}) == (400, 701)


async def test_dequeue_removes_the_task_everywhere_in_the_company(world):
    first = await world.queue("first", tasks=("t1",))
    second = await world.queue("second", tasks=("t1", "t2"))
    theirs = await world.queue("theirs", identity=EVE, tasks=("t1",))
    assert await world.call("internal.dequeue", {"task": "t1"}) == {"removed": 2}
    assert await world.tasks_in(first) == [] and await world.tasks_in(second) == ["t2"]
    assert await world.tasks_in(theirs, EVE) == ["t1"]
    assert await world.call("internal.dequeue", {"task": "t1"}) == {"removed": 0}


async def test_the_task_name_comes_with_the_enqueue_and_shows_in_get_all_ex(world):
    queue_id = await world.queue("gpu", tasks=("raw",))
    await world.call("internal.enqueue", {"task": "t1", "queue": queue_id, "task_name": "train resnet"})
    [queue] = (await world.call("queues.get_all_ex", {"id": [queue_id]}))["queues"]
    assert [e["task"] for e in queue["entries"]] == [{"id": "raw"}, {"id": "t1", "name": "train resnet"}]
    by_id = (await world.call("queues.get_by_id", {"queue": queue_id}))["queue"]
    assert [e["task"] for e in by_id["entries"]] == ["raw", "t1"]  # get_by_id keeps plain ids, as ClearML
    assert (await world.call("queues.get_next_task", {"queue": queue_id}))["entry"]["task"] == "raw"


async def test_queue_names_answers_the_readable_queues_by_id(world):
    mine = await world.queue("mine")
    theirs = await world.call("queues.create", {"name": "theirs"}, EVE)
    answer = await world.call("internal.queue_names", {"ids": [mine, theirs["id"], "unknown"]})
    assert answer == {"names": {mine: "mine"}}
    assert await world.call("internal.queue_names", {"ids": []}) == {"names": {}}

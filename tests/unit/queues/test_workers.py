"""``workers.*``: registration, reports, expiry computed at read time."""

import pytest

from tests.unit.queues.world import ALICE, BOB, EVE, World


@pytest.fixture
def world():
    return World()


async def names(world, identity=ALICE, **body):
    return [w["id"] for w in (await world.call("workers.get_all", body, identity))["workers"]]


async def test_a_registered_worker_is_listed_with_its_queues(world):
    queue_id = await world.queue("gpu", tasks=("t1", "t2"))
    assert await world.call("workers.register", {"worker": "agent-1", "queues": [queue_id], "tags": ["x"]}) == {}
    [worker] = (await world.call("workers.get_all"))["workers"]
    assert worker["id"] == "agent-1" and worker["tags"] == ["x"]
    assert worker["user"] == {"id": "alice", "name": "Alice"}
    assert worker["company"] == {"id": "acme", "name": "Acme"}
    assert worker["queues"] == [{"id": queue_id, "name": "gpu", "num_tasks": 2,  # no display name: left out
                                 "next_task": {"id": "t1"}}]
    assert worker["register_time"] == "2024-05-01T12:00:00+00:00"
    assert await names(world, EVE) == []


async def test_registering_with_an_unknown_queue_fails(world):
    assert await world.error("workers.register", {"worker": "agent-1", "queues": ["nope"]}) == (400, 701)
    assert await names(world) == []


async def test_a_worker_lapses_after_its_timeout_unless_it_reports(world):
    await world.call("workers.register", {"worker": "agent-1", "timeout": 100})
    world.advance(90)
    await world.call("workers.status_report", {"worker": "agent-1", "timestamp": 1})
    world.advance(90)
    assert await names(world) == ["agent-1"]
    world.advance(20)
    assert await names(world) == []
    assert (await world.call("workers.get_count"))["count"] == 0


async def test_default_timeout_is_600_seconds(world):
    await world.call("workers.register", {"worker": "agent-1"})
    world.advance(599)
    assert await names(world) == ["agent-1"]
    world.advance(2)
    assert await names(world) == []


async def test_last_seen_filters_on_activity(world):
    await world.call("workers.register", {"worker": "old"})
    world.advance(120)
    await world.call("workers.register", {"worker": "new"})
    assert await names(world, last_seen=60) == ["new"]
    assert await names(world) == ["new", "old"]
    assert (await world.call("workers.get_count", {"last_seen": 60}))["count"] == 1


async def test_status_report_registers_an_unknown_worker_and_records_its_task(world):
    queue_id = await world.queue("gpu")
    report = {"worker": "agent-1", "timestamp": 1, "task": "t1", "queue": queue_id, "queues": [queue_id],
              "machine_stats": {"cpu_usage": [10.0], "memory_used": 100.0}}
    assert await world.call("workers.status_report", report) == {}
    [worker] = (await world.call("workers.get_all"))["workers"]
    assert worker["task"] == {"id": "t1"}  # the tasks process told nothing more (no name: left out)
    assert worker["queue"]["name"] == "gpu"
    assert worker["last_report_time"] == "2024-05-01T12:00:00+00:00"
    await world.call("workers.status_report", {"worker": "agent-1", "timestamp": 2})
    [worker] = (await world.call("workers.get_all"))["workers"]
    assert "task" not in worker and worker["queues"][0]["id"] == queue_id


async def test_unregister_removes_only_the_callers_worker_and_unknown_is_fine(world):
    await world.call("workers.register", {"worker": "agent-1"})
    await world.call("workers.register", {"worker": "agent-1"}, BOB)
    assert await world.call("workers.unregister", {"worker": "agent-1"}) == {}
    assert await world.call("workers.unregister", {"worker": "agent-1"}) == {}
    [worker] = (await world.call("workers.get_all"))["workers"]
    assert worker["user"]["id"] == "bob"


async def test_tag_and_pattern_filters(world):
    await world.call("workers.register", {"worker": "gpu-box-1", "tags": ["gpu"]})
    await world.call("workers.register", {"worker": "cpu-box-1", "system_tags": ["cpu"]})
    assert await names(world, tags=["gpu"]) == ["gpu-box-1"]
    assert await names(world, system_tags=["cpu"]) == ["cpu-box-1"]
    assert await names(world, worker_pattern="cpu-*") == ["cpu-box-1"]
    assert (await world.call("workers.get_count", {"worker_pattern": "*box*"}))["count"] == 2


async def test_get_all_shows_task_and_project_names_running_time_and_next_task_name(world):
    queue_id = await world.queue("gpu")
    await world.call("internal.enqueue", {"task": "t2", "queue": queue_id, "task_name": "next one"})
    world.tasks.infos["t1"] = {"name": "train resnet", "project": {"id": "p1", "name": "vision"},
                               "started": "2024-05-01T11:59:00+00:00", "last_iteration": 42}
    report = {"worker": "agent-1", "timestamp": 1, "task": "t1", "queue": queue_id, "queues": [queue_id]}
    await world.call("workers.status_report", report)
    world.advance(30)
    [worker] = (await world.call("workers.get_all"))["workers"]
    assert worker["task"] == {"id": "t1", "name": "train resnet", "running_time": 90_000, "last_iteration": 42}
    assert worker["project"] == {"id": "p1", "name": "vision"}
    assert worker["queues"][0]["next_task"] == {"id": "t2", "name": "next one"}
    [queue] = (await world.call("queues.get_all_ex", {"id": [queue_id]}))["queues"]
    assert queue["workers"][0]["task"] == {"id": "t1", "name": "train resnet"}

"""``workers.set_runtime_properties`` / ``get_runtime_properties``: set, expire, remove, per
caller and worker; the payloads clearml-agent and the ClearML docs send."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from services.queues.runtime_properties import remaining_s
from tests.unit.queues.world import BOB, World


@pytest.fixture
def world():
    return World()


async def props(world, worker="agent:gpu0", identity=None):
    body = {"worker": worker}
    answer = await (world.call("workers.get_runtime_properties", body, identity) if identity
                    else world.call("workers.get_runtime_properties", body))
    return answer["runtime_properties"]


async def test_the_agents_set_is_read_back_without_expiry(world):
    # clearml-agent: {'runtime_properties': [{'key': key, 'value': str(value)}], 'worker': worker_id}
    body = {"runtime_properties": [{"key": "available_gpus", "value": "0_5,1_5"}], "worker": "agent:gpu0"}
    assert await world.call("workers.set_runtime_properties", body) == {
        "added": ["available_gpus"], "removed": [], "errors": []}
    assert await props(world) == [{"key": "available_gpus", "value": "0_5,1_5", "expiry": None}]
    assert await props(world, "agent:gpu1") == []
    assert await props(world, identity=BOB) == []  # properties belong to the caller's user


async def test_expiry_counts_down_and_zero_removes(world):
    # the docs' example: force a worker on for 24 hours
    body = {"worker": "agent:gpu0", "runtime_properties": [{"key": "force", "value": "on", "expiry": 86400},
                                                          {"key": "max_num_instances", "value": "2"}]}
    await world.call("workers.set_runtime_properties", body)
    world.advance(3600)
    assert await props(world) == [{"key": "force", "value": "on", "expiry": 82800},
                                  {"key": "max_num_instances", "value": "2", "expiry": None}]
    world.advance(82800)
    assert [p["key"] for p in await props(world)] == ["max_num_instances"]
    removal = {"worker": "agent:gpu0", "runtime_properties": [{"key": "max_num_instances", "expiry": 0}]}
    assert (await world.call("workers.set_runtime_properties", removal))["removed"] == ["max_num_instances"]
    assert await props(world) == []


async def test_bad_items_are_reported_and_the_rest_applied(world):
    body = {"worker": "w", "runtime_properties": [{"key": "a"}, {"key": "b", "value": "x", "expiry": -5},
                                                 {"key": "c", "value": "1"}]}
    answer = await world.call("workers.set_runtime_properties", body)
    assert answer["added"] == ["c"] and len(answer["errors"]) == 2
    with pytest.raises(ValidationError):
        await world.call("workers.set_runtime_properties", {"worker": "w", "runtime_properties": [{"value": "1"}]})
    with pytest.raises(ValidationError):
        await world.call("workers.get_runtime_properties", {})


def test_remaining_seconds(world):
    assert remaining_s(None, world.now) is None
    assert remaining_s(world.now + timedelta(seconds=9.9), world.now) == 9
    assert remaining_s(world.now - timedelta(seconds=1), world.now) == 0

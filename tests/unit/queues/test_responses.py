"""Every answer of the queues process parses with the catalog's response model (what the SDK
and the agent expect), with no field of an unexpected type."""

import pytest

from shared.schemas.registry import response_models
from tests.unit.queues.world import World

T0 = 1_714_564_800


@pytest.fixture
async def calls():
    world = World()
    queue_id = await world.queue("gpu", tasks=("t1", "t2", "t3"))
    await world.call("queues.add_or_update_metadata", {"queue": queue_id, "metadata": [{"key": "k", "value": "v"}]})
    await world.call("workers.register", {"worker": "w1", "queues": [queue_id], "tags": ["x"]})
    report = {"worker": "w1", "timestamp": T0 * 1000, "task": "t9", "queue": queue_id,
              "machine_stats": {"cpu_usage": [1.0, 2.0], "memory_used": 3.0}}
    await world.call("workers.status_report", report)
    window = {"from_date": T0 - 100, "to_date": T0 + 100, "interval": 60}
    return world, [
        ("queues.get_by_id", {"queue": queue_id}),
        ("queues.get_all", {}),
        ("queues.get_all_ex", {}),
        ("queues.get_default", {}),
        ("queues.update", {"queue": queue_id, "tags": ["a"]}),
        ("queues.move_task_to_back", {"queue": queue_id, "task": "t1"}),
        ("queues.peek_task", {"queue": queue_id}),
        ("queues.get_num_entries", {"queue": queue_id}),
        ("queues.get_next_task", {"queue": queue_id, "get_task_info": True}),
        ("queues.remove_task", {"queue": queue_id, "task": "t1"}),
        ("queues.get_queue_metrics", {**window, "queue_ids": [queue_id]}),
        ("workers.get_all", {}),
        ("workers.get_count", {}),
        ("workers.get_metric_keys", {}),
        ("workers.get_stats", {**window, "items": [{"key": "cpu_usage", "category": "avg"}], "split_by_resource": True}),
        ("workers.get_activity_report", window),
        ("workers.set_runtime_properties", {"worker": "w1", "runtime_properties": [{"key": "force", "value": "on"}]}),
        ("workers.get_runtime_properties", {"worker": "w1"}),
        ("queues.clear_queue", {"queue": queue_id}),
        ("queues.add_task", {"queue": queue_id, "task": "t7"}),
        ("queues.delete", {"queue": queue_id, "force": True}),
    ]


async def test_answers_parse_with_the_catalog_response_models(calls):
    world, steps = calls
    models = response_models()
    for endpoint, payload in steps:
        data = await world.call(endpoint, payload)
        parsed = models[endpoint].model_validate(data)
        assert parsed.model_dump(exclude_none=True, by_alias=True), endpoint

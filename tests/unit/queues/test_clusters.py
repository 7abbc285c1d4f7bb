"""The clusters room (``services/queues/clusters``) over the in-memory fakes, wired as
``main.py`` wires it: the worker endpoints write the events log, cluster reports give the
categories their capacity, statistics give the resources."""

from __future__ import annotations

import pytest

from services.queues.clusters import ClusterStores, build_room
from services.queues.clusters.events import recording_worker_events
from services.queues.clusters.handlers import handler_table as clusters_table
from services.queues.clusters.machines import resources
from services.queues.clusters.placement import by_convention
from services.queues.repository import Bucket
from services.queues.repository.clusters import InMemoryEventStore, InMemoryReportStore, InMemoryThresholdStore
from services.queues.handlers import handler_table
from tests.unit.queues.world import ALICE, EVE, World


class ClusterWorld(World):
    def __init__(self) -> None:
        super().__init__()
        self.events = InMemoryEventStore()
        stores = ClusterStores(InMemoryReportStore(), InMemoryReportStore(), InMemoryThresholdStore(), self.events)
        room = build_room(stores, self.workers, self.stats, self.clock)
        self.handlers = recording_worker_events({**handler_table(self.use_cases), **clusters_table(room)},
                                                room.events, self.workers, self.clock)

    def ms(self) -> int:
        return int(self.now.timestamp() * 1000)


@pytest.fixture
def world() -> ClusterWorld:
    return ClusterWorld()


def test_a_worker_is_placed_as_clearml_agent_names_it():
    assert by_convention("aws:gpu-box:3").category == "aws"
    assert by_convention("aws:gpu-box:3").groups == ("aws:gpu-box",)
    assert by_convention("laptop").groups == ("onprem:laptop",)


def test_resources_read_devices_and_convert_ram_to_gb():
    values = resources({"cpu_usage": Bucket(0, 40.0, {"0": 50.0, "1": 30.0}),
                        "memory_free": Bucket(0, 1024.0, {"total": 1024.0}),
                        "memory_used": Bucket(0, 3072.0, {"total": 3072.0}),
                        "gpu_memory_free": Bucket(0, 0.0, {"0": 512.0, "1": 512.0})})
    assert values == {"cpu_count": 2, "avg_cpu_load": 40.0, "ram_free": 1.0, "ram_total": 4.0,
                      "gpu_ram_free": 1.0, "gpu_ram_total": 1.0}


async def test_status_reports_log_only_state_changes(world):
    await world.call("workers.status_report", {"worker": "w1", "timestamp": world.ms()})
    for _ in range(3):
        world.advance(30)
        await world.call("workers.status_report", {"worker": "w1", "timestamp": world.ms(), "task": "t1"})
    world.advance(30)
    await world.call("workers.status_report", {"worker": "w1", "timestamp": world.ms()})
    await world.call("workers.unregister", {"worker": "w1"})
    await world.call("workers.unregister", {"worker": "w1"})
    assert [e["event_type"] for e in sorted(world.events.events, key=lambda e: e["seq"])] == [
        "registered", "busy", "idle", "unregistered"]


async def test_a_full_cluster_report_replaces_the_parts_and_capacity_is_per_company(world):
    part = {"key": "k8s", "partial": True, "timestamp": world.ms(), "properties": {"max_workers": 2}}
    await world.call("workers.cluster_report", {**part, "worker": "k8s:a:0"})
    await world.call("workers.cluster_report", {**part, "worker": "k8s:b:0"})
    usages = await world.call("workers.get_resource_usages", {})
    assert usages["categories"] == [{"key": "k8s", "workers": {"total": 0, "idle": 0, "max_allowed": 4.0},
                                     "cpus": {"total": 0, "idle": 0}, "gpus": {"total": 0, "idle": 0}}]
    await world.call("workers.cluster_report", {"key": "k8s", "timestamp": world.ms(), "properties": {"max_workers": 10}})
    usages = await world.call("workers.get_resource_usages", {})
    assert usages["categories"][0]["workers"]["max_allowed"] == 10.0
    assert (await world.call("workers.get_resource_usages", {}, EVE))["categories"] == []
    world.advance(601)
    assert (await world.call("workers.get_resource_usages", {}))["categories"] == []


async def test_thresholds_refuse_out_of_range_values(world):
    assert await world.error("workers.set_resource_thresholds", {"home_free": -1}) == (400, 12)
    assert await world.call("workers.get_resource_thresholds", {}) == {}
    await world.call("workers.set_resource_thresholds", {"ram_free": 2.5})
    got = await world.call("workers.get_resource_thresholds", {})
    assert got == {"ram_free": 2.5, "last_update": world.ms(), "updated_by": ALICE.user}

"""The watchdog stops running tasks that have been silent too long, and only those."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from services.tasks.tasks.watchdog import REASON, Watchdog
from tests.unit.tasks.world import T0, World


@pytest.fixture
def world() -> World:
    return World()


async def test_a_sweep_stops_only_silent_running_tasks(world):
    silent, alive, idle = await world.new_task(), await world.new_task(), await world.new_task()
    for task_id in (silent, alive):
        await world.call("tasks.started", {"task": task_id})
    world.clock.advance(minutes=121)
    await world.call("tasks.ping", {"task": alive})
    watchdog = Watchdog(world.tasks, timeout_s=7200, interval_s=900, clock=world.clock)
    assert await watchdog.sweep() == 1
    stopped = world.tasks.docs[silent]
    assert (stopped["status"], stopped["status_reason"], stopped["completed"]) == ("stopped", REASON, world.clock.now)
    assert world.tasks.docs[alive]["status"] == "in_progress"
    assert world.tasks.docs[idle]["status"] == "created"
    assert await watchdog.sweep() == 0


async def test_the_watchdog_runs_periodically_and_stops_cleanly(world):
    task_id = await world.new_task()
    await world.call("tasks.started", {"task": task_id})
    world.clock.now = T0 + timedelta(hours=3)
    watchdog = Watchdog(world.tasks, timeout_s=7200, interval_s=0.01, clock=world.clock)
    await watchdog.start()
    for _ in range(100):
        if world.tasks.docs[task_id]["status"] == "stopped":
            break
        await asyncio.sleep(0.01)
    await watchdog.stop()
    assert world.tasks.docs[task_id]["status"] == "stopped"

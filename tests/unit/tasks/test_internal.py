"""The internal RPC actions the events service calls."""

from __future__ import annotations

import pytest

from services.tasks.handlers import HANDLED
from tests.unit.tasks.world import EVE, UNRESTRICTED, World, codes

MH, VH = "0" * 32, "f" * 32


@pytest.fixture
def world() -> World:
    return World()


def test_internal_actions_are_not_client_endpoints():
    assert not any(name.startswith("internal.") for name in HANDLED)


async def test_event_targets_names_only_readable_tasks_with_their_status(world):
    own = await world.new_task()
    await world.call("tasks.started", {"task": own})
    public = await world.new_task()
    world.tasks.docs[public].update(company="", company_origin="origin-co")  # as make_public leaves it
    foreign = await world.new_task(identity=EVE)
    body = {"tasks": [own, public, foreign, "missing", own], "models": ["m"]}
    result = await world.call("internal.event_targets", body)
    # owners: where a public task's events are stored (the company that made it public)
    assert result == {"tasks": {own: "in_progress", public: "created"}, "models": {}, "owners": {public: "origin-co"},
                      **UNRESTRICTED}
    assert await world.call("internal.event_targets", {}) == {"tasks": {}, "models": {}, "owners": {}, **UNRESTRICTED}


def metric(value: float, count: int) -> dict:
    return {"metric": "loss", "variant": "train", "value": value, "min_value": 0.1, "min_value_iteration": 3,
            "max_value": 2.0, "max_value_iteration": 0, "first_value": 2.0, "first_value_iteration": 0,
            "mean_value": 0.9, "count": count, "x_axis_label": "iter"}


async def test_fold_metrics_sets_absolute_values_and_only_raises_the_iteration(world):
    task_id = await world.new_task()
    body = {"entity": "task", "id": task_id, "last_iteration": 9, "last_metrics": {MH: {VH: metric(0.5, 10)}}}
    assert await world.call("internal.fold_metrics", body) == {"updated": 1}
    assert await world.call("internal.fold_metrics", body) == {"updated": 1}
    task = world.tasks.docs[task_id]
    assert task["last_metrics"][MH][VH] == metric(0.5, 10) and task["last_iteration"] == 9
    other = {"entity": "task", "id": task_id, "last_iteration": 4, "last_metrics": {MH: {"1" * 32: metric(1, 1)}}}
    await world.call("internal.fold_metrics", other)
    task = world.tasks.docs[task_id]
    assert task["last_iteration"] == 9 and set(task["last_metrics"][MH]) == {VH, "1" * 32}


async def test_fold_metrics_stays_within_the_company_and_refuses_unsafe_keys(world):
    task_id = await world.new_task()
    body = {"entity": "task", "id": task_id, "last_iteration": 1, "last_metrics": {}}
    assert await world.call("internal.fold_metrics", body, identity=EVE) == {"updated": 0}
    assert await world.call("internal.fold_metrics", {**body, "entity": "model"}) == {"updated": 0}
    bad = {**body, "last_metrics": {"a.b": {VH: metric(1, 1)}}}
    assert codes(await world.fails("internal.fold_metrics", bad)) == (400, 12)
    assert world.tasks.docs[task_id]["last_iteration"] == 0

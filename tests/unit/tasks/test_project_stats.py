"""``projects.get_all_ex``: sub-projects, task statistics and own contents."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.tasks.projects.views import status_stats
from tests.unit.tasks.world import T0, World


@pytest.fixture
def world() -> World:
    return World()


def test_status_stats_fold_counts_runtime_and_recent_completions():
    tasks = [
        {"status": "completed", "started": T0 - timedelta(hours=2), "completed": T0 - timedelta(hours=1)},
        {"status": "failed", "active_duration": 30, "started": T0 - timedelta(days=3),
         "completed": T0 - timedelta(days=2)},
        {"status": "created"},
    ]
    stats = status_stats(tasks, T0)
    assert stats["status_count"]["completed"] == 1 and stats["status_count"]["failed"] == 1
    assert stats["status_count"]["created"] == 1 and stats["status_count"]["queued"] == 0
    # clearml-server: runtime is completed - started (a day for the failed one, whatever its active_duration)
    assert (stats["total_tasks"], stats["total_runtime"], stats["completed_tasks_24h"]) == (3, 3600 + 86400, 1)
    assert stats["last_task_run"] == T0 - timedelta(hours=2)  # a date in the answer, null without runs
    assert status_stats([{"status": "failed", "completed": T0}], T0)["completed_tasks_24h"] == 0
    assert status_stats([], T0)["last_task_run"] is None


async def test_get_all_ex_adds_sub_projects_and_stats_with_children(world):
    top = await world.new_project("top")
    sub = await world.new_project("top/sub")
    done = await world.new_task(project=top)
    await world.call("tasks.started", {"task": done})
    world.clock.advance(minutes=10)
    await world.call("tasks.completed", {"task": done})
    await world.new_task(project=sub)
    archived = await world.new_task(project=sub)
    await world.call("tasks.archive", {"tasks": [archived]})
    body = {"name": "^top$", "include_stats": True, "check_own_contents": True}
    project = (await world.call("projects.get_all_ex", body))["projects"][0]
    assert project["id"] == top and project["sub_projects"] == [{"id": sub, "name": "top/sub"}]
    active = project["stats"]["active"]
    assert active["total_tasks"] == 2 and active["status_count"]["completed"] == 1
    assert active["status_count"]["created"] == 1 and active["total_runtime"] == 600
    assert active["completed_tasks_24h"] == 1 and "archived" not in project["stats"]
    assert (project["own_tasks"], project["own_models"]) == (1, 0)
    both = await world.call("projects.get_all_ex", {**body, "stats_for_state": None, "stats_with_children": False})
    stats = both["projects"][0]["stats"]
    assert stats["active"]["total_tasks"] == 1 and stats["archived"]["total_tasks"] == 0
    plain = (await world.call("projects.get_all_ex", {"name": "^top/sub$"}))["projects"][0]
    assert "sub_projects" not in plain and "stats" not in plain  # both come with include_stats only

"""The Enterprise extras of the task, pipeline and project services through the gateway
(issue 17, part 5): ``tasks.share``, ``tasks.update_iteration``, ``pipelines.check_new_run``,
``projects.get_hyperdataset_stats`` (answered with the datasets process's datasets)."""

from __future__ import annotations

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

V = "999.0"


def _task(http, **fields) -> str:
    return call(http, "tasks.create", {"name": unique("extras"), "type": "training", **fields})["id"]


def _system_tags(http, task: str) -> list[str]:
    return call(http, "tasks.get_by_id", {"task": task})["task"]["system_tags"]


def test_share_marks_and_unmarks_tasks_and_is_logged(http):
    one, two = _task(http), _task(http)
    shared = call(http, "tasks.share", {"tasks": [one, two]}, V)
    assert_conforms("tasks.share", shared)
    assert shared == {"changed": 2}
    assert "shared" in _system_tags(http, one)
    assert call(http, "tasks.share", {"tasks": [one]}, V) == {"changed": 0}
    assert call(http, "tasks.share", {"tasks": [one], "share": False}, V) == {"changed": 1}
    assert "shared" not in _system_tags(http, one) and "shared" in _system_tags(http, two)
    ops = call(http, "tasks.get_operations_log", {"task": one, "order": "asc"}, V)["operations"]
    assert [o["operation"] for o in ops] == ["create", "share", "share"]
    unknown = http.post(f"/v{V}/tasks.share", json={"tasks": [two, unique("nope")], "share": False})
    assert meta(unknown) == (400, 101)
    assert "shared" in _system_tags(http, two)


def test_update_iteration_raises_or_overrides_the_last_iteration(http):
    task = _task(http)
    answer = call(http, "tasks.update_iteration", {"task": task, "iteration": 7}, V)
    assert_conforms("tasks.update_iteration", answer)
    assert answer == {"updated": 1}
    assert call(http, "tasks.update_iteration", {"task": task, "iteration": 3}, V) == {"updated": 0}
    assert call(http, "tasks.get_by_id", {"task": task})["task"]["last_iteration"] == 7
    assert call(http, "tasks.update_iteration", {"task": task, "iteration": 0, "override_iteration": 2}, V) == {
        "updated": 1}
    assert call(http, "tasks.get_by_id", {"task": task})["task"]["last_iteration"] == 2
    assert meta(http.post(f"/v{V}/tasks.update_iteration", json={"iteration": 1})) == (400, 11)


def test_check_new_run_finds_the_project_the_runs_would_go_to(http):
    base = unique("pipe")
    project = call(http, "projects.create", {"name": f"{base}/.pipelines/etl", "system_tags": ["hidden"]})["id"]
    controller = _task(http, project=project, system_tags=["pipeline"])
    same = call(http, "pipelines.check_new_run", {"task": controller, "new_project_name": base}, V)
    assert_conforms("pipelines.check_new_run", same)
    assert same["existing_project"] == {"id": project, "name": f"{base}/.pipelines/etl"}
    other = {"task": controller, "new_project_name": base, "new_pipeline_name": "etl2"}
    assert call(http, "pipelines.check_new_run", other, V)["existing_project"] is None
    missing = {"task": unique("nope"), "new_project_name": base}
    assert meta(http.post(f"/v{V}/pipelines.check_new_run", json=missing)) == (400, 101)


def test_hyperdataset_stats_count_the_datasets_of_a_project_and_below(http):
    top = call(http, "projects.create", {"name": unique("hd")})["id"]
    below = call(http, "projects.create", {"name": call(http, "projects.get_by_id", {"project": top})["project"]["name"]
                                                    + "/sub"})["id"]
    call(http, "datasets.create", {"name": unique("ds"), "project": top, "tags": ["cats"]})
    call(http, "datasets.create", {"name": unique("ds"), "project": below, "tags": ["dogs", "cats"]})
    call(http, "datasets.create", {"name": unique("ds"), "tags": ["elsewhere"]})
    answer = call(http, "projects.get_hyperdataset_stats", {"project": top}, V)
    assert_conforms("projects.get_hyperdataset_stats", answer)
    assert answer == {"stats": {"count": 2, "tags": ["cats", "dogs"]}}
    dogs = call(http, "projects.get_hyperdataset_stats", {"project": top, "tags": ["dogs"]}, V)
    assert dogs["stats"]["count"] == 1
    no_dogs = {"project": top, "tags_filter": {"all": {"exclude": ["dogs"]}}}
    assert call(http, "projects.get_hyperdataset_stats", no_dogs, V)["stats"] == {"count": 1, "tags": ["cats"]}
    assert call(http, "projects.get_hyperdataset_stats", {"project": below}, V)["stats"]["count"] == 1
    unknown = http.post(f"/v{V}/projects.get_hyperdataset_stats", json={"project": unique("nope")})
    assert meta(unknown) == (400, 401)

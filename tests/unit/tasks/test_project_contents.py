"""Tags, parents, hyper-parameters and metric/variant pairs found in projects."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import EVE, World


@pytest.fixture
def world() -> World:
    return World()


async def test_task_and_model_tags_of_projects_and_their_children(world):
    top = await world.new_project("top")
    sub = await world.new_project("top/sub")
    other = await world.new_project("other")
    await world.new_task(project=top, tags=["a"], system_tags=["s1"])
    await world.new_task(project=sub, tags=["b", "a"])
    await world.new_task(project=other, tags=["c"])
    await world.new_task(identity=EVE, tags=["evil"])
    await world.call("models.create", {"name": "m", "uri": "u", "project": sub, "tags": ["mt"]})
    assert await world.call("projects.get_task_tags", {"projects": [top]}) == {"tags": ["a", "b"]}
    every = await world.call("projects.get_task_tags", {"include_system": True})
    assert every == {"tags": ["a", "b", "c"], "system_tags": ["s1"]}
    filtered = await world.call("projects.get_task_tags", {"filter": {"system_tags": ["s1"]}})
    assert filtered == {"tags": ["a"]}
    assert await world.call("projects.get_model_tags", {"projects": [top]}) == {"tags": ["mt"]}


async def test_task_parents(world):
    project = await world.new_project("p")
    parent = await world.new_task(name="controller", project=project)
    await world.new_task(name="step", project=project, parent=parent)
    await world.new_task(name="lonely", project=project)
    result = await world.call("projects.get_task_parents", {"projects": [project]})
    assert result == {"parents": [{"id": parent, "name": "controller", "project": {"id": project, "name": "p"}}]}
    archived = await world.call("projects.get_task_parents", {"projects": [project], "tasks_state": "archived"})
    assert archived == {"parents": []}


async def test_hyper_parameters_are_listed_once_sorted_and_paged(world):
    project = await world.new_project("p")
    await world.new_task(project=project, hyperparams={"Args": {"lr": {"value": "1"}, "b.s": {"value": "2"}}})
    await world.new_task(project=project, hyperparams={"Args": {"lr": {"value": "3"}}, "$env": {"x": {}}})
    result = await world.call("projects.get_hyper_parameters", {"project": project, "page_size": 2})
    # clearml-server counts after paging: ``total`` is the page's length, ``remaining`` 0
    assert result == {"parameters": [{"section": "$env", "name": "x"}, {"section": "Args", "name": "b.s"}],
                      "total": 2, "remaining": 0}
    last = await world.call("projects.get_hyper_parameters", {"project": project, "page": 1, "page_size": 2})
    assert last == {"parameters": [{"section": "Args", "name": "lr"}], "total": 1, "remaining": 0}


async def test_unique_metric_variants_come_from_last_metrics(world):
    project = await world.new_project("p")
    a = await world.new_task(project=project)
    b = await world.new_task(project=project)
    metric = {"metric": "loss", "variant": "train", "value": 1.0}
    for task_id in (a, b):
        await world.call("internal.fold_metrics", {"entity": "task", "id": task_id, "last_metrics": {"m1": {"v1": metric}}})
    result = await world.call("projects.get_unique_metric_variants", {"project": project})
    assert result == {"metrics": [{"metric": "loss", "metric_hash": "m1", "variant": "train", "variant_hash": "v1"}]}
    assert await world.call("projects.get_unique_metric_variants", {"project": project, "model_metrics": True}) == {
        "metrics": []}

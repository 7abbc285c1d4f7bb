"""The use cases whose MongoDB queries and updates only a real store can vouch for (array
filters, ``$in`` over paths, upserted scroll states, bulk updates), over SecantusDB."""

from __future__ import annotations

import pytest
from tests.unit.tasks.world import UNRESTRICTED

pytestmark = pytest.mark.integration


async def test_project_stats_scroll_and_delete(call):
    top = (await call("projects.create", {"name": "top"}))["id"]
    sub = (await call("projects.create", {"name": "top/sub"}))["id"]
    ids = [(await call("tasks.create", {"name": f"t{n}", "type": "training", "project": sub}))["id"] for n in range(3)]
    await call("tasks.started", {"task": ids[0]})
    await call("tasks.archive", {"tasks": [ids[1]]})
    project = (await call("projects.get_all_ex", {"id": [top], "include_stats": True}))["projects"][0]
    assert project["sub_projects"] == [{"id": sub, "name": "top/sub"}]
    assert project["stats"]["active"]["total_tasks"] == 2
    assert project["stats"]["active"]["status_count"]["in_progress"] == 1

    first = await call("tasks.get_all_ex", {"project": [sub], "size": 2, "order_by": ["name"], "only_fields": ["name"],
                                            "search_hidden": True, "scroll_id": None})
    rest = await call("tasks.get_all_ex", {"project": [sub], "size": 2, "order_by": ["name"], "only_fields": ["name"],
                                           "scroll_id": first["scroll_id"]})
    assert [t["name"] for t in first["tasks"] + rest["tasks"]] == ["t0", "t1", "t2"]

    await call("tasks.update_tags", {"ids": ids, "add_tags": ["x"]})
    assert (await call("tasks.get_all", {"tags": ["x"], "only_fields": ["id"]}))["tasks"].__len__() == 3
    counts = await call("projects.validate_delete", {"project": top})
    assert (counts["tasks"], counts["non_archived_tasks"]) == (3, 2)
    result = await call("projects.delete", {"project": top, "force": True})
    assert result["deleted"] == 2 and result["disassociated_tasks"] == 3
    assert (await call("tasks.get_by_id", {"task": ids[0]}))["task"]["project"] is None


async def test_models_for_a_task_and_metadata(call):
    task_id = (await call("tasks.create", {"name": "t", "type": "training"}))["id"]
    made = await call("models.update_for_task", {"task": task_id, "uri": "s3://b/m", "name": "best"})
    await call("models.add_or_update_metadata", {"model": made["id"], "metadata": [{"key": "a.b", "type": "int", "value": "1"}]})
    model = (await call("models.get_by_id", {"model": made["id"]}))["model"]
    assert model["metadata"] == {"a.b": {"key": "a.b", "type": "int", "value": "1"}} and model["task"] == task_id
    found = await call("models.get_all", {"task": [task_id], "only_fields": ["name"]})
    assert found == {"models": [{"id": made["id"], "name": "best"}]}
    targets = await call("internal.event_targets", {"tasks": [task_id], "models": [made["id"]]})
    assert targets == {"tasks": {task_id: "created"}, "models": {made["id"]: {"ready": False}}, "owners": {},
                       **UNRESTRICTED}


async def test_project_contents_queries(call):
    project = (await call("projects.create", {"name": "p"}))["id"]
    parent = (await call("tasks.create", {"name": "ctl", "type": "controller", "project": project, "tags": ["a"]}))["id"]
    params = {"Args": {"lr": {"value": "1"}}}
    await call("tasks.create", {"name": "step", "type": "training", "project": project, "parent": parent,
                                "tags": ["b", "a"], "hyperparams": params})
    assert await call("projects.get_task_tags", {"projects": [project]}) == {"tags": ["a", "b"]}
    parents = await call("projects.get_task_parents", {"projects": [project]})
    assert [p["id"] for p in parents["parents"]] == [parent]
    hyper = await call("projects.get_hyper_parameters", {"project": project})
    assert hyper["parameters"] == [{"section": "Args", "name": "lr"}]


async def test_reports_round_trip(call):
    project = (await call("projects.create", {"name": "team"}))["id"]
    report = await call("reports.create", {"name": "weekly", "project": project, "tags": ["q3"]})
    listed = await call("reports.get_all_ex", {"project": [project], "only_fields": ["name", "type"]})
    assert listed["tasks"] == [{"id": report["id"], "name": "weekly", "type": "report"}]
    assert await call("reports.get_tags", {}) == {"tags": ["q3"]}
    assert (await call("reports.publish", {"task": report["id"]}))["fields"]["status"] == "published"

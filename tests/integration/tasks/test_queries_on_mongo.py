"""``tasks.get_all_ex`` / ``projects.get_all_ex`` / ``models.get_all`` queries that only a real
store can vouch for (SecantusDB): ``filters``, ``search_text`` regexes on indexed fields, the
numeric order of hyper-parameter values (an aggregation), metric order, hidden entities; and
that every filter a list page uses has an index."""

from __future__ import annotations

import pytest

from services.tasks.store.repository import MODEL_INDEXES, PROJECT_INDEXES, TASK_INDEXES, MongoTaskRepository

from tests.support.repositories import indexed

pytestmark = pytest.mark.integration


def lr(value: str) -> dict:
    return {"Args": {"lr": {"section": "Args", "name": "lr", "value": value, "type": "float"}}}


async def names(call, body: dict) -> list[str]:
    return [t["name"] for t in (await call("tasks.get_all_ex", {"only_fields": ["name"], **body}))["tasks"]]


async def test_hyperparameter_values_sort_as_numbers(call):
    values = {"a": "10", "b": "9", "c": "100", "d": "1.5", "e": "-3", "f": "abc"}
    for name, value in values.items():
        await call("tasks.create", {"name": name, "type": "training", "hyperparams": lr(value)})
    await call("tasks.create", {"name": "none", "type": "training"})
    ascending = await names(call, {"order_by": ["hyperparams.Args.lr.value"]})
    assert ascending == ["e", "d", "b", "a", "c", "f", "none"]  # empty values last, as ClearML
    descending = await names(call, {"order_by": ["-hyperparams.Args.lr.value"], "page": 0, "page_size": 3})
    assert descending == ["f", "c", "a"]
    second_page = await names(call, {"order_by": ["-hyperparams.Args.lr.value"], "page": 1, "page_size": 3})
    assert second_page == ["b", "d", "e"]
    full = (await call("tasks.get_all_ex", {"order_by": ["hyperparams.Args.lr.value"], "id": None}))["tasks"]
    assert not any(key.startswith("__sort_") for task in full for key in task)
    assert full[0]["hyperparams"]["Args"]["lr"]["value"] == "-3"


async def test_metric_values_sort_and_the_ui_filters_combine(call):
    for n, (value, tags, status) in enumerate([(0.5, ["x"], "created"), (0.1, ["x", "y"], "created"),
                                               (0.9, ["y"], "created"), (0.3, ["x"], "created")]):
        task = (await call("tasks.create", {"name": f"run{n}", "type": "training", "tags": tags}))["id"]
        metrics = {"m1": {"v1": {"metric": "loss", "variant": "total", "value": value}}}
        await call("internal.fold_metrics", {"entity": "task", "id": task, "last_metrics": metrics})
        if n == 3:
            await call("tasks.started", {"task": task})
    body = {"order_by": ["-last_metrics.m1.v1.value"], "status": ["created"], "name": "^run",
            "filters": {"tags": {"any": {"include": ["x"]}, "all": {"exclude": ["y"]}}}}
    assert await names(call, body) == ["run0"]
    body["filters"] = {"tags": {"any": {"include": ["x", "y"]}}}
    assert await names(call, body) == ["run2", "run0", "run1"]
    body["filters"] = {"tags": {"all": {"include": ["x", "y"]}}, "status": {"any": {"include": ["created"]}}}
    assert await names(call, body) == ["run1"]


async def test_search_text_matches_case_insensitively_on_indexed_fields(call):
    project = (await call("projects.create", {"name": "Vision", "description": "ResNet experiments"}))["id"]
    await call("projects.create", {"name": "Speech"})
    await call("tasks.create", {"name": "ResNet-50 baseline", "type": "training", "project": project})
    await call("tasks.create", {"name": "other", "type": "training", "comment": "tried resnet-50 too"})
    await call("tasks.create", {"name": "resnet50", "type": "training"})
    assert sorted(await names(call, {"search_text": "RESNET-50"})) == ["ResNet-50 baseline", "other"]
    found = await call("projects.get_all_ex", {"search_text": "resnet", "only_fields": ["name"]})
    assert [p["name"] for p in found["projects"]] == ["Vision"]
    await call("models.create", {"name": "Best ResNet", "uri": "file:///m"})
    models = await call("models.get_all", {"search_text": "best res", "only_fields": ["name"]})
    assert [m["name"] for m in models["models"]] == ["Best ResNet"]


async def test_hidden_projects_and_tasks_need_search_hidden(call):
    top = (await call("projects.create", {"name": "proj"}))["id"]
    await call("projects.create", {"name": "proj/.datasets", "system_tags": ["hidden"]})
    dataset = (await call("projects.create", {"name": "proj/.datasets/ds", "system_tags": ["hidden", "dataset"]}))["id"]
    visible = (await call("projects.create", {"name": "proj/sub"}))["id"]
    await call("tasks.create", {"name": "ds-task", "type": "data_processing", "project": dataset,
                                "system_tags": ["dataset"]})
    await call("tasks.create", {"name": "hidden-task", "type": "training", "project": visible,
                                "system_tags": ["hidden"]})
    await call("tasks.create", {"name": "plain", "type": "training", "project": visible})

    shown = await call("projects.get_all_ex", {"id": [top], "include_stats": True})
    project = shown["projects"][0]
    assert [s["name"] for s in project["sub_projects"]] == ["proj/sub"]
    # clearml-server counts the hidden tasks of a counted project; search_hidden adds hidden projects
    assert project["stats"]["active"]["total_tasks"] == 2
    every = await call("projects.get_all_ex", {"id": [top], "include_stats": True, "search_hidden": True})
    project = every["projects"][0]
    assert [s["name"] for s in project["sub_projects"]] == ["proj/.datasets", "proj/.datasets/ds", "proj/sub"]
    assert project["stats"]["active"]["total_tasks"] == 3

    listed = await call("projects.get_all_ex", {"name": "^proj", "only_fields": ["name"]})
    assert sorted(p["name"] for p in listed["projects"]) == ["proj", "proj/sub"]
    listed = await call("projects.get_all_ex", {"name": "^proj", "only_fields": ["name"], "search_hidden": True})
    assert len(listed["projects"]) == 4
    assert sorted(await names(call, {"project": [visible]})) == ["plain"]
    assert sorted(await names(call, {"project": [visible], "search_hidden": True})) == ["hidden-task", "plain"]


def _covered(indexes, field: str) -> bool:
    return any(list(index.document["key"])[:2] == ["company", field] for index in indexes)


@pytest.mark.parametrize("field", ["status", "tags", "system_tags", "type", "user", "project", "parent", "name",
                                   "last_update", "created"])
def test_every_task_list_filter_and_sort_has_an_index(field):
    assert _covered(TASK_INDEXES, field)


@pytest.mark.parametrize("field", ["tags", "system_tags", "parent", "user", "name", "basename", "path"])
def test_every_project_list_filter_has_an_index(field):
    assert _covered(PROJECT_INDEXES, field)


@pytest.mark.parametrize("field", ["tags", "system_tags", "project", "task", "framework", "user", "name"])
def test_every_model_list_filter_has_an_index(field):
    assert _covered(MODEL_INDEXES, field)


async def test_the_indexes_exist_on_the_server(call):
    index_names = {index["name"] async for index in await call.db["task"].list_indexes()}
    assert {"company_status", "company_tags", "company_project_created"} <= index_names


async def test_group_stats_on_the_store_match_the_rows_computed_from_the_documents(mongo_db):
    from datetime import datetime, timedelta, timezone

    from services.tasks.projects.views import stats_rows
    from services.tasks.store.criteria import Selection

    repo = await indexed(MongoTaskRepository(mongo_db))
    now = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    docs = [
        {"status": "completed", "started": now - timedelta(hours=2), "completed": now - timedelta(minutes=30)},
        {"status": "completed", "started": now - timedelta(days=3), "completed": now - timedelta(days=2, seconds=1.5)},
        {"status": "failed", "active_duration": 42.7, "started": now - timedelta(hours=1), "completed": now},
        {"status": "created", "system_tags": ["archived"]},
        {"status": "in_progress", "started": now - timedelta(minutes=5), "project": "p2"},
        {"status": "stopped", "started": now, "completed": now - timedelta(hours=1)},  # clock skew: no runtime
    ]
    for n, doc in enumerate(docs):
        await repo.add({"_id": f"t{n}", "company": "acme", "project": "p1", **doc})
    await repo.add({"_id": "other", "company": "evil", "project": "p1", "status": "created"})
    selection = Selection("acme", public=True, projects=["p1", "p2"])
    since = now - timedelta(hours=24)
    stored = await repo.group_stats(selection, since)
    expected = stats_rows([{"project": "p1", **d} for d in docs[:4] + docs[5:]] + [{"project": "p2", **docs[4]}], since)

    def key(row):
        return row["project"], row["archived"], row["status"]

    assert sorted(map(key, stored)) == sorted(map(key, expected))
    for got, want in zip(sorted(stored, key=key), sorted(expected, key=key)):
        assert (got["count"], got["runtime"], got["recent"]) == (want["count"], want["runtime"], want["recent"])
        assert got["last_run"] == want["last_run"]

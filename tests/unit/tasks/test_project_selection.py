"""The pure rules of the projects parity work (issue 12): which projects ``get_all(_ex)``
selects, which tasks its statistics count, and what ``projects.delete`` answers and leaves."""

from __future__ import annotations

import pytest

from services.tasks.projects.admin import Scope
from services.tasks.projects.cleanup import Removed, renamed_references
from services.tasks.projects.selection import stats_filter
from services.tasks.store.criteria import check_filters, filters_condition
from services.tasks.projects.views import allow_public, with_state
from services.tasks.store.queries import hierarchy_condition
from shared.errors import ApiError
from shared.schemas import projects as api
from tests.unit.tasks.world import World, codes


@pytest.fixture
def world() -> World:
    return World()


def test_parent_is_any_depth_unless_shallow():
    assert hierarchy_condition(["p"], False) == {"path": {"$in": ["p"]}}
    assert hierarchy_condition(["p"], True) == {"parent": {"$in": ["p"]}}
    assert hierarchy_condition(None, True) == {"parent": None}
    assert hierarchy_condition(None, False) == {}


def test_allow_public_when_named_wins_over_non_public():
    assert allow_public(api.GetAllExRequest()) is True
    assert allow_public(api.GetAllExRequest(non_public=True)) is False
    assert allow_public(api.GetAllExRequest(non_public=True, allow_public=True)) is True


def test_stats_filter_follows_the_children_type():
    assert stats_filter(api.GetAllExRequest()) == (None, False)
    pipeline = api.GetAllExRequest(children_type="pipeline", children_tags=["x"])
    assert stats_filter(pipeline) == ({"tags": ["x"], "system_tags": ["pipeline"], "type": ["controller"]}, True)
    given = api.GetAllExRequest(children_type="report", include_stats_filter={"type": ["a"]})
    assert stats_filter(given) == ({"type": ["a"]}, False)


def test_filter_condition_takes_lists_or_any_all_filters():
    assert filters_condition({"type": ["a", "-b"]}) == {"type": {"$in": ["a"], "$nin": ["b"]}}
    assert filters_condition({"tags": {"any": {"include": ["x"]}}}) == {"tags": {"$in": ["x"]}}
    for bad in ({"type": []}, {"type": "a"}, {"type": [1]}):
        with pytest.raises(ApiError) as refused:
            check_filters(bad)
        assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_state_joins_the_filter_unless_it_names_archived():
    assert with_state(None, "active") == {"system_tags": ["-archived"]}
    assert with_state({"system_tags": ["x"]}, "archived") == {"system_tags": ["archived", "x"]}
    assert with_state({"system_tags": ["archived"]}, "active") == {"system_tags": ["archived"]}
    assert with_state({"type": ["a"]}, None) == {"type": ["a"]}


def test_scope_keeps_pipelines_and_datasets_apart_but_not_the_sdk_folders():
    docs = [{"_id": "top"}, {"_id": "f", "basename": ".pipelines", "system_tags": ["hidden", "pipeline"]},
            {"_id": "p", "basename": "pipe", "system_tags": ["hidden", "pipeline"]},
            {"_id": "d", "basename": "ds", "system_tags": ["dataset"]}]
    scope = Scope.of(docs)
    assert (scope.pipelines, scope.datasets, scope.regular) == (["p"], ["d"], ["top", "f"])


def test_delete_answers_the_urls_the_server_does_not_remove_itself():
    removed = Removed(model_urls={"s3://b/m", "file:///m"}, artifact_urls={"http://files/a"})
    assert removed.answer_urls(True) == {"model_urls": ["file:///m"], "artifact_urls": [], "event_urls": []}
    assert removed.answer_urls(False) == {"model_urls": ["file:///m", "s3://b/m"],
                                          "artifact_urls": ["http://files/a"], "event_urls": []}
    assert renamed_references([{"model": "a"}, {"model": "b"}], {"a"}) == [{"model": "__DELETED__"}, {"model": "b"}]


async def test_delete_with_contents_announces_the_files_and_unlinks_outside(world):
    top, elsewhere = await world.new_project("top"), await world.new_project("elsewhere")
    artifacts = [{"key": "a", "type": "x", "mode": "output", "uri": "s3://b/a"}]
    parent = await world.new_task(project=top, execution={"artifacts": artifacts})
    model = (await world.call("models.create", {"name": "m", "uri": "s3://b/m", "project": top}))["id"]
    user = await world.new_task(project=elsewhere, parent=parent, models={"input": [{"name": "i", "model": model}]})
    answer = await world.call("projects.delete", {"project": top, "force": True, "delete_contents": True,
                                                  "delete_external_artifacts": False})
    assert answer["urls"] == {"model_urls": ["s3://b/m"], "artifact_urls": ["s3://b/a"], "event_urls": []}
    assert world.facts.published == [
        {"type": "ModelDeleted", "id": model, "company": "acme", "url": None},
        {"type": "TaskDeleted", "id": parent, "company": "acme",
         "urls": {"artifact_urls": [], "model_urls": [], "event_urls": []}},
    ]
    kept = world.tasks.docs[user]
    assert "parent" not in kept and kept["models"]["input"] == [{"name": "i", "model": "__DELETED__"}]


async def test_pipelines_and_datasets_are_counted_and_refused_apart(world):
    top = await world.new_project("top")
    pipe = await world.new_project("top/.pipelines/pipe", system_tags=["hidden", "pipeline"])
    await world.new_task(project=pipe, type="controller")
    counts = await world.call("projects.validate_delete", {"project": top})
    assert (counts["pipelines"], counts["datasets"], counts["tasks"]) == (1, 0, 0)
    assert codes(await world.fails("projects.delete", {"project": top})) == (400, 413)

"""Dataview documents without servers: the pure checks of filter rules (``dataviews/rules.py``),
the ``get_all`` filter (``dataviews/listing.py``), the use cases over in-memory fakes, and the
repository suite on the fake."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.datasets.dataviews import listing, rules
from services.datasets.dataviews.projects import RpcProjects
from services.datasets.dataviews.service import DataviewService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.registry import request_models
from tests.unit.datasets.dataview_fakes import InMemoryDataviewRepository, InMemoryLookup, InMemoryProjects
from tests.unit.datasets.dataview_repository_suite import DataviewRepositoryContract

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
ACME = Identity(company="acme", user="u1")


def compile_rule(rule: dict, index: int) -> dict:
    """A stand-in of the query room's compiler: an unbalanced parenthesis in ``frame_query``
    is its 400/19 naming the rule."""
    text = rule.get("frame_query") or ""
    if text.count("(") != text.count(")"):
        raise ApiError.named("invalid_lucene_syntax", rule=index, field="frame_query", position=len(text))
    return {"match_all": {}}


def check(fields: dict) -> None:
    rules.check_rules(fields, compile_rule)


def error_of(call, *args) -> ApiError:
    with pytest.raises(ApiError) as caught:
        call(*args)
    return caught.value


# --- filter rules -----------------------------------------------------------------------------


def test_every_rule_is_compiled_with_its_index():
    seen = []
    rules.check_rules({"filters": [{"dataset": "*", "weight": 0}, {"dataset": "d1", "frame_query": "a"}]},
                      lambda rule, index: seen.append((index, rule["dataset"])))
    assert seen == [(0, "*"), (1, "d1")]


def test_a_negative_weight_is_a_validation_error_naming_the_rule():
    error = error_of(check, {"filters": [{"dataset": "*"}, {"dataset": "*", "weight": -1}]})
    assert (error.code, error.subcode) == (400, 12)
    assert error.data == {"rule": 1, "field": "weight", "value": -1}


def test_the_compiler_s_error_reaches_the_client_as_it_is():
    error = error_of(check, {"filters": [{"dataset": "*", "frame_query": "meta.a:(1"}]})
    assert (error.code, error.subcode) == (400, 19)
    assert error.data == {"rule": 0, "field": "frame_query", "position": 9}


def test_references_name_rules_version_entries_merges_and_mapping_sources():
    fields = {"filters": [{"dataset": "d1", "version": "*"}],
              "versions": [{"dataset": "d1", "version": "v1", "merge_with": "v0"}],
              "mapping": {"rules": [{"source": {"dataset": "*", "labels": ["a"]}, "target": "b"}]}}
    found = [(r.where, r.dataset_id, r.version_id) for r in rules.references(fields)]
    assert found == [("filters[0]", "d1", None), ("versions[0]", "d1", "v1"),
                     ("versions[0].merge_with", "d1", "v0"), ("mapping.rules[0].source", None, None)]


def test_a_reference_to_a_missing_dataset_or_version_or_a_version_of_another_dataset_is_refused():
    ref = rules.Reference("filters[0]", "d1", "v1")
    assert error_of(rules.check_reference, ref, None, None).data == {"field": "filters[0]", "dataset": "d1"}
    assert error_of(rules.check_reference, ref, {"_id": "d1"}, None).data["version"] == "v1"
    other = error_of(rules.check_reference, ref, {"_id": "d1"}, {"_id": "v1", "dataset": "d2"})
    assert (other.code, other.subcode) == (400, 16)
    rules.check_reference(ref, {"_id": "d1"}, {"_id": "v1", "dataset": "d1"})
    rules.check_reference(rules.Reference("filters[0]", "*", "v1"), None, {"_id": "v1", "dataset": "d9"})


# --- get_all filters --------------------------------------------------------------------------


@pytest.mark.parametrize("values, present, absent", [
    (["a", "-b"], [["a"]], [["a", "b"], []]),
    (["__$all", "a", "b"], [["a", "b", "c"]], [["a"]]),
    (["__$not", "a"], [["b"], []], [["a"]]),
    (["__$any", "a", "__$all", "b", "c"], [["a"], ["b", "c"]], [["b"]]),
    ([None], [[], None], [["a"]]),
    (["a", None], [["a"], None], [["b"]]),
])
def test_list_conditions_read_clearml_s_operators(values, present, absent):
    condition = listing.list_condition("tags", "tags", values)
    assert all(condition.matches(v) for v in present) and not any(condition.matches(v) for v in absent)


@pytest.mark.parametrize("values", [[3], ["__$nope", "a"], ["a", "__$not"]])
def test_a_bad_list_filter_value_is_400_16(values):
    assert error_of(listing.list_condition, "tags", "tags", values).subcode == 16


def request(**body):
    return request_models()["dataviews.get_all"].model_validate(body)


def test_pages_are_of_at_most_500_and_scrolls_continue_where_they_left():
    assert listing.page(request(page=2, page_size=10)) == (20, 10)
    assert listing.page(request(page_size=1000)) == (0, 500)
    assert listing.page(request(size=5)) == (0, 5)
    assert listing.page(request(scroll_id=listing.scroll_id(5), size=5)) == (5, 5)
    assert listing.page(request(scroll_id=listing.scroll_id(5), size=5, refresh_scroll=True)) == (0, 10)
    assert error_of(listing.page, request(scroll_id="bogus")).subcode == 1104


@pytest.mark.parametrize("data", [{"fields": ["name"]}, {"pattern": "a", "datetime": ">=2024-01-01", "fields": ["created"]},
                                  {"pattern": "a"}])
def test_any_needs_fields_and_exactly_one_of_pattern_and_datetime(data):
    error = error_of(listing.dataview_filter, "acme", request(_any_=data))
    assert (error.code, error.subcode, error.data["field"]) == (400, 16, "_any_")


def test_a_name_pattern_that_could_stall_the_store_is_400_21():
    assert error_of(listing.dataview_filter, "acme", request(name="(a+)+$")).subcode == 21


# --- use cases over fakes ---------------------------------------------------------------------

DATASET = {"_id": "d1", "company": "acme"}
VERSION = {"_id": "v1", "company": "acme", "dataset": "d1", "status": "published", "lineage": ["v1"]}


@pytest.fixture
def service():
    ids = iter(f"dv{i}" for i in range(100))
    return DataviewService(InMemoryDataviewRepository(), InMemoryLookup(DATASET), InMemoryLookup(VERSION),
                           InMemoryProjects("p1"), compile_rule, clock=lambda: NOW, make_id=lambda: next(ids))


def body(endpoint: str, **fields):
    return request_models()[f"dataviews.{endpoint}"].model_validate(fields)


async def test_create_stores_the_given_fields_with_clearml_s_defaults(service):
    rule = {"dataset": "d1", "version": "v1", "frame_query": "meta.a:1"}
    created = await service.create(ACME, body("create", name="view", filters=[rule], tags=["t"],
                                              iteration={"order": "random", "random_seed": 7}))
    got = (await service.get_by_id(ACME, body("get_by_id", dataview=created["id"])))["dataview"]
    assert got == {"id": "dv0", "name": "view", "company": "acme", "user": "u1", "created": NOW.isoformat(),
                   "description": "", "tags": ["t"], "system_tags": [], "filters": [rule], "versions": [],
                   "output_rois": "all_in_frame", "status": "draft",
                   "iteration": {"order": "random", "random_seed": 7}}


@pytest.mark.parametrize("fields, code", [
    ({"versions": [{"dataset": "d1", "version": "nope"}]}, (400, 10)),
    ({"filters": [{"dataset": "*", "frame_query": "(a"}]}, (400, 19)),
])
async def test_create_with_a_bad_rule_or_an_unknown_version_stores_nothing(service, fields, code):
    with pytest.raises(ApiError) as caught:
        await service.create(ACME, body("create", name="v", **fields))
    assert (caught.value.code, caught.value.subcode) == code
    assert (await service.get_all(ACME, request()))["dataviews"] == []


async def test_update_with_a_bad_rule_changes_nothing(service):
    view = (await service.create(ACME, body("create", name="v", description="kept")))["id"]
    with pytest.raises(ApiError):
        await service.update(ACME, body("update", dataview=view, description="new",
                                        filters=[{"dataset": "*", "weight": -2}]))
    assert (await service.get_by_id(ACME, body("get_by_id", dataview=view)))["dataview"]["description"] == "kept"


async def test_update_replaces_the_given_fields_and_answers_them(service):
    view = (await service.create(ACME, body("create", name="v", iteration={"order": "random", "limit": 5})))["id"]
    answer = await service.update(ACME, body("update", dataview=view, iteration={"infinite": True}, name="w"))
    assert answer == {"updated": 1, "fields": {"iteration": {"infinite": True}, "name": "w"}}
    got = (await service.get_by_id(ACME, body("get_by_id", dataview=view)))["dataview"]
    assert got["iteration"] == {"infinite": True} and got["name"] == "w"
    assert await service.update(ACME, body("update", dataview=view)) == {"updated": 0, "fields": {}}


async def test_a_published_dataview_changes_or_goes_only_with_force(service):
    view = (await service.create(ACME, body("create", name="v")))["id"]
    assert await service.publish(ACME, body("publish", dataview=view)) == {"published": 1}
    assert await service.publish(ACME, body("publish", dataview=view)) == {"published": 0}
    for call in (service.update(ACME, body("update", dataview=view, name="x")),
                 service.delete(ACME, body("delete", dataview=view))):
        with pytest.raises(ApiError) as caught:
            await call
        assert (caught.value.code, caught.value.subcode) == (400, 16)
    assert (await service.update(ACME, body("update", dataview=view, name="x", force=True)))["updated"] == 1
    assert await service.delete(ACME, body("delete", dataview=view, force=True)) == {"deleted": 1}


async def test_many_endpoints_answer_per_id(service):
    view = (await service.create(ACME, body("create", name="v")))["id"]
    archived = await service.archive_many(ACME, body("archive_many", ids=[view, "nope"]))
    assert archived["succeeded"] == [{"id": view, "archived": True}]
    assert archived["failed"][0]["id"] == "nope" and archived["failed"][0]["error"]["codes"] == [400, 10]
    got = (await service.get_by_id(ACME, body("get_by_id", dataview=view)))["dataview"]
    assert got["system_tags"] == ["archived"]
    assert (await service.unarchive_many(ACME, body("unarchive_many", ids=[view])))["succeeded"][0]["unarchived"]
    assert (await service.publish_many(ACME, body("publish_many", ids=[view])))["succeeded"][0]["published"]
    deleted = await service.delete_many(ACME, body("delete_many", ids=[view], force=True))
    assert deleted == {"succeeded": [{"id": view, "deleted": True}], "failed": []}


async def test_move_needs_a_known_project_and_moves_the_caller_s_own(service):
    view = (await service.create(ACME, body("create", name="v")))["id"]
    assert await service.move(ACME, body("move", ids=[view], project="p1")) == {"project_id": "p1"}
    assert (await service.get_by_id(ACME, body("get_by_id", dataview=view)))["dataview"]["project"] == "p1"
    for request, code in ((body("move", ids=[view]), (400, 11)), (body("move", ids=[view], project="p9"), (400, 401))):
        with pytest.raises(ApiError) as caught:
            await service.move(ACME, request)
        assert (caught.value.code, caught.value.subcode) == code
    assert await service.move(ACME, body("move", ids=[view], project=None)) == {"project_id": None}


async def test_move_to_a_project_name_gets_or_creates_it(service):
    view = (await service.create(ACME, body("create", name="v")))["id"]
    assert await service.move(ACME, body("move", ids=[view], project_name="new")) == {"project_id": "project-new"}
    assert (await service.get_by_id(ACME, body("get_by_id", dataview=view)))["dataview"]["project"] == "project-new"


async def test_create_in_an_unknown_project_stores_nothing(service):
    with pytest.raises(ApiError) as caught:
        await service.create(ACME, body("create", name="v", project="p9"))
    assert (caught.value.code, caught.value.subcode) == (400, 401)
    assert (await service.get_all(ACME, request()))["dataviews"] == []


async def test_get_all_scrolls_with_a_next_scroll_id(service):
    for i in range(3):
        await service.create(ACME, body("create", name=f"v{i}"))
    first = await service.get_all(ACME, request(size=2))
    assert [d["name"] for d in first["dataviews"]] == ["v0", "v1"]
    rest = await service.get_all(ACME, request(size=2, scroll_id=first["scroll_id"]))
    assert [d["name"] for d in rest["dataviews"]] == ["v2"] and rest["scroll_id"] == listing.scroll_id(3)


# --- projects over RPC ------------------------------------------------------------------------


class TasksProcess:
    """The tasks process as ``RpcProjects`` calls it: ``projects.get_all`` finds nothing the
    first time; ``projects.create`` answers ``create_answer`` (a project id or an ApiError,
    as when another caller created the same name meanwhile)."""

    def __init__(self, create_answer: str | ApiError) -> None:
        self.create_answer, self.calls = create_answer, []

    async def call(self, process: str, request, key=None, timeout=None):
        self.calls.append((process, request.endpoint, request.payload))
        if request.endpoint == "projects.get_all":
            lookups = sum(1 for c in self.calls if c[1] == "projects.get_all")
            return {"projects": [] if lookups == 1 else [{"id": "theirs"}]}
        if isinstance(self.create_answer, ApiError):
            raise self.create_answer
        return {"id": self.create_answer}


async def test_ensure_finds_by_exact_name_then_creates():
    tasks = TasksProcess("new-id")
    assert await RpcProjects(tasks).ensure(ACME, "a.b/c") == "new-id"
    assert tasks.calls[0] == ("tasks", "projects.get_all",
                              {"name": r"^a\.b/c$", "only_fields": ["id"], "search_hidden": True})
    assert tasks.calls[1][1:] == ("projects.create", {"name": "a.b/c", "description": ""})


async def test_ensure_takes_the_project_another_caller_created_meanwhile():
    tasks = TasksProcess(ApiError.named("expected_unique_data", name="x"))
    assert await RpcProjects(tasks).ensure(ACME, "x") == "theirs"


async def test_ensure_lets_other_errors_through():
    with pytest.raises(ApiError) as caught:
        await RpcProjects(TasksProcess(ApiError.named("invalid_project_name", name="x"))).ensure(ACME, "x")
    assert caught.value.name == "invalid_project_name"


class TestInMemoryDataviewRepository(DataviewRepositoryContract):
    @pytest.fixture
    def dataviews_repo(self):
        return InMemoryDataviewRepository()

"""Parity with clearml-server for the list reads (issue 12, items 1, 2, 3, 11 and 15's
``filters``), through the gateway over plain HTTP: list filters that take one value or
``null``, the references the ``*_ex`` reads answer as objects, scrolls as the web UI opens
them, the task query options (regexes, ranges, dates) and the strictness of ``filters``."""

from __future__ import annotations

import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()
    return body["meta"]["result_code"], body["meta"]["result_subcode"]


def call(http: httpx.Client, endpoint: str, body: dict) -> dict:
    response = http.post(f"/v2.23/{endpoint}", json=body)
    assert meta(response) == (200, 0), response.text
    return response.json()["data"]


def names(answer: dict, key: str = "tasks") -> list[str]:
    return sorted(item["name"] for item in answer[key])


def new_task(http: httpx.Client, name: str, **fields) -> str:
    return call(http, "tasks.create", {"name": name, "type": "training", **fields})["id"]


@pytest.fixture(scope="module")
def tag() -> str:
    return uuid.uuid4().hex


@pytest.fixture(scope="module")
def lists(http, tag) -> dict:
    """A project with two tasks (one a child of the other), and a task without a project."""
    project = call(http, "projects.create", {"name": f"lists-{tag}"})["id"]
    parent = new_task(http, "parent", project=project, tags=[tag], comment="the first run")
    child = new_task(http, "child", project=project, parent=parent, tags=[tag], comment="a second try")
    loose = new_task(http, "loose", tags=[tag])
    return {"project": project, "parent": parent, "child": child, "loose": loose}


# --- 1. list filters take a single value; null matches a missing value ----------------------


def test_get_all_takes_a_single_value_where_a_list_is_expected(http, lists, tag):
    for endpoint in ("tasks.get_all", "tasks.get_all_ex"):
        found = call(http, endpoint, {"project": lists["project"], "status": "created", "tags": tag,
                                      "type": "training", "only_fields": ["name"]})
        assert names(found) == ["child", "parent"]
    by_id = call(http, "tasks.get_by_id_ex", {"id": lists["child"], "only_fields": ["name"]})
    assert names(by_id) == ["child"]
    by_parent = call(http, "tasks.get_all", {"parent": lists["parent"], "only_fields": ["name"]})
    assert names(by_parent) == ["child"]


def test_null_in_a_list_filter_matches_a_missing_value(http, lists, tag):
    found = call(http, "tasks.get_all_ex", {"tags": [tag], "project": [None], "only_fields": ["name"]})
    assert names(found) == ["loose"]
    roots = call(http, "tasks.get_all", {"tags": [tag], "parent": [None], "only_fields": ["name"]})
    assert names(roots) == ["loose", "parent"]


def test_projects_models_and_reports_take_a_single_value_too(http, lists, tag):
    [project] = call(http, "projects.get_all_ex", {"id": lists["project"], "only_fields": ["name"]})["projects"]
    assert project["name"] == f"lists-{tag}"
    model = call(http, "models.create", {"name": f"m-{tag}", "uri": "s3://b/m", "task": lists["parent"]})["id"]
    assert [m["id"] for m in call(http, "models.get_all", {"task": lists["parent"]})["models"]] == [model]
    report = call(http, "reports.create", {"name": f"r-{tag}", "project": lists["project"]})["id"]
    found = call(http, "reports.get_all_ex", {"id": report, "status": "created", "only_fields": ["name"]})
    assert names(found) == [f"r-{tag}"]


def test_status_values_are_not_checked_an_unknown_one_matches_nothing(http, tag):
    assert call(http, "tasks.get_all", {"tags": [tag], "status": ["no-such-status"]})["tasks"] == []


# --- 2. *_ex reads answer references as objects ----------------------------------------------


def test_get_all_ex_answers_references_as_objects_named_from_the_referenced_entities(http, lists, tag):
    me = call(http, "users.get_current_user", {})["user"]
    queue_name = f"lists-{tag}"
    call(http, "tasks.enqueue", {"task": lists["child"], "queue_name": queue_name})
    fields = ["name", "project.name", "user.name", "company", "parent.name", "parent.project.name",
              "execution.queue.name"]
    [task] = call(http, "tasks.get_all_ex", {"id": [lists["child"]], "only_fields": fields})["tasks"]
    assert task["project"] == {"id": lists["project"], "name": f"lists-{tag}"}
    assert task["user"] == {"id": me["id"], "name": me["name"]}
    assert task["company"] == {"id": me["company"]["id"]}
    assert task["parent"] == {"id": lists["parent"], "name": "parent",
                              "project": {"id": lists["project"], "name": f"lists-{tag}"}}
    assert task["execution"]["queue"]["name"] == queue_name
    call(http, "tasks.dequeue", {"task": lists["child"]})


def test_references_without_a_path_through_them_are_id_objects(http, lists):
    [task] = call(http, "tasks.get_by_id_ex", {"id": [lists["child"]]})["tasks"]
    assert task["project"] == {"id": lists["project"]} and task["parent"] == {"id": lists["parent"]}
    assert set(task["user"]) == {"id"} and set(task["company"]) == {"id"}
    [plain] = call(http, "tasks.get_all", {"id": [lists["child"]]})["tasks"]
    assert plain["project"] == lists["project"]


def test_models_and_projects_ex_reads_expand_their_references(http, lists, tag):
    model = call(http, "models.create", {"name": f"mx-{tag}", "uri": "s3://b/m", "task": lists["parent"],
                                         "project": lists["project"]})["id"]
    [found] = call(http, "models.get_all_ex", {"id": [model], "only_fields": ["task.name", "project.name",
                                                                              "company"]})["models"]
    assert found["task"] == {"id": lists["parent"], "name": "parent"}
    assert found["project"] == {"id": lists["project"], "name": f"lists-{tag}"}
    sub = call(http, "projects.create", {"name": f"lists-{tag}/sub"})["id"]
    [child] = call(http, "projects.get_all_ex", {"id": [sub], "only_fields": ["name", "parent.name",
                                                                                "company"]})["projects"]
    assert child["parent"] == {"id": lists["project"], "name": f"lists-{tag}"} and "id" in child["company"]


# --- 3. scrolls ------------------------------------------------------------------------------


def test_a_refreshed_new_scroll_returns_the_first_page(http, lists, tag):
    body = {"tags": [tag], "scroll_id": None, "refresh_scroll": True, "size": 2, "order_by": ["name"],
            "only_fields": ["name"]}
    first = call(http, "tasks.get_all_ex", body)
    assert [t["name"] for t in first["tasks"]] == ["child", "loose"]
    rest = call(http, "tasks.get_all_ex", {**body, "scroll_id": first["scroll_id"], "refresh_scroll": False})
    assert [t["name"] for t in rest["tasks"]] == ["parent"]
    again = call(http, "tasks.get_all_ex", {**body, "scroll_id": first["scroll_id"]})
    assert [t["name"] for t in again["tasks"]] == ["child", "loose", "parent"]


def test_projects_get_all_ex_scrolls_like_the_web_ui_asks(http):
    tag = uuid.uuid4().hex
    for name in ("a", "b", "c"):
        call(http, "projects.create", {"name": f"scroll-{tag}-{name}"})
    body = {"name": f"^scroll-{tag}", "scroll_id": None, "refresh_scroll": True, "size": 2, "order_by": ["name"],
            "only_fields": ["basename"]}
    first = call(http, "projects.get_all_ex", body)
    rest = call(http, "projects.get_all_ex", {**body, "scroll_id": first["scroll_id"], "refresh_scroll": False})
    assert [p["basename"][-1] for p in first["projects"] + rest["projects"]] == ["a", "b", "c"]


def test_only_a_request_naming_scroll_id_scrolls(http, lists, tag):
    unscrolled = call(http, "tasks.get_all_ex", {"tags": [tag], "size": 1, "only_fields": ["name"]})
    assert "scroll_id" not in unscrolled and len(unscrolled["tasks"]) == 3
    models = call(http, "models.get_all", {"scroll_id": None, "size": 1, "only_fields": ["name"]})
    assert models["scroll_id"] and len(models["models"]) == 1


def test_order_by_leaves_ties_in_id_order(http):
    tag = uuid.uuid4().hex
    made = [new_task(http, "same", tags=[tag]) for _ in range(6)]
    found = call(http, "tasks.get_all", {"tags": [tag], "order_by": ["-name"], "only_fields": ["id"]})["tasks"]
    assert [t["id"] for t in found] == sorted(made)


def test_get_all_pages_by_500_when_page_size_is_not_given(http, lists, tag):
    assert call(http, "tasks.get_all", {"tags": [tag], "page": 1})["tasks"] == []
    assert len(call(http, "tasks.get_all", {"tags": [tag], "page": 0})["tasks"]) == 3


# --- 11. task filters ------------------------------------------------------------------------


def test_name_comment_and_report_are_regular_expressions(http, lists, tag):
    found = call(http, "tasks.get_all", {"tags": [tag], "comment": "^the first", "only_fields": ["name"]})
    assert names(found) == ["parent"]


def test_ranges_take_min_and_max_with_open_ends(http, lists, tag):
    [parent] = call(http, "tasks.get_all", {"id": [lists["parent"]], "only_fields": ["created"]})["tasks"]
    later = call(http, "tasks.get_all", {"tags": [tag], "created": [parent["created"], None], "only_fields": ["name"]})
    assert "parent" in names(later)
    none = call(http, "tasks.get_all", {"tags": [tag], "created": [None, "2000-01-01T00:00:00"]})
    assert none["tasks"] == []
    assert names(call(http, "tasks.get_all", {"tags": [tag], "last_iteration": [0, 0], "only_fields": ["name"]})) == [
        "child", "loose", "parent"]
    bad = http.post("/v2.23/tasks.get_all", json={"tags": [tag], "started": ["2024-01-01"]})
    assert meta(bad) == (400, 12)


def test_date_fields_take_comparisons_and_any_takes_datetime(http, lists, tag):
    found = call(http, "tasks.get_all", {"tags": [tag], "last_update": ">=2000-01-01", "only_fields": ["name"]})
    assert names(found) == ["child", "loose", "parent"]
    assert call(http, "tasks.get_all", {"tags": [tag], "last_change": ["<2000-01-01"]})["tasks"] == []
    recent = call(http, "tasks.get_all_ex", {"tags": [tag], "only_fields": ["name"],
                                             "_any_": {"datetime": ">=2000-01-01", "fields": ["last_update"]}})
    assert names(recent) == ["child", "loose", "parent"]


def test_dotted_fields_filter_hyperparams_and_queues(http):
    tag = uuid.uuid4().hex
    hyper = {"Args": {"lr": {"section": "Args", "name": "lr", "value": "0.1"}}}
    task = new_task(http, "tuned", tags=[tag], hyperparams=hyper)
    new_task(http, "other", tags=[tag], hyperparams={"Args": {"lr": {"value": "0.2"}}})
    found = call(http, "tasks.get_all", {"tags": [tag], "hyperparams.Args.lr.value": "0.1", "only_fields": ["name"]})
    assert names(found) == ["tuned"]
    queued = call(http, "tasks.enqueue", {"task": task, "queue_name": f"dotted-{tag}"})["fields"]["execution.queue"]
    by_queue = call(http, "tasks.get_all_ex", {"execution.queue": queued, "only_fields": ["name"]})
    assert names(by_queue) == ["tuned"]
    call(http, "tasks.dequeue", {"task": task})


# --- 15. filters.<field> ---------------------------------------------------------------------


def test_a_filters_entry_holds_only_any_all_and_op(http, tag):
    bad = http.post("/v2.23/tasks.get_all_ex", json={"filters": {"tags": {"any": {"include": [tag]}, "none": {}}}})
    assert meta(bad) == (400, 12)
    bad_part = http.post("/v2.23/tasks.get_all_ex", json={"filters": {"tags": {"any": {"in": [tag]}}}})
    assert meta(bad_part) == (400, 12)


def test_filters_ignore_a_field_that_is_not_a_list_field(http, lists, tag):
    found = call(http, "tasks.get_all_ex", {"tags": [tag], "only_fields": ["name"],
                                            "filters": {"script": {"any": {"include": ["x"]}}}})
    assert names(found) == ["child", "loose", "parent"]


def test_get_by_id_ex_requires_ids(http):
    assert meta(http.post("/v2.23/tasks.get_by_id_ex", json={})) == (400, 11)


def test_an_ascending_order_lists_the_empty_values_last(http):
    marker = uuid.uuid4().hex
    waiting = new_task(http, "never started", tags=[marker])
    first, second = (new_task(http, f"ran {n}", tags=[marker]) for n in range(2))
    for task in (first, second):
        call(http, "tasks.started", {"task": task})
    ascending = call(http, "tasks.get_all", {"tags": [marker], "order_by": ["started"], "only_fields": ["id"]})
    assert [t["id"] for t in ascending["tasks"]] == [first, second, waiting]
    paged = call(http, "tasks.get_all", {"tags": [marker], "order_by": ["started"], "only_fields": ["id"],
                                         "page": 1, "page_size": 2})
    assert [t["id"] for t in paged["tasks"]] == [waiting]
    descending = call(http, "tasks.get_all", {"tags": [marker], "order_by": ["-started"], "only_fields": ["id"]})
    assert [t["id"] for t in descending["tasks"]] == [second, first, waiting]

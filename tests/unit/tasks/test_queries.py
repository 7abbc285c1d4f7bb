"""ClearML get_all filters -> MongoDB filter, sort, projection and paging."""

import re
from datetime import datetime, timezone

import pytest

from services.tasks.store import conditions

from services.tasks.store import queries
from shared.errors import ApiError
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

SCOPE = {"company": {"$in": ["acme", ""]}}
NOT_HIDDEN = {"system_tags": {"$ne": "hidden"}}


def tasks_query(**body):
    return queries.task_query("acme", tasks_api.GetAllRequest.model_validate(body))


def test_an_empty_request_lists_the_company_s_visible_tasks_in_creation_order():
    query = tasks_query()
    assert query.filter == {**SCOPE, **NOT_HIDDEN}
    assert query.sort == [("created", 1), ("_id", 1)]
    assert query.projection is None
    assert (query.skip, query.limit) == (0, queries.MAX_PAGE_SIZE)


def test_regexes_use_the_operator_form_never_a_compiled_pattern():
    condition = queries.regex_condition(r"^my\-project$")
    assert condition == {"$regex": r"^my\-project$"}
    assert not any(isinstance(v, re.Pattern) for v in condition.values())
    assert queries.regex_condition("a", "i") == {"$regex": "a", "$options": "i"}


def test_an_invalid_regex_is_400_21():
    with pytest.raises(ApiError) as err:
        tasks_query(name="(unclosed")
    assert (err.value.code, err.value.subcode) == (400, 21)


@pytest.mark.parametrize(
    ("values", "condition"),
    [
        (["a", "b"], {"tags": {"$in": ["a", "b"]}}),
        (["a", "-b"], {"tags": {"$in": ["a"], "$nin": ["b"]}}),
        (["__$not", "a", "b"], {"tags": {"$nin": ["a"], "$in": ["b"]}}),
        (["__$all", "a", "b", "__$any", "c"], {"tags": {"$all": ["a", "b"], "$in": ["c"]}}),
        (["__$all", "a", "__$not", "b", "c"], {"tags": {"$all": ["a", "c"], "$nin": ["b"]}}),
        (["a", "a"], {"tags": {"$in": ["a"]}}),
        (
            [None, "a"],
            {"$or": [{"tags": {"$in": ["a"]}}, {"tags": {"$exists": False}}, {"tags": []}, {"tags": None}]},
        ),
    ],
)
def test_list_field_operators(values, condition):
    assert queries.list_field_condition("tags", values) == condition


def test_every_task_filter_translates():
    query = tasks_query(
        id=["t1"],
        name="^train",
        project=["p1", "p2"],
        status=["created", "queued"],
        type=["training"],
        user=["u1"],
        parent="t0",
        tags=["x"],
        system_tags=["-archived"],
        status_changed=[">=2024-01-01T00:00:00"],
    )
    assert query.filter == {
        **SCOPE,
        "_id": {"$in": ["t1"]},
        "name": {"$regex": "^train"},
        "tags": {"$in": ["x"]},
        "system_tags": {"$nin": ["archived"]},
        "project": {"$in": ["p1", "p2"]},
        "status": {"$in": ["created", "queued"]},
        "type": {"$in": ["training"]},
        "user": {"$in": ["u1"]},
        "parent": {"$in": ["t0"]},
        "status_changed": {"$gte": datetime(2024, 1, 1, tzinfo=timezone.utc)},
    }


def test_a_field_filtered_twice_keeps_both_conditions():
    query = tasks_query(system_tags=["-archived"])
    assert query.filter == {**SCOPE, **NOT_HIDDEN, "$and": [{"system_tags": {"$nin": ["archived"]}}]}


def test_hidden_objects_are_included_when_searched_or_asked_for_by_id():
    assert "system_tags" not in tasks_query(search_hidden=True).filter
    assert "system_tags" not in tasks_query(id=["t1"]).filter


def test_include_subprojects_uses_the_expanded_project_list():
    request = tasks_api.GetAllRequest(project=["p1"], include_subprojects=True)
    assert queries.task_query("acme", request, ["p1", "p2"]).filter["project"] == {"$in": ["p1", "p2"]}


def test_any_and_all_patterns_are_case_insensitive_over_the_fields():
    query = tasks_query(_any_={"pattern": "x", "fields": ["name", "id", "hyperparams.$a.b"]})
    assert query.filter["$or"] == [
        {"name": {"$regex": "x", "$options": "i"}},
        {"_id": {"$regex": "x", "$options": "i"}},
        {"hyperparams.%24a.b": {"$regex": "x", "$options": "i"}},
    ]
    assert "$and" in tasks_query(_all_={"pattern": "x", "fields": ["name"]}).filter
    assert "$or" not in tasks_query(_any_={"pattern": "x", "fields": []}).filter


def test_date_filters_accept_comparison_prefixes_and_skip_non_dates():
    assert conditions.date_condition("d", ["<2024-01-01T00:00:00+00:00", ">2023-01-01", "junk"]) == {
        "d": {
            "$lt": datetime(2024, 1, 1, tzinfo=timezone.utc),
            "$gt": datetime(2023, 1, 1, tzinfo=timezone.utc),
        }
    }
    assert conditions.date_condition("d", ["junk"]) == {}


def test_order_by_translates_to_a_sort_with_descending_prefix():
    assert queries.sort_spec(["-last_update", "name", "-id"]) == [("last_update", -1), ("name", 1), ("_id", -1)]
    assert queries.sort_spec(["hyperparams.$x.lr"]) == [("hyperparams.%24x.lr", 1), ("_id", 1)]
    assert queries.sort_spec(["-name"]) == [("name", -1), ("_id", 1)]  # ClearML: the id breaks ties
    assert queries.sort_spec([]) == queries.DEFAULT_SORT


def test_only_fields_become_an_inclusion_projection_that_always_keeps_the_id():
    assert queries.projection_spec(["id"]) == {"_id": 1}
    assert queries.projection_spec(["name", "script.branch"]) == {"_id": 1, "name": 1, "script.branch": 1}
    assert queries.projection_spec(["script", "script.branch"]) == {"_id": 1, "script": 1}
    assert queries.projection_spec(["-script"]) == {"script": 0}
    assert queries.projection_spec(None) is None


@pytest.mark.parametrize(
    ("page", "page_size", "expected"),
    [
        (0, 10, (0, 10)),
        (3, 10, (30, 10)),
        (1, 10_000, (500, 500)),
        (None, 20, (0, 20)),
        (None, None, (0, 500)),
        (2, None, (1000, 500)),
    ],
)
def test_paging_bounds(page, page_size, expected):
    assert queries.paging(page, page_size) == expected


def test_a_page_without_a_page_size_is_a_page_of_500_as_in_clearml():
    query = tasks_query(page=1)
    assert (query.skip, query.limit) == (500, 500)


def test_negative_pages_are_rejected_by_the_request_model():
    with pytest.raises(Exception):
        tasks_api.GetAllRequest.model_validate({"page": -1, "page_size": 10})


def test_project_filters_translate():
    request = projects_api.GetAllRequest.model_validate(
        {"name": r"^a\-b$", "basename": "b", "description": "d", "shallow_search": True, "search_hidden": True}
    )
    query = queries.project_query("acme", request)
    assert query.filter == {
        **SCOPE,
        "name": {"$regex": r"^a\-b$"},
        "basename": {"$regex": "b"},
        "description": {"$regex": "d"},
        "parent": None,
    }


@pytest.mark.parametrize(
    ("values", "condition"),
    [
        ("a", {"tags": {"$in": ["a"]}}),
        (["__$or", "a", "__$not", "b"], {"$or": [{"tags": {"$in": ["a"]}}, {"tags": {"$nin": ["b"]}}]}),
        (["__$and", "a", "-b"], {"tags": {"$all": ["a", "-b"]}}),
        (["__$all", "a", "__$nop", "-b"], {"tags": {"$all": ["a"], "$nin": ["b"]}}),
    ],
)
def test_list_filters_follow_clearml_operators(values, condition):
    assert queries.list_field_condition("tags", values) == condition


@pytest.mark.parametrize("values", [["__$xor", "a"], ["a", "__$not"], ["__$not", "__$all", "a"], [1], ["-"]])
def test_bad_list_filter_values_are_400_16(values):
    with pytest.raises(ApiError) as err:
        queries.list_field_condition("tags", values)
    assert (err.value.code, err.value.subcode) == (400, 16)


def test_a_single_value_or_null_filters_like_a_list():
    query = tasks_query(project=None, id="t1", user="u1", status="created", parent=[None])
    assert query.filter["_id"] == {"$in": ["t1"]} and query.filter["status"] == {"$in": ["created"]}
    assert {"parent": {"$exists": False}} in query.filter["$or"]


def test_dotted_task_fields_filter_as_clearml_s_options_say():
    query = tasks_query(**{"execution.queue": "q1", "models.input.model": ["m1"], "hyperparams.$a.lr.value": "0.1",
                           "runtime.gpu": "yes", "comment": "^x", "report": "y", "unknown": "ignored"})
    assert query.filter["execution.queue"] == {"$in": ["q1"]}
    assert query.filter["models.input.model"] == {"$in": ["m1"]}
    assert query.filter["hyperparams.%24a.lr.value"] == {"$in": ["0.1"]}
    assert query.filter["runtime.gpu"] == "yes"
    assert query.filter["comment"] == {"$regex": "^x"} and query.filter["report"] == {"$regex": "y"}
    assert "unknown" not in query.filter


def test_ranges_take_min_and_max_with_open_ends():
    query = tasks_query(created=["2024-01-01", None], last_iteration=[None, "10"],
                        **{"last_metrics.m.v.value": ["0.5", 2]})
    assert query.filter["created"] == {"$gte": datetime(2024, 1, 1, tzinfo=timezone.utc)}
    assert query.filter["last_metrics.m.v.value"] == {"$gte": 0.5, "$lte": 2}
    assert {"$or": [{"last_iteration": {"$lte": 10}}, {"last_iteration": None}]} in [query.filter] + query.filter.get(
        "$and", []) or query.filter["$or"] == [{"last_iteration": {"$lte": 10}}, {"last_iteration": None}]


@pytest.mark.parametrize(("value", "subcode"), [(["2024-01-01"], 12), ([None, None], 12), ("x", 12), (["x", None], 16)])
def test_bad_ranges_are_refused(value, subcode):
    with pytest.raises(ApiError) as err:
        tasks_query(started=value)
    assert (err.value.code, err.value.subcode) == (400, subcode)


def test_date_fields_take_a_comparison_string_or_a_range():
    query = tasks_query(last_update=">=2024-01-01", last_change=["2024-01-01", "2024-02-01"])
    assert query.filter["last_update"] == {"$gte": datetime(2024, 1, 1, tzinfo=timezone.utc)}
    assert query.filter["last_change"] == {"$gte": datetime(2024, 1, 1, tzinfo=timezone.utc),
                                           "$lte": datetime(2024, 2, 1, tzinfo=timezone.utc)}


def test_any_with_datetime_over_the_date_fields():
    query = tasks_query(_any_={"datetime": ">=2024-01-01", "fields": ["last_update", "status_changed", "name"]})
    moment = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert query.filter["$or"] == [{"last_update": {"$gte": moment}}, {"status_changed": {"$gte": moment}}]
    for bad in ({"fields": ["name"]}, {"pattern": "x", "datetime": ">=2024-01-01", "fields": ["name"]}):
        with pytest.raises(ApiError) as err:
            tasks_query(_all_=bad)
        assert (err.value.code, err.value.subcode) == (400, 16)


def test_a_field_named_in_filters_drops_its_plain_filter():
    request = tasks_api.GetAllExRequest.model_validate({"tags": ["a"], "filters": {"tags": {"any": {"include": ["b"]}}}})
    assert queries.task_query("acme", request).filter["tags"] == {"$in": ["b"]}

"""The ``get_all_ex`` extras translator (``services.tasks.store.filters``): ``filters``,
``search_text`` and numeric order keys. Pure: conditions are checked as data and by
evaluating them over documents with the fakes' matcher (the same subset MongoDB runs)."""

import re

import pytest
from pydantic import ValidationError

from services.tasks.store import filters

from services.tasks.store import queries
from shared.errors import ApiError
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api
from tests.unit.tasks.fakes import matches

DOCS = {
    "ab": {"_id": "ab", "tags": ["a", "b"]},
    "a": {"_id": "a", "tags": ["a"]},
    "c": {"_id": "c", "tags": ["c"]},
    "none": {"_id": "none"},
    "empty": {"_id": "empty", "tags": []},
}


def found(condition: dict) -> set[str]:
    return {key for key, doc in DOCS.items() if matches(doc, condition)}


def tags(**spec) -> dict:
    return filters.field_filter("tags", spec)


def task_filters(spec: dict) -> dict:
    return queries.filter_conditions(spec, queries.TASK_OPTIONS)


def test_any_include_is_in():
    assert tags(any={"include": ["a", "c"]}) == {"tags": {"$in": ["a", "c"]}}
    assert found(tags(any={"include": ["a", "c"]})) == {"ab", "a", "c"}


def test_any_exclude_means_lacking_any_of_them():
    condition = tags(any={"exclude": ["a", "b"]})
    assert condition == {"$or": [{"tags": {"$ne": "a"}}, {"tags": {"$ne": "b"}}]}
    assert found(condition) == {"a", "c", "none", "empty"}


def test_any_include_or_exclude():
    assert found(tags(any={"include": ["c"], "exclude": ["a"]})) == {"c", "none", "empty"}


def test_all_include_is_all():
    assert tags(all={"include": ["a", "b"]}) == {"tags": {"$all": ["a", "b"]}}
    assert found(tags(all={"include": ["a", "b"]})) == {"ab"}


def test_all_exclude_is_nin():
    assert tags(all={"exclude": ["a"]}) == {"tags": {"$nin": ["a"]}}
    assert found(tags(all={"exclude": ["a"]})) == {"c", "none", "empty"}


def test_all_include_and_exclude():
    assert found(tags(all={"include": ["a"], "exclude": ["b"]})) == {"a"}


def test_op_joins_the_any_and_all_parts():
    both = tags(any={"include": ["c"]}, all={"include": ["a", "b"]}, op="and")
    assert found(both) == set()
    either = tags(any={"include": ["c"]}, all={"include": ["a", "b"]}, op="or")
    assert either == {"$or": [{"tags": {"$in": ["c"]}}, {"tags": {"$all": ["a", "b"]}}]}
    assert found(either) == {"c", "ab"}


def test_null_includes_empty_fields_and_excludes_them():
    assert found(tags(any={"include": [None]})) == {"none", "empty"}
    assert found(tags(any={"include": ["c", "__$null"]})) == {"c", "none", "empty"}
    assert found(tags(all={"exclude": [None]})) == {"ab", "a", "c"}
    assert found(tags(any={"exclude": [None]})) == {"ab", "a", "c"}


def test_fields_are_joined_by_and_and_mapped_to_stored_names():
    condition = task_filters({"tags": {"any": {"include": ["a"]}}, "id": {"any": {"include": ["ab", "c"]}}})
    assert sorted(map(str, condition["$and"])) == sorted(map(str, [{"tags": {"$in": ["a"]}}, {"_id": {"$in": ["ab", "c"]}}]))
    assert found(condition) == {"ab"}


def test_an_empty_spec_asks_nothing():
    assert task_filters({"tags": {}}) == {}
    assert task_filters(None) == {}


def test_fields_that_are_not_list_fields_are_ignored_as_in_clearml():
    assert task_filters({"script.diff": {"any": {"include": ["x"]}}}) == {}


def test_dotted_list_fields_filter_with_their_stored_path():
    condition = task_filters({"hyperparams.$a.b.value": {"any": {"include": ["1"]}},
                              "execution.queue": {"any": {"include": ["q"]}}})
    assert condition == {"$and": [{"hyperparams.%24a.b.value": {"$in": ["1"]}}, {"execution.queue": {"$in": ["q"]}}]}


@pytest.mark.parametrize("bad", [{"tags": {"op": "xor"}}, {"tags": "a"}, {"tags": {"any": {"include": "a"}}}])
def test_bad_filters_are_400_12(bad):
    with pytest.raises(ApiError) as err:
        task_filters(bad)
    assert (err.value.code, err.value.subcode) == (400, 12)


def test_parsed_request_models_translate_like_mappings():
    request = tasks_api.GetAllExRequest.model_validate(
        {"filters": {"status": {"all": {"exclude": ["failed"]}}, "tags": {"any": {"include": ["a"]}}}})
    query = queries.task_query("acme", request)
    assert {"status": {"$nin": ["failed"]}} in query.filter["$and"]
    assert {"tags": {"$in": ["a"]}} in query.filter["$and"]


def test_project_filters_use_the_project_list_fields():
    request = projects_api.GetAllExRequest.model_validate({"filters": {"tags": {"any": {"include": ["x"]}}}})
    assert queries.project_query("acme", request).filter["tags"] == {"$in": ["x"]}
    ignored = projects_api.GetAllExRequest.model_validate({"filters": {"status": {"any": {"include": ["x"]}}}})
    assert "status" not in queries.project_query("acme", ignored).filter


@pytest.mark.parametrize("bad", [{"tags": {"any": {"include": ["a"]}, "none": {}}},
                                 {"tags": {"any": {"include": ["a"], "other": ["b"]}}}])
def test_a_filter_with_keys_other_than_any_all_op_is_400_12(bad):
    with pytest.raises(ValidationError):
        tasks_api.GetAllExRequest.model_validate({"filters": bad})


def test_search_text_is_an_escaped_case_insensitive_substring_over_the_text_fields():
    condition = filters.search_text_condition("  ResNet.v2 ", filters.TASK_SEARCH_FIELDS)
    assert condition["$or"][0] == {"name": {"$regex": re.escape("ResNet.v2"), "$options": "i"}}
    assert [list(c)[0] for c in condition["$or"]] == list(filters.TASK_SEARCH_FIELDS)
    docs = [{"name": "my resnet.V2 run"}, {"name": "resnetXv2"}, {"comment": "about RESNET.v2"},
            {"models": {"output": [{"model": "m-resnet.v2"}]}}]
    assert [matches(d, condition) for d in docs] == [True, False, True, True]
    assert filters.search_text_condition("   ", filters.TASK_SEARCH_FIELDS) == {}


def test_search_text_reaches_every_entity_query():
    task = queries.task_query("acme", tasks_api.GetAllRequest(search_text="abc"))
    project = queries.project_query("acme", projects_api.GetAllRequest(search_text="abc"))
    assert {"description": {"$regex": "abc", "$options": "i"}} in project.filter["$or"]
    assert {"script.repository": {"$regex": "abc", "$options": "i"}} in task.filter["$or"]


def test_allow_public_false_scopes_to_the_company_only():
    query = queries.task_query("acme", tasks_api.GetAllExRequest(allow_public=False))
    assert query.filter["company"] == "acme"
    assert queries.task_query("acme", tasks_api.GetAllExRequest()).filter["company"] == {"$in": ["acme", ""]}


def test_hyperparameter_values_sort_numerically_metrics_as_stored():
    query = queries.task_query("acme", tasks_api.GetAllRequest(
        order_by=["-hyperparams.Args.lr.value", "last_metrics.m1.v1.value", "hyperparams.Args.lr.type"]))
    assert query.numeric == {"hyperparams.Args.lr.value"}
    assert query.sort[1] == ("last_metrics.m1.v1.value", 1)


def test_numeric_sort_keys_classify_then_compare_numbers():
    fields, keys = filters.numeric_sort_keys("hyperparams.a.b.value", 3)
    assert keys == ["__sort_3k", "__sort_3n"]
    assert set(fields) == set(keys)
    convert = fields["__sort_3n"]["$convert"]
    assert convert == {"input": "$hyperparams.a.b.value", "to": "double", "onError": None, "onNull": None}

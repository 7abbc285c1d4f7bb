"""Filter rules compiled to Elasticsearch queries: field placement per query kind, nested ROI
fields, label rules with count and confidence ranges, filter_by_roi, and ClearML-shaped errors.
(What these queries select on the real Elasticsearch: tests/integration/datasets/.)"""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.datasets.query import lucene
from services.datasets.query.fields import KEYWORDS, NUMBERS
from services.datasets.query.rules import MATCH_ALL, compile_rule, render
from services.datasets.store import layout
from shared.errors import ApiError
from tests.unit.datasets.samples import random_queries


def nested(query, score_mode="none"):
    return {"nested": {"path": "rois", "query": query, "score_mode": score_mode}}


def test_a_rule_without_queries_or_label_rules_selects_every_frame():
    assert compile_rule({"dataset": "d", "version": "v"}) == MATCH_ALL
    assert compile_rule({"label_rules": [], "filter_by_roi": "label_rules", "frame_query": None,
                         "sources_query": None}) == MATCH_ALL
    assert compile_rule({"frame_query": "  ", "sources_query": ""}) == MATCH_ALL


def lenient(query, field):
    return {"query_string": {"query": query, "default_field": field, "lenient": True}}


def test_frame_query_fields_are_frame_paths_and_keyword_suffixes_are_dropped():
    assert compile_rule({"frame_query": "meta.city:bremen"}) == lenient('"bremen"', "meta.city")
    assert compile_rule({"frame_query": "meta.city.keyword:bremen"}) == lenient('"bremen"', "meta.city")
    assert compile_rule({"frame_query": "labels.keyword:car"}) == {"term": {"labels": "car"}}
    assert compile_rule({"frame_query": "context_id:c1"}) == {"term": {"context_id": "c1"}}
    assert compile_rule({"frame_query": "dataset.id:d1"}) == {"term": {"dataset": "d1"}}
    assert compile_rule({"frame_query": "source.uri:u"}) == {"term": {"sources.uri": "u"}}


def test_frame_query_roi_fields_become_nested_queries_one_per_term():
    assert compile_rule({"frame_query": "rois.label:car AND rois.confidence:>0.5"}) == {"bool": {"filter": [
        nested({"term": {"rois.label": "car"}}),
        nested({"range": {"rois.confidence": {"gt": "0.5"}}}),
    ]}}
    assert compile_rule({"frame_query": "_exists_:rois"}) == nested(MATCH_ALL)


def test_a_bare_term_in_a_frame_query_searches_every_field_leniently():
    assert compile_rule({"frame_query": "bremen"}) == {
        "query_string": {"query": '"bremen"', "default_field": "*", "lenient": True}}
    assert compile_rule({"frame_query": "a:b OR brem*"})["bool"]["should"][1] == {
        "query_string": {"query": "brem*", "default_field": "*", "lenient": True}}
    assert compile_rule({"frame_query": 'x\\:y*'})["query_string"]["query"] == "x\\:y*"
    assert compile_rule({"frame_query": "[1 TO *}"})["query_string"]["query"] == '["1" TO *}'


def test_sources_query_fields_are_relative_to_a_source_or_written_in_full():
    assert compile_rule({"sources_query": "uri:s3*"}) == {"wildcard": {"sources.uri": {"value": "s3*"}}}
    # what the SDK sends when it looks for already uploaded files
    assert compile_rule({"sources_query": 'sources.meta.hash.source:("h1" OR "h2")'}) == {"bool": {"should": [
        lenient('"h1"', "sources.meta.hash.source"), lenient('"h2"', "sources.meta.hash.source")]}}
    assert compile_rule({"sources_query": "source.id:00"}) == {"term": {"sources.id": "00"}}
    assert compile_rule({"sources_query": "x"})["query_string"]["default_field"] == "sources.*"


def test_leaves_on_typed_fields_translate_to_their_plain_queries():
    assert compile_rule({"frame_query": "timestamp:[1 TO 5}"}) == {"range": {"timestamp": {"gte": "1", "lt": "5"}}}
    assert compile_rule({"frame_query": "timestamp:{* TO 5]"}) == {"range": {"timestamp": {"lte": "5"}}}
    assert compile_rule({"frame_query": "timestamp:5"}) == {"term": {"timestamp": "5"}}
    assert compile_rule({"frame_query": "context_id:[a TO b]"}) == {"range": {"context_id": {"gte": "a", "lte": "b"}}}
    assert compile_rule({"frame_query": "meta.x:*"}) == {"exists": {"field": "meta.x"}}
    assert compile_rule({"frame_query": "meta.x:[* TO *]"}) == {"exists": {"field": "meta.x"}}
    assert compile_rule({"frame_query": "id:/a.c/"}) == {"regexp": {"id": {"value": "a.c"}}}
    assert compile_rule({"frame_query": "id:abc~1"}) == {"fuzzy": {"id": {"value": "abc", "fuzziness": 1}}}
    assert compile_rule({"frame_query": "NOT id:a"}) == {"bool": {"must_not": [{"term": {"id": "a"}}]}}
    assert compile_rule({"frame_query": "+id:a context_id:b"}) == {"bool": {
        "filter": [{"term": {"id": "a"}}], "should": [{"term": {"context_id": "b"}}]}}


def test_leaves_on_dynamic_fields_or_mismatched_types_are_lenient_query_strings():
    # a word against a number, a wildcard against a number, "yes" against a boolean would
    # fail the whole search as plain queries; ``meta.*`` takes the type of its first value
    assert compile_rule({"frame_query": "meta.n:[1 TO 5}"}) == lenient('["1" TO "5"}', "meta.n")
    assert compile_rule({"frame_query": "meta.x:/a.c/"}) == lenient("/a.c/", "meta.x")
    assert compile_rule({"frame_query": r"meta.x:a\ b*"}) == lenient(r"a\ b*", "meta.x")
    assert compile_rule({"frame_query": "meta.x:abc~1"}) == lenient("abc~1", "meta.x")
    assert compile_rule({"frame_query": "timestamp:abc"}) == lenient('"abc"', "timestamp")
    assert compile_rule({"frame_query": "timestamp:1*"}) == lenient("1*", "timestamp")
    assert compile_rule({"frame_query": "timestamp:[a TO 5]"}) == lenient('["a" TO "5"]', "timestamp")


def test_a_plain_label_rule_selects_frames_with_at_least_one_such_roi():
    assert compile_rule({"label_rules": [{"label": "car"}]}) == nested({"term": {"rois.label": "car"}})
    assert compile_rule({"label_rules": [{"label": "label.keyword:\"Car\" AND NOT label.keyword:\"partly_occluded\""}]}) == nested(
        {"bool": {"filter": [{"term": {"rois.label": "Car"}}], "must_not": [{"term": {"rois.label": "partly_occluded"}}]}})
    # the default operator of a label query is AND
    assert compile_rule({"label_rules": [{"label": "car red"}]}) == nested(
        {"bool": {"filter": [{"term": {"rois.label": "car"}}, {"term": {"rois.label": "red"}}]}})


def test_label_rule_fields_are_roi_fields():
    assert compile_rule({"label_rules": [{"label": "confidence:>0.5 AND rois.area:[10 TO *]"}]}) == nested(
        {"bool": {"filter": [{"range": {"rois.confidence": {"gt": "0.5"}}}, {"range": {"rois.area": {"gte": "10"}}}]}})


def test_conf_range_bounds_the_confidence_of_the_counted_rois():
    assert compile_rule({"label_rules": [{"label": "car", "conf_range": [0.5, -1]}]}) == nested(
        {"bool": {"filter": [{"term": {"rois.label": "car"}}, {"range": {"rois.confidence": {"gte": 0.5}}}]}})
    assert compile_rule({"label_rules": [{"label": "car", "conf_range": [-1, -1]}]}) == nested(
        {"term": {"rois.label": "car"}})


def counted(query, at_least):
    return {"function_score": {"query": nested({"constant_score": {"filter": query, "boost": 1}}, "sum"),
                               "min_score": at_least - 0.5}}


def test_count_range_counts_matching_rois_with_nested_scores():
    car = {"term": {"rois.label": "car"}}
    assert compile_rule({"label_rules": [{"label": "car", "count_range": [2, 4]}]}) == {"bool": {"filter": [
        counted(car, 2), {"bool": {"must_not": [counted(car, 5)]}}]}}
    assert compile_rule({"label_rules": [{"label": "car", "count_range": [3]}]}) == counted(car, 3)
    assert compile_rule({"label_rules": [{"label": "car", "count_range": [-1, 1]}]}) == {"bool": {"filter": [
        nested(car), {"bool": {"must_not": [counted(car, 2)]}}]}}
    # 0 as the minimum admits frames without any such ROI
    assert compile_rule({"label_rules": [{"label": "car", "count_range": [0, 0]}]}) == {"bool": {"must_not": [nested(car)]}}


def test_must_not_negates_the_rule():
    car = {"term": {"rois.label": "car"}}
    assert compile_rule({"label_rules": [{"label": "car", "must_not": True}]}) == {"bool": {"must_not": [nested(car)]}}


def test_label_rules_are_anded_with_the_queries():
    query = compile_rule({"frame_query": "context_id:1", "sources_query": "uri:u",
                          "label_rules": [{"label": "car"}, {"label": "dog"}]})
    assert query == {"bool": {"filter": [
        {"term": {"context_id": "1"}}, {"term": {"sources.uri": "u"}},
        {"bool": {"filter": [nested({"term": {"rois.label": "car"}}), nested({"term": {"rois.label": "dog"}})]}},
    ]}}


def test_filter_by_roi_modes():
    rules = [{"label": "car"}]
    assert compile_rule({"filter_by_roi": "disabled", "label_rules": rules}) == MATCH_ALL
    assert compile_rule({"filter_by_roi": "no_rois", "label_rules": rules}) == {"bool": {"must_not": [nested(MATCH_ALL)]}}
    assert compile_rule({"filter_by_roi": None, "label_rules": rules}) == nested({"term": {"rois.label": "car"}})


def error_of(rule, **kwargs) -> ApiError:
    with pytest.raises(ApiError) as caught:
        compile_rule(rule, **kwargs)
    return caught.value


def test_an_invalid_query_is_400_19_naming_the_rule_the_field_and_the_position():
    error = error_of({"frame_query": "meta.x:(a"}, index=3)
    assert (error.code, error.subcode) == (400, 19)
    assert error.data == {"rule": 3, "field": "frame_query", "position": 9, "query": "meta.x:(a"}
    assert "expected ')' to close the '(' at 7" in error.message
    error = error_of({"label_rules": [{"label": "car"}, {"label": "a AND"}]})
    assert (error.code, error.subcode) == (400, 19)
    assert error.data == {"label_rule": 1, "field": "label_rules[1].label", "position": 5, "query": "a AND"}
    assert error_of({"sources_query": "uri:["}).data["field"] == "sources_query"


@pytest.mark.parametrize("rule", [
    {"count_range": [3, 1]},
    {"count_range": [-2, 1]},
    {"count_range": [1.5, 2]},
    {"count_range": []},
    {"count_range": [1, 2, 3]},
    {"count_range": ["1"]},
    {"conf_range": [0.9, 0.1]},
    {"conf_range": [-0.5, 1]},
    {"conf_range": [True]},
])
def test_bad_ranges_are_400_12_naming_the_label_rule(rule):
    error = error_of({"label_rules": [{"label": "car", **rule}]}, index=0)
    assert (error.code, error.subcode) == (400, 12)
    assert error.data["rule"] == 0
    assert error.data["field"] == f"label_rules[0].{next(iter(rule))}"


def test_an_unknown_filter_by_roi_is_400_12():
    error = error_of({"filter_by_roi": "some"})
    assert (error.code, error.subcode) == (400, 12)


@pytest.mark.parametrize("pattern", ["(a+)+$", "(?=a)b", "a$", "^a", "(a)\\1"])
def test_regular_expressions_that_are_unsafe_or_mean_something_else_are_400_21(pattern):
    error = error_of({"frame_query": f"meta.x:/{pattern}/"})
    assert (error.code, error.subcode) == (400, 21)


def test_a_negated_character_class_is_a_fine_regular_expression():
    assert compile_rule({"frame_query": "id:/[^a]b/"})["regexp"]["id"]["value"] == "[^a]b"


def test_lucene_only_regular_expression_operators_are_literal_characters():
    assert compile_rule({"frame_query": "id:/a@b<1-2>#/"})["regexp"]["id"]["value"] == "a\\@b\\<1-2\\>\\#"
    assert compile_rule({"frame_query": "id:/a\\@b/"})["regexp"]["id"]["value"] == "a\\@b"


def test_the_typed_fields_are_those_of_the_frame_mapping():
    properties = layout.mapping()["properties"]

    def typed(kinds):
        found = set()
        for name, spec in properties.items():
            for sub, sub_spec in ((f"{name}.{key}", value) for key, value in spec.get("properties", {}).items()):
                if name in ("sources", "rois") and sub_spec.get("type") in kinds:
                    found.add(sub)
            if spec.get("type") in kinds:
                found.add(name)
        return found

    assert KEYWORDS == typed({"keyword"})
    assert NUMBERS == typed({"long", "float"})


def leaves(node):
    if isinstance(node, lucene.Bool):
        for item in node.must + node.should + node.must_not:
            yield from leaves(item)
    else:
        yield node


def test_leaves_rendered_for_query_string_parse_back_to_themselves():
    for query in random_queries(5000):
        try:
            node = lucene.parse(query)
        except lucene.LuceneSyntaxError:
            continue
        for leaf in leaves(node):
            if isinstance(leaf, (lucene.Term, lucene.Wildcard, lucene.Fuzzy, lucene.Range)):
                assert lucene.parse(render(leaf)) == replace(leaf, field=None), (query, leaf)


def test_any_parsed_query_compiles_or_is_refused_as_a_client_error():
    for query in random_queries(3000):
        try:
            compile_rule({"frame_query": query, "sources_query": query, "label_rules": [{"label": query}]})
        except ApiError as exc:
            assert (exc.code, exc.subcode) in ((400, 19), (400, 21)), query

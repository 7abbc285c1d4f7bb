"""ROIs of a returned frame as a task receives them (only_filtered, label mapping, labels
enumeration), and a filter rule evaluated in Python on a frame in hand."""

from __future__ import annotations

import pytest

from services.datasets.query.fields import FRAME, SOURCES
from services.datasets.query.lucene import parse
from services.datasets.query.matching import matches
from services.datasets.query.rois import (
    LabelRule,
    enumerate_labels,
    filtered_rois,
    frame_matches,
    map_labels,
    present_rois,
)
from shared.errors import ApiError

CAR = {"id": "r1", "label": ["car"], "confidence": 0.9, "area": 100}
WEAK_CAR = {"id": "r2", "label": ["car", "occluded"], "confidence": 0.2}
DOG = {"id": "r3", "label": ["dog"]}
FRAME_DOC = {
    "id": "f1", "context_id": "ctx", "timestamp": 5,
    "meta": {"city": "bremen", "n": 5, "ok": True, "score": 0.75, "tags": ["a", "b"], "deep": {"x": "y"}},
    "sources": [{"id": "front", "uri": "s3://bucket/1.jpg", "meta": {"hash": {"source": "h1"}}}],
    "rois": [CAR, WEAK_CAR, DOG],
    "meta_blob": {"secret": "hidden"},
}


@pytest.mark.parametrize(("query", "expected"), [
    ("meta.city:bremen", True),
    ("meta.city:Bremen", False),
    ("meta.n:5", True),
    ("meta.n:5.0", True),
    ("meta.n:five", False),
    ("meta.ok:true", True),
    ("meta.score:[0.5 TO 1]", True),
    ("meta.score:{0.75 TO 1]", False),
    ("meta.n:>=5", True),
    ("meta.n:>5", False),
    ("meta.city:[a TO c]", True),
    ("meta.tags:b", True),
    ("meta.deep.x:y", True),
    ("meta.city:bre*", True),
    ("meta.city:br?men", True),
    ("meta.city:/br.m.n/", True),
    ("meta.city:/rem/", False),
    ("meta.city:bremn~1", True),
    ("meta.city:brmn~1", False),
    ("bremen", True),
    ("5", True),
    ("hidden", False),
    ("car", False),  # a bare term does not look into the nested ROIs
    ("_exists_:meta.city", True),
    ("_exists_:meta.nothing", False),
    ("_exists_:meta.de\\*", True),
    ("_exists_:meta.no\\*", False),
    ("_exists_:meta.de*", False),  # a wildcard on a field called _exists_, as in Elasticsearch
    ("meta.\\*:y", True),
    ("*:bremen", True),
    ("*:car", False),  # not the nested ROIs
    ("rois.\\*:dog", True),
    ("meta.nothing:*", False),
    ("_exists_:rois", True),
    ("rois.label:car AND rois.label:dog", True),
    ("rois.confidence:>0.95", False),
    ("sources.uri:s3*", True),
    ("sources.meta.hash.source:h1", True),  # searchable: the SDK finds uploaded files by their hash
    ("NOT meta.city:bremen", False),
    ("meta.city:bremen AND meta.n:6 OR x:y", False),
    ("meta.city:paris OR meta.n:5", True),
    ("meta.city:paris meta.n:6", False),
    ("*:*", True),
])
def test_frame_queries_on_a_frame_in_hand(query, expected):
    assert matches(parse(query), FRAME_DOC, FRAME) is expected


DATED = {"meta": {"updated": "2024-10-20T08:30:00", "zoned": "2024-10-20T08:30:00+02:00"}}


@pytest.mark.parametrize(("query", "expected"), [
    # ClearML's documented day query: the whole day
    ("meta.updated:[2024-10-20 TO 2024-10-20]", True),
    ("meta.updated:2024-10-20", True),
    ("meta.updated:2024-10-21", False),
    ("meta.updated:[2024-10-20T08:00:00 TO 2024-10-20T09:00:00]", True),
    # a bound without its smaller parts: >= and < take its start, > and <= its end
    ("meta.updated:{2024-10-20 TO *}", False),
    ("meta.updated:[* TO 2024-10-20T08:30}", False),
    ("meta.updated:[* TO 2024-10-20T08:30]", True),
    ("meta.updated:>=2024-10-20T08\\:30", True),
    ("meta.updated:>2024-10-20T08\\:29", True),
    ("meta.zoned:[2024-10-20T06:30:00Z TO 2024-10-20T06:30:00Z]", True),
    # dates are no strings: wildcards and words do not match them
    ("meta.updated:2024*", False),
    ("meta.updated:[a TO z]", False),
    ("meta.updated:today", False),
])
def test_dates_in_meta_are_dates(query, expected):
    assert matches(parse(query), DATED, FRAME) is expected


def test_sources_queries_are_relative_to_a_source():
    assert matches(parse("uri:\"s3://bucket/1.jpg\""), FRAME_DOC, SOURCES)
    assert matches(parse("id:front"), FRAME_DOC, SOURCES)
    assert not matches(parse("id:back"), FRAME_DOC, SOURCES)
    assert matches(parse("front"), FRAME_DOC, SOURCES)


def test_a_label_rule_counts_rois_matching_label_and_confidence():
    rule = LabelRule.of({"label": "car", "conf_range": [0.5, 1]})
    assert [rule.roi_matches(roi) for roi in (CAR, WEAK_CAR, DOG)] == [True, False, False]
    assert LabelRule.of({"label": "car"}).frame_matches([CAR, WEAK_CAR])
    assert LabelRule.of({"label": "car", "count_range": [2, 2]}).frame_matches([CAR, WEAK_CAR])
    assert not LabelRule.of({"label": "car", "count_range": [3, -1]}).frame_matches([CAR, WEAK_CAR])
    assert not LabelRule.of({"label": "car", "count_range": [-1, 1]}).frame_matches([DOG])
    assert LabelRule.of({"label": "car", "count_range": [0, 1]}).frame_matches([DOG])
    assert LabelRule.of({"label": "car", "must_not": True}).frame_matches([DOG])
    assert not LabelRule.of({"label": "car occluded", "must_not": True}).frame_matches([WEAK_CAR])
    assert LabelRule.of({"label": "confidence:<0.5"}).roi_matches(WEAK_CAR)


def test_frame_matches_ands_queries_and_label_rules():
    assert frame_matches({"frame_query": "meta.city:bremen", "label_rules": [{"label": "dog"}]}, FRAME_DOC)
    assert not frame_matches({"frame_query": "meta.city:bremen", "label_rules": [{"label": "cat"}]}, FRAME_DOC)
    assert not frame_matches({"sources_query": "uri:gs*"}, FRAME_DOC)
    assert frame_matches({"filter_by_roi": "disabled", "label_rules": [{"label": "cat"}]}, FRAME_DOC)
    assert not frame_matches({"filter_by_roi": "no_rois"}, FRAME_DOC)
    assert frame_matches({"filter_by_roi": "no_rois"}, {"id": "empty", "rois": []})
    assert frame_matches({"label_rules": []}, {"id": "empty"})


def test_errors_are_those_of_the_compiler():
    with pytest.raises(ApiError) as caught:
        frame_matches({"label_rules": [{"label": "(car"}]}, FRAME_DOC)
    assert (caught.value.code, caught.value.subcode) == (400, 19)


def test_only_filtered_keeps_the_rois_matching_a_positive_label_rule():
    rule = {"label_rules": [{"label": "car", "conf_range": [0.5, 1]}, {"label": "person", "must_not": True}]}
    assert filtered_rois(rule, [CAR, WEAK_CAR, DOG]) == [CAR]
    assert filtered_rois({"label_rules": [{"label": "car"}, {"label": "dog"}]}, [CAR, WEAK_CAR, DOG]) == [CAR, WEAK_CAR, DOG]
    assert filtered_rois({"label_rules": []}, [CAR, DOG]) == [CAR, DOG]
    assert filtered_rois({"filter_by_roi": "disabled", "label_rules": [{"label": "car"}]}, [CAR, DOG]) == [CAR, DOG]


def test_mapping_rules_rename_labels_of_rois_carrying_every_source_label():
    rules = [{"source": {"labels": ["car", "occluded"]}, "target": "hidden_car"},
             {"source": {"dataset": "*", "labels": ["car"]}, "target": "vehicle"}]
    mapped = map_labels([CAR, WEAK_CAR, DOG], rules)
    assert [roi["label"] for roi in mapped] == [["vehicle"], ["hidden_car"], ["dog"]]
    assert CAR["label"] == ["car"]  # copies: the frame in hand is not changed


def test_mapping_rules_keep_other_labels_and_apply_in_their_scope_only():
    rules = [{"source": {"dataset": "d1", "version": "v1", "labels": ["car"]}, "target": "vehicle"}]
    assert map_labels([WEAK_CAR], rules, "d1", "v1")[0]["label"] == ["vehicle", "occluded"]
    assert map_labels([WEAK_CAR], rules, "d1", "v2")[0]["label"] == ["car", "occluded"]
    assert map_labels([WEAK_CAR], rules, "d2", "v1")[0]["label"] == ["car", "occluded"]
    assert map_labels([CAR], [{"source": {"labels": []}, "target": "x"}, {"source": {"labels": ["car"]}}]) == [CAR]
    assert map_labels([CAR], None) == [CAR]


def test_labels_enumeration_sets_label_num_minus_one_when_not_enumerated():
    numbered = enumerate_labels([CAR, WEAK_CAR, DOG], {"occluded": 7, "car": 1})
    assert [roi["label_num"] for roi in numbered] == [1, 1, -1]
    assert enumerate_labels([CAR], None) == [CAR]
    assert "label_num" not in enumerate_labels([CAR], {})[0]


def test_present_rois_filters_then_maps_then_enumerates():
    rois = present_rois([CAR, WEAK_CAR, DOG], filter_rule={"label_rules": [{"label": "car"}]},
                        mapping_rules=[{"source": {"labels": ["car"]}, "target": "vehicle"}],
                        enumeration={"vehicle": 2}, dataset="d", version="v")
    assert [(roi["id"], roi["label"], roi["label_num"]) for roi in rois] == [
        ("r1", ["vehicle"], 2), ("r2", ["vehicle", "occluded"], 2)]
    assert present_rois([DOG]) == [DOG]

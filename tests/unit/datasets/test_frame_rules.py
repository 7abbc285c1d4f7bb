"""Frames of a save call checked one by one, the meta schema, vector fields, the stored
document and ClearML's frame made from it (``services/datasets/frames/rules.py``)."""

from __future__ import annotations

import re

import pytest

from services.datasets.frames import rules
from services.datasets.frames.rules import FrameError

NOW = 1_764_400_000_000


def image(frame_id="f1", **extra):
    return {"id": frame_id, "sources": [{"id": "image", "uri": f"s3://b/{frame_id}.jpg", "width": 64, "height": 48}],
            **extra}


def test_a_frame_without_id_gets_one_and_keeps_its_sources():
    frame = rules.check_frame({"sources": [{"id": "s", "uri": "u"}]})
    assert len(frame["id"]) == 32
    assert frame["sources"] == [{"id": "s", "uri": "u", "timestamp": 0}]


@pytest.mark.parametrize("raw, where", [
    ("not a frame", "object"),
    ({"id": "x"}, "sources"),
    ({"id": "x", "sources": [{"id": "s"}]}, "sources[0].uri"),
    ({"id": "x", "sources": [{"uri": "u"}]}, "sources[0].id"),
    ({"id": "x", "sources": [{"id": "s", "uri": "u", "width": "wide"}]}, "sources[0].width"),
    ({"id": "x", "sources": [], "rois": [{"label": "cat"}]}, "rois[0].label"),
    ({"id": "x", "sources": [], "rois": [{"label": ["cat"], "poly": ["a"]}]}, "rois[0].poly"),
    ({"id": "x", "sources": [], "rois": [{"label": ["cat"], "confidence": "high"}]}, "rois[0].confidence"),
    ({"id": "x", "sources": [], "rois": [{"label": ["cat"], "mask": 5}]}, "rois[0].mask"),
    ({"id": "x", "sources": [], "rois": [{"label": ["cat"], "mask": {"id": "m", "value": [1.5]}}]}, "rois[0].mask"),
    ({"id": "x", "sources": [{"id": "s", "uri": "u", "preview": {}}]}, "sources[0].preview.uri"),
    ({"id": "x", "sources": [{"id": "s", "uri": "u", "masks": [{"uri": "m"}]}]}, "sources[0].masks[0].id"),
    ({"id": "x", "sources": [], "meta": ["not", "a", "dict"]}, "meta"),
    ({"id": 5, "sources": []}, "id"),
    ({"id": "x", "sources": [], "timestamp": True}, "timestamp"),
])
def test_an_invalid_frame_is_refused_naming_the_field(raw, where):
    with pytest.raises(FrameError, match=re.escape(where)):
        rules.check_frame(raw)


def test_unknown_top_level_fields_are_dropped():
    assert "junk" not in rules.check_frame(image(junk=1))


def test_an_roi_without_label_has_no_labels_as_the_sdks_frame_class_roi_sends():
    frame = rules.check_frame(image(rois=[{"meta": {"_type": None}, "sources": ["image"]}]))
    assert frame["rois"][0]["label"] == []


def test_an_roi_polygon_has_its_area():
    frame = rules.check_frame(image(rois=[{"label": ["car"], "poly": [0, 0, 10, 0, 10, 5, 0, 5]}]))
    assert frame["rois"][0]["area"] == 50


def test_an_update_needs_the_frame_id_but_not_its_sources():
    with pytest.raises(FrameError, match="id"):
        rules.check_frame({"sources": []}, needs_id=True, needs_sources=False)
    assert rules.check_frame({"id": "f", "meta": {"a": 1}}, needs_id=True, needs_sources=False) == {
        "id": "f", "meta": {"a": 1}}


def test_meta_types_by_key_path():
    types = rules.meta_types({"city": "Paris", "n": 3, "score": 0.5, "ok": True, "tags": ["a", "b"],
                              "box": {"w": 3, "deep": {"x": "y"}}, "nothing": None}, {})
    assert types == {"meta.city": "string", "meta.n": "number", "meta.score": "number", "meta.ok": "boolean",
                     "meta.tags": "string", "meta.box": "object", "meta.box.w": "number",
                     "meta.box.deep": "object", "meta.box.deep.x": "string"}


def test_one_key_with_two_types_in_one_frame_is_refused_naming_both():
    with pytest.raises(FrameError, match="meta.mixed.*string and number"):
        rules.meta_types({"mixed": ["a", 1]}, {})


def test_a_key_of_another_type_than_the_dataset_schema_is_a_conflict_naming_both():
    conflict = rules.schema_conflict({"meta.city": "number"}, {"meta.city": "string"})
    assert conflict and "meta.city" in conflict and "string" in conflict and "number" in conflict
    assert rules.schema_conflict({"meta.city": "string", "meta.new": "number"}, {"meta.city": "string"}) is None


def test_vector_fields_come_from_the_field_mappings_the_sdk_declares():
    vectors = rules.vector_fields({"meta.emb": {"type": "dense_vector", "element_type": "float", "dims": 3},
                                   "meta.l2": {"type": "dense_vector", "dims": 2, "similarity": "l2_norm"},
                                   "meta.bad": {"type": "dense_vector", "dims": 0},
                                   "meta.text": {"type": "keyword"}})
    assert vectors == {"emb": {"dims": 3, "similarity": "cosine", "element_type": "float"},
                       "l2": {"dims": 2, "similarity": "l2_norm", "element_type": "float"}}


def test_a_vector_of_other_dimensions_is_refused_naming_the_field():
    vectors = rules.vector_fields({"meta.emb": {"type": "dense_vector", "dims": 3}})
    assert rules.meta_types({"emb": [0.1, 0.2, 0.3]}, vectors) == {"meta.emb": "dense_vector"}
    with pytest.raises(FrameError, match=r"meta\.emb.*3 dimensions, got 2"):
        rules.meta_types({"emb": [0.1, 0.2]}, vectors)
    with pytest.raises(FrameError, match=r"meta\.emb"):
        rules.meta_types({"emb": "not a vector"}, vectors)


def test_the_stored_document_has_the_defaults_and_the_label_index():
    frame = rules.check_frame(image(rois=[{"label": ["car", "red"]}, {"label": ["car"]}], meta={"a": 1}))
    doc = rules.stored_document(frame, dataset="d", version="v", now=NOW)
    assert doc["context_id"] == "s3://b/f1.jpg" and doc["timestamp"] == 0
    assert doc["labels"] == ["car", "red"] and doc["label_counts"] == {"car": 2, "red": 1}
    assert doc["hidden_in"] == [] and doc["version"] == "v" and doc["dataset"] == "d"
    assert (doc["saved"], doc["updated"], doc["saved_in_version"], doc["updated_in_version"]) == (NOW, NOW, "v", "v")


def test_a_frame_saved_again_keeps_when_and_where_it_was_first_saved():
    doc = rules.stored_document(rules.check_frame(image()), dataset="d", version="v2", now=NOW,
                                previous={"saved": 5, "saved_in_version": "v1"})
    assert (doc["saved"], doc["saved_in_version"], doc["updated"], doc["updated_in_version"]) == (5, "v1", NOW, "v2")


def test_clearml_frame_hides_internal_fields_and_names_the_version_read():
    doc = rules.stored_document(rules.check_frame(image(meta={"a": 1})), dataset="d", version="v1", now=NOW)
    frame = rules.clearml_frame({**doc, "_id": "v1:f1", "_score": 1.0}, "v2")
    assert frame["dataset"] == {"id": "d", "version": "v2"}
    assert not rules.INTERNAL & frame.keys()
    assert frame["meta"] == {"a": 1} and frame["id"] == "f1"


def test_a_projection_keeps_the_paths_asked_and_the_id():
    doc = rules.stored_document(rules.check_frame(image(meta={"a": 1, "b": 2})), dataset="d", version="v", now=NOW)
    assert rules.clearml_frame(doc, projection=["sources.uri", "meta.a"]) == {
        "id": "f1", "sources": [{"uri": "s3://b/f1.jpg"}], "meta": {"a": 1}}
    assert rules.project({"a": {"b": 1, "c": 2}}, ["a.b", "a"]) == {"a": {"b": 1, "c": 2}}


def test_statistics_in_clearmls_version_stats_shape():
    stats = rules.statistics({"total": 5, "annotated": 3, "labels": {"dog": 1, "cat": 4},
                              "content_types": {"image/jpeg": 5}})
    assert stats == {"frames": [{"name": "total", "count": 5}, {"name": "annotated", "count": 3},
                                {"name": "unannotated", "count": 2}],
                     "labels": [{"name": "cat", "count": 4}, {"name": "dog", "count": 1}],
                     "content_types": [{"name": "image/jpeg", "count": 5}]}


def test_values_at_a_path_through_lists():
    assert rules.values_at({"sources": [{"id": "a"}, {"id": "b"}], "id": "f"}, "sources.id") == ["a", "b"]
    assert rules.values_at({"id": "f"}, "id") == ["f"]

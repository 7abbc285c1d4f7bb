"""Frames through the gateway (``datasets.save_frames``/``update_frames``/``delete_frames`` and
the frame reads), as the SDK's Hyper-Datasets client sends and reads them: a batch with
invalid frames saves the others and lists the refused ones, the meta schema refuses a key of
another type, vector fields keep their dimensions, a child version sees its parent's frames
until it overrides or deletes them, and frames come back in ClearML's shape (checked with the
SDK's own response classes)."""

from __future__ import annotations

import uuid

import pytest
from clearml.backend_api.services.v2_23 import datasets as sdk_datasets
from clearml.backend_api.services.v2_23 import frames as sdk_frames

from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e

VECTORS = {"meta.emb": {"type": "dense_vector", "element_type": "float", "dims": 3}}


def new_version(http, parent: str | None = None, dataset: str | None = None) -> tuple[str, str]:
    """A draft version (of a new dataset with a vector field, unless ``dataset`` is given)."""
    if dataset is None:
        dataset = call(http, "datasets.create", {"name": f"frames-{uuid.uuid4().hex}", "field_mappings": VECTORS})["id"]
    version = call(http, "datasets.create_version", {"dataset": dataset, "name": f"v-{uuid.uuid4().hex[:8]}",
                                                     "parent": parent})["id"]
    return dataset, version


def frame(frame_id: str, **extra):
    return {"id": frame_id, "sources": [{"id": "image", "uri": f"s3://bucket/{frame_id}.jpg", "width": 64,
                                         "height": 48, "content_type": "image/jpeg"}], **extra}


def sdk_error_ids(answer) -> dict[str, str]:
    """The errors as the SDK's ``HyperDataset._register_data_entries`` reads them."""
    out = {}
    for error in answer["errors"]:
        frame_id = (error.get("_id") or error.get("index", {}).get("_id", "")).partition("/")[2]
        out[frame_id] = error.get("error") or error.get("index", {}).get("error", {}).get("reason")
    return out


def count(http, dataset, version, **extra) -> int:
    return call(http, "frames.get_count", {"dataset": dataset, "version": version, **extra})["total"]


def test_save_frames_saves_the_valid_frames_and_lists_the_invalid_ones_by_index(http):
    dataset, version = new_version(http)
    batch = [frame("a"), {"id": "b"}, frame("c", rois=[{"label": ["cat"], "poly": [0, 0, 4, 0, 4, 4]}]),
             frame("d", rois=[{"label": "cat"}])]
    answer = call(http, "datasets.save_frames", {"version": version, "frames": batch})
    sdk_datasets.SaveFramesResponse.from_dict(answer)
    assert (answer["saved"], answer["failed"], answer["ids"], answer["total_rois"]) == (2, 2, ["a", "c"], 1)
    assert [error["index"] for error in answer["errors"]] == [1, 3]
    errors = sdk_error_ids(answer)
    assert set(errors) == {"b", "d"} and "sources" in errors["b"] and "rois[0].label" in errors["d"]
    assert count(http, dataset, version) == 2


def test_a_meta_key_of_another_type_is_refused_naming_the_key_and_both_types(http):
    dataset, version = new_version(http)
    call(http, "datasets.save_frames", {"version": version, "frames": [frame("a", meta={"city": "Paris"})]})
    answer = call(http, "datasets.save_frames", {"version": version, "frames": [
        frame("b", meta={"city": 75}), frame("c", meta={"city": "Lyon", "n": 1})]})
    assert (answer["saved"], answer["failed"]) == (1, 1)
    message = sdk_error_ids(answer)["b"]
    assert "meta.city" in message and "string" in message and "number" in message
    schema = call(http, "datasets.get_schema", {"versions": [version], "dataset": dataset})["schema"]
    assert schema["meta.city"] == "string" and schema["meta.n"] == "number" and schema["id"] == "string"
    keys = call(http, "datasets.get_schema_keys", {"versions": [version]})
    sdk_datasets.GetSchemaKeysResponse.from_dict(keys)
    assert {"meta.city", "meta.n", "context_id"} <= set(keys["frame_keys"]) and "rois.label" in keys["roi_keys"]


def test_a_vector_of_other_dimensions_is_refused_naming_the_field(http):
    dataset, version = new_version(http)
    answer = call(http, "datasets.save_frames", {"version": version, "frames": [
        frame("a", meta={"emb": [0.1, 0.2, 0.3]}), frame("b", meta={"emb": [0.1, 0.2]})]})
    assert answer["ids"] == ["a"]
    assert "meta.emb" in sdk_error_ids(answer)["b"]
    fields = call(http, "datasets.get_vector_fields", {"dataset": dataset})
    assert fields["fields"][0]["key"] == "meta.emb" and fields["fields"][0]["properties"]["dims"] == 3


def test_more_frames_than_one_call_takes_is_refused_whole(http):
    dataset, version = new_version(http)
    response = http.post("/v2.23/datasets.save_frames", json={"version": version, "frames": [
        {"id": f"f{n}", "sources": []} for n in range(10_001)]})
    assert meta(response) == (400, 12)
    assert count(http, dataset, version) == 0


def test_get_by_id_answers_the_frame_in_clearmls_shape(http):
    dataset, version = new_version(http)
    call(http, "datasets.save_frames", {"version": version, "frames": [
        frame("a", meta={"k": "v"}, meta_blob={"raw": [1, 2]}, rois=[{"label": ["dog"], "confidence": 0.9}])]})
    answer = call(http, "frames.get_by_id", {"dataset": dataset, "version": version, "frame": "a"})
    sdk_frames.GetByIdResponse.from_dict(answer)
    got = answer["frame"]
    assert got["id"] == "a" and got["dataset"] == {"id": dataset, "version": version}
    assert got["context_id"] == "s3://bucket/a.jpg" and got["timestamp"] == 0
    assert got["meta"] == {"k": "v"} and got["meta_blob"] == {"raw": [1, 2]}
    assert got["rois"][0]["label"] == ["dog"] and got["sources"][0]["width"] == 64
    assert got["saved_in_version"] == version and got["saved"] == got["updated"]
    assert not {"hidden_in", "labels", "label_counts", "_id", "version"} & got.keys()
    projected = call(http, "frames.get_by_id", {"dataset": dataset, "version": version, "frame": "a",
                                                "projection": ["sources.uri"]})["frame"]
    assert projected == {"id": "a", "sources": [{"uri": "s3://bucket/a.jpg"}]}
    missing = http.post("/v2.23/frames.get_by_id", json={"dataset": dataset, "version": version, "frame": "zz"})
    assert meta(missing) == (400, 10)


def test_reading_frames_of_an_unknown_version_is_400_10(http):
    dataset, _ = new_version(http)
    for endpoint, body in (("frames.get_count", {}), ("frames.get_by_id", {"frame": "a"}),
                           ("frames.get_by_ids", {"frame_ids": ["a"]})):
        response = http.post(f"/v2.23/{endpoint}", json={"dataset": dataset, "version": uuid.uuid4().hex, **body})
        assert meta(response) == (400, 10), endpoint


def test_a_child_version_sees_its_parents_frames_until_it_overrides_or_deletes_them(http):
    dataset, parent = new_version(http)
    call(http, "datasets.save_frames", {"version": parent, "frames": [
        frame(f, rois=[{"label": ["cat"]}]) for f in ("a", "b", "c")]})
    call(http, "datasets.publish_version", {"version": parent})  # children come from published versions
    _, child = new_version(http, parent=parent, dataset=dataset)
    call(http, "datasets.save_frames", {"version": child, "frames": [frame("a", meta={"changed": True})]})
    assert call(http, "datasets.delete_frames", {"version": child, "frames": ["b", "nope"]}) == {"deleted": 1}
    assert count(http, dataset, parent) == 3 and count(http, dataset, child) == 2
    assert count(http, dataset, child, labels=["cat"]) == 1
    got = call(http, "frames.get_by_ids", {"dataset": dataset, "version": child, "frame_ids": ["c", "b", "a"]})
    sdk_frames.GetByIdsResponse.from_dict(got)
    assert [(f["id"], f.get("meta")) for f in got["frames"]] == [("c", None), ("a", {"changed": True})]
    a = got["frames"][1]
    assert (a["saved_in_version"], a["updated_in_version"]) == (parent, child)
    assert a["dataset"] == {"id": dataset, "version": child}
    old = call(http, "frames.get_by_id", {"dataset": dataset, "version": parent, "frame": "a"})["frame"]
    assert "meta" not in old


def test_update_frames_changes_the_fields_sent_and_refuses_unknown_frames(http):
    dataset, parent = new_version(http)
    call(http, "datasets.save_frames", {"version": parent, "frames": [frame("a", meta={"n": 1}), frame("b")]})
    call(http, "datasets.publish_version", {"version": parent})  # children come from published versions
    _, child = new_version(http, parent=parent, dataset=dataset)
    answer = call(http, "datasets.update_frames", {"version": child, "frames": [
        {"id": "a", "meta": {"n": 2}}, {"id": "zz", "meta": {"n": 3}}, {"meta": {"n": 4}}]})
    sdk_datasets.UpdateFramesResponse.from_dict(answer)
    assert (answer["updated"], answer["merged"], answer["failed"], answer["ids"]) == (1, 1, 2, ["a"])
    a = call(http, "frames.get_by_id", {"dataset": dataset, "version": child, "frame": "a"})["frame"]
    assert a["meta"] == {"n": 2} and a["sources"][0]["uri"] == "s3://bucket/a.jpg"


def test_saving_into_a_published_version_is_refused(http):
    dataset, version = new_version(http)
    call(http, "datasets.publish_version", {"version": version})
    response = http.post("/v2.23/datasets.save_frames", json={"version": version, "frames": [frame("a")]})
    assert meta(response)[0] == 400
    assert count(http, dataset, version) == 0


def test_snippets_sources_and_source_ids_of_a_version(http):
    dataset, version = new_version(http)
    call(http, "datasets.save_frames", {"version": version, "frames": [
        frame("b"), frame("a"),
        {"id": "c", "sources": [{"id": "left", "uri": "u/c-left"}, {"id": "right", "uri": "u/c-right"}]}]})
    snippets = call(http, "datasets.get_snippets", {"dataset": dataset, "version": version, "max_count": 2})
    sdk_datasets.GetSnippetsResponse.from_dict(snippets)
    assert [s["id"] for s in snippets["snippets"]] == ["a", "b"]  # by context id (the first source's uri)
    ids = call(http, "datasets.get_source_ids", {"dataset": dataset, "version": version})
    assert ids["source_ids"] == ["image", "left", "right"]
    sources = call(http, "datasets.get_sources", {"dataset": dataset, "version": version})["sources"]
    assert sources["left"] == ["u/c-left"] and len(sources["image"]) == 2


def test_get_with_projection_groups_frames_by_the_values_asked(http):
    dataset, version = new_version(http)
    call(http, "datasets.save_frames", {"version": version, "frames": [frame("a", meta={"k": 1}), frame("b")]})
    answer = call(http, "frames.get_with_projection", {
        "versions": [{"dataset": dataset, "version": version}],
        "query": [{"field": "id", "values": ["a", "b", "zz"], "projection": ["meta"]}]})
    assert answer["frames"] == {"a": [{"id": "a", "meta": {"k": 1}}], "b": [{"id": "b"}]}

"""Iterating over dataviews through the gateway: ``frames.get_next*``, counts, snippets, vector
search, downloads. The dataset versions and frames are written straight into MongoDB and
Elasticsearch (the README's documents), so these tests need only the iteration room."""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import math
import uuid

import httpx
import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk
from pymongo import MongoClient

from services.datasets.store import layout
from tests.e2e.api import call, meta
from tests.e2e.test_sdk_skeleton import run_sdk
from tests.support.servers import ES, MONGO

pytestmark = pytest.mark.e2e

FRAMES = 40
OVERRIDDEN = range(0, 5)  # saved again in the child version
DELETED = range(5, 10)  # deleted in the child version


def vector(i: int) -> list[float]:
    return [math.cos(i / 7.0), math.sin(i / 7.0), (i % 5) / 5.0]


def frame_doc(i: int, dataset: str, version: str, hidden_in: list[str], note: str = "") -> dict:
    labels = ["cat"] if i % 2 else ["dog", "cat"]
    return {"id": f"f{i:03d}", "dataset": dataset, "version": version, "hidden_in": hidden_in,
            "context_id": f"ctx{i % 4}", "timestamp": i * 10,
            "sources": [{"id": "front", "uri": f"s3://b/{i}.jpg", "content_type": "image/jpeg",
                         "width": 10, "height": 10}],
            "rois": [{"id": f"r{i}-{n}", "label": [label], "confidence": 1.0, "sources": ["front"]}
                     for n, label in enumerate(labels)],
            "labels": labels, "label_counts": {label: 1 for label in labels},
            "meta": {"n": i, "vec": vector(i), "note": note or "orig"}}


@pytest.fixture(scope="module")
def world(stack, http):
    """A dataset with a published parent version (40 frames) and a child that overrides 5
    frames and deletes 5, written as the frames room writes them."""
    me = call(http, "users.get_current_user", {})["user"]
    company = me["company"]["id"] if isinstance(me["company"], dict) else me["company"]
    dataset, parent, child = (f"{kind}{uuid.uuid4().hex[:12]}" for kind in ("ds", "p", "c"))
    mongo = MongoClient(MONGO)
    db = mongo[f"{stack.db_prefix}cairn_datasets"]
    db["versions"].insert_many([
        {"_id": parent, "company": company, "dataset": dataset, "name": "v1", "lineage": [parent],
         "status": "published"},
        {"_id": child, "company": company, "dataset": dataset, "name": "v2", "lineage": [child, parent],
         "status": "draft"},
    ])
    es = Elasticsearch(ES)
    index = layout.dataset_index(stack.db_prefix.lower(), company, dataset)
    es.indices.create(index=index, **layout.index_body({"vec": {"dims": 3, "similarity": "cosine"}}))
    docs = []
    for i in range(FRAMES):
        hidden = [child] if i in OVERRIDDEN or i in DELETED else []
        docs.append((layout.doc_id(parent, f"f{i:03d}"), frame_doc(i, dataset, parent, hidden)))
    docs += [(layout.doc_id(child, f"f{i:03d}"), frame_doc(i, dataset, child, [], "new")) for i in OVERRIDDEN]
    bulk(es, [{"_index": index, "_id": _id, "_source": src} for _id, src in docs], refresh="wait_for")
    yield {"company": company, "dataset": dataset, "parent": parent, "child": child, "db": db}
    es.indices.delete(index=index, ignore_unavailable=True)
    es.close()
    mongo.close()


def view(world, version_key="parent", filters=None, **iteration):
    spec = {"versions": [{"dataset": world["dataset"], "version": world[version_key]}],
            "iteration": {"order": "sequential", **iteration}}
    if filters is not None:
        spec["filters"] = filters
    return spec


def rule(world, query=None, weight=None, version_key="parent"):
    out = {"dataset": world["dataset"], "version": world[version_key], "frame_query": query}
    if weight is not None:
        out["weight"] = weight
    return out


def drain(http, body: dict, endpoint="frames.get_next_for_dataview", calls=200) -> list[dict]:
    """Every frame of a scroll (following scroll_id until eof)."""
    frames: list[dict] = []
    for _ in range(calls):
        data = call(http, endpoint, body)
        frames += data["frames"]
        body = {**body, "scroll_id": data["scroll_id"]}
        if data["eof"]:
            return frames
    raise AssertionError("no eof")


def test_get_next_for_dataview_returns_exactly_a_versions_frames(http, world):
    child_ids = {f"f{i:03d}" for i in range(FRAMES) if i not in DELETED}
    frames = drain(http, {"dataview": view(world, "child"), "batch_size": 7})
    assert sorted(f["id"] for f in frames) == sorted(child_ids)
    assert {f["dataset"]["version"] for f in frames} == {world["child"]}
    notes = {f["id"]: f["meta"]["note"] for f in frames}
    assert all(notes[f"f{i:03d}"] == "new" for i in OVERRIDDEN)
    assert not {"hidden_in", "labels", "label_counts", "version"} & set(frames[0])
    parent = drain(http, {"dataview": view(world), "batch_size": 500})
    assert sorted(f["id"] for f in parent) == [f"f{i:03d}" for i in range(FRAMES)]


def test_sequential_order_is_by_context_id_then_timestamp(http, world):
    frames = drain(http, {"dataview": view(world), "batch_size": 9})
    keys = [(f["context_id"], f["timestamp"]) for f in frames]
    assert keys == sorted(keys)


def test_random_order_repeats_with_one_seed_and_changes_with_another(http, world):
    def order(seed):
        return [f["id"] for f in drain(http, {"dataview": view(world, order="random", random_seed=seed)})]

    one, again, other = order(11), order(11), order(12)
    assert one == again != other
    assert sorted(one) == sorted(other)


def test_random_order_without_a_seed_answers_the_seed_it_chose(http, world):
    data = call(http, "frames.get_next_for_dataview", {"dataview": view(world, order="random"), "batch_size": 5})
    assert isinstance(data["random_seed"], int)


def test_two_scrolls_of_one_unseeded_random_dataview_give_one_order(http, world):
    """The SDK splits a sequence between a task's workers on its side (each worker index takes
    every n-th frame of its own scroll): that needs the same order in every worker's scroll."""
    first, second = (drain(http, {"dataview": view(world, order="random"), "batch_size": 15}) for _ in range(2))
    assert [f["id"] for f in first] == [f["id"] for f in second]
    sequential = [f["id"] for f in drain(http, {"dataview": view(world)})]
    assert [f["id"] for f in first] != sequential


def test_workers_sharing_a_scroll_never_get_the_same_frame(http, world, stack):
    first = call(http, "frames.get_next_for_dataview", {"dataview": view(world), "batch_size": 3})
    seen = [f["id"] for f in first["frames"]]

    def worker() -> list[str]:
        got = []
        with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as client:
            while True:
                data = call(client, "frames.get_next_for_dataview",
                            {"dataview": view(world), "batch_size": 4, "scroll_id": first["scroll_id"]})
                got += [f["id"] for f in data["frames"]]
                if data["eof"] and not data["frames"]:
                    return got

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        for got in pool.map(lambda _: worker(), range(3)):
            seen += got
    assert sorted(seen) == [f"f{i:03d}" for i in range(FRAMES)]


def test_limit_ends_the_iteration_after_that_many_frames(http, world):
    frames = drain(http, {"dataview": view(world, limit=15), "batch_size": 4})
    assert len(frames) == 15


def test_infinite_iteration_shares_frames_between_rules_by_weight(http, world):
    rules = [rule(world, "meta.n:<10", weight=3), rule(world, "meta.n:>=30", weight=1)]
    body = {"dataview": view(world, filters=rules, infinite=True), "batch_size": 50}
    frames = []
    for _ in range(4):
        data = call(http, "frames.get_next_for_dataview", body)
        assert not data["eof"]
        frames += data["frames"]
        body["scroll_id"] = data["scroll_id"]
    low = sum(1 for f in frames if f["meta"]["n"] < 10)
    assert len(frames) == 200 and low == 150


def test_rules_are_ored_and_counted_one_by_one(http, world):
    rules = [rule(world, "meta.n:<10", weight=2), rule(world, "meta.n:[5 TO 14]")]
    counts = call(http, "frames.get_count_for_dataview", {"dataview": view(world, filters=rules)})
    assert counts["total"] == 15
    assert [(r["rule_index"], r["count"]) for r in counts["rules"]] == [(0, 10), (1, 10)]
    frames = drain(http, {"dataview": view(world, filters=rules), "batch_size": 6})
    assert sorted(f["meta"]["n"] for f in frames) == list(range(15))


def test_a_label_rule_with_a_count_range_selects_and_filters_rois(http, world):
    dogs = {"dataset": world["dataset"], "version": world["parent"],
            "label_rules": [{"label": "dog", "count_range": [1, 1]}], "filter_by_roi": "label_rules"}
    spec = {**view(world, filters=[dogs, rule(world, "meta.n:>=38", weight=2)]), "output_rois": "only_filtered"}
    frames = drain(http, {"dataview": spec, "batch_size": 8})
    expected = sorted({i for i in range(FRAMES) if i % 2 == 0} | {38, 39})
    assert sorted(f["meta"]["n"] for f in frames) == expected
    by_n = {f["meta"]["n"]: [r["label"] for r in f["rois"]] for f in frames}
    assert by_n[0] == [["dog"]] and by_n[39] == [["cat"]]  # only the ROIs that selected the frame


def test_frame_per_roi_returns_a_frame_once_per_roi(http, world):
    spec = {**view(world, filters=[rule(world, "meta.n:<4")]), "output_rois": "frame_per_roi"}
    frames = drain(http, {"dataview": spec})
    assert sorted((f["id"], f["rois"][0]["id"]) for f in frames) == [
        ("f000", "r0-0"), ("f000", "r0-1"), ("f001", "r1-0"), ("f002", "r2-0"), ("f002", "r2-1"), ("f003", "r3-0")]


def test_bidirectional_flow_control_navigates_back(http, world):
    order = [f["id"] for f in drain(http, {"dataview": view(world)})]
    body = {"dataview": view(world, order="random"), "batch_size": 5,
            "flow_control": {"bidirectional": True, "navigate_backwards": False}}
    first = call(http, "frames.get_next_for_dataview", body)
    body["scroll_id"] = first["scroll_id"]
    second = call(http, "frames.get_next_for_dataview", body)
    back = call(http, "frames.get_next_for_dataview", {**body, "flow_control": {"bidirectional": True,
                                                                                  "navigate_backwards": True}})
    ids = [[f["id"] for f in answer["frames"]] for answer in (first, second, back)]
    assert ids == [order[:5], order[5:10], order[:5]]  # always sequential, as ClearML limits it


def test_an_unknown_scroll_id_is_refused_unless_forced(http, world):
    body = {"dataview": view(world), "scroll_id": uuid.uuid4().hex}
    response = http.post("/v2.23/frames.get_next_for_dataview", json=body)
    assert meta(response) == (400, 1104)
    data = call(http, "frames.get_next_for_dataview", {**body, "force_scroll_id": True, "batch_size": 5})
    assert data["scroll_id"] == body["scroll_id"] and len(data["frames"]) == 5


def test_reset_scroll_starts_over_and_clear_forgets_the_scroll(http, world):
    first = call(http, "frames.get_next_for_dataview", {"dataview": view(world), "batch_size": 5})
    body = {"dataview": view(world), "batch_size": 5, "scroll_id": first["scroll_id"]}
    assert call(http, "frames.get_next_for_dataview", body)["frames"] != first["frames"]
    again = call(http, "frames.get_next_for_dataview", {**body, "reset_scroll": True})
    assert [f["id"] for f in again["frames"]] == [f["id"] for f in first["frames"]]
    assert call(http, "frames.clear_get_next_state", {"scroll_id": first["scroll_id"]}) == {}
    assert meta(http.post("/v2.23/frames.get_next_for_dataview", json=body)) == (400, 1104)


def test_an_unknown_version_is_refused(http, world):
    spec = {"versions": [{"dataset": world["dataset"], "version": "nope"}]}
    response = http.post("/v2.23/frames.get_count_for_dataview", json={"dataview": spec})
    assert response.status_code == 400


def test_get_next_reads_one_version_and_filters_by_labels(http, world):
    body = {"dataset": world["dataset"], "version": world["child"], "labels": ["dog"], "batch_size": 4}
    frames = drain(http, body, "frames.get_next")
    expected = sorted(f"f{i:03d}" for i in range(FRAMES) if i % 2 == 0 and i not in DELETED)
    assert sorted(f["id"] for f in frames) == expected
    assert all("dog" in r["label"] for f in frames for r in f["rois"][:1])


def test_get_next_for_a_context_goes_through_its_frames_in_time_order(http, world):
    body = {"dataview": view(world), "context_id": "ctx1", "timestamp": 100, "batch_size": 3}
    frames = drain(http, body, "frames.get_next_for_dataview_and_context_id")
    assert [f["timestamp"] for f in frames] == [i * 10 for i in range(FRAMES) if i % 4 == 1 and i * 10 >= 100]


def test_get_next_for_dataview_id_reads_the_stored_dataview(http, world):
    dataview_id = uuid.uuid4().hex
    world["db"]["dataviews"].insert_one({"_id": dataview_id, "company": world["company"], "name": dataview_id,
                                         **view(world, filters=[rule(world, "meta.n:<3")])})
    frames = drain(http, {"dataview": dataview_id}, "frames.get_next_for_dataview_id")
    assert sorted(f["meta"]["n"] for f in frames) == [0, 1, 2]
    counts = call(http, "frames.get_count_for_dataview_id", {"dataview": dataview_id})
    assert counts["total"] == 3
    response = http.post("/v2.23/frames.get_count_for_dataview_id", json={"dataview": uuid.uuid4().hex})
    assert response.status_code == 400


def test_snippets_page_with_search_after_through_every_frame(http, world):
    body = {"dataview": view(world), "size": 16, "order_by": [{"field": "meta.n", "order": "desc"}]}
    first = call(http, "frames.get_snippets_for_dataview2", body)
    assert first["frames_total"] == FRAMES and first["total_in_versions"] == FRAMES
    assert [f["meta"]["n"] for f in first["frames"]] == list(range(39, 23, -1))
    second = call(http, "frames.get_snippets_for_dataview2", {**body, "search_after": first["search_after"]})
    assert [f["meta"]["n"] for f in second["frames"]] == list(range(23, 7, -1))


def test_aggregated_snippets_give_a_frame_per_context_with_its_frame_count(http, world):
    body = {"dataview": view(world), "size": 3, "aggregation": {"aggregate": True, "fields": ["context_id"]},
            "order_by": [{"field": "timestamp", "order": "desc"}]}
    first = call(http, "frames.get_snippets_for_dataview2", body)
    assert [(f["_key"], f["num_frames"], f["meta"]["n"]) for f in first["frames"]] == [
        ("ctx0", 10, 36), ("ctx1", 10, 37), ("ctx2", 10, 38)]
    rest = call(http, "frames.get_snippets_for_dataview2", {**body, "search_after": first["search_after"]})
    assert [f["_key"] for f in rest["frames"]] == ["ctx3"] and rest["search_after"] is None


def test_a_search_after_of_another_order_is_a_bad_request(http, world):
    body = {"dataview": view(world), "size": 2, "order_by": [{"field": "meta.n", "order": "desc"}]}
    token = call(http, "frames.get_snippets_for_dataview2", body)["search_after"]
    response = http.post("/v2.23/frames.get_snippets_for_dataview2", json={
        "dataview": view(world), "search_after": token})
    assert meta(response) == (400, 12)


@pytest.mark.parametrize(("method", "function"), [("exact", "cosine"), ("exact", "l2_norm"), ("fast", "cosine")])
def test_vector_search_answers_the_true_nearest_neighbours(http, world, method, function):
    query = [0.3, 0.9, 0.5]

    def score(i):
        v = vector(i)
        if function == "l2_norm":
            return -math.dist(v, query)
        return sum(a * b for a, b in zip(v, query)) / (math.hypot(*v) * math.hypot(*query))

    expected = sorted(range(FRAMES), key=score, reverse=True)[:5]
    body = {"dataview": view(world), "size": 5, "order_by": [{"field": "context_id", "order": "desc"}],
            "vector_search": {"vector": query, "field": "meta.vec", "method": method,
                              "similarity_func": function, "neighbors": 5}}
    data = call(http, "frames.get_snippets_for_dataview2", body, version="2.34")
    assert [f["meta"]["n"] for f in data["frames"]] == expected
    scores = [f["_score"] for f in data["frames"]]
    assert scores == sorted(scores, reverse=True)
    assert data["frames"][0]["meta"]["vec"] == pytest.approx(vector(expected[0]), abs=1e-6)


def test_counts_snippets_source_ids_and_stats_of_a_dataview(http, world):
    spec = view(world, "child", filters=[rule(world, "meta.n:<20", version_key="child")])
    ids = call(http, "frames.get_source_ids_for_dataview", {"dataview": spec})["source_ids"]
    assert ids == ["front"]
    stats = call(http, "frames.get_stats_for_dataview", {"dataview": spec})
    assert stats["frames"] == [{"name": "total", "count": 15}]
    assert {s["name"]: s["count"] for s in stats["labels"]} == {"cat": 15, "dog": 8}
    assert stats["content_types"] == [{"name": "image/jpeg", "count": 15}]
    page = call(http, "frames.get_snippets_for_dataview", {"dataview": spec, "page": 1, "page_size": 10})
    assert (page["frames_total"], page["pages_total"], page["page"], len(page["frames"])) == (15, 2, 1, 5)
    beyond = call(http, "frames.get_snippets_for_dataview", {"dataview": spec, "page": 5, "page_size": 10})
    assert beyond["frames"] == []
    contexts = call(http, "frames.get_snippets_for_dataview", {"dataview": spec, "page": 1, "page_size": 3,
                                                               "aggregate_on_context_id": True})
    assert [(f["_key"], f["num_frames"]) for f in contexts["frames"]] == [("ctx3", 4)]  # 3, 11, 15, 19
    assert contexts["pages_total"] == 2
    query = call(http, "frames.get_snippets_query_for_dataview", {"dataview": spec})
    assert isinstance(query["query"], dict)
    groups = call(http, "frames.get_group_snippets_for_dataview", {
        "dataview": spec, "sample_aggregation": {"field": "label", "type": "roi", "samples": 2}})
    assert sorted(f["_key"] for f in groups["frames"]) == ["cat", "cat", "dog", "dog"]


def test_a_prepared_download_answers_every_frame_as_json_lines(http, world):
    spec = view(world, filters=[rule(world, "meta.n:<6")])
    prepared = call(http, "frames.prepare_download_for_dataview", {"dataview": spec, "download_type": "jsonlines"})
    response = http.post("/v2.23/frames.download_for_dataview", json={"prepare_id": prepared["prepare_id"]})
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert sorted(f["meta"]["n"] for f in lines) == list(range(6))
    prepared = call(http, "frames.prepare_download_for_dataview", {"dataview": spec})
    body = http.post("/v2.23/frames.download_for_dataview", json={"prepare_id": prepared["prepare_id"]}).json()
    assert isinstance(body, list) and len(body) == 6


def sdk_reads(action: str, data: dict):
    """The answer as the SDK reads it (its v2.23 response class checks every field's type)."""
    from clearml.backend_api.services.v2_23 import frames as sdk

    name = "".join(part.capitalize() for part in action.split("_")) + "Response"
    return getattr(sdk, name)(**data)


def test_the_sdks_response_classes_read_every_answer(http, world):
    spec = view(world, "child", filters=[rule(world, "meta.n:<20", version_key="child")],
                order="random", random_seed=3)
    spec["labels_enumeration"] = {"cat": 1, "dog": 2}
    answers = {
        "get_next_for_dataview": {"dataview": spec, "batch_size": 5},
        "get_next_for_dataview_and_context_id": {"dataview": spec, "context_id": "ctx0"},
        "get_next": {"dataset": world["dataset"], "version": world["child"]},
        "get_count_for_dataview": {"dataview": spec},
        "get_snippets_for_dataview": {"dataview": spec},
        "get_snippets_for_dataview2": {"dataview": spec, "size": 3},
        "get_snippets_query_for_dataview": {"dataview": spec},
        "get_source_ids_for_dataview": {"dataview": spec},
        "prepare_download_for_dataview": {"dataview": spec},
    }
    for action, body in answers.items():
        assert sdk_reads(action, call(http, f"frames.{action}", body)) is not None
    frames = sdk_reads("get_next_for_dataview", call(http, "frames.get_next_for_dataview", answers[
        "get_next_for_dataview"])).frames
    assert all(roi.label_num == {"cat": 1, "dog": 2}[roi.label[0]] for f in frames for roi in f.rois)
    assert frames[0].dataset.version == world["child"]


def test_the_sdks_dataview_iterator_reads_a_version(stack, world, tmp_path, monkeypatch):
    monkeypatch.setenv("ITERATION_VERSION", f"{world['dataset']}/{world['child']}")
    got = run_sdk(stack, "datasets/sdk_iteration_script.py", tmp_path)
    child = sorted(f"f{i:03d}" for i in range(FRAMES) if i not in DELETED)
    assert sorted(got["all"]) == child and len(got["all"]) == len(child) and got["count"] == len(child)
    assert sorted(got["filtered"]) == [f"f{i:03d}" for i in OVERRIDDEN]
    assert got["seed5"] == got["seed5_again"] != got["seed6"] and sorted(got["seed5"]) == child
    assert not set(got["worker0"]) & set(got["worker1"])
    assert sorted(got["worker0"] + got["worker1"]) == child
    assert len(got["limited"]) == 12
    query = [0.3, 0.9, 0.5]
    cosine = {i: sum(a * b for a, b in zip(vector(i), query)) / (math.hypot(*vector(i)) * math.hypot(*query))
              for i in range(FRAMES) if i not in DELETED}
    expected = [f"f{i:03d}" for i in sorted(cosine, key=cosine.get, reverse=True)[:5]]
    assert got["nearest_exact"] == got["nearest_fast"] == expected


def test_min_sequence_with_a_jump_returns_clips_of_consecutive_frames(http, world):
    # each context has a frame every 40 ms: clips shorter than 50 ms (two frames), the next
    # clip at least 100 ms after the last frame of the one before
    body = {"dataview": view(world, jump={"time": 100}, min_sequence=50), "batch_size": 5}
    frames = drain(http, body)
    expected = [(f"ctx{c}", (c + 4 * k) * 10) for c in range(4) for k in (0, 1, 4, 5, 8, 9)]
    assert [(f["context_id"], f["timestamp"]) for f in frames] == expected


@pytest.fixture(scope="module")
def branch(stack, world):
    """A sibling of the child version: adds frame f900, deletes f011 and changes f012."""
    es = Elasticsearch(ES)
    index = layout.dataset_index(stack.db_prefix.lower(), world["company"], world["dataset"])
    other = f"m{uuid.uuid4().hex[:12]}"
    world["db"]["versions"].insert_one({"_id": other, "company": world["company"], "dataset": world["dataset"],
                                        "name": "branch", "lineage": [other, world["parent"]], "status": "draft"})
    for i in (11, 12):
        es.update(index=index, id=layout.doc_id(world["parent"], f"f{i:03d}"), doc={"hidden_in": [other]})
    docs = [(900, frame_doc(900, world["dataset"], other, [], "branch")),
            (12, frame_doc(12, world["dataset"], other, [], "branch"))]
    bulk(es, [{"_index": index, "_id": layout.doc_id(other, src["id"]), "_source": src} for _, src in docs],
         refresh="wait_for")
    es.close()
    return other


def test_merge_with_reads_a_version_merged_with_another(http, world, branch):
    entry = {"dataset": world["dataset"], "version": world["child"], "merge_with": branch}
    frames = drain(http, {"dataview": {"versions": [entry]}, "batch_size": 9})
    expected = {f"f{i:03d}" for i in range(FRAMES) if i not in DELETED and i != 11} | {"f900"}
    assert sorted(f["id"] for f in frames) == sorted(expected)
    notes = {f["id"]: f["meta"]["note"] for f in frames}
    assert (notes["f000"], notes["f012"], notes["f900"]) == ("new", "branch", "branch")
    assert {f["dataset"]["version"] for f in frames} == {world["child"]}
    # frames.get_next takes merge_with too
    body = {"dataset": world["dataset"], "version": world["child"], "merge_with": branch, "batch_size": 50}
    assert sorted(f["id"] for f in drain(http, body, "frames.get_next")) == sorted(expected)


def test_random_order_with_min_sequence_returns_whole_clips_once_each(http, world):
    # clips of 100 ms of one context: each comes whole, its frames in time order, the clips at random
    body = {"dataview": view(world, order="random", random_seed=11, min_sequence=100), "batch_size": 7}
    frames = drain(http, body)
    assert sorted(f["id"] for f in frames) == [f"f{i:03d}" for i in range(FRAMES)]
    clips = [(key, [f["timestamp"] for f in group])
             for key, group in itertools.groupby(frames, key=lambda f: (f["context_id"], f["timestamp"] // 100))]
    assert len(clips) == len({key for key, _ in clips})
    assert all(times == sorted(times) for _, times in clips)
    assert [key for key, _ in clips] != sorted(key for key, _ in clips)

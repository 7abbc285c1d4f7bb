"""The pure rules of iterating over a dataview (``services/datasets/iteration/rules.py``)."""

from __future__ import annotations

import pytest

from services.datasets.iteration import rules
from services.datasets.iteration.rules import Iteration, Scope


def test_iteration_defaults_to_sequential_finite_and_unlimited():
    assert rules.iteration_of(None) == Iteration()
    assert rules.iteration_of({"order": "sequential", "limit": 0, "jump": {"time": 0}}) == Iteration()


def test_the_requests_random_seed_wins_over_the_dataviews():
    spec = {"order": "random", "random_seed": 3, "infinite": True, "limit": 10, "jump": {"time": 40}}
    assert rules.iteration_of(spec) == Iteration(random=True, seed=3, infinite=True, limit=10, jump_ms=40)
    assert rules.iteration_of(spec, random_seed=9).seed == 9


def test_sequential_order_is_context_then_timestamp_then_id():
    query, sort = rules.ordered({"match_all": {}}, Iteration(), seed=1, epoch=0)
    assert query == {"match_all": {}}
    assert [next(iter(s)) for s in sort] == ["context_id", "timestamp", "id", "version"]


def test_random_order_scores_frames_by_a_seeded_hash_of_their_id():
    query, sort = rules.ordered({"match_all": {}}, Iteration(random=True), seed=7, epoch=0)
    assert query["function_score"]["random_score"] == {"seed": 7, "field": "id"}
    assert query["function_score"]["query"] == {"match_all": {}}
    assert sort[0] == {"_score": "desc"}


def test_each_pass_of_an_infinite_random_iteration_has_its_own_stable_seed():
    assert rules.epoch_seed(7, 0) == 7
    assert rules.epoch_seed(7, 1) == rules.epoch_seed(7, 1) != rules.epoch_seed(7, 2)
    assert rules.epoch_seed(7, 1) != rules.epoch_seed(8, 1)


def test_a_generated_seed_is_stable_for_its_scroll():
    assert rules.new_seed("abc") == rules.new_seed("abc") != rules.new_seed("abd")
    assert 0 <= rules.new_seed("abc") < 2**31


@pytest.mark.parametrize(("requested", "served", "limit", "expected"), [
    (None, 0, None, 500), (0, 0, None, 500), (100, 0, None, 100), (100, 950, 1000, 50), (100, 1000, 1000, 0),
])
def test_a_batch_is_cut_at_the_limit(requested, served, limit, expected):
    assert rules.batch_size(requested, served, limit) == expected


def test_weights_share_a_batch_in_proportion():
    quotas, credits = rules.weighted_quotas([3.0, 1.0], [], 100)
    assert quotas == [75, 25]
    # carried credits keep small batches on the weights too
    total = [0, 0]
    for _ in range(40):
        quotas, credits = rules.weighted_quotas([3.0, 1.0], credits, 1)
        total = [a + b for a, b in zip(total, quotas, strict=True)]
    assert total == [30, 10]


def test_a_rule_of_weight_zero_gets_nothing():
    assert rules.weighted_quotas([0.0, 2.0], [], 10)[0] == [0, 10]
    assert rules.weighted_quotas([0.0, 0.0], [], 10)[0] == [0, 0]


def test_a_rule_weighs_one_unless_it_says():
    assert rules.rule_weight({}) == 1.0
    assert rules.rule_weight({"weight": 0}) == 0.0


def test_jump_keeps_frames_at_least_that_far_apart_within_a_context():
    frames = [{"context_id": c, "timestamp": t} for c, t in [("a", 0), ("a", 10), ("a", 25), ("a", 30), ("b", 5)]]
    kept, last = rules.apply_jump(frames, None, 20)
    assert [(f["context_id"], f["timestamp"]) for f in kept] == [("a", 0), ("a", 25), ("b", 5)]
    assert last == ["b", 5]
    kept, _ = rules.apply_jump([{"context_id": "b", "timestamp": 20}, {"context_id": "b", "timestamp": 25}], last, 20)
    assert [f["timestamp"] for f in kept] == [25]


def test_without_jump_every_frame_is_kept():
    frames = [{"context_id": "a", "timestamp": 1}, {"context_id": "a", "timestamp": 2}]
    assert rules.apply_jump(frames, None, None) == (frames, ["a", 2])


VIEW = [{"dataset": "d1", "version": "v1"}, {"dataset": "d1", "version": "v2"}, {"dataset": "d2", "version": "w1"}]


@pytest.mark.parametrize(("rule", "targets"), [
    ({"dataset": "*"}, [("d1", "v1"), ("d1", "v2"), ("d2", "w1")]),
    ({"dataset": "d1", "version": "*"}, [("d1", "v1"), ("d1", "v2")]),
    ({"dataset": "d1"}, [("d1", "v1"), ("d1", "v2")]),
    ({"dataset": "d2", "version": "w1"}, [("d2", "w1")]),
    ({"dataset": "d3", "version": "x"}, [("d3", "x")]),
    ({"dataset": "d3", "version": "*"}, [("d3", "*")]),
])
def test_a_rule_reads_the_views_versions_it_names(rule, targets):
    assert rules.rule_targets(rule, VIEW) == targets


def test_a_frame_belongs_to_the_first_version_of_the_view_that_sees_it():
    parent, child = Scope("d", "p", ("p",)), Scope("d", "c", ("c", "p"))
    assert rules.owner({"version": "p", "hidden_in": []}, [child, parent]) == child
    assert rules.owner({"version": "p", "hidden_in": ["c"]}, [child, parent]) == parent
    assert rules.owner({"version": "x"}, [child, parent]) is None


def test_queries_are_combined_without_needless_nesting():
    a, b = {"term": {"a": 1}}, {"term": {"b": 1}}
    assert rules.all_of(a, None) == a
    assert rules.all_of() == {"match_all": {}}
    assert rules.all_of(a, b) == {"bool": {"filter": [a, b]}}
    assert rules.any_of([a]) == a
    assert rules.any_of([a, b]) == {"bool": {"should": [a, b], "minimum_should_match": 1}}
    assert rules.any_of([]) == {"match_none": {}}


def test_similarity_functions_rank_nearer_vectors_higher():
    q = [1.0, 0.0]
    assert rules.similarity("cosine", [2.0, 0.0], q) == pytest.approx(1.0)
    assert rules.similarity("cosine", [0.0, 1.0], q) == pytest.approx(0.0)
    assert rules.similarity("dot_product", [2.0, 1.0], q) == pytest.approx(2.0)
    assert rules.similarity("l2_norm", [1.0, 1.0], q) == pytest.approx(-1.0)


def test_exact_nearest_neighbours_leave_out_frames_without_a_fitting_vector():
    candidates = [("a", [1.0, 0.0]), ("b", [0.0, 1.0]), ("c", [0.9, 0.1]), ("d", None), ("e", [1.0])]
    assert [k for k, _ in rules.nearest(candidates, [1.0, 0.0], "cosine", 2)] == ["a", "c"]
    assert [k for k, _ in rules.nearest(candidates, [1.0, 0.0], "l2_norm", 3)] == ["a", "c", "b"]


def test_scores_follow_elasticsearchs_knn_scores():
    assert rules.es_score("cosine", 1.0) == 1.0
    assert rules.es_score("l2_norm", -1.0) == 0.5


def test_search_after_round_trips_and_junk_is_no_position():
    token = rules.encode_after(["ctx", 5, "f1", "v1"])
    assert rules.decode_after(token) == ["ctx", 5, "f1", "v1"]
    assert rules.encode_after(None) is None
    assert rules.decode_after("not base64 json!") is None
    assert rules.decode_after(None) is None


def test_roi_stats_count_rois_per_label():
    frames = [{"rois": [{"label": ["cat"]}, {"label": ["cat", "big"]}]}, {"rois": []}, {}]
    assert rules.roi_stats(frames) == {"cat": 2, "big": 1}


def test_a_stored_frame_loses_cairns_fields_and_names_the_version_it_was_read_in():
    doc = {"id": "f", "dataset": "d", "version": "p", "hidden_in": [], "labels": ["a"], "label_counts": {"a": 1},
           "_id": "p:f", "_score": None, "_sort": [1], "meta": {"x": 1}}
    assert rules.as_clearml_frame(doc, Scope("d", "c", ("c", "p"))) == {
        "id": "f", "dataset": {"id": "d", "version": "c"}, "meta": {"x": 1}}


def test_a_projection_keeps_the_named_paths_and_the_id():
    frame = {"id": "f", "meta": {"a": 1, "b": 2}, "rois": [{"id": "r1", "label": ["x"], "poly": [1]},
                                                            {"id": "r2", "label": ["y"], "poly": [2]}],
             "sources": [{"uri": "u", "width": 3}]}
    assert rules.project(frame, ["meta.a"]) == {"id": "f", "meta": {"a": 1}}
    assert rules.project(frame, ["rois.label", "rois.id"]) == {
        "id": "f", "rois": [{"label": ["x"], "id": "r1"}, {"label": ["y"], "id": "r2"}]}
    assert rules.project(frame, ["sources.0.uri"]) == {"id": "f", "sources": [{"uri": "u"}]}
    assert rules.project(frame, ["*"]) == frame
    assert rules.project(frame, None) == frame
    assert rules.project(frame, ["nothing.here"]) == {"id": "f"}


def test_frame_per_roi_returns_a_frame_once_per_roi():
    frames = [{"id": "a", "rois": [{"id": "r1"}, {"id": "r2"}]}, {"id": "b", "rois": []}]
    assert rules.frame_per_roi(frames) == [{"id": "a", "rois": [{"id": "r1"}]}, {"id": "a", "rois": [{"id": "r2"}]},
                                           {"id": "b", "rois": []}]


def test_min_sequence_with_jump_returns_clips_of_that_length_a_jump_apart():
    # one context, a frame every 40 ms: clips of < 50 ms (two frames), the next clip at least
    # 100 ms after the clip's last frame
    frames = [{"context_id": "a", "timestamp": t} for t in range(0, 400, 40)]
    kept, last = rules.apply_jump(frames, None, 100, 50)
    assert [f["timestamp"] for f in kept] == [0, 40, 160, 200, 320, 360]
    assert last == ["a", 360, 320]
    # a clip goes on across batches, and a new context starts a new clip
    more = [{"context_id": "a", "timestamp": 365}, {"context_id": "a", "timestamp": 380},
            {"context_id": "b", "timestamp": 0}, {"context_id": "b", "timestamp": 30}]
    kept, last = rules.apply_jump(more, ["a", 360, 320], 100, 50)
    assert [(f["context_id"], f["timestamp"]) for f in kept] == [("a", 365), ("b", 0), ("b", 30)]
    assert last == ["b", 30, 0]


def test_min_sequence_counts_in_sequential_order_only_with_a_jump():
    assert Iteration(min_sequence_ms=50, jump_ms=100).sequential_clip_ms == 50
    assert Iteration(min_sequence_ms=50).sequential_clip_ms is None
    assert Iteration(min_sequence_ms=50, jump_ms=100, random=True).sequential_clip_ms is None
    assert rules.iteration_of({"min_sequence": 50}).min_sequence_ms == 50
    assert rules.iteration_of({"min_sequence": -1}).min_sequence_ms is None


def test_a_merged_lineage_is_both_lineages_the_versions_own_first():
    assert rules.merged_lineage(("v2", "v1"), ("m", "v1")) == ("v2", "v1", "m")
    # merging with an ancestor changes nothing
    assert rules.merged_lineage(("v2", "v1"), ("v1",)) == ("v2", "v1")
    # a frame changed on the other side comes as changed, a frame deleted on either side is gone
    lineage = rules.merged_lineage(("v2", "v1"), ("m", "v1"))
    scope = Scope("d", "v2", lineage)
    assert rules.owner({"version": "v1", "hidden_in": ["m"]}, [scope]) is None
    assert rules.owner({"version": "m", "hidden_in": []}, [scope]) == scope
    assert rules.owner({"version": "v1", "hidden_in": ["v2"]}, [scope]) is None


def clip_frame(context, ts, score, frame_id=None):
    frame_id = frame_id or f"{context}{ts}"
    return {"_id": f"v:{frame_id}", "id": frame_id, "version": "v", "context_id": context, "timestamp": ts,
            "_sort": [score, frame_id, "v"]}


def test_random_clips_come_once_each_where_their_first_frame_comes_in_time_order():
    a0, a40, a60, b10 = clip_frame("a", 0, 0.2), clip_frame("a", 40, 0.9), clip_frame("a", 60, 0.5), clip_frame("b", 10, 0.7)
    # clips of 50 ms: a[0, 50) = a0, a40; a[50, 100) = a60; b[0, 50) = b10
    anchors = [a40, b10, a60, a0]  # random order: score descending
    members = [a0, a40, a60, b10]
    ordered = rules.clips_in_order(anchors, members, 50)
    assert [f["id"] for f in ordered] == ["a0", "a40", "b10", "a60"]
    # a page that holds only a clip's later frame adds nothing: its clip came with a40
    assert rules.clips_in_order([a0], [a0, a40], 50) == []


def test_a_frame_without_context_is_a_clip_of_its_own():
    lone = clip_frame(None, 5, 0.3, "x")
    assert rules.clips_in_order([lone], [], 50) == [lone]
    query = rules.clips_query([lone, clip_frame("a", 70, 0.1)], 50)
    assert query == {"bool": {"filter": [{"term": {"context_id": "a"}},
                                         {"range": {"timestamp": {"gte": 50, "lt": 100}}}]}}

"""Compiled filter rules run on the real Elasticsearch, over frames indexed with the frame
mapping (``store.layout.index_body``), give exactly the frames a Python reference selects:
count ranges, confidence ranges, must_not, nested ROI fields, meta ranges, wildcards,
sources queries. The hand-written references pin the meaning; the cross-check pins that the
Python evaluation (``query.rois.frame_matches``, used for ``only_filtered``) agrees with
Elasticsearch on many more queries."""

from __future__ import annotations

import random
import uuid
from collections import Counter

import pytest
from elasticsearch import AsyncElasticsearch

from services.datasets.query import lucene
from services.datasets.query.rois import frame_matches
from services.datasets.query.rules import compile_rule
from services.datasets.store import layout
from services.datasets.store.search import FrameSearch
from tests.support.servers import ES, require_servers

pytestmark = pytest.mark.integration

COMPANY, DATASET, VERSION = "acme", "ds1", "v1"
CITIES = ["bremen", "paris", "new york", "o'brien-town"]
LABEL_SETS = [["car"], ["car"], ["car", "occluded"], ["dog"], ["person"], ["truck"]]


def make_frames(count: int = 48) -> list[dict]:
    rng = random.Random(14)
    frames = []
    for i in range(count):
        rois = []
        for j in range(rng.choice([0, 0, 1, 2, 3, 4, 5])):
            roi = {"id": f"r{i}-{j}", "label": list(rng.choice(LABEL_SETS)), "area": rng.randint(1, 500),
                   "sources": ["front"]}
            if rng.random() < 0.85:
                roi["confidence"] = round(rng.random(), 2)
            rois.append(roi)
        city = CITIES[i % len(CITIES)]
        sources = [{"id": "front", "uri": f"s3://bucket/{city}/{i}.jpg", "content_type": "image/jpeg",
                    "width": 640, "height": 480, "timestamp": i, "meta": {"hash": {"source": f"h{i}"}}}]
        if i % 3 == 0:
            sources.append({"id": "back", "uri": f"gs://other/{i}.png", "content_type": "image/png"})
        labels = [label for roi in rois for label in roi["label"]]
        frames.append({
            "id": f"f{i:02d}", "dataset": DATASET, "version": VERSION, "hidden_in": [],
            "context_id": f"ctx{i % 5}", "timestamp": i * 10,
            "meta": {"city": city, "n": i % 7, "score": round(i / count, 3), "flag": i % 2 == 0,
                     "name": f"cam-{'front' if i % 2 else 'rear'}-{i}", "tags": ["even" if i % 2 == 0 else "odd"],
                     # a date to Elasticsearch's dynamic mapping
                     "updated": f"2024-10-{19 + i % 3}T{(i * 5) % 24:02d}:{(i * 7) % 60:02d}:00"},
            "sources": sources, "rois": rois,
            "labels": sorted(set(labels)), "label_counts": dict(Counter(labels)),
        })
    return frames


FRAMES = make_frames()


@pytest.fixture(scope="module")
async def indexed():
    """The frames in an index of their own: ``(client, index name, prefix)``."""
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    es = AsyncElasticsearch(ES)
    index = layout.dataset_index(prefix, COMPANY, DATASET)
    try:
        await es.indices.create(index=index, **layout.index_body())
        operations = []
        for frame in FRAMES:
            operations += [{"index": {"_index": index, "_id": layout.doc_id(VERSION, frame["id"])}}, frame]
        answer = await es.bulk(operations=operations, refresh=True)
        assert not answer["errors"]
        yield es, index, prefix
    finally:
        await es.indices.delete(index=index, ignore_unavailable=True)
        await es.close()


@pytest.fixture(scope="module")
async def search(indexed):
    es, _, prefix = indexed
    return FrameSearch(es, prefix)


async def selected(search: FrameSearch, rule: dict) -> set[str]:
    """The frame ids a rule selects, ANDed with the version's visibility as the callers do."""
    query = {"bool": {"filter": [layout.visible_in([VERSION]), compile_rule(rule)]}}
    page = await search.search(COMPANY, [DATASET], query, size=1000)
    return {frame["id"] for frame in page.frames}


def ids(predicate) -> set[str]:
    return {frame["id"] for frame in FRAMES if predicate(frame)}


def count(frame, roi_test) -> int:
    return sum(1 for roi in frame["rois"] if roi_test(roi))


def conf(roi, low, high) -> bool:
    return "confidence" in roi and low <= roi["confidence"] <= high


def car(roi) -> bool:
    return "car" in roi["label"]


REFERENCES = {
    "count range": ({"label_rules": [{"label": "car", "count_range": [2, 3]}]},
                    lambda f: 2 <= count(f, car) <= 3),
    "count range open above": ({"label_rules": [{"label": "car", "count_range": [2, -1]}]},
                               lambda f: count(f, car) >= 2),
    "count range from zero": ({"label_rules": [{"label": "car", "count_range": [0, 1]}]},
                              lambda f: count(f, car) <= 1),
    "count range with no minimum": ({"label_rules": [{"label": "car", "count_range": [-1, 1]}]},
                                    lambda f: count(f, car) == 1),
    "conf range": ({"label_rules": [{"label": "car", "conf_range": [0.5, 0.8]}]},
                   lambda f: count(f, lambda r: car(r) and conf(r, 0.5, 0.8)) >= 1),
    "conf and count ranges together": (
        {"label_rules": [{"label": "car", "conf_range": [0.3, -1], "count_range": [2, -1]}]},
        lambda f: count(f, lambda r: car(r) and conf(r, 0.3, 1e9)) >= 2),
    "must_not": ({"label_rules": [{"label": "person", "must_not": True}]},
                 lambda f: count(f, lambda r: "person" in r["label"]) == 0),
    "must_not with a count range": ({"label_rules": [{"label": "car", "count_range": [1, 2], "must_not": True}]},
                                    lambda f: not 1 <= count(f, car) <= 2),
    "two labels of one roi": ({"label_rules": [{"label": "car occluded"}]},
                              lambda f: count(f, lambda r: {"car", "occluded"} <= set(r["label"])) >= 1),
    "label rules are anded": ({"label_rules": [{"label": "car"}, {"label": "dog"}]},
                              lambda f: count(f, car) >= 1 and count(f, lambda r: "dog" in r["label"]) >= 1),
    "roi fields in a label rule": ({"label_rules": [{"label": "truck AND area:[100 TO *]"}]},
                                   lambda f: count(f, lambda r: "truck" in r["label"] and r["area"] >= 100) >= 1),
    "no label rules": ({"label_rules": []}, lambda f: True),
    "no_rois": ({"filter_by_roi": "no_rois", "label_rules": [{"label": "car"}]}, lambda f: not f["rois"]),
    "disabled": ({"filter_by_roi": "disabled", "label_rules": [{"label": "car"}]}, lambda f: True),
    "nested roi fields in a frame query": (
        {"frame_query": "rois.label:truck AND rois.confidence:>0.7"},
        lambda f: count(f, lambda r: "truck" in r["label"]) >= 1
        and count(f, lambda r: r.get("confidence", -1) > 0.7) >= 1),
    "meta range": ({"frame_query": "meta.n:[2 TO 4}"}, lambda f: 2 <= f["meta"]["n"] < 4),
    "meta comparison": ({"frame_query": "meta.score:>=0.5"}, lambda f: f["meta"]["score"] >= 0.5),
    "meta phrase and boolean": ({"frame_query": 'meta.city:"new york" OR meta.flag:false'},
                                lambda f: f["meta"]["city"] == "new york" or not f["meta"]["flag"]),
    "wildcard": ({"frame_query": "meta.name:cam-front*"}, lambda f: f["meta"]["name"].startswith("cam-front")),
    "wildcard with ?": ({"frame_query": "meta.name:cam-rear-?"}, lambda f: f["meta"]["name"] in
                        {f"cam-rear-{d}" for d in range(10)}),
    "not": ({"frame_query": "NOT meta.city:bremen"}, lambda f: f["meta"]["city"] != "bremen"),
    "a day of dates, as ClearML documents it": ({"frame_query": "meta.updated:[2024-10-20 TO 2024-10-20]"},
                                                lambda f: f["meta"]["updated"].startswith("2024-10-20")),
    "an hour of dates": ({"frame_query": "meta.updated:[2024-10-20T08:00:00 TO 2024-10-20T12:00:00}"},
                         lambda f: "2024-10-20T08:00:00" <= f["meta"]["updated"] < "2024-10-20T12:00:00"),
    "sources query relative field": ({"sources_query": "uri:*paris*"},
                                     lambda f: any("paris" in s["uri"] for s in f["sources"])),
    "sources query by id": ({"sources_query": "id:back"}, lambda f: any(s["id"] == "back" for s in f["sources"])),
    "everything together": (
        {"frame_query": "meta.tags:even", "sources_query": "content_type:image\\/jpeg",
         "label_rules": [{"label": "car", "count_range": [1, 2]}, {"label": "dog", "must_not": True}]},
        lambda f: f["meta"]["tags"] == ["even"] and 1 <= count(f, car) <= 2
        and count(f, lambda r: "dog" in r["label"]) == 0),
}


@pytest.mark.parametrize("name", list(REFERENCES))
async def test_elasticsearch_selects_what_the_reference_selects(search, name):
    rule, predicate = REFERENCES[name]
    expected = ids(predicate)
    assert await selected(search, rule) == expected
    assert expected or name == "never", "the reference selects nothing: a weak test"


CROSS_CHECKED = [
    {"frame_query": "bremen"},
    {"frame_query": "truck"},  # the frame's labels, not the nested ROIs
    {"frame_query": "5 OR paris"},
    {"frame_query": "meta.city:o'brien-town"},
    {"frame_query": "meta.city:bremen AND meta.n:2 OR meta.flag:true"},
    {"frame_query": "+meta.flag:true -meta.n:[0 TO 2]"},
    {"frame_query": "meta.city:/(bre|pa).*/"},
    {"frame_query": "meta.city:bremn~1"},
    {"frame_query": "_exists_:rois"},
    {"frame_query": "NOT rois.label:*"},
    {"frame_query": "context_id:ctx1 OR timestamp:[100 TO 200]"},
    {"frame_query": "sources.uri:gs*"},
    {"frame_query": "labels:dog"},
    {"sources_query": "width:640 AND NOT id:back"},
    {"sources_query": "sources.meta.hash.source:h1"},
    {"label_rules": [{"label": "label.keyword:\"car\" AND NOT label.keyword:\"occluded\"", "count_range": [2, 5]}]},
    {"label_rules": [{"label": "car OR truck", "conf_range": [0.1, 0.6], "count_range": [0, 2]}]},
    {"label_rules": [{"label": "*", "count_range": [4, -1]}]},
    {"label_rules": [{"label": "confidence:<0.5", "must_not": True}]},
    {"label_rules": [{"label": "d*"}, {"label": "person", "count_range": [1], "must_not": True}]},
    {"frame_query": "meta.n:3 OR meta.score:[0.25 TO 0.5]"},
    {"frame_query": "meta.name:/cam-front-[0-9]+/"},
    {"frame_query": r"meta.city:new\ y*"},
    {"frame_query": "meta.city:pars~1"},
    {"frame_query": "meta.city:[new TO p]"},
    {"frame_query": "meta.updated:2024-10-21"},
    {"frame_query": "meta.updated:{2024-10-20 TO *} OR meta.updated:<2024-10-19T10"},
    {"frame_query": "meta.updated:>=2024-10-20T08\\:30 AND meta.updated:<=2024-10-20T20\\:04"},
    {"frame_query": "meta.updated:2024*"},
    {"frame_query": "rois.\\*:dog OR _exists_:rois.conf\\*"},
    {"label_rules": [{"label": "\\*:car AND _exists_:conf\\*"}]},
    # mismatched types match nothing instead of failing the search
    {"frame_query": "meta.n:abc OR meta.n:5* OR meta.flag:yes OR timestamp:abc OR meta.city:/a@b#/"},
    {"frame_query": "meta.n:[a TO *] OR rois.confidence:high"},
]


@pytest.mark.parametrize("rule", CROSS_CHECKED, ids=[str(i) for i in range(len(CROSS_CHECKED))])
async def test_python_evaluation_agrees_with_elasticsearch(search, rule):
    assert await selected(search, rule) == ids(lambda frame: frame_matches(rule, frame))


# Queries on plain frame fields mean what Elasticsearch's own query_string makes of them (what
# ClearML hands them to): Lucene's boolean quirks, AUTO fuzziness, date rounding, wildcards.
# One deliberate difference: terms side by side with no operator ("paris bremen") are two
# terms for us; on keyword fields query_string glues them into one value ("paris bremen"),
# where ClearML's text-mapped fields split them too (see lucene.py).
AS_QUERY_STRING = [
    "meta.city:bremen AND meta.n:2 OR meta.flag:true",
    "meta.n:2 OR meta.n:3 AND meta.flag:true",
    "+meta.flag:true -meta.n:[0 TO 2]",
    "NOT meta.city:bremen AND NOT meta.n:3",
    "meta.city:paris~ OR meta.city:brmen~",
    "meta.city:pars~1",
    "bremen OR 5",
    "meta.name:cam-front* AND meta.name:*-1?",
    'meta.city:"new york" || meta.n:>=5',
    "meta.n:{2 TO 5] && !meta.flag:true",
    "meta.city:/(bre|pa).*/",
    "(meta.n:1 OR meta.n:2) AND meta.flag:false",
    "meta.n:(1 OR 2 OR 3) -meta.city:paris",
    "_exists_:meta.score AND meta.score:[* TO 0.5}",
    "meta.tags:even^2 meta.n:4",
    "meta.updated:[2024-10-20 TO 2024-10-20] OR meta.updated:2024-10-21",
    "meta.updated:>2024-10-20",
    "context_id:ctx1 timestamp:[100 TO *]",
    "*:bremen OR meta.\\*:5",
    "meta.c\\*:paris AND NOT meta.\\*:[2 TO 3]",
    "_exists_:meta.sc\\* meta.city:pariss~AUTO^2",
    "meta.city:>n AND meta.name:<cam-front-3",
    "meta.city:>= OR meta.n:> OR meta.flag:<",
    "_exists_:meta.sco\\* AND NOT _exists_:meta.nothing\\*",
    "_exists_:meta.sco* OR meta.n:1",
]


async def test_terms_side_by_side_are_separate_terms(search):
    assert await selected(search, {"frame_query": "meta.city:(paris bremen)"}) == ids(
        lambda frame: frame["meta"]["city"] in ("paris", "bremen"))
    assert await selected(search, {"frame_query": "paris bremen"}) == ids(
        lambda frame: frame["meta"]["city"] in ("paris", "bremen"))


@pytest.mark.parametrize("text", AS_QUERY_STRING)
async def test_frame_queries_select_what_elasticsearch_query_string_selects(search, text):
    own = {"bool": {"filter": [layout.visible_in([VERSION]),
                               {"query_string": {"query": text, "default_field": "*", "lenient": True}}]}}
    page = await search.search(COMPANY, [DATASET], own, size=1000)
    expected = {frame["id"] for frame in page.frames}
    assert await selected(search, {"frame_query": text}) == expected
    assert ids(lambda frame: frame_matches({"frame_query": text}, frame)) == expected


# Values that fit each field, and now and then one that does not (which must match nothing).
FIELD_VALUES = {
    "meta.city": ["bremen", "paris", '"new york"', "bre*", "?aris", "paris~", "/(bre|pa).*/", "[n TO q]", "*o*"],
    "meta.n": ["5", "3", "[1 TO 4]", "{2 TO 6]", ">=4", "<2", "[* TO 3]"],
    "meta.score": ["[0.2 TO 0.7]", ">0.5", "{0.1 TO 0.4}"],
    "meta.flag": ["true", "false"],
    "meta.name": ["cam-front*", "cam-rear-1?", "/cam-.*-2[0-9]/"],
    "meta.updated": ["2024-10-20", ">2024-10-20", "[2024-10-19T12 TO 2024-10-20T12]", "{* TO 2024-10-20}"],
    "meta.tags": ["even", "odd"],
    "context_id": ["ctx1", "ctx*", "[ctx1 TO ctx3]"],
    "timestamp": ["[100 TO 300]", ">=250", "40"],
    "rois.label": ["car", "dog", "occluded", "t*", "persn~1"],
    "rois.confidence": [">0.8", "[0.1 TO 0.3]"],
    "rois.area": ["[100 TO 300]", "<50"],
    "sources.uri": ["s3*", "*png", "*paris*"],
    "sources.id": ["back", "front"],
    "labels": ["car", "truck", "p*"],
    None: ["bremen", "paris", "5", "truck", "ctx2", "even"],
}
MISFITS = ["x", "abc", "true", "5", "2024-10-20", "c?r", "[a TO n}", "/c.r/", "1.5", "bremn~1"]


def random_rule_query(rng: random.Random, depth: int = 0) -> str:
    clauses = []
    for _ in range(rng.randint(1, 3)):
        if depth < 2 and rng.random() < 0.25:
            clause = f"({random_rule_query(rng, depth + 1)})"
        else:
            field = rng.choice(list(FIELD_VALUES))
            value = rng.choice(MISFITS if rng.random() < 0.15 else FIELD_VALUES[field])
            clause = value if field is None else f"{field}:{value}"
        prefix = rng.choice(["", "", "", "+", "-", "NOT ", "!"])
        joint = rng.choice([" ", " AND ", " OR ", " && ", " || "]) if clauses else ""
        clauses.append(joint + prefix + clause)
    return "".join(clauses)


RANDOM_RULES = [random_rule_query(random.Random(seed)) for seed in range(120)]


@pytest.mark.parametrize("text", RANDOM_RULES)
async def test_random_frame_queries_agree_with_the_python_evaluation(search, text):
    rule = {"frame_query": text}
    assert await selected(search, rule) == ids(lambda frame: frame_matches(rule, frame))


@pytest.mark.parametrize("seed", range(60))
async def test_random_label_rules_agree_with_the_python_evaluation(search, seed):
    rng = random.Random(seed)
    label = rng.choice(["car", "dog", "car occluded", "car OR truck", "NOT car", "label.keyword:\"person\"", "d*",
                        "confidence:>0.5", "area:[100 TO 300]", "truck AND confidence:<0.4", "*", "c?r~"])
    rule = {"label": label, "must_not": rng.random() < 0.3}
    if rng.random() < 0.5:
        rule["count_range"] = rng.choice([[1], [2, -1], [0, 1], [-1, 2], [2, 3], [0, 0], [3, 5]])
    if rng.random() < 0.5:
        rule["conf_range"] = rng.choice([[0.5, -1], [-1, 0.3], [0.2, 0.8], [0, 1]])
    rules = {"label_rules": [rule], "frame_query": rng.choice([None, "meta.flag:true", "NOT meta.city:paris"])}
    assert await selected(search, rules) == ids(lambda frame: frame_matches(rules, frame))


# What users write, right and wrong: the parser refuses exactly what Elasticsearch's
# query_string refuses (so a query ClearML runs runs here, and one it refuses is refused).
WRITTEN = [
    "car", "meta.city:bremen", 'meta.city:"new york"', "a AND b OR c", "a && b || !c", "NOT a", "-a +b",
    "meta.n:[1 TO 5}", "meta.n:{* TO 5]", "meta.n:>=5", "meta.n:<5", "meta.x:*", "_exists_:meta.x", "*:*",
    "*:bremen", "meta.\\*:x", "bre*", "b?emen", "meta.city:/b.*n/", "bremen~", "bremen~1", "bremen~AUTO",
    '"a b"~2', "a^2", "(a b)^0.5", "a~1^2", "a^2~1", "meta.x:(a OR b)", "a\\:b", "a\\ b", "x:\\u0041",
    'label.keyword:"car" AND NOT label.keyword:"partly_occluded"', "a - b", "+ ", "meta.updated:[2024-10-20 TO 2024-10-20]",
    "sources.meta.hash.source:(\"h1\" OR \"h2\")",
    # refused by both
    "a AND", "AND a", "(a", "a)", "()", "meta.x:", 'meta.x:"abc', "meta.x:[1 TO 5", "meta.x:[1 5]", "a^",
    "NOT NOT a", "a:b:c", "a/b", "a!", "a -", "meta.*:x", "a~3", "a~0.5", "a~b", "a \\", "x:/ab",
]


async def test_the_parser_refuses_what_elasticsearch_refuses(indexed):
    es, index, _ = indexed
    differences = []
    for text in WRITTEN:
        answer = await es.indices.validate_query(
            index=index, query={"query_string": {"query": text, "default_field": "*", "lenient": True}})
        try:
            lucene.parse(text)
            parsed = True
        except lucene.LuceneSyntaxError:
            parsed = False
        if parsed != answer["valid"]:
            differences.append((text, answer["valid"]))
    assert differences == []

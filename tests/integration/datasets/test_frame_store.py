"""The frame store on the real Elasticsearch (``ElasticFrameStore``) and the meta schema store
on the real MongoDB-wire server: a version sees its ancestors' frames until it overrides or
deletes them, a frame is written whole or not at all, concurrent hides keep each other, and a
version's or a dataset's frames go by id in bulk."""

from __future__ import annotations

import uuid

import pytest
from elasticsearch import AsyncElasticsearch

from services.datasets.frames import rules
from services.datasets.store import layout
from services.datasets.store.frames import Copy, ElasticFrameStore
from services.datasets.store.schemas import MongoSchemaRepository
from tests.support.servers import ES, require_servers

COMPANY, DATASET = "acme", "ds1"
NOW = 1_764_400_000_000


@pytest.fixture
async def store():
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    frames = ElasticFrameStore(ES, prefix)
    await frames.ensure_index(COMPANY, DATASET, rules.vector_fields({"meta.emb": {"type": "dense_vector", "dims": 2}}))
    try:
        yield frames
    finally:
        async with AsyncElasticsearch(ES) as es:
            await es.indices.delete(index=f"{prefix}{layout.FAMILY}-*", ignore_unavailable=True, allow_no_indices=True)
        await frames.stop()


def doc(frame_id: str, version: str, **fields):
    source = {"id": "s", "uri": f"u/{frame_id}", "content_type": "image/png"}
    frame = rules.check_frame({"id": frame_id, "sources": [source], **fields})
    return rules.stored_document(frame, dataset=DATASET, version=version, now=NOW)


async def save(store, version, lineage, docs):
    """What the save use case does: find the copies the version sees, write, hide."""
    copies = await store.visible(COMPANY, DATASET, lineage, [d["id"] for d in docs])
    hides = {f: c for f, c in copies.items() if c.version != version}
    return await store.write(COMPANY, DATASET, version, docs, hides)


async def ids_of(store, lineage):
    """The frames of a version read through the store's search (which sees the store's writes)."""
    return sorted([f["id"] async for f in store.search().scan(COMPANY, [DATASET], layout.visible_in(lineage))])


async def test_a_child_sees_its_parents_frames_until_it_overrides_or_deletes_them(store):
    assert await save(store, "v1", ["v1"], [doc("a", "v1"), doc("b", "v1"), doc("c", "v1")]) == {}
    assert await save(store, "v2", ["v2", "v1"], [doc("a", "v2", meta={"n": 2})]) == {}
    copies = await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a", "b", "c"])
    removed = await store.remove(COMPANY, DATASET, "v2", {"b": copies["b"]})
    assert removed == 1
    assert await ids_of(store, ["v1"]) == ["a", "b", "c"]
    assert await ids_of(store, ["v2", "v1"]) == ["a", "c"]
    seen = await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a", "b", "c"])
    assert seen["a"].version == "v2" and seen["a"].source["meta"] == {"n": 2}
    assert seen["c"].version == "v1" and "b" not in seen


async def test_deleting_a_frame_the_version_wrote_itself_removes_its_document(store):
    await save(store, "v1", ["v1"], [doc("a", "v1")])
    await save(store, "v2", ["v2", "v1"], [doc("a", "v2")])
    copies = await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a"])
    assert await store.remove(COMPANY, DATASET, "v2", copies) == 1
    assert await ids_of(store, ["v2", "v1"]) == [] and await ids_of(store, ["v1"]) == ["a"]


async def test_a_document_elasticsearch_refuses_leaves_the_parents_copy_visible(store):
    await save(store, "v1", ["v1"], [doc("a", "v1", meta={"n": 1}), doc("b", "v1")])
    # meta.n is mapped as a number now: a string that is no number is refused by Elasticsearch
    failed = await save(store, "v2", ["v2", "v1"], [doc("a", "v2", meta={"n": "many"}), doc("b", "v2")])
    assert set(failed) == {"a"}
    seen = await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a", "b"])
    assert seen["a"].version == "v1" and seen["a"].source["hidden_in"] == []
    assert seen["b"].version == "v2"


async def test_two_versions_hiding_one_copy_at_once_keep_both_hides(store):
    await save(store, "v1", ["v1"], [doc("a", "v1")])
    stale = (await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a"]))["a"]
    assert await store.write(COMPANY, DATASET, "v2", [doc("a", "v2")], {"a": stale}) == {}
    # v3 read the copy before v2 hid it: its guarded hide meets a conflict, reads again, retries
    assert await store.write(COMPANY, DATASET, "v3", [doc("a", "v3")], {"a": stale}) == {}
    parent = await store.es.get(index=store.index(COMPANY, DATASET), id=layout.doc_id("v1", "a"))
    assert sorted(parent["_source"]["hidden_in"]) == ["v2", "v3"]


async def test_a_copy_gone_meanwhile_fails_the_frame_and_removes_its_new_document(store):
    await save(store, "v1", ["v1"], [doc("a", "v1")])
    copy = (await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a"]))["a"]
    await store.es.delete(index=store.index(COMPANY, DATASET), id=copy.doc_id)
    failed = await store.write(COMPANY, DATASET, "v2", [doc("a", "v2")], {"a": copy})
    assert set(failed) == {"a"}
    assert await store.visible(COMPANY, DATASET, ["v2", "v1"], ["a"]) == {}


async def test_deleting_a_version_deletes_its_documents_by_id(store):
    await save(store, "v1", ["v1"], [doc(f"f{n}", "v1") for n in range(30)])
    await save(store, "v2", ["v2", "v1"], [doc(f"f{n}", "v2") for n in range(10)])
    assert await store.delete_version(COMPANY, DATASET, "v2") == 10
    assert len(await ids_of(store, ["v1"])) == 30
    assert await store.search().count(COMPANY, [DATASET], {"term": {"version": "v2"}}) == 0


async def test_a_read_through_the_store_search_sees_writes_not_yet_refreshed(store):
    await store.es.indices.put_settings(index=store.index(COMPANY, DATASET), settings={"refresh_interval": "-1"})
    await save(store, "v1", ["v1"], [doc("a", "v1"), doc("b", "v1")])
    assert await store.search().count(COMPANY, [DATASET], layout.visible_in(["v1"])) == 2
    await save(store, "v1", ["v1"], [doc("c", "v1")])
    assert await store.search().count(COMPANY, ["*"], layout.visible_in(["v1"])) == 3


async def test_dropping_the_dataset_drops_its_index(store):
    await save(store, "v1", ["v1"], [doc("a", "v1")])
    await store.drop_index(COMPANY, DATASET)
    assert not await store.es.indices.exists(index=store.index(COMPANY, DATASET))
    assert await store.visible(COMPANY, DATASET, ["v1"], ["a"]) == {}


async def test_stats_of_a_version(store):
    await save(store, "v1", ["v1"], [doc("a", "v1", rois=[{"label": ["cat"]}, {"label": ["cat", "dog"]}]),
                                     doc("b", "v1"), doc("c", "v1", rois=[{"label": ["dog"]}])])
    await save(store, "v2", ["v2", "v1"], [doc("a", "v2")])
    assert await store.stats(COMPANY, DATASET, ["v2", "v1"]) == {
        "total": 3, "annotated": 1, "labels": {"dog": 1}, "content_types": {"image/png": 3}}
    assert (await store.stats(COMPANY, DATASET, ["v1"]))["labels"] == {"cat": 2, "dog": 2}


async def test_a_vector_field_is_mapped_as_a_dense_vector(store):
    mapping = await store.es.indices.get_mapping(index=store.index(COMPANY, DATASET))
    [body] = mapping.body.values()
    assert body["mappings"]["properties"]["meta"]["properties"]["emb"]["type"] == "dense_vector"
    assert await save(store, "v1", ["v1"], [doc("a", "v1", meta={"emb": [0.6, 0.8]})]) == {}


async def test_a_vector_comes_back_with_its_frame(store):
    # Elasticsearch 9 leaves dense vectors out of _source unless the index says otherwise
    await save(store, "v1", ["v1"], [doc("a", "v1", meta={"emb": [0.6, 0.8]})])
    assert (await store.visible(COMPANY, DATASET, ["v1"], ["a"]))["a"].source["meta"]["emb"] == [0.6, 0.8]
    page = await store.search().search(COMPANY, [DATASET], layout.visible_in(["v1"]))
    assert page.frames[0]["meta"]["emb"] == [0.6, 0.8]


async def test_a_source_meta_hash_is_searchable_as_the_sdk_looks_uploaded_files_up(store):
    source = {"id": "image", "uri": "s3://b/x.jpg", "meta": {"hash": {"source": "abc123"}}}
    frame = rules.stored_document(rules.check_frame({"id": "x", "sources": [source]}), dataset=DATASET, version="v1",
                                  now=NOW)
    await store.write(COMPANY, DATASET, "v1", [frame], {})
    found = await store.search().count(COMPANY, [DATASET], {"term": {"sources.meta.hash.source": "abc123"}})
    assert found == 1


async def test_meta_numbers_are_doubles_so_a_fraction_after_an_integer_is_kept(store):
    await save(store, "v1", ["v1"], [doc("a", "v1", meta={"score": 3}), doc("b", "v1", meta={"score": 0.5})])
    found = await store.search().count(COMPANY, [DATASET], {"range": {"meta.score": {"gt": 0.2, "lt": 0.7}}})
    assert found == 1


async def test_visible_copies_are_read_in_real_time(store):
    await save(store, "v1", ["v1"], [doc("a", "v1")])
    copy = (await store.visible(COMPANY, DATASET, ["v1"], ["a"]))["a"]
    assert isinstance(copy, Copy) and copy.doc_id == "v1:a" and copy.source["id"] == "a"


async def test_the_meta_schema_keeps_the_first_type_of_a_key(mongo_db):
    schemas = MongoSchemaRepository(mongo_db)
    await schemas.ensure_indexes()
    assert await schemas.add(COMPANY, DATASET, {"meta.a": "string", "meta.b.c": "number"}) == {
        "meta.a": "string", "meta.b.c": "number"}
    # another writer introduced meta.a as a number at the same time: the first type holds
    assert await schemas.add(COMPANY, DATASET, {"meta.a": "number", "meta.d": "boolean"}) == {
        "meta.a": "string", "meta.d": "boolean"}
    assert await schemas.of_dataset(COMPANY, DATASET) == {"meta.a": "string", "meta.b.c": "number",
                                                          "meta.d": "boolean"}
    assert await schemas.of_dataset("other", DATASET) == {}
    await schemas.drop(COMPANY, DATASET)
    assert await schemas.of_dataset(COMPANY, DATASET) == {}

"""The frame batches (``datasets.save_frames``/``update_frames``/``delete_frames``) and the
frame side of the datasets room (``drop_*``, ``version_stats``) on in-memory fakes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.datasets.frames.writes import FrameWrites
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.datasets.frame_fakes import InMemoryDatasets, InMemoryFrameStore, InMemorySchemas, InMemoryVersions

ME = Identity(company="acme", user="u")
NOW = 1_764_400_000_000


@pytest.fixture
def room():
    versions = InMemoryVersions()
    store, schemas = InMemoryFrameStore(), InMemorySchemas()
    writes = FrameWrites(store, schemas, versions, InMemoryDatasets(versions), max_frames=5, clock=lambda: NOW)
    return SimpleNamespace(versions=versions, store=store, schemas=schemas, writes=writes)


def frame(frame_id, **extra):
    return {"id": frame_id, "sources": [{"id": "s", "uri": f"u/{frame_id}"}], **extra}


def batch(version, *frames):
    return SimpleNamespace(version=version, frames=list(frames))


async def test_the_valid_frames_are_saved_and_the_invalid_listed_by_position(room):
    v1 = room.versions.add("v1")
    answer = await room.writes.save_frames(ME, batch(v1, frame("a", rois=[{"label": ["x"]}]), {"id": "b"}, "junk"))
    assert (answer["saved"], answer["failed"], answer["ids"], answer["total_rois"]) == (1, 2, ["a"], 1)
    assert [(e["index"], e["id"], e["_id"]) for e in answer["errors"]] == [(1, "b", "v1/b"), (2, None, "v1/")]
    assert set(room.store.frames_of("ds", ["v1"])) == {"a"}


async def test_a_meta_key_keeps_its_first_type_within_a_call_and_across_calls(room):
    v1 = room.versions.add("v1")
    first = await room.writes.save_frames(ME, batch(v1, frame("a", meta={"k": "text"}), frame("b", meta={"k": 1})))
    assert first["ids"] == ["a"] and "string" in first["errors"][0]["error"]
    second = await room.writes.save_frames(ME, batch(v1, frame("c", meta={"k": True})))
    assert second["failed"] == 1 and "meta.k" in second["errors"][0]["error"]
    assert room.schemas.types["ds"] == {"meta.k": "string"}


async def test_a_type_another_writer_recorded_first_refuses_the_frame(room):
    v1 = room.versions.add("v1")
    room.schemas.race = {"meta.k": "number"}
    answer = await room.writes.save_frames(ME, batch(v1, frame("a", meta={"k": "text"}), frame("b")))
    assert answer["ids"] == ["b"] and "number" in answer["errors"][0]["error"]


async def test_a_frame_the_store_refuses_is_listed_and_not_counted(room):
    v1 = room.versions.add("v1")
    room.store.refuse = {"b"}
    answer = await room.writes.save_frames(ME, batch(v1, frame("a"), frame("b")))
    assert (answer["saved"], answer["failed"], answer["errors"][0]["index"]) == (1, 1, 1)


async def test_one_frame_twice_in_a_call_is_saved_once_the_last_wins(room):
    v1 = room.versions.add("v1")
    answer = await room.writes.save_frames(ME, batch(v1, frame("a", meta={"n": 1}), frame("a", meta={"n": 2})))
    assert answer["saved"] == 2
    assert room.store.frames_of("ds", ["v1"])["a"]["meta"] == {"n": 2}


async def test_more_frames_than_a_call_takes_is_refused_and_nothing_is_written(room):
    v1 = room.versions.add("v1")
    with pytest.raises(ApiError) as refused:
        await room.writes.save_frames(ME, batch(v1, *(frame(f"f{n}") for n in range(6))))
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    assert room.store.frames_of("ds", ["v1"]) == {}


async def test_a_published_version_takes_no_frames(room):
    v1 = room.versions.add("v1", status="published")
    with pytest.raises(ApiError):
        await room.writes.save_frames(ME, batch(v1, frame("a")))
    assert room.store.docs == {}


async def test_saving_again_in_a_child_keeps_when_the_frame_was_first_saved(room):
    room.versions.add("v1")
    await room.writes.save_frames(ME, batch("v1", frame("a")))
    room.versions.add("v2", parent="v1")
    room.writes._clock = lambda: NOW + 5
    await room.writes.save_frames(ME, batch("v2", frame("a", meta={"n": 2})))
    a = room.store.frames_of("ds", ["v2", "v1"])["a"]
    assert (a["saved"], a["saved_in_version"], a["updated"], a["updated_in_version"]) == (NOW, "v1", NOW + 5, "v2")
    assert "meta" not in room.store.frames_of("ds", ["v1"])["a"]


async def test_update_keeps_the_fields_not_sent_and_counts_frames_merged_from_a_parent(room):
    room.versions.add("v1")
    await room.writes.save_frames(ME, batch("v1", frame("a", meta={"n": 1}, context_id="ctx"), frame("b")))
    room.versions.add("v2", parent="v1")
    await room.writes.save_frames(ME, batch("v2", frame("b")))
    answer = await room.writes.update_frames(ME, batch("v2", {"id": "a", "meta": {"n": 2}}, {"id": "b"},
                                                      {"id": "zz"}, {"meta": {}}))
    assert (answer["updated"], answer["merged"], answer["failed"]) == (2, 1, 2)
    assert [e["index"] for e in answer["errors"]] == [2, 3]
    a = room.store.frames_of("ds", ["v2", "v1"])["a"]
    assert a["meta"] == {"n": 2} and a["context_id"] == "ctx" and a["sources"][0]["uri"] == "u/a"


async def test_delete_removes_what_the_version_sees_and_ignores_other_ids(room):
    room.versions.add("v1")
    await room.writes.save_frames(ME, batch("v1", frame("a"), frame("b"), frame("c")))
    room.versions.add("v2", parent="v1")
    await room.writes.save_frames(ME, batch("v2", frame("a")))
    deleted = await room.writes.delete_frames(ME, SimpleNamespace(version="v2", frames=["a", "b", "zz"]))
    assert deleted == {"deleted": 2}
    assert set(room.store.frames_of("ds", ["v2", "v1"])) == {"c"}
    assert set(room.store.frames_of("ds", ["v1"])) == {"a", "b", "c"}


async def test_the_datasets_room_drops_versions_and_datasets_and_reads_stats(room):
    room.versions.add("v1")
    await room.writes.save_frames(ME, batch("v1", frame("a", rois=[{"label": ["x"]}]), frame("b", meta={"k": 1})))
    stats = await room.writes.version_stats("acme", "ds", ["v1"])
    assert stats["frames"][:2] == [{"name": "total", "count": 2}, {"name": "annotated", "count": 1}]
    assert stats["labels"] == [{"name": "x", "count": 1}]
    assert await room.writes.drop_version("acme", "ds", "v1") == 2
    await room.writes.drop_dataset("acme", "ds")
    assert room.schemas.types == {} and room.store.docs == {}

"""Coalesced lookups by ``_id`` on the real MongoDB-wire server: one query per event-loop turn,
each caller its own fresh document, failures reach every caller of the batch."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from shared.mongo_reads import MAX_BATCH, CoalescedReads

pytestmark = pytest.mark.integration


class CountingFinds:
    """The raw collection of a ``CoalescedReads``, counting the queries it is sent."""

    def __init__(self, inner, fail: Exception | None = None) -> None:
        self.inner, self.fail, self.queries = inner, fail, []

    def find(self, filter_, *args, **kwargs):
        self.queries.append(filter_["_id"]["$in"])
        if self.fail is not None:
            raise self.fail
        return self.inner.find(filter_, *args, **kwargs)


def counted(collection, fail: Exception | None = None) -> tuple[CoalescedReads, CountingFinds]:
    reads = CoalescedReads(collection)
    reads._raw = CountingFinds(reads._raw, fail)
    return reads, reads._raw


async def test_lookups_of_one_turn_share_one_query_and_get_documents_of_their_own(mongo_db):
    when = datetime(2026, 12, 1, tzinfo=timezone.utc)
    await mongo_db.task.insert_many([{"_id": f"t{i}", "n": i, "tags": ["a"], "at": when} for i in range(3)])
    reads, finds = counted(mongo_db.task)
    got = await asyncio.gather(reads.get("t0"), reads.get("t1"), reads.get("t1"), reads.get("nope"), reads.get("t2"))
    assert [doc and doc["n"] for doc in got] == [0, 1, 1, None, 2]
    assert len(finds.queries) == 1 and sorted(finds.queries[0]) == ["nope", "t0", "t1", "t2"]
    assert got[0]["at"] == when and got[0]["at"].tzinfo is not None  # the collection's codec options
    got[1]["tags"].append("changed")
    assert got[2]["tags"] == ["a"]  # the same document, decoded once per caller


async def test_a_lookup_after_a_write_sees_it(mongo_db):
    await mongo_db.task.insert_one({"_id": "t", "n": -1})
    reads, _ = counted(mongo_db.task)
    for value in range(10):
        await mongo_db.task.update_one({"_id": "t"}, {"$set": {"n": value}})
        got = await asyncio.gather(*(reads.get("t") for _ in range(5)))
        assert {doc["n"] for doc in got} == {value}


async def test_lookups_after_an_answered_turn_are_queried_again(mongo_db):
    await mongo_db.task.insert_one({"_id": "t", "n": 1})
    reads, finds = counted(mongo_db.task)
    await reads.get("t")
    await mongo_db.task.delete_one({"_id": "t"})
    assert await reads.get("t") is None  # nothing kept from the first answer
    assert len(finds.queries) == 2


async def test_more_ids_than_a_batch_go_in_several_queries(mongo_db):
    count = MAX_BATCH * 2 + 3
    await mongo_db.task.insert_many([{"_id": f"t{i}", "n": i} for i in range(count)])
    reads, finds = counted(mongo_db.task)
    got = await asyncio.gather(*(reads.get(f"t{i}") for i in range(count)))
    assert [doc["n"] for doc in got] == list(range(count))
    assert sorted(len(ids) for ids in finds.queries) == [3, MAX_BATCH, MAX_BATCH]


async def test_a_failed_query_fails_every_caller_of_its_batch(mongo_db):
    reads, _ = counted(mongo_db.task, fail=RuntimeError("store away"))
    got = await asyncio.gather(reads.get("a"), reads.get("b"), reads.get("a"), return_exceptions=True)
    assert [str(exc) for exc in got] == ["store away"] * 3


async def test_a_caller_that_stops_waiting_leaves_the_others_their_answer(mongo_db):
    await mongo_db.task.insert_one({"_id": "t", "n": 1})
    reads, _ = counted(mongo_db.task)
    gone = asyncio.ensure_future(reads.get("t"))
    stays = asyncio.ensure_future(reads.get("t"))
    await asyncio.sleep(0)
    gone.cancel()
    assert (await stays)["n"] == 1
    assert gone.cancelled()

"""Reads of single documents by ``_id``, coalesced: every lookup asked during one turn of the
event loop goes to the store as one ``{_id: {$in: [...]}}`` query.

Why: the MongoDB-wire server's cost is per query, not per document (measured on SecantusDB,
3,000 documents: one ``find_one`` by ``_id`` 2.2 ms; 32 of them at once 35 ms; one ``$in`` of
the same 32 ids 6.7 ms; one ``$in`` of 128 ids 43 ms, so batches are cut at ``MAX_BATCH``).

Never stale: a lookup joins only a batch that has not been sent yet, so the query runs after
every write its caller awaited before asking (read-after-write holds as with ``find_one``);
nothing is kept once a batch is answered. Every caller gets a document of its own (decoded
from the raw bytes once per caller), so one caller's changes never reach another's.
"""

from __future__ import annotations

import asyncio
from typing import Any

import bson
from bson.raw_bson import RawBSONDocument
from pymongo.asynchronous.collection import AsyncCollection

# Ids per ``$in`` query: beyond this SecantusDB's time per id grows (see module).
MAX_BATCH = 32


class CoalescedReads:
    """``get(_id)`` of one collection; concurrent calls share queries."""

    def __init__(self, collection: AsyncCollection) -> None:
        self._codec = collection.codec_options
        self._raw = collection.with_options(codec_options=self._codec.with_options(document_class=RawBSONDocument))
        self._waiting: dict[Any, list[asyncio.Future]] = {}
        self._batches: set[asyncio.Task] = set()  # referenced until done (asyncio keeps weak ones)

    async def get(self, doc_id: Any) -> dict[str, Any] | None:
        """The document with ``_id`` ``doc_id``, or ``None``; raises what the query raised."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._send)  # after every lookup asked during this turn
        self._waiting.setdefault(doc_id, []).append(future)
        return await future

    def _send(self) -> None:
        waiting, self._waiting = self._waiting, {}
        ids = list(waiting)
        for start in range(0, len(ids), MAX_BATCH):
            chunk = {doc_id: waiting[doc_id] for doc_id in ids[start:start + MAX_BATCH]}
            task = asyncio.create_task(self._answer(chunk))
            self._batches.add(task)
            task.add_done_callback(self._batches.discard)

    async def _answer(self, waiting: dict[Any, list[asyncio.Future]]) -> None:
        try:
            docs = await self._raw.find({"_id": {"$in": list(waiting)}}).to_list()
        except asyncio.CancelledError:
            for future in _pending(waiting):
                future.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - every caller of the batch gets the query's failure
            for future in _pending(waiting):
                future.set_exception(exc)
            return
        found = {doc["_id"]: doc for doc in docs}
        for doc_id, futures in waiting.items():
            raw = found.get(doc_id)
            for future in futures:
                if not future.done():
                    future.set_result(None if raw is None else bson.decode(raw.raw, self._codec))


def _pending(waiting: dict[Any, list[asyncio.Future]]) -> list[asyncio.Future]:
    return [future for futures in waiting.values() for future in futures if not future.done()]

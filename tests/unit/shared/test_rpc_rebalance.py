"""The RPC server across a rebalance: a request fetched before its partition was revoked, and
still waiting for a free slot when it was, is left to the partition's next owner (which reads
it again from the committed offset) instead of being applied twice."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from aiokafka import TopicPartition

from shared.messaging.envelopes import RequestEnvelope, envelope_json
from shared.messaging.rpc_server import RpcServer, _Rebalance
from shared.settings import SharedSettings

TP = TopicPartition("t.cairn.tasks.rpc", 0)


class FakeConsumer:
    """One batch of two requests, then nothing; remembers what was committed."""

    def __init__(self, messages) -> None:
        self._batches = [{TP: messages}]
        self.committed: list[dict] = []

    async def getmany(self, timeout_ms: int = 0, max_records: int = 0):
        if self._batches:
            return self._batches.pop(0)
        await asyncio.sleep(timeout_ms / 1000)
        return {}

    async def commit(self, offsets) -> None:
        self.committed.append(dict(offsets))


class FakeProducer:
    async def send(self, *args, **kwargs) -> None:
        return None


def _message(offset: int, key: bytes):
    request = RequestEnvelope(endpoint="tasks.edit", requested_version="2.23", payload={"n": offset})
    return SimpleNamespace(offset=offset, key=key, value=envelope_json(request), headers=[])


async def test_a_request_waiting_for_a_slot_when_its_partition_moves_is_not_applied_here():
    applied: list[int] = []
    release = asyncio.Event()

    async def edit(request: RequestEnvelope):
        applied.append(request.payload["n"])
        await release.wait()
        return {}

    # One slot: the second request waits for the first to finish.
    server = RpcServer(SharedSettings(rpc_max_in_flight=1), "tasks", {"tasks.edit": edit})
    consumer = FakeConsumer([_message(0, b"a"), _message(1, b"b")])
    server._consumer, server._producer = consumer, FakeProducer()
    loop = asyncio.create_task(server._consume())
    try:
        while not applied:
            await asyncio.sleep(0.01)
        # The partition is revoked while request 1 waits for the slot request 0 holds.
        revoking = asyncio.create_task(_Rebalance(server).on_partitions_revoked([TP]))
        await asyncio.sleep(0.05)
        release.set()
        await revoking
        await asyncio.sleep(0.1)
    finally:
        loop.cancel()
        await asyncio.gather(loop, return_exceptions=True)
    # Request 0 finished and was committed before the partition moved; request 1 is the next
    # owner's (offset 1 committed: it reads it from there), never applied here as well.
    assert applied == [0]
    assert consumer.committed == [{TP: 1}]

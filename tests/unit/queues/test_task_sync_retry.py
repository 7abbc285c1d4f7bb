"""``internal.queue_popped`` (a popped ``stopped`` task back to ``queued``) is sent in the
background: a tasks process that does not answer for a moment (its instances rebalancing)
must not leave the task ``stopped``; a refusal is not retried."""

from __future__ import annotations

import asyncio

from services.queues import task_sync
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

IDENTITY = Identity(company="c", user="u")


class FlakyTasks:
    def __init__(self, errors: list[ApiError]) -> None:
        self.errors = errors
        self.calls = 0

    async def call(self, process, request, key=None, timeout=None):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"status": "queued"}


async def _popped(rpc: FlakyTasks, monkeypatch) -> None:
    monkeypatch.setattr(task_sync, "POPPED_RETRY_S", 0.01)
    port = task_sync.RpcTasks(rpc)
    await port.popped(IDENTITY, "t1")
    await asyncio.gather(*port._background)


async def test_queue_popped_is_retried_while_the_tasks_process_does_not_answer(monkeypatch):
    rpc = FlakyTasks([ApiError(503, 0, "the tasks service did not answer"), ApiError(503, 0, "again")])
    await _popped(rpc, monkeypatch)
    assert rpc.calls == 3 and not rpc.errors


async def test_queue_popped_refused_is_not_retried(monkeypatch):
    rpc = FlakyTasks([ApiError(400, 101, "invalid task")])
    await _popped(rpc, monkeypatch)
    assert rpc.calls == 1

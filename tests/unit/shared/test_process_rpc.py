"""``ProcessRpc``: the envelope one Cairn process sends another (the internal API version, the
caller's identity, the request model's fields as set by the caller, the Kafka key)."""

from __future__ import annotations

import asyncio

from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import INTERNAL_API_VERSION, ProcessRpc
from shared.schemas.queues import EnqueueRequest
from shared.schemas.tasks_internal import FoldMetricsRequest

ALICE = Identity(company="c1", user="alice")


class Recorder:
    def __init__(self, answer=None):
        self.calls = []
        self.answer = answer

    async def call(self, process, request, key=None, timeout=None):
        self.calls.append((process, request, key))
        return self.answer


def test_a_call_carries_the_internal_version_the_identity_and_the_set_fields():
    rpc = Recorder({"queue": "q1"})
    request = EnqueueRequest(task="t1", queue=None, queue_name="default", task_user="u", task_name=None)
    answer = asyncio.run(ProcessRpc(rpc, "queues").call(ALICE, "internal.enqueue", request))
    (process, envelope, key), = rpc.calls
    assert answer == {"queue": "q1"} and process == "queues" and key is None
    assert envelope.endpoint == "internal.enqueue" and envelope.requested_version == INTERNAL_API_VERSION == "2.23"
    assert envelope.identity == ALICE
    assert envelope.payload == {"task": "t1", "queue": None, "queue_name": "default", "task_user": "u", "task_name": None}


def test_nested_values_are_sent_as_the_caller_gave_them_and_the_key_is_kept():
    rpc = Recorder()
    request = FoldMetricsRequest(entity="task", id="t1", last_iteration=3,
                                 last_metrics={"m": {"v": {"metric": "loss", "value": 0.5, "count": 2}}})
    asyncio.run(ProcessRpc(rpc, "tasks").call(ALICE, "internal.fold_metrics", request, key="t1"))
    (_, envelope, key), = rpc.calls
    assert key == "t1"
    assert envelope.payload == {"entity": "task", "id": "t1", "last_iteration": 3,
                                "last_metrics": {"m": {"v": {"metric": "loss", "value": 0.5, "count": 2}}}}


def test_a_plain_dict_is_sent_as_it_is():
    rpc = Recorder()
    asyncio.run(ProcessRpc(rpc, "tasks").call(ALICE, "tasks.get_all", {"id": ["a"], "only_fields": ["id", "name"]}))
    assert rpc.calls[0][1].payload == {"id": ["a"], "only_fields": ["id", "name"]}

"""Request/reply over the real broker: answers, errors, timeouts, ordering, isolation."""

from __future__ import annotations

import asyncio
import random
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer

pytestmark = pytest.mark.integration

WHO = Identity(company="c", user="u")


def request(endpoint: str, **payload) -> RequestEnvelope:
    return RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=WHO, payload=payload)


async def started(*parts):
    for part in parts:
        await part.start()
    return parts


async def stopped(*parts):
    for part in parts:
        await part.stop()


async def test_round_trip_returns_the_handler_data_and_its_errors(kafka_settings):
    async def echo(req):
        return {"echo": req.payload, "company": req.identity.company, "version": req.requested_version}

    async def fail(req):
        raise ApiError(400, 101, task=req.payload["task"])

    async def crash(req):
        raise RuntimeError("database password is hunter2")

    server = RpcServer(kafka_settings, "svc", {"svc.echo": echo, "svc.fail": fail, "svc.crash": crash})
    client = RpcClient(kafka_settings)
    await started(server, client)
    try:
        assert await client.call("svc", request("svc.echo", a=1)) == {"echo": {"a": 1}, "company": "c", "version": "2.23"}
        with pytest.raises(ApiError) as err:
            await client.call("svc", request("svc.fail", task="t1"), key="t1")
        assert (err.value.code, err.value.subcode, err.value.data) == (400, 101, {"task": "t1"})
        with pytest.raises(ApiError) as err:
            await client.call("svc", request("svc.crash"))
        assert (err.value.code, err.value.subcode) == (500, 0)
        assert "hunter2" not in err.value.message
        with pytest.raises(ApiError) as err:
            await client.call("svc", request("svc.missing"))
        assert (err.value.code, err.value.subcode) == (500, 9999)
    finally:
        await stopped(client, server)


async def test_no_answer_is_a_retryable_503_and_the_late_service_skips_it(kafka_settings):
    seen = []

    async def write(req):
        seen.append(req.payload["n"])
        return {}

    client = RpcClient(kafka_settings)
    await client.start()
    server = RpcServer(kafka_settings, "late", {"late.write": write})
    try:
        with pytest.raises(ApiError) as err:
            await client.call("late", request("late.write", n=1), timeout=1.0)
        assert err.value.code == 503 and err.value.retryable
        await server.start()
        assert await client.call("late", request("late.write", n=2), timeout=20) == {}
        # The first request waited in the topic past its deadline: it must not be applied.
        assert seen == [2]
    finally:
        await stopped(client, server)


async def test_same_key_in_order_different_keys_concurrently(kafka_settings):
    order: dict[str, list[int]] = {}
    running = 0
    most = 0

    async def step(req):
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(random.uniform(0, 0.02))
        order.setdefault(req.payload["key"], []).append(req.payload["n"])
        running -= 1
        return {}

    server = RpcServer(kafka_settings, "ord", {"ord.step": step})
    client = RpcClient(kafka_settings)
    await started(server, client)
    try:
        keys = [uuid.uuid4().hex for _ in range(5)]
        calls = [client.call("ord", request("ord.step", key=k, n=n), key=k) for n in range(10) for k in keys]
        await asyncio.gather(*calls)
        assert all(order[k] == list(range(10)) for k in keys)
        assert most > 1  # different entities were handled at the same time
    finally:
        await stopped(client, server)


async def test_two_callers_never_receive_each_others_replies(kafka_settings):
    async def who(req):
        return {"n": req.payload["n"]}

    server = RpcServer(kafka_settings, "two", {"two.who": who})
    first = RpcClient(kafka_settings.model_copy(update={"instance_id": "gwa" + uuid.uuid4().hex[:6]}))
    second = RpcClient(kafka_settings.model_copy(update={"instance_id": "gwb" + uuid.uuid4().hex[:6]}))
    await started(server, first, second)
    try:
        answers = await asyncio.gather(
            *(first.call("two", request("two.who", n=n)) for n in range(20)),
            *(second.call("two", request("two.who", n=100 + n)) for n in range(20)),
        )
        assert [a["n"] for a in answers] == list(range(20)) + [100 + n for n in range(20)]
        assert await _reply_values(kafka_settings.kafka_bootstrap, second.reply_topic) == {100 + n for n in range(20)}
    finally:
        await stopped(first, second, server)


async def _reply_values(bootstrap: str, topic: str) -> set[int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        batches = await consumer.getmany(tp, timeout_ms=3000, max_records=1000)
        import orjson

        return {orjson.loads(m.value)["data"]["n"] for m in batches.get(tp, [])}
    finally:
        await consumer.stop()


async def test_trace_context_crosses_kafka(kafka_settings):
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)  # first set wins for the process: fine for this test run
    tracer = trace.get_tracer("test")

    async def noop(req):
        return {}

    server = RpcServer(kafka_settings, "trc", {"trc.noop": noop})
    client = RpcClient(kafka_settings)
    await started(server, client)
    try:
        with tracer.start_as_current_span("caller") as caller:
            await client.call("trc", request("trc.noop"))
        trace_id = caller.get_span_context().trace_id
    finally:
        await stopped(client, server)
    server_spans = [s for s in exporter.get_finished_spans() if s.name == "rpc trc"]
    sends = [s for s in exporter.get_finished_spans() if s.name == "send trc.noop"]
    if trace.get_tracer_provider() is provider:
        # caller -> the client's producer span (into Kafka) -> the server's span (out of it)
        assert server_spans and server_spans[0].context.trace_id == trace_id
        assert sends and sends[0].parent.span_id == caller.get_span_context().span_id
        assert server_spans[0].parent.span_id == sends[0].context.span_id
    else:
        pytest.fail("a tracer provider was installed before this test; run it in its own process")


async def test_requests_and_replies_larger_than_kafkas_default_limit(kafka_settings):
    """The SDK sends batches of up to 15 MB; a get_all page can pass Kafka's 1 MB default."""

    async def mirror(req):
        return {"blob": req.payload["blob"] * 2}

    server = RpcServer(kafka_settings, "big", {"big.mirror": mirror})
    client = RpcClient(kafka_settings)
    await started(server, client)
    try:
        blob = "x" * (3 * 1024 * 1024)
        answer = await client.call("big", request("big.mirror", blob=blob), timeout=30)
        assert len(answer["blob"]) == 2 * len(blob)
    finally:
        await stopped(client, server)

"""The caller side of request/reply over Kafka (used by the gateway, and by services that ask
another service).

FastStream's ``broker.request()`` only works under its test client, so this is our own: each
call gets a correlation id and a future; the request goes to ``cairn.<process>.rpc`` keyed by
the entity id; the reply comes back on this instance's own reply topic, read by one consumer
that resolves the futures. A call that gets no answer in time fails with a retryable 503
(the request carries the same deadline, so a late service skips it instead of applying it).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from opentelemetry.trace import SpanKind

from shared import metrics
from shared.errors import ApiError
from shared.messaging.admin import delete_topics, ensure_topics
from shared.messaging.envelopes import (
    HEADER_CORRELATION_ID,
    HEADER_REPLY_TO,
    ReplyEnvelope,
    RequestEnvelope,
    envelope_from_json,
    envelope_json,
)
from shared.messaging.kafka import client_options
from shared.messaging.topics import MAX_MESSAGE_BYTES, TOPIC_CONFIG, reply_topic, rpc_topic
from shared.settings import SharedSettings
from shared.telemetry import inject_headers, span, tracer

log = logging.getLogger(__name__)
_tracer = tracer("cairn.rpc")

# Extra headers computed from a message's serialised value (e.g. its signature).
Signer = Callable[[bytes], list[tuple[str, bytes]]]


class RpcClient:
    """Sends requests to services and waits for their replies on a private reply topic."""

    def __init__(self, settings: SharedSettings) -> None:
        self._settings = settings
        self.reply_topic = reply_topic(settings.topic_prefix, settings.instance_id)
        self._pending: dict[str, asyncio.Future] = {}
        # Correlation ids: a prefix of this client's own and a counter (uuid4 per call cost ~1%
        # of the gateway's CPU). Replies come on this instance's reply topic only, and the
        # prefix keeps a reply to an earlier run of the instance from resolving a new call.
        self._cid_prefix = uuid.uuid4().hex[:12]
        self._cids = itertools.count()
        self._producer: AIOKafkaProducer | None = None
        self._consumer: AIOKafkaConsumer | None = None
        self._reader: asyncio.Task | None = None

    async def start(self) -> None:
        settings = self._settings
        bootstrap = settings.kafka_bootstrap
        await ensure_topics(bootstrap, {self.reply_topic: 1}, TOPIC_CONFIG)
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, linger_ms=0, acks="all", max_request_size=MAX_MESSAGE_BYTES, **client_options()
        )
        await self._producer.start()
        # No consumer group: this instance alone reads its reply topic, from its end.
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, **client_options(),
            enable_auto_commit=False,
            fetch_max_wait_ms=settings.rpc_fetch_wait_ms,
            auto_offset_reset="latest",
        )
        await self._consumer.start()
        tp = TopicPartition(self.reply_topic, 0)
        self._consumer.assign([tp])
        await self._consumer.seek_to_end(tp)
        await self._consumer.position(tp)  # resolve now, before the first request goes out
        self._reader = asyncio.create_task(self._read_replies(), name="rpc-replies")
        metrics.register_check("kafka-replies", self._reading)

    async def _reading(self) -> bool:
        return self._reader is not None and not self._reader.done() and bool(self._consumer.assignment())

    async def stop(self) -> None:
        if self._reader:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        for fut in self._pending.values():
            if not fut.done():
                fut.set_exception(ApiError(503, 0, "gateway is shutting down"))
        self._pending.clear()
        for part in (self._consumer, self._producer):
            if part is not None:
                await part.stop()
        await delete_topics(self._settings.kafka_bootstrap, [self.reply_topic])

    async def call(
        self,
        process: str,
        request: RequestEnvelope,
        key: str | None = None,
        timeout: float | None = None,
        topic: str | None = None,
        sign: Signer | None = None,
    ) -> Any:
        """Send ``request`` to ``process`` and return the reply's data, or raise its ApiError.

        ``topic`` overrides the process's RPC topic (event batches go to the ingest topic,
        whose consumer answers in the same way once the events are indexed); ``sign`` adds
        headers computed from the message value (the gateway's ingest signature)."""
        with span(_tracer, f"send {request.endpoint}", kind=SpanKind.PRODUCER) as current:
            current.set_attribute("messaging.destination.name", topic or rpc_topic(self._settings.topic_prefix, process))
            return await self._call(process, request, key, timeout, topic, sign)

    async def _call(self, process: str, request: RequestEnvelope, key: str | None, timeout: float | None,
                    topic: str | None, sign: Signer | None) -> Any:
        timeout = timeout or self._settings.rpc_timeout_s
        cid = f"{self._cid_prefix}{next(self._cids):x}"
        request.deadline = time.time() + timeout
        headers = [(HEADER_CORRELATION_ID, cid.encode()), (HEADER_REPLY_TO, self.reply_topic.encode())]
        inject_headers(headers)
        value = _fitting(request)
        if sign is not None:
            headers += sign(value)
        fut = asyncio.get_running_loop().create_future()
        self._pending[cid] = fut
        try:
            await self._producer.send(
                topic or rpc_topic(self._settings.topic_prefix, process),
                value,
                key=key.encode() if key else None,
                headers=headers,
            )
            reply: ReplyEnvelope = await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            metrics.rpc_timeout(process)
            raise ApiError(503, 0, f"the {process} service did not answer within {timeout:g}s; retry") from None
        finally:
            self._pending.pop(cid, None)
        if reply.error is not None:
            raise ApiError.from_dict(reply.error.model_dump())
        return reply.data

    async def publish(self, topic: str, request: RequestEnvelope, key: str | None = None,
                      sign: Signer | None = None) -> None:
        """Put ``request`` on ``topic`` and return once the broker has it; nobody answers
        (``events.add_batch`` with ``ack=durable``)."""
        with span(_tracer, f"send {request.endpoint}", kind=SpanKind.PRODUCER) as current:
            current.set_attribute("messaging.destination.name", topic)
            await self._publish(topic, request, key, sign)

    async def _publish(self, topic: str, request: RequestEnvelope, key: str | None, sign: Signer | None) -> None:
        headers: list[tuple[str, bytes]] = []
        inject_headers(headers)
        value = _fitting(request)
        if sign is not None:
            headers += sign(value)
        try:
            await self._producer.send_and_wait(topic, value, key=key.encode() if key else None, headers=headers)
        except Exception as exc:  # noqa: BLE001 - the broker did not take it: the caller may retry
            raise ApiError(503, 0, f"the message could not be written ({type(exc).__name__}); retry") from None

    async def _read_replies(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=1000)
            for messages in batches.values():
                for msg in messages:
                    self._resolve(msg)

    def _resolve(self, msg) -> None:
        cid = next((v.decode() for k, v in msg.headers or () if k == HEADER_CORRELATION_ID), None)
        fut = self._pending.get(cid) if cid else None
        if fut is None or fut.done():
            return  # a reply that came after its caller gave up
        try:
            fut.set_result(envelope_from_json(ReplyEnvelope, msg.value))
        except Exception as exc:  # noqa: BLE001 - a malformed reply fails only its own call
            fut.set_exception(ApiError(500, 1, f"malformed reply: {exc}"))


# Room left in a Kafka message for its key and headers (correlation id, reply topic, trace
# context, ingest signature): a few hundred bytes in practice.
_HEADROOM = 64 * 1024


def _fitting(request: RequestEnvelope) -> bytes:
    """The request serialised, or 413 when Kafka would refuse a message that large (the broker
    error would otherwise reach the client as a 500)."""
    value = envelope_json(request)
    if len(value) > MAX_MESSAGE_BYTES - _HEADROOM:
        mb = (MAX_MESSAGE_BYTES - _HEADROOM) // (1024 * 1024)
        raise ApiError(413, 0, f"request too large: {request.endpoint} takes at most about {mb} MB per call")
    return value


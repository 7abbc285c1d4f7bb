"""The service side of request/reply over Kafka.

One consumer group per process reads ``cairn.<process>.rpc``. Requests run concurrently (up to
``rpc_max_in_flight`` per instance), except that requests with the same key (the entity id)
run one after another in arrival order, so writes to one entity keep their order. Offsets are
committed only up to the oldest request still running, and a rebalance waits for the running
requests first: a request is re-delivered only if its instance died while handling it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from opentelemetry.trace import SpanKind
from pydantic import ValidationError

from shared import metrics
from shared.errors import ApiError, invalid_request
from shared.messaging.admin import ensure_topics
from shared.messaging.envelopes import (
    HEADER_CORRELATION_ID,
    HEADER_REPLY_TO,
    ErrorBody,
    ReplyEnvelope,
    RequestEnvelope,
    envelope_from_json,
    envelope_json,
)
from shared.messaging.kafka import client_options
from shared.messaging.topics import MAX_MESSAGE_BYTES, TOPIC_CONFIG, rpc_topic
from shared.settings import SharedSettings
from shared.telemetry import correlation_id, extract_context, span, tracer

log = logging.getLogger(__name__)

Handler = Callable[[RequestEnvelope], Awaitable[Any]]
PING = "_ping"  # answered by every server itself: the gateway's readiness check uses it


def error_from_exception(exc: BaseException, endpoint: str | None = None) -> ApiError:
    """Map anything a handler raised to a ClearML error; the client never sees a traceback."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ValidationError):
        return invalid_request(exc.errors(), endpoint)
    try:
        from pymongo.errors import ConnectionFailure

        # A 503 the clients retry, as for the search store: the fault tier saw ``tasks.enqueue``
        # answer 500/102 when the MongoDB-wire server was killed under an in-flight write.
        if isinstance(exc, ConnectionFailure):
            return ApiError(503, 0, "the database is unavailable; retry")
    except ImportError:  # pragma: no cover - pymongo is a dependency of every service
        pass
    unavailable = _search_store_unavailable(exc)
    if unavailable is not None:
        return unavailable
    # No exception class name for the client (issue 18): the process log has it, with the traceback.
    return ApiError(500, 0, "internal server error")


def _search_store_unavailable(exc: BaseException) -> ApiError | None:
    """Elasticsearch unreachable, or answering 503/429 (shards not yet allocated, overloaded):
    a retryable 503, as for any other dependency that is away for a moment. The fault tier saw
    ``events.get_task_log`` answer 500 while the shards of a new index were being allocated."""
    try:
        from elasticsearch import ApiError as SearchApiError
        from elasticsearch import ConnectionError as SearchConnectionError
        from elasticsearch import ConnectionTimeout as SearchTimeout
    except ImportError:  # pragma: no cover - a process without the Elasticsearch client
        return None
    if isinstance(exc, (SearchConnectionError, SearchTimeout)) or (
            isinstance(exc, SearchApiError) and exc.meta.status in (429, 503)):
        return ApiError(503, 0, "the search store is unavailable; retry")
    return None


class _Offsets:
    """Which offsets of each partition are safe to commit while requests finish out of order."""

    def __init__(self) -> None:
        self.running: dict[TopicPartition, set[int]] = {}
        self.next: dict[TopicPartition, int] = {}
        self.committed: dict[TopicPartition, int] = {}

    def begin(self, tp: TopicPartition, offset: int) -> None:
        self.running.setdefault(tp, set()).add(offset)
        self.next[tp] = max(self.next.get(tp, 0), offset + 1)

    def end(self, tp: TopicPartition, offset: int) -> None:
        self.running.get(tp, set()).discard(offset)

    def safe(self, partitions) -> dict[TopicPartition, int]:
        out = {}
        for tp in partitions:
            if tp not in self.next:
                continue
            running = self.running.get(tp)
            pos = min(running) if running else self.next[tp]
            if self.committed.get(tp) != pos:
                out[tp] = pos
        return out

    def forget(self, partitions) -> None:
        for tp in partitions:
            for table in (self.running, self.next, self.committed):
                table.pop(tp, None)


class RpcServer:
    """Consumes a process's RPC topic and answers each request on the caller's reply topic."""

    def __init__(self, settings: SharedSettings, process: str, handlers: Mapping[str, Handler]) -> None:
        self._settings = settings
        self.process = process
        self._handlers = dict(handlers)
        self._topic = rpc_topic(settings.topic_prefix, process)
        self._slots = asyncio.Semaphore(settings.rpc_max_in_flight)
        self._inflight: set[asyncio.Task] = set()
        self._tails: dict[tuple[TopicPartition, bytes], asyncio.Task] = {}
        self._offsets = _Offsets()
        self._last_commit = 0.0
        self._generation = 0  # counts revocations: a batch fetched before one is dropped
        self._consumer: AIOKafkaConsumer | None = None
        self._producer: AIOKafkaProducer | None = None
        self._loop_task: asyncio.Task | None = None
        self._tracer = tracer(f"cairn.{process}")

    async def start(self) -> None:
        bootstrap = self._settings.kafka_bootstrap
        await ensure_topics(bootstrap, {self._topic: self._settings.rpc_partitions}, TOPIC_CONFIG)
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, linger_ms=0, acks=1, max_request_size=MAX_MESSAGE_BYTES, **client_options()
        )
        await self._producer.start()
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, **client_options(),
            group_id=f"{self._topic}.group",
            enable_auto_commit=False,
            # Requests that arrived while no instance ran are still answered if their caller
            # still waits (deadline); older ones are skipped.
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self._settings.rpc_fetch_wait_ms,
            max_poll_interval_ms=300000,
        )
        await self._consumer.start()
        self._consumer.subscribe([self._topic], listener=_Rebalance(self))
        metrics.track_consumer(self._topic, self._consumer)
        metrics.register_check("kafka-requests", self._assigned)
        self._loop_task = asyncio.create_task(self._consume(), name=f"rpc-{self.process}")

    async def stop(self) -> None:
        if self._loop_task:
            self._loop_task.cancel()
            await asyncio.gather(self._loop_task, return_exceptions=True)
        await self.drain()
        await self.commit(force=True)
        if self._consumer:
            metrics.untrack_consumer(self._consumer)
            await self._consumer.stop()
        if self._producer:
            await self._producer.stop()

    async def _assigned(self) -> bool:
        """Ready when this instance was given partitions of its RPC topic (its group has
        settled) or the group has more instances than partitions (then it serves none)."""
        return self._consumer is not None and (bool(self._consumer.assignment())
                                               or bool(self._consumer.partitions_for_topic(self._topic)))

    async def drain(self, timeout: float | None = None) -> None:
        """Wait (bounded) for the requests being handled. The bound is the callers' timeout
        (plus a second): a request still running then is past its deadline, so when its
        offset, not committed, is read again (by the partition's next owner, or after a
        restart) it is skipped instead of applied a second time."""
        if self._inflight:
            bound = timeout if timeout is not None else self._settings.rpc_timeout_s + 1.0
            await asyncio.wait(set(self._inflight), timeout=bound)

    async def commit(self, force: bool = False, partitions=None) -> None:
        now = time.monotonic()
        if not force and now - self._last_commit < 0.2:
            return
        self._last_commit = now
        offsets = self._offsets.safe(partitions if partitions is not None else list(self._offsets.next))
        if not offsets:
            return
        try:
            await self._consumer.commit(offsets)
            self._offsets.committed.update(offsets)
        except Exception as exc:  # noqa: BLE001 - a failed commit only means a re-delivery
            log.warning("offset commit failed: %s", exc)

    async def _consume(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=200, max_records=500)
            generation = self._generation
            for tp, messages in batches.items():
                for msg in messages:
                    await self._slots.acquire()
                    if self._generation != generation:
                        # The partitions moved while this batch waited for a slot: what it
                        # still holds is read again, from the offsets committed then, by the
                        # partitions' owner (maybe this instance), so it must not run here too.
                        self._slots.release()
                        break
                    self._dispatch(tp, msg)
            await self.commit()

    def _dispatch(self, tp: TopicPartition, msg) -> None:
        self._offsets.begin(tp, msg.offset)
        chain_key = (tp, msg.key) if msg.key else None
        before = self._tails.get(chain_key) if chain_key else None
        task = asyncio.create_task(self._run(tp, msg, before))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        if chain_key:
            self._tails[chain_key] = task
            task.add_done_callback(lambda t, k=chain_key: self._tails.pop(k, None) if self._tails.get(k) is t else None)

    async def _run(self, tp: TopicPartition, msg, before: asyncio.Task | None) -> None:
        try:
            if before is not None:
                await asyncio.gather(before, return_exceptions=True)
            await self._answer(msg)
        except Exception:  # noqa: BLE001 - one bad message must never stop the consumer
            log.exception("failed to answer a request")
        finally:
            self._offsets.end(tp, msg.offset)
            self._slots.release()

    async def _answer(self, msg) -> None:
        headers = {k: v.decode(errors="replace") for k, v in msg.headers or () if v is not None}
        cid = headers.get(HEADER_CORRELATION_ID, "-")
        token = correlation_id.set(cid)
        try:
            with span(self._tracer, f"rpc {self.process}", context=extract_context(msg.headers),
                      kind=SpanKind.SERVER) as current:
                reply = await self._handle(msg.value, current)
            reply_to = headers.get(HEADER_REPLY_TO)
            if reply is not None and reply_to:
                await self._producer.send(
                    reply_to, envelope_json(reply), headers=[(HEADER_CORRELATION_ID, cid.encode())]
                )
        finally:
            correlation_id.reset(token)

    async def _handle(self, raw: bytes, current) -> ReplyEnvelope | None:
        try:
            request = envelope_from_json(RequestEnvelope, raw)
        except ValueError as exc:  # not JSON, or pydantic's ValidationError
            detail = f"{exc.error_count()} errors" if isinstance(exc, ValidationError) else "not JSON"
            return _error_reply(ApiError(400, 12, f"malformed request envelope: {detail}"))
        current.set_attribute("clearml.endpoint", request.endpoint)
        if request.deadline and time.time() > request.deadline:
            log.info("skipped %s: its caller stopped waiting", request.endpoint)
            return None
        if request.endpoint == PING:
            return ReplyEnvelope(data={"process": self.process})
        handler = self._handlers.get(request.endpoint)
        if handler is None:
            return _error_reply(ApiError(500, 9999, f"{request.endpoint} is not implemented yet"))
        began = time.perf_counter()
        try:
            reply = ReplyEnvelope(data=await handler(request))
        except Exception as exc:  # noqa: BLE001 - mapped to a ClearML error below
            error = error_from_exception(exc, request.endpoint)
            if error is not exc:
                log.exception("%s failed", request.endpoint)
            reply = _error_reply(error)
        metrics.observe_request(request.endpoint, reply.error.code if reply.error else 200, time.perf_counter() - began)
        return reply


def _error_reply(error: ApiError) -> ReplyEnvelope:
    return ReplyEnvelope(error=ErrorBody(**error.to_dict()))


class _Rebalance(ConsumerRebalanceListener):
    """Before partitions move to another instance, finish what runs and commit it."""

    def __init__(self, server: RpcServer) -> None:
        self._server = server

    async def on_partitions_revoked(self, revoked) -> None:
        self._server._generation += 1
        await self._server.drain()
        await self._server.commit(force=True, partitions=revoked)
        self._server._offsets.forget(revoked)

    async def on_partitions_assigned(self, assigned) -> None:
        return None

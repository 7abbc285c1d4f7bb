"""The ingest consumer: reads ``<prefix>cairn.events.ingest`` (consumer group
``<topic>.group``), hands whatever is available to :class:`IngestService` as ONE group commit,
answers each request on its ``reply_to`` topic like an RPC server would, and commits offsets
only after the events are searchable and the summaries folded.

Five stages run concurrently, each in group order: the reader admits a group and checks
it (``IngestService.check``: normalise, look the targets up, build documents); the indexer
bulk-indexes it (``index``); the preparer refreshes it together with the groups already read
behind it (one refresh for all of them: they are at most a bulk request away) and brings
its running summaries up to date (``prepare``), then sends its folds to the tasks service
(``fold``) without waiting; the answerer waits for those folds and answers; the committer
commits the answered groups' offsets (off the answers' path). Folds of
consecutive groups are in flight together (the tasks service applies them in order per task),
so the time they take is hidden rather than added to every group. A step that fails because something is down is retried
(nothing is answered or committed meanwhile: nothing acknowledged is lost and, ids being
deterministic, nothing is stored twice); a group that can never be stored (a bug) is
dead-lettered and answered 500 rather than blocking its partitions. Requests whose caller
stopped waiting (deadline) are still indexed (the SDK retries the batch; it overwrites) but not
answered. Messages of direct producers are admitted by their API token (``producers.admit``);
refused ones go to the dead-letter topic.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import elasticsearch as es_errors
from opentelemetry import trace
from opentelemetry.trace import SpanKind
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition

from services.events.ingestion import Checked, IngestRequest, IngestService, Stored
from services.events.producers import HEADER_AUTHORIZATION, HEADER_DEAD_REASON, admit, dead_letter_topic
from services.events.repository import StoreUnavailable
from services.events.settings import EventsSettings
from shared import metrics
from shared.errors import ApiError
from shared.messaging.admin import ensure_topics
from shared.messaging.envelopes import HEADER_CORRELATION_ID, HEADER_REPLY_TO, ErrorBody, ReplyEnvelope
from shared.messaging.kafka import client_options
from shared.messaging.topics import events_ingest_topic
from shared.telemetry import extract_context, tracer

log = logging.getLogger(__name__)
_tracer = tracer("cairn.events.ingest")

MAX_MESSAGE = str(32 * 1024 * 1024)
SHARED_REFRESH_MAX = 8  # groups made searchable by one refresh, at most


@dataclass
class _Group:
    offsets: dict[TopicPartition, int]  # what to commit once the group is finished
    admitted: list = field(default_factory=list)  # the Kafka messages being stored
    requests: list[IngestRequest] = field(default_factory=list)
    checked: Checked | None = None  # None: nothing to store (empty, or given up)
    stored: Stored | None = None  # None: nothing to finish (empty, or given up)

    def span(self, name: str):
        """A span of the group's work in the trace of its first request (the others linked):
        the Elasticsearch and tasks calls made inside join the callers' traces."""
        contexts = [trace.get_current_span(extract_context(msg.headers)).get_span_context() for msg in self.admitted]
        contexts = [c for c in contexts if c.is_valid]
        parent = trace.set_span_in_context(trace.NonRecordingSpan(contexts[0])) if contexts else None
        links = [trace.Link(c) for c in contexts[1:]]
        return _tracer.start_as_current_span(name, context=parent, links=links, kind=SpanKind.CONSUMER)


class IngestConsumer:
    def __init__(self, settings: EventsSettings, service: IngestService) -> None:
        self._settings = settings
        self._service = service
        self.topic = events_ingest_topic(settings.topic_prefix)
        self.dead_topic = dead_letter_topic(self.topic)
        self._consumer: AIOKafkaConsumer | None = None
        self._producer: AIOKafkaProducer | None = None
        self._tasks: list[asyncio.Task] = []
        self._checked: asyncio.Queue[_Group] = asyncio.Queue(maxsize=1)
        # Groups indexed while the preparer refreshes wait here and share the next refresh.
        self._queue: asyncio.Queue[_Group] = asyncio.Queue(maxsize=8)
        self._folding: asyncio.Queue[tuple[_Group, asyncio.Task | None]] = asyncio.Queue(maxsize=4)
        self._open = 0  # groups read but not yet committed
        self._upstream = 0  # groups read but not yet indexed (behind the one being refreshed)
        self._committable: dict[TopicPartition, int] = {}  # answered, to commit
        self._committable_groups = 0
        self._commit_wanted = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self) -> None:
        settings = self._settings
        bootstrap = settings.kafka_bootstrap
        # An add_batch is up to the SDK's 15 MB chunk: allow it on these topics (the broker's
        # default is 1 MB); producers need a matching max_request_size.
        await ensure_topics(
            bootstrap, {self.topic: settings.rpc_partitions, self.dead_topic: 1}, {"max.message.bytes": MAX_MESSAGE}
        )
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, linger_ms=0, acks=1, max_request_size=int(MAX_MESSAGE), **client_options()
        )
        await self._producer.start()
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, **client_options(),
            group_id=f"{self.topic}.group",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=settings.rpc_fetch_wait_ms,
            max_poll_interval_ms=300000,
            max_partition_fetch_bytes=int(MAX_MESSAGE),
            fetch_max_bytes=2 * int(MAX_MESSAGE),
        )
        await self._consumer.start()
        self._consumer.subscribe([self.topic], listener=_WaitForGroups(self))
        metrics.track_consumer(self.topic, self._consumer)
        self._tasks = [
            asyncio.create_task(self._read(), name="events-ingest-read"),
            asyncio.create_task(self._index(), name="events-ingest-index"),
            asyncio.create_task(self._prepare(), name="events-ingest-prepare"),
            asyncio.create_task(self._complete(), name="events-ingest-complete"),
            asyncio.create_task(self._commit(), name="events-ingest-commit"),
        ]

    async def stop(self) -> None:
        if self._tasks:
            reader, *rest = self._tasks
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
            await self.drain(timeout=20)  # let the stored groups finish and commit
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)
            self._open = self._upstream = self._committable_groups = 0  # not committed: re-delivered
            self._committable = {}
            self._idle.set()
        for part in (self._consumer, self._producer):
            if part is not None:
                await part.stop()

    async def drain(self, timeout: float | None = None) -> None:
        """Wait until every group read so far is finished and committed."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except asyncio.TimeoutError:
            log.warning("ingest groups still open after %ss", timeout)

    async def _read(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=500, max_records=self._settings.ingest_max_requests)
            batches = {tp: records for tp, records in batches.items() if records}
            if not batches:
                continue
            self._opened()
            self._upstream += 1
            group = _Group({tp: records[-1].offset + 1 for tp, records in batches.items()})
            try:
                await self._check(group, [msg for records in batches.values() for msg in records])
                await self._checked.put(group)
            except BaseException:
                self._upstream -= 1
                self._closed()  # cancelled: never committed, so re-delivered
                raise

    async def _check(self, group: _Group, messages: list) -> None:
        for msg in messages:
            request = await self._admit(msg)
            if request is not None:
                group.admitted.append(msg)
                group.requests.append(request)
        if group.requests:
            with group.span("events ingest check"):
                checked = await self._retrying(group, lambda: self._service.check(group.requests))
            group.checked = None if checked is False else checked

    async def _index(self) -> None:
        while True:
            group = await self._checked.get()
            try:
                try:
                    if group.checked is not None:
                        checked = group.checked
                        with group.span("events ingest index"):
                            stored = await self._retrying(group, lambda: self._service.index(checked))
                        group.stored = None if stored is False else stored
                finally:
                    self._upstream -= 1
                await self._queue.put(group)
            except BaseException:
                if group.stored is not None:
                    self._service.release(group.stored)
                self._closed()  # cancelled: never committed, so re-delivered
                raise

    async def _prepare(self) -> None:
        while True:
            groups = [await self._queue.get()]
            # The groups already read behind this one (being checked or bulk-indexed, or indexed
            # while the last refresh ran) join its refresh: a bulk's wait instead of a refresh
            # each. Only those: a group read later never holds this one up. A group claiming a
            # target stops the wait: the groups behind it touching that target wait (in
            # ``index``) until it is finished.
            behind = min(self._queue.qsize() + self._upstream, SHARED_REFRESH_MAX - 1)
            for _ in range(behind):
                if any(group.stored is not None and group.stored.claimed for group in groups):
                    break
                groups.append(await self._queue.get())
            waiting = [group.stored for group in groups if group.stored is not None]
            if len(waiting) > 1:
                try:
                    await self._service.refresh(waiting)
                except Exception as exc:  # noqa: BLE001 - each group refreshes (and retries) on its own
                    log.warning("a shared refresh of %d groups failed (%s)", len(waiting), exc)
            for group in groups:
                await self._folding.put((group, await self._prepare_one(group)))

    async def _prepare_one(self, group: _Group) -> asyncio.Task | None:
        """The group's fold, started; None when there is nothing to fold or the group could not
        be prepared (it is then committed with nothing answered: its callers time out and retry,
        which overwrites, ids being deterministic)."""
        try:
            if group.stored is not None:
                stored = group.stored
                with group.span("events ingest fold"):  # the fold task inherits the span's context
                    if await self._retrying(group, lambda: self._service.prepare(stored)) is not False:
                        return asyncio.create_task(self._service.fold(stored))
                # else given up: dead-lettered and answered; released by the answerer
        except Exception:  # noqa: BLE001 - e.g. dead-lettering failed: unanswered, the callers retry
            log.exception("preparing an ingest group failed")
        return None

    async def _complete(self) -> None:
        while True:
            group, folding = await self._folding.get()
            try:
                if group.stored is not None and folding is not None:
                    stored = group.stored
                    first = [folding]
                    done = await self._retrying(group, lambda: first.pop() if first else self._service.fold(stored))
                    if done is not False:
                        await self._answer(group, self._service.answers(stored))
            except Exception:  # noqa: BLE001 - not committed (a later group's commit may cover it):
                log.exception("finishing an ingest group failed")  # unanswered, the callers retry
                self._closed()
            else:
                self._commit_later(group)
            finally:
                if group.stored is not None:
                    self._service.release(group.stored)

    def _commit_later(self, group: _Group) -> None:
        """The group is answered: its offsets go with the next commit (groups finish in order,
        so the latest offsets per partition cover the earlier groups)."""
        self._committable.update(group.offsets)
        self._committable_groups += 1
        self._commit_wanted.set()

    async def _commit(self) -> None:
        """Commits off the answers' path: the next group is answered while the last one's
        offsets are committed, and groups finished meanwhile share one commit. A group counts as
        open until its offsets are committed (``drain`` waits for that)."""
        while True:
            await self._commit_wanted.wait()
            self._commit_wanted.clear()
            offsets, groups = self._committable, self._committable_groups
            self._committable, self._committable_groups = {}, 0
            try:
                await self._consumer.commit(offsets)
            except Exception:  # noqa: BLE001 - e.g. a commit after a rebalance: re-delivered
                log.exception("committing %d ingest groups failed", groups)
            finally:
                for _ in range(groups):
                    self._closed()

    async def _answer(self, group: _Group, answers: list) -> None:
        now = time.time()
        for msg, request, answer in zip(group.admitted, group.requests, answers, strict=True):
            envelope = request.envelope
            if envelope is not None and envelope.deadline and now > envelope.deadline:
                continue  # stored, but nobody waits for the answer any more
            await self._reply(msg, answer)

    async def _retrying(self, group: _Group, step: Callable[[], Awaitable[Any]]) -> Any:
        """The step's result, retried while something is down; False when it can never succeed
        (then the group's messages were dead-lettered and answered 500)."""
        while True:
            try:
                return await step()
            except Exception as exc:  # noqa: BLE001 - sorted below: retry, or dead-letter
                if not retryable(exc):
                    log.exception("storing %d ingest requests failed for good", len(group.requests))
                    await self._give_up(group.admitted, f"internal error ({type(exc).__name__})")
                    return False
                log.warning("storing %d ingest requests failed (%s); retrying", len(group.requests), exc)
                await asyncio.sleep(self._settings.ingest_retry_s)

    async def _give_up(self, admitted: list, reason: str) -> None:
        """A bug, not an outage: keep the messages aside rather than block the partitions."""
        for msg in admitted:
            await self._dead_letter(msg, reason)
            await self._reply(msg, ApiError(500, 0, "the events could not be stored"))

    async def _admit(self, msg) -> IngestRequest | None:
        """The request to store, or None when the message went to the dead-letter topic."""
        headers = _headers(msg)
        admission = admit(msg.value, headers, self._settings.auth_token_secret)
        if admission.reason is not None:
            await self._dead_letter(msg, admission.reason)
            if HEADER_REPLY_TO in headers:
                await self._reply(msg, ApiError(401, 30, admission.reason))
            return None
        return IngestRequest(envelope=admission.envelope, received_ms=int(msg.timestamp))

    async def _dead_letter(self, msg, reason: str) -> None:
        """Keep the refused message (without its token) and why, before its offset is committed."""
        log.warning("ingest message %s-%s-%s refused: %s", msg.topic, msg.partition, msg.offset, reason)
        headers = [(k, v) for k, v in msg.headers or () if k != HEADER_AUTHORIZATION]
        headers += [
            (HEADER_DEAD_REASON, reason.encode()),
            ("source", f"{msg.topic}-{msg.partition}-{msg.offset}".encode()),
        ]
        await self._producer.send_and_wait(self.dead_topic, msg.value, key=msg.key, headers=headers)

    async def _reply(self, msg, answer) -> None:
        headers = _headers(msg)
        reply_to = headers.get(HEADER_REPLY_TO)
        if not reply_to:
            return
        if isinstance(answer, ApiError):
            reply = ReplyEnvelope(error=ErrorBody(**answer.to_dict()))
        else:
            reply = ReplyEnvelope(data=answer)
        cid = headers.get(HEADER_CORRELATION_ID, "").encode()
        await self._producer.send(reply_to, reply.model_dump_json().encode(), headers=[(HEADER_CORRELATION_ID, cid)])

    def partitions_moved(self) -> None:
        """Another instance may have folded our tasks meanwhile: recompute them when next seen."""
        self._service.summaries.clear()

    def _opened(self) -> None:
        self._open += 1
        self._idle.clear()

    def _closed(self) -> None:
        self._open -= 1
        if self._open == 0:
            self._idle.set()


def retryable(exc: BaseException) -> bool:
    """An outage of Elasticsearch, Kafka or the tasks service (retry the step) rather than a
    request that can never succeed."""
    if isinstance(exc, ApiError):
        return exc.code >= 500 or exc.retryable
    if isinstance(exc, es_errors.ApiError):
        return exc.meta.status >= 500 or exc.meta.status == 429
    return isinstance(exc, (es_errors.TransportError, StoreUnavailable, OSError, asyncio.TimeoutError))


def _headers(msg) -> dict[str, str]:
    return {k: v.decode(errors="replace") for k, v in msg.headers or () if v is not None}


class _WaitForGroups(ConsumerRebalanceListener):
    """Partitions move only between groups: everything read is finished and committed first."""

    def __init__(self, consumer: IngestConsumer) -> None:
        self._consumer = consumer

    async def on_partitions_revoked(self, revoked) -> None:
        # Bounded: a group stuck on an outage is committed by nobody; it is re-delivered to
        # the partitions' next owner (deterministic ids make that harmless).
        await self._consumer.drain(timeout=60)
        self._consumer.partitions_moved()

    async def on_partitions_assigned(self, assigned) -> None:
        self._consumer.partitions_moved()

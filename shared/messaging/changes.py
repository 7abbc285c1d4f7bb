"""Listening to another process's changes topic (facts in the past tense, JSON).

A listener reads one topic and applies each message. With a consumer ``group`` the instances
of a process share the work and the offset is committed after a message was applied (a crash
repeats it, so ``apply`` must be idempotent); without one, every instance reads the whole
topic from the beginning (e.g. revoked sessions, which every instance must know).
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaConsumer

from shared import metrics
from shared.messaging.admin import ensure_topics
from shared.messaging.kafka import client_options
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings
from shared.tokens import RevokedSessions

log = logging.getLogger(__name__)

# Longer than the longest session token (one year): a revocation outlives what it revokes.
IDENTITY_RETENTION_MS = str(400 * 24 * 3600 * 1000)
CHANGES_PARTITIONS = 3


def load_change(raw: bytes) -> dict | None:
    """The change as a dict, or None (logged) when it is not a JSON object."""
    try:
        change = orjson.loads(raw)
    except orjson.JSONDecodeError:
        change = None
    if not isinstance(change, dict):
        log.warning("ignored a malformed change")
        return None
    return change


class ChangeListener:
    """One consumer task over one topic; subclasses implement :meth:`apply`."""

    group: str | None = None
    topic_config: dict[str, str] | None = None

    def __init__(self, settings: SharedSettings, topic: str) -> None:
        self._settings = settings
        self.topic = topic
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task | None = None

    async def apply(self, raw: bytes) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: CHANGES_PARTITIONS}, self.topic_config)
        self._consumer = AIOKafkaConsumer(
            self.topic, bootstrap_servers=self._settings.kafka_bootstrap, group_id=self.group, **client_options(),
            enable_auto_commit=False, auto_offset_reset="earliest",
            fetch_max_wait_ms=self._settings.rpc_fetch_wait_ms,
        )
        await self._consumer.start()
        metrics.track_consumer(self.topic, self._consumer)
        metrics.register_check(f"kafka-{self.topic}", self._assigned)
        self._task = asyncio.create_task(self._listen(), name=f"changes:{self.topic}")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer:
            metrics.untrack_consumer(self._consumer)
            await self._consumer.stop()

    async def _listen(self) -> None:
        while True:
            try:
                batches = await self._consumer.getmany(timeout_ms=1000, max_records=200)
                for tp, messages in batches.items():
                    for msg in messages:
                        await self._apply_logged(msg.value)
                    if self.group:
                        await self._consumer.commit({tp: messages[-1].offset + 1})
                await self.polled(self._consumer)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep listening (the broker may come back)
                log.exception("reading %s failed; retrying", self.topic)
                await asyncio.sleep(1.0)

    async def _assigned(self) -> bool:
        return self._consumer is not None and bool(self._consumer.assignment())

    async def polled(self, consumer: AIOKafkaConsumer) -> None:
        """After each poll and the changes it brought were applied (nothing by default)."""

    async def _apply_logged(self, raw: bytes) -> None:
        try:
            await self.apply(raw)
        except Exception:  # noqa: BLE001 - one bad change must not stop the others
            log.exception("could not apply a change from %s", self.topic)


def apply_identity_change(revoked: RevokedSessions, raw: bytes) -> dict | None:
    """Note a ``SessionRevoked`` change in ``revoked``; the change (None when malformed)."""
    change = load_change(raw)
    if change is not None:
        revoked.apply_change(change)
    return change


class SessionRevocationsListener(ChangeListener):
    """Reads the whole ``<prefix>cairn.identity.changes`` topic (no consumer group, from the
    beginning: revocations are kept longer than any token lives) into ``revoked``, so every
    instance that checks session tokens knows every session still revoked. Subclasses see
    each change in :meth:`changed`."""

    topic_config = {"retention.ms": IDENTITY_RETENTION_MS}

    def __init__(self, settings: SharedSettings, revoked: RevokedSessions) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "identity"))
        self.revoked = revoked

    async def apply(self, raw: bytes) -> None:
        change = apply_identity_change(self.revoked, raw)
        if change is not None:
            self.changed(change)

    def changed(self, change: dict) -> None:
        """A valid change, after ``revoked`` took it (nothing more by default)."""

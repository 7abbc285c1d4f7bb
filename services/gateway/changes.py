"""What the gateway learns from identity's changes: logged-out sessions and revoked keys.

Every gateway instance reads the whole ``cairn.identity.changes`` topic (no consumer group),
from the beginning: revocations are kept longer than any token lives, so a new instance
knows every session that is still revoked.
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaConsumer

from services.gateway.auth import Authenticator
from shared.messaging.admin import ensure_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)

# Longer than the longest token (one year): a revocation outlives the token it revokes.
RETENTION_MS = str(400 * 24 * 3600 * 1000)


class IdentityChangesListener:
    def __init__(self, settings: SharedSettings, auth: Authenticator) -> None:
        self._settings = settings
        self._auth = auth
        self._topic = changes_topic(settings.topic_prefix, "identity")
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self._topic: 3}, {"retention.ms": RETENTION_MS})
        self._consumer = AIOKafkaConsumer(
            self._topic,
            bootstrap_servers=self._settings.kafka_bootstrap,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self._settings.rpc_fetch_wait_ms,
        )
        await self._consumer.start()
        self._task = asyncio.create_task(self._listen(), name="identity-changes")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer:
            await self._consumer.stop()

    async def _listen(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=1000)
            for messages in batches.values():
                for msg in messages:
                    self.apply(msg.value)

    def apply(self, raw: bytes) -> None:
        try:
            change = orjson.loads(raw)
        except orjson.JSONDecodeError:
            log.warning("ignored a malformed identity change")
            return
        kind = change.get("type")
        if kind == "SessionRevoked" and change.get("session_id"):
            self._auth.revoked.add(change["session_id"], float(change.get("expires") or 0) or float("inf"))
        elif kind == "CredentialsRevoked" and change.get("access_key"):
            self._auth.basic_cache.forget_key(change["access_key"])

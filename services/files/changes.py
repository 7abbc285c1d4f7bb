"""What the files process learns from other processes' changes.

- ``<prefix>cairn.identity.changes``: ``SessionRevoked`` (a logout). Every instance reads the
  whole topic (no consumer group) from the beginning, as the gateway does, so a new instance
  knows every session that is still revoked.
- ``<prefix>cairn.tasks.changes``: ``TaskDeleted`` (its ``urls``) and ``ModelDeleted`` (its
  ``url``): the files those URLs name on this server are removed. One consumer group for all
  files instances; the offset is committed after the deletion, so a crash repeats it (deleting
  twice is harmless).
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaConsumer

from services.files.auth import RevokedSessions
from services.files.removal import delete_named, files_of_fact
from services.files.storage import LocalStore
from shared.messaging.admin import ensure_topics
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)

# As the gateway creates the identity topic: a revocation outlives the token it revokes.
IDENTITY_RETENTION_MS = str(400 * 24 * 3600 * 1000)


def _loads(raw: bytes):
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        log.warning("ignored a malformed change")
        return None


def apply_identity_change(revoked: RevokedSessions, raw: bytes) -> None:
    change = _loads(raw)
    if isinstance(change, dict) and change.get("type") == "SessionRevoked" and change.get("session_id"):
        revoked.add(change["session_id"], float(change.get("expires") or 0) or float("inf"))


class _Listener:
    """One consumer task over one topic; subclasses say how to read it and what to do."""

    group: str | None = None
    topic_config: dict[str, str] | None = None

    def __init__(self, settings: SharedSettings, topic: str) -> None:
        self._settings = settings
        self.topic = topic
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await ensure_topics(self._settings.kafka_bootstrap, {self.topic: 3}, self.topic_config)
        self._consumer = AIOKafkaConsumer(
            self.topic, bootstrap_servers=self._settings.kafka_bootstrap, group_id=self.group,
            enable_auto_commit=False, auto_offset_reset="earliest",
            fetch_max_wait_ms=self._settings.rpc_fetch_wait_ms,
        )
        await self._consumer.start()
        self._task = asyncio.create_task(self._listen(), name=f"changes:{self.topic}")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer:
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
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep listening (the broker may come back)
                log.exception("reading %s failed; retrying", self.topic)
                await asyncio.sleep(1.0)

    async def _apply_logged(self, raw: bytes) -> None:
        try:
            await self.apply(raw)
        except Exception:  # noqa: BLE001 - one bad change must not stop the others
            log.exception("could not apply a change from %s", self.topic)

    async def apply(self, raw: bytes) -> None:
        raise NotImplementedError


class IdentityChangesListener(_Listener):
    topic_config = {"retention.ms": IDENTITY_RETENTION_MS}

    def __init__(self, settings: SharedSettings, revoked: RevokedSessions) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "identity"))
        self._revoked = revoked

    async def apply(self, raw: bytes) -> None:
        apply_identity_change(self._revoked, raw)


class TaskChangesListener(_Listener):
    def __init__(self, settings: SharedSettings, store: LocalStore, files_url: str) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "tasks"))
        self.group = f"{self.topic}.files"
        self._store = store
        self._files_url = files_url

    async def apply(self, raw: bytes) -> None:
        found = files_of_fact(_loads(raw), self._files_url)
        if found is None:
            return
        company, names = found
        removed = await delete_named(self._store, company, names)
        log.info("removed %d of %d files named by a tasks change", removed, len(names))

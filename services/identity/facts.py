"""The facts identity publishes to ``cairn.identity.changes`` (keyed by the entity id), and
their Kafka publisher (``facts.py`` in every process: what it publishes; ``changes.py``: what
it learns from other processes' facts).

The gateway consumes them: it keeps a set of revoked sessions (Bearer tokens are verified
locally, so this is how a logout reaches every gateway) and drops credentials it cached for
HTTP Basic auth.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from shared.access.snapshot import AccessRulesChanged
from shared.messaging.admin import ensure_topics
from shared.messaging.kafka import client_options
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings


@dataclass(frozen=True)
class SessionRevoked:
    """A session token was logged out; it must be refused until ``expires`` (unix seconds)."""

    session_id: str
    expires: int

    @property
    def key(self) -> str:
        return self.session_id

    def to_dict(self) -> dict[str, Any]:
        return {"type": "SessionRevoked", **asdict(self)}


@dataclass(frozen=True)
class CredentialsRevoked:
    """A key pair was revoked (deleted, or its secret replaced) at ``revoked_at_ms`` (epoch
    ms): cached Basic-auth answers for it must be dropped, and the tokens obtained with it
    until then refused."""

    access_key: str
    revoked_at_ms: int = field(default_factory=lambda: time.time_ns() // 1_000_000)

    @property
    def key(self) -> str:
        return self.access_key

    def to_dict(self) -> dict[str, Any]:
        return {"type": "CredentialsRevoked", **asdict(self)}


@dataclass(frozen=True)
class UserRevoked:
    """Every key and session of a user ended (the user was deleted): tokens issued until
    ``revoked_at`` are refused until ``expires`` (unix seconds), cached keys are dropped."""

    user: str
    company: str
    revoked_at: float
    expires: int

    @property
    def key(self) -> str:
        return self.user

    def to_dict(self) -> dict[str, Any]:
        return {"type": "UserRevoked", **asdict(self)}


@dataclass(frozen=True)
class PasswordChanged:
    """A user's password was set (login room); cached Basic-auth answers for the user's old
    password must be dropped."""

    user: str

    @property
    def key(self) -> str:
        return self.user

    def to_dict(self) -> dict[str, Any]:
        return {"type": "PasswordChanged", **asdict(self)}


@dataclass(frozen=True)
class AccessRules:
    """A company's whole access configuration changed (permissions room): the
    ``shared.access`` snapshot every enforcing process's ``AccessView`` keeps, keyed by company."""

    snapshot: AccessRulesChanged

    @property
    def key(self) -> str:
        return self.snapshot.company

    def to_dict(self) -> dict[str, Any]:
        return self.snapshot.model_dump(mode="json")


Change = SessionRevoked | CredentialsRevoked | UserRevoked | PasswordChanged | AccessRules


class FactPublisher(Protocol):
    """Port: publish one fact, keyed by its entity id; returns once the broker has it."""

    async def publish(self, change: Change) -> None: ...


# A revoked session matters until its token expires (at most a year): keep the facts longer,
# so a gateway replaying the topic from the start still sees every live revocation. Partitions
# and retention match the gateway's listener, whichever process creates the topic first.
RETENTION_MS = 400 * 24 * 3600 * 1000
PARTITIONS = 3


class KafkaFactPublisher:
    """Publishes identity's changes to ``<prefix>cairn.identity.changes``, keyed by entity id."""

    def __init__(self, settings: SharedSettings) -> None:
        self._settings = settings
        self.topic = changes_topic(settings.topic_prefix, "identity")
        self._producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        bootstrap = self._settings.kafka_bootstrap
        await ensure_topics(bootstrap, {self.topic: PARTITIONS}, {"retention.ms": str(RETENTION_MS)})
        # linger_ms=0: a logout answers only after the fact is out, so send it at once.
        self._producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0, acks="all", **client_options())
        await self._producer.start()

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def publish(self, change: Change) -> None:
        if self._producer is None:
            raise RuntimeError("KafkaFactPublisher.publish before start()")
        value = json.dumps(change.to_dict()).encode()
        await self._producer.send_and_wait(self.topic, value, key=change.key.encode())

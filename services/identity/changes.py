"""The facts identity publishes to ``cairn.identity.changes`` (keyed by the entity id).

The gateway consumes them: it keeps a set of revoked sessions (Bearer tokens are verified
locally, so this is how a logout reaches every gateway) and drops credentials it cached for
HTTP Basic auth.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol


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
    """A key pair was revoked; cached Basic-auth answers for it must be dropped."""

    access_key: str

    @property
    def key(self) -> str:
        return self.access_key

    def to_dict(self) -> dict[str, Any]:
        return {"type": "CredentialsRevoked", **asdict(self)}


Change = SessionRevoked | CredentialsRevoked


class ChangePublisher(Protocol):
    """Port: publish one fact, keyed by its entity id; returns once the broker has it."""

    async def publish(self, change: Change) -> None: ...

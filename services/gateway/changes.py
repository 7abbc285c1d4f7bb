"""What the gateway learns from identity's changes: logged-out sessions and revoked keys.

Every gateway instance reads the whole ``cairn.identity.changes`` topic (no consumer group),
from the beginning: revocations are kept longer than any token lives, so a new instance
knows every session that is still revoked.
"""

from __future__ import annotations

from services.gateway.auth import Authenticator
from shared.messaging.changes import IDENTITY_RETENTION_MS, ChangeListener, load_change
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings


class IdentityChangesListener(ChangeListener):
    topic_config = {"retention.ms": IDENTITY_RETENTION_MS}

    def __init__(self, settings: SharedSettings, auth: Authenticator) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, "identity"))
        self._auth = auth

    async def apply(self, raw: bytes) -> None:
        change = load_change(raw)
        if change is None:
            return
        self._auth.revoked.apply_change(change)
        if change.get("type") == "CredentialsRevoked" and change.get("access_key"):
            self._auth.basic_cache.forget_key(change["access_key"])

"""What the gateway learns from identity's changes: logged-out sessions, revoked keys and
deleted users (their sessions, through ``RevokedSessions``, and their cached keys).

Every gateway instance reads the whole ``cairn.identity.changes`` topic (no consumer group),
from the beginning: revocations are kept longer than any token lives, so a new instance
knows every session that is still revoked (``shared.messaging.changes``).
"""

from __future__ import annotations

from services.gateway.auth import Authenticator
from shared.messaging.changes import SessionRevocationsListener
from shared.settings import SharedSettings


class IdentityChangesListener(SessionRevocationsListener):
    """Revoked sessions, and revoked keys and changed passwords dropped from the Basic-auth
    cache."""

    def __init__(self, settings: SharedSettings, auth: Authenticator) -> None:
        super().__init__(settings, auth.revoked)
        self._auth = auth

    def changed(self, change: dict) -> None:
        if change.get("type") == "CredentialsRevoked" and change.get("access_key"):
            self._auth.basic_cache.forget_key(change["access_key"])
        elif change.get("type") in ("UserRevoked", "PasswordChanged") and change.get("user"):
            self._auth.basic_cache.forget_user(change["user"])

"""Authentication at the edge (CLEARML_BEHAVIOR section 3).

- ``Authorization: Basic key:secret`` works on every endpoint: verified by the identity service
  over RPC and cached briefly here, so repeated calls cost no round trip.
- ``Authorization: Bearer <jwt>`` or the ``clearml_token_basic`` cookie: verified locally
  (signature, expiry) against the revoked sessions this gateway learns from identity's changes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Awaitable, Callable, Mapping

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import RevokedSessions, cookie_token, verify_session

# (key, secret, caller's address) -> the owner, and the unix time the pair expires (or None).
VerifyCredentials = Callable[[str, str, str | None], Awaitable[tuple[Identity, float | None]]]
# (caller, user id, act_as) -> the identity to act under (identity's ``internal.impersonate``).
Impersonate = Callable[[Identity, str, bool], Awaitable[Identity]]

IMPERSONATE_HEADER = "x-clearml-impersonate-as"
ACT_AS_HEADER = "x-clearml-act-as"


class BasicCache:
    """Verified key/secret pairs for a short time, dropped when the key is revoked."""

    def __init__(self, ttl_s: float, max_entries: int = 10000) -> None:
        self._ttl = ttl_s
        self._max = max_entries
        self._entries: dict[str, tuple[float, str, Identity]] = {}

    @staticmethod
    def _digest(key: str, secret: str) -> str:
        return hashlib.sha256(f"{key}:{secret}".encode()).hexdigest()

    def get(self, key: str, secret: str) -> Identity | None:
        entry = self._entries.get(self._digest(key, secret))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[2]

    def put(self, key: str, secret: str, identity: Identity, expire: float | None = None) -> None:
        """Remember a verified pair for the cache's lifetime, never past the pair's expiry."""
        if len(self._entries) >= self._max:
            self._entries.clear()
        ttl = self._ttl if expire is None else min(self._ttl, expire - time.time())
        if ttl > 0:
            self._entries[self._digest(key, secret)] = (time.monotonic() + ttl, key, identity)

    def forget_key(self, key: str) -> None:
        self._entries = {d: e for d, e in self._entries.items() if e[1] != key}

    def forget_user(self, user: str) -> None:
        """Drop every pair verified as ``user`` (a deleted user; a login name with an old password)."""
        self._entries = {d: e for d, e in self._entries.items() if e[2].user != user}


def _split_basic(value: str) -> tuple[str, str]:
    try:
        key, sep, secret = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise ApiError(401, 21, "malformed basic credentials") from None
    if not sep or not key:
        raise ApiError(401, 21, "malformed basic credentials")
    return key, secret


class Authenticator:
    def __init__(self, token_secret: str, verify_credentials: VerifyCredentials, basic_ttl_s: float,
                 impersonate: Impersonate | None = None) -> None:
        self._secret = token_secret
        self._verify_credentials = verify_credentials
        self._impersonate = impersonate
        self.revoked = RevokedSessions()
        self.basic_cache = BasicCache(basic_ttl_s)

    async def authenticate(self, authorization: str, cookie: str, address: str | None = None) -> Identity | None:
        """The caller's identity, None when no credentials were sent, or a 401 ApiError.
        ``address`` (worker id or client address) is recorded as the key's ``last_used_from``."""
        if authorization:
            scheme, _, value = authorization.strip().partition(" ")
            scheme = scheme.lower()
            if scheme == "basic":
                return await self._basic(value.strip(), address)
            if scheme == "bearer":
                return self._bearer(value.strip())
            raise ApiError(401, 10, f"unsupported authorization type {scheme!r}")
        token = cookie_token(cookie)
        return self._bearer(token) if token else None

    async def _basic(self, value: str, address: str | None) -> Identity:
        key, secret = _split_basic(value)
        identity = self.basic_cache.get(key, secret)
        if identity is None:
            identity, expire = await self._verify_credentials(key, secret, address)
            identity = identity.model_copy(update={"access_key": key})
            self.basic_cache.put(key, secret, identity, expire)
        return identity

    async def impersonation(self, identity: Identity, headers: Mapping[str, str]) -> Identity:
        """The identity a call acts under: the caller's, or the user an
        ``X-ClearML-Impersonate-As`` / ``X-ClearML-Act-As`` header names, which identity checks
        (ClearML: 400/6 for a role that may not, or an unknown user; never ignored)."""
        impersonate, act_as = headers.get(IMPERSONATE_HEADER, ""), headers.get(ACT_AS_HEADER, "")
        if not impersonate and not act_as:
            return identity
        if impersonate and act_as:
            raise ApiError(400, 5, "only one allowed", headers=[IMPERSONATE_HEADER, ACT_AS_HEADER])
        if self._impersonate is None:
            raise ApiError(400, 6, "impersonation is not available")
        return await self._impersonate(identity, act_as or impersonate, bool(act_as))

    def _bearer(self, token: str) -> Identity:
        return verify_session(self._secret, token, self.revoked)

"""Session tokens: HS256 JWTs with the claims the clearml SDK reads.

The SDK decodes the token without verifying it and takes ``api_version``, ``server_version``
and ``feature_set`` from it (CLEARML_BEHAVIOR section 17.2); the agent reads
``identity.user``. The gateway verifies signature and expiry locally, so no call is needed
to authenticate a Bearer request.
"""

from __future__ import annotations

import time
from typing import Any

import jwt

from shared.errors import ApiError
from shared.messaging.envelopes import Identity

ALGORITHM = "HS256"


def issue_token(
    secret: str,
    identity: Identity,
    session_id: str,
    expires_in: int,
    api_version: str,
    server_version: str,
    server_build: str = "",
    feature_set: str = "basic",
) -> str:
    """A signed session token. ``feature_set`` is what the SDK's ``Session.verify_feature_set``
    checks: ``advanced`` lets Hyper-Datasets, routers and other Enterprise clients run."""
    now_ms = time.time_ns() // 1_000_000
    now = now_ms // 1000
    claims: dict[str, Any] = {
        "identity": identity.model_dump(exclude={"session_id", "access_key"}),
        "session_id": session_id,
        "iat": now,
        "iat_ms": now_ms,  # ``iat`` to the millisecond: a key revoked in the same second (RevokedSessions)
        "exp": now + expires_in,
        "env": "<unknown>",
        "auth_type": "bearer_token",
        "api_version": api_version,
        "server_version": server_version,
        "server_build": server_build,
        "feature_set": feature_set,
    }
    if identity.access_key:
        claims["key"] = identity.access_key  # the key pair it was obtained with (see RevokedSessions)
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(secret: str, token: str) -> tuple[Identity, dict[str, Any]]:
    """The identity a valid token carries (with its session id), or 401/30 invalid_token."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp"]})
        identity = Identity(**claims["identity"], session_id=claims.get("session_id"), access_key=claims.get("key"))
    except jwt.ExpiredSignatureError:
        raise ApiError(401, 30, "token expired") from None
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError):
        raise ApiError(401, 30, "token could not be verified") from None
    return identity, claims


# The session cookie ClearML's web UI sends (auth.login sets it).
COOKIE = "clearml_token_basic"


class RevokedSessions:
    """Session ids that logged out, until their tokens would have expired anyway; users whose
    sessions all ended; access keys that were revoked (a token obtained with a key until its
    revocation ends with it; one obtained later, with the key set again, is valid). Fed by
    identity's changes (see :meth:`apply_change`)."""

    def __init__(self) -> None:
        self._expires: dict[str, float] = {}
        self._keys: dict[str, float] = {}  # access key -> latest revocation (epoch ms)
        # Users whose sessions were all revoked (a deleted user): user -> (revoked at, until).
        self._users: dict[str, tuple[float, float]] = {}

    def add(self, session_id: str, expires: float) -> None:
        self._expires[session_id] = expires
        if len(self._expires) % 1024 == 0:
            self.purge()

    def apply_change(self, change: dict[str, Any]) -> None:
        """Record a ``SessionRevoked`` change (other changes are ignored)."""
        if change.get("type") == "SessionRevoked" and change.get("session_id"):
            self.add(change["session_id"], float(change.get("expires") or 0) or float("inf"))
        elif change.get("type") == "CredentialsRevoked" and change.get("access_key"):
            at = change.get("revoked_at_ms")
            # A fact of an older Cairn has no time: every token of the key ends, as it did then.
            at = float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else float("inf")
            key = change["access_key"]
            self._keys[key] = max(at, self._keys.get(key, at))
        elif change.get("type") == "UserRevoked" and change.get("user"):
            until = float(change.get("expires") or 0) or float("inf")
            self._users[change["user"]] = (float(change.get("revoked_at") or 0), until)

    def user_revoked(self, user: str, issued_at: float) -> bool:
        """True for a token of ``user`` issued before every session of the user was revoked
        (a user made again later under the same id logs in anew)."""
        entry = self._users.get(user)
        return entry is not None and issued_at <= entry[0] and entry[1] > time.time()

    def key_revoked(self, access_key: str | None, issued_ms: float) -> bool:
        """True for a token obtained with ``access_key`` at or before its latest revocation."""
        return bool(access_key) and issued_ms <= self._keys.get(access_key, float("-inf"))

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._expires

    def purge(self, now: float | None = None) -> None:
        now = now or time.time()
        self._expires = {s: e for s, e in self._expires.items() if e > now}


def cookie_token(cookie_header: str) -> str | None:
    """The session token in a Cookie header, or None.

    Parsed by hand, leniently, as browsers send it (``name=value`` pairs split by ``;``):
    ``http.cookies.SimpleCookie`` stops at the first value it finds invalid (a JSON or a
    spaced value of another application's cookie on the same host), which silently dropped
    the session cookie after it and logged the web UI out."""
    for pair in cookie_header.split(";"):
        name, sep, value = pair.partition("=")
        if sep and name.strip() == COOKIE:
            value = value.strip().strip('"')
            if value:
                return value
    return None


def verify_session(secret: str, token: str, revoked: RevokedSessions) -> Identity:
    """The identity of a valid session token that was not logged out, else 401/30 or 401/31."""
    identity, claims = verify_token(secret, token)
    if identity.session_id and identity.session_id in revoked:
        raise ApiError(401, 31, "the session was logged out")
    if revoked.user_revoked(identity.user, float(claims.get("iat") or 0)):
        raise ApiError(401, 31, "the session's user no longer exists")
    issued_ms = claims.get("iat_ms")
    if not isinstance(issued_ms, (int, float)) or isinstance(issued_ms, bool):
        issued_ms = float(claims.get("iat") or 0) * 1000  # a token of an older Cairn
    if revoked.key_revoked(identity.access_key, issued_ms):
        raise ApiError(401, 31, "the credentials this session was obtained with were revoked")
    return identity

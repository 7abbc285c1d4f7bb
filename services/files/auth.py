"""Who is calling: the session JWT the gateway issues, sent as ``Authorization: Bearer`` (the
SDK) or the ``clearml_token_basic`` cookie (the web UI). Verified locally (signature, expiry)
against the sessions identity reported as logged out (``SessionRevoked`` changes)."""

from __future__ import annotations

import time
from http.cookies import SimpleCookie

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import verify_token

COOKIE = "clearml_token_basic"


class RevokedSessions:
    """Session ids that logged out, until their tokens would have expired anyway."""

    def __init__(self) -> None:
        self._expires: dict[str, float] = {}

    def add(self, session_id: str, expires: float) -> None:
        self._expires[session_id] = expires
        if len(self._expires) % 1024 == 0:
            now = time.time()
            self._expires = {s: e for s, e in self._expires.items() if e > now}

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._expires


def token_of(authorization: str, cookie: str) -> str | None:
    """The token a request carries (Bearer header first, then the cookie), or None."""
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, 10, "the files server accepts only 'Authorization: Bearer <token>'")
        return value.strip()
    if not cookie:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie)
    except Exception:  # noqa: BLE001 - a malformed cookie header counts as no cookie
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel and morsel.value else None


class FilesAuth:
    def __init__(self, token_secret: str) -> None:
        self._secret = token_secret
        self.revoked = RevokedSessions()

    def authenticate(self, authorization: str, cookie: str) -> Identity:
        """The caller's identity, or a 401 ApiError (no token, bad token, logged out)."""
        token = token_of(authorization, cookie)
        if token is None:
            raise ApiError(401, 20, "missing authentication: send 'Authorization: Bearer <token>'")
        identity, _claims = verify_token(self._secret, token)
        if identity.session_id and identity.session_id in self.revoked:
            raise ApiError(401, 31, "the session was logged out")
        return identity

"""Who is calling: the session JWT the gateway issues, sent as ``Authorization: Bearer`` (the
SDK) or the ``clearml_token_basic`` cookie (the web UI). Verified locally (signature, expiry)
against the sessions identity reported as logged out (``SessionRevoked`` changes)."""

from __future__ import annotations

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import RevokedSessions, cookie_token, verify_session


def token_of(authorization: str, cookie: str) -> str | None:
    """The token a request carries (Bearer header first, then the cookie), or None."""
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, 10, "the files server accepts only 'Authorization: Bearer <token>'")
        return value.strip()
    return cookie_token(cookie)


class FilesAuth:
    def __init__(self, token_secret: str) -> None:
        self._secret = token_secret
        self.revoked = RevokedSessions()

    def authenticate(self, authorization: str, cookie: str) -> Identity:
        """The caller's identity, or a 401 ApiError (no token, bad token, logged out)."""
        token = token_of(authorization, cookie)
        if token is None:
            raise ApiError(401, 20, "missing authentication: send 'Authorization: Bearer <token>'")
        return verify_session(self._secret, token, self.revoked)

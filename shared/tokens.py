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
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "identity": identity.model_dump(exclude={"session_id"}),
        "session_id": session_id,
        "iat": now,
        "exp": now + expires_in,
        "env": "<unknown>",
        "auth_type": "bearer_token",
        "api_version": api_version,
        "server_version": server_version,
        "server_build": server_build,
        "feature_set": "basic",
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(secret: str, token: str) -> tuple[Identity, dict[str, Any]]:
    """The identity a valid token carries (with its session id), or 401/30 invalid_token."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp"]})
        identity = Identity(**claims["identity"], session_id=claims.get("session_id"))
    except jwt.ExpiredSignatureError:
        raise ApiError(401, 30, "token expired") from None
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError):
        raise ApiError(401, 30, "token could not be verified") from None
    return identity, claims

"""The secrets of SSO configurations, encrypted at rest, and the login states, signed.

Secrets are sealed as the companies room seals storage secrets (``companies/secrets.py``:
Fernet, ``fernet:<token>``), with a key derived for this purpose from
``CAIRN_STORAGE_SECRET_KEY`` (else the session-token secret): change it and the stored client
secrets read as unset and must be saved again.

A login state is a short-lived JWT signed with a key derived from the session-token secret for
this purpose only (a state is never a session): which configuration, the nonce, the callback,
the caller's own ``state``; its id is redeemed once (``store.LoginRecordRepository.redeem``).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from typing import Any

import jwt
from cryptography.fernet import Fernet, InvalidToken

from services.identity.companies.secrets import PREFIX, fernet_key
from services.identity.sso.providers import SECRET_FIELDS
from shared.errors import ApiError

log = logging.getLogger(__name__)

STATE_LIFETIME_S = 600
_STATE_ALGORITHM = "HS256"
_STATE_AUDIENCE = "cairn-sso-state"


class SecretSeal:
    def __init__(self, material: str) -> None:
        self._fernet = Fernet(fernet_key(material, "cairn sso provider secrets"))

    def seal(self, settings: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """``settings`` without its secrets, and each secret set, encrypted."""
        public = {k: v for k, v in settings.items() if k not in SECRET_FIELDS}
        sealed = {k: PREFIX + self._fernet.encrypt(v.encode()).decode()
                  for k, v in settings.items() if k in SECRET_FIELDS and isinstance(v, str) and v}
        return public, sealed

    def open(self, sealed: dict[str, str], name: str) -> str | None:
        value = sealed.get(name)
        if not value or not value.startswith(PREFIX):
            return None
        try:
            return self._fernet.decrypt(value[len(PREFIX):].encode()).decode()
        except InvalidToken:
            log.warning("a stored SSO secret cannot be decrypted with the configured key")
            return None


class StateSigner:
    def __init__(self, material: str) -> None:
        self._key = hashlib.sha256(f"cairn sso login state\0{material}".encode()).hexdigest()

    def issue(self, claims: dict[str, Any]) -> tuple[str, str]:
        """A signed state carrying ``claims`` and a fresh nonce: (state, nonce)."""
        nonce = secrets.token_urlsafe(24)
        now = int(time.time())
        body = {**claims, "nonce": nonce, "jti": secrets.token_hex(16), "iat": now,
                "exp": now + STATE_LIFETIME_S, "aud": _STATE_AUDIENCE}
        return jwt.encode(body, self._key, algorithm=_STATE_ALGORITHM), nonce

    def read(self, state: str) -> dict[str, Any]:
        """The claims of a state this server issued and that has not expired; 401/30 else."""
        try:
            return jwt.decode(state, self._key, algorithms=[_STATE_ALGORITHM], audience=_STATE_AUDIENCE,
                              options={"require": ["exp", "jti", "nonce"]})
        except jwt.ExpiredSignatureError:
            raise ApiError(401, 30, "the SSO login took too long (its state expired); start again") from None
        except jwt.InvalidTokenError:
            raise ApiError(401, 30, "the SSO login state is not one this server issued") from None

"""The secrets of a company's storage settings, encrypted at rest (Fernet: AES-128-CBC with an
HMAC-SHA256, from ``cryptography``).

Only the secret fields are encrypted (an access key or a bucket name is no secret, and the
web UI lists them); each stored secret is ``fernet:<token>``. The key comes from the settings
(``CAIRN_STORAGE_SECRET_KEY``, any string); without one it is derived from the session-token
secret, which every deployment already keeps secret: change either and the stored storage
secrets can no longer be read (they read as unset and must be set again).
"""

from __future__ import annotations

import base64
import hashlib
import logging
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

log = logging.getLogger(__name__)

PREFIX = "fernet:"

# The secret fields of each section, and of the items of its list (buckets, containers).
SECRET_FIELDS = {
    "aws": ({"secret", "token"}, "buckets", {"secret", "token"}),
    "azure": (set(), "containers", {"account_key"}),
    "google": ({"credentials_json"}, "buckets", {"credentials_json"}),
}


def fernet_key(material: str, purpose: str = "cairn storage settings") -> bytes:
    """A Fernet key (32 bytes, url-safe base64) derived from any secret string."""
    digest = hashlib.sha256(f"{purpose}\0{material}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


class SecretBox:
    """Encrypts and decrypts the secret fields of storage settings sections."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def seal(self, section: str, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` of ``section`` with their secret fields encrypted."""
        return _map_secrets(section, values, self._encrypt)

    def open(self, section: str, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` of ``section`` with their secret fields decrypted (unreadable: None)."""
        return _map_secrets(section, values, self._decrypt)

    def _encrypt(self, value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value
        return PREFIX + self._fernet.encrypt(value.encode()).decode()

    def _decrypt(self, value: Any) -> Any:
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        try:
            return self._fernet.decrypt(value[len(PREFIX):].encode()).decode()
        except InvalidToken:
            log.warning("a stored storage secret cannot be decrypted with the configured key")
            return None


def masked(section: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` of ``section`` without their secrets (each set one answers as null)."""
    return _map_secrets(section, values, lambda value: None)


def _map_secrets(section: str, values: dict[str, Any], change) -> dict[str, Any]:
    own, list_name, item_fields = SECRET_FIELDS[section]
    result = {k: (change(v) if k in own else v) for k, v in values.items()}
    if isinstance(result.get(list_name), list):
        result[list_name] = [
            {k: (change(v) if k in item_fields else v) for k, v in item.items()} if isinstance(item, dict) else item
            for item in result[list_name]
        ]
    return result

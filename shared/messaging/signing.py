"""Signatures of messages the gateway puts on the ingest topic.

The ingest topic is also written by direct producers (with an API token), so the events
service must tell the gateway's messages apart from forged ones: the gateway signs each
message value with HMAC-SHA256 keyed by the token secret (which gateway and events share) and
puts the hex digest in the ``cairn-signature`` header. A message whose signature verifies is
trusted as the gateway's, whether or not anybody waits for its answer (``ack=durable``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac

HEADER_SIGNATURE = "cairn-signature"


@functools.lru_cache(maxsize=8)  # once per secret, not per message
def _key(secret: str) -> bytes:
    # A key of its own, derived from the token secret: a signature never doubles as a token.
    return hashlib.sha256(b"cairn-ingest-signature:" + secret.encode()).digest()


def sign(secret: str, value: bytes) -> bytes:
    return hmac.new(_key(secret), value, hashlib.sha256).hexdigest().encode()


def verify(secret: str, value: bytes, signature: str | bytes | None) -> bool:
    if not signature:
        return False
    expected = sign(secret, value)
    given = signature.encode() if isinstance(signature, str) else signature
    return hmac.compare_digest(expected, given)

"""Admission of ingest messages: who may put events on ``<prefix>cairn.events.ingest``.

Two kinds of producer write the same message (a ``RequestEnvelope`` as JSON, endpoint
``events.add`` or ``events.add_batch``, payload one event or a list of events):

- the gateway, which has authenticated the caller, puts the identity in the envelope and signs
  the message value (``cairn-signature``, ``shared.messaging.signing``); it waits for the
  answer on the ``reply_to`` topic named in the headers, or nobody waits (``ack=durable``);
- direct producers (a training job with Kafka access), which send an API session token in the
  ``authorization`` header (``Bearer <token from auth.login>``). The token is verified here as
  the gateway would (signature, expiry) and its identity replaces whatever the envelope says.

A message with a bad token or signature, or with neither, is never indexed: it goes to the
dead-letter topic with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope, envelope_from_json
from shared.messaging.signing import HEADER_SIGNATURE, verify
from shared.tokens import verify_token

HEADER_AUTHORIZATION = "authorization"
HEADER_DEAD_REASON = "dead_reason"
INGEST_ENDPOINTS = frozenset({"events.add", "events.add_batch"})


def dead_letter_topic(ingest_topic: str) -> str:
    return f"{ingest_topic}.dead"


@dataclass
class Admission:
    envelope: RequestEnvelope | None  # None: malformed (answered with an error if someone waits)
    reason: str | None = None  # set: dead-letter the message, index nothing


def admit(value: bytes, headers: dict[str, str], token_secret: str) -> Admission:
    """Parse an ingest message and decide whose events it carries."""
    auth = headers.get(HEADER_AUTHORIZATION)
    signature = headers.get(HEADER_SIGNATURE)
    if signature is not None and auth is None:
        if not verify(token_secret, value, signature):
            return Admission(None, "invalid gateway signature")
        gateway = True
    elif auth is None:
        return Admission(None, "no API token")
    else:
        gateway = False
    try:  # orjson parses the events (pydantic's JSON parser took twice as long on a batch)
        envelope = envelope_from_json(RequestEnvelope, value)
    except ValueError:  # malformed JSON, or a ValidationError
        return Admission(None, None if gateway else "malformed message")
    if envelope.endpoint not in INGEST_ENDPOINTS:
        return Admission(None, None if gateway else f"not an ingest endpoint: {envelope.endpoint}")
    if gateway:
        return Admission(envelope)
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Admission(envelope, "authorization is not a Bearer token")
    try:
        identity, _claims = verify_token(token_secret, token.strip())
    except ApiError as exc:
        return Admission(envelope, f"invalid API token: {exc.message}")
    envelope.identity = identity
    return Admission(envelope)

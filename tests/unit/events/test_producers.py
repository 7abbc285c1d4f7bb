"""Who may put events on the ingest topic: the gateway (identity in the envelope, the message
signed) or a direct producer with a valid API token; anything else is dead-lettered."""

from __future__ import annotations

from services.events.producers import admit
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.signing import sign
from shared.tokens import issue_token

SECRET = "unit-test-token-secret-unit-test-token-secret"
ALICE = Identity(company="acme", user="alice")


def message(identity=None, endpoint="events.add_batch") -> bytes:
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity,
                               payload=[{"type": "log", "task": "t1", "msg": "m"}])
    return envelope.model_dump_json().encode()


def token(secret=SECRET, expires_in=600, identity=ALICE) -> str:
    return issue_token(secret, identity, "session-1", expires_in, "2.23", "1.0")


def signed(value: bytes, secret=SECRET, **headers) -> dict:
    return {"cairn-signature": sign(secret, value).decode(), **headers}


def test_signed_gateway_messages_keep_their_identity_with_or_without_a_waiting_caller():
    value = message(ALICE)
    for headers in (signed(value, reply_to="gw.replies"), signed(value)):
        admission = admit(value, headers, SECRET)
        assert admission.reason is None and admission.envelope.identity == ALICE


def test_unsigned_or_forged_gateway_messages_are_refused():
    value = message(Identity(company="victim", user="mallory"))
    assert admit(value, {"reply_to": "gw.replies"}, SECRET).reason == "no API token"
    assert admit(value, signed(value, secret="other" * 10), SECRET).reason == "invalid gateway signature"
    tampered = value.replace(b"victim", b"vict1m")
    assert admit(tampered, signed(value), SECRET).reason == "invalid gateway signature"


def test_direct_producer_with_a_valid_token_gets_the_tokens_identity():
    forged = Identity(company="victim", user="mallory")
    admission = admit(message(forged), {"authorization": f"Bearer {token()}"}, SECRET)
    assert admission.reason is None
    assert admission.envelope.identity.company == "acme" and admission.envelope.identity.user == "alice"


def test_a_token_beats_a_reply_to_header():
    admission = admit(message(ALICE), {"authorization": "Bearer junk", "reply_to": "gw.replies"}, SECRET)
    assert admission.reason.startswith("invalid API token")


def test_refused_direct_messages_say_why():
    assert admit(message(ALICE), {}, SECRET).reason == "no API token"
    assert admit(message(), {"authorization": token()}, SECRET).reason == "authorization is not a Bearer token"
    assert admit(message(), {"authorization": f"Bearer {token(secret='other' * 10)}"}, SECRET).reason == (
        "invalid API token: Invalid token (token could not be verified)"
    )
    assert "expired" in admit(message(), {"authorization": f"Bearer {token(expires_in=-10)}"}, SECRET).reason
    assert admit(b"not json", {"authorization": f"Bearer {token()}"}, SECRET).reason == "malformed message"
    assert admit(message(endpoint="tasks.delete"), {"authorization": f"Bearer {token()}"}, SECRET).reason == (
        "not an ingest endpoint: tasks.delete"
    )


def test_malformed_gateway_messages_are_answered_not_dead_lettered():
    admission = admit(b"{}", signed(b"{}", reply_to="gw.replies"), SECRET)
    assert admission.envelope is None and admission.reason is None


def test_outages_are_retried_and_bugs_are_not():
    import asyncio

    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
    from elasticsearch import ApiError as EsApiError
    from elasticsearch import ConnectionError as EsConnectionError

    from services.events.consumer import retryable
    from services.events.repository import StoreUnavailable
    from shared.errors import ApiError

    def es_status(status):
        meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                               node=NodeConfig("http", "localhost", 9200))
        return EsApiError("failed", meta, {})

    assert retryable(ApiError(503, 0, "no answer"))
    assert retryable(es_status(503)) and retryable(es_status(429))
    assert retryable(EsConnectionError("down")) and retryable(StoreUnavailable("x"))
    assert retryable(ConnectionRefusedError()) and retryable(asyncio.TimeoutError())
    assert not retryable(es_status(400))
    assert not retryable(ApiError(400, 12, "bad"))
    assert not retryable(KeyError("bug"))

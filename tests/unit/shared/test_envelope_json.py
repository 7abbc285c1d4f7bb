"""Envelopes cross Kafka as orjson (shared.messaging.envelopes): the same JSON pydantic wrote,
read back into the same models."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, timezone

import pytest

from shared.messaging.envelopes import (
    ErrorBody,
    Identity,
    ReplyEnvelope,
    RequestEnvelope,
    envelope_from_json,
    envelope_json,
)


class Color(enum.Enum):
    RED = "red"


def test_an_envelope_is_written_as_pydantic_writes_it():
    data = {"at": datetime(2026, 1, 2, 3, 4, 5, 123000, tzinfo=timezone.utc), "naive": datetime(2026, 1, 2),
            "day": date(2026, 1, 2), "set": {1}, 7: "int key", "id": uuid.UUID(int=5), "color": Color.RED,
            "nan": float("nan"), "raw": b"ab", "nested": [{"a": [1, 2.5, None, True]}]}
    reply = ReplyEnvelope(data=data)
    assert envelope_json(reply) == reply.model_dump_json().encode()


def test_an_integer_beyond_64_bits_still_goes_through_pydantic():
    reply = ReplyEnvelope(data={"big": 2**70})
    assert envelope_json(reply) == reply.model_dump_json().encode()


def test_a_request_reads_back_equal():
    request = RequestEnvelope(endpoint="datasets.save_frames", requested_version="2.23", trx="t",
                              identity=Identity(company="c", user="u", role="admin"),
                              payload={"version": "v", "frames": [{"id": "f", "meta": {"x": 1.5}}]},
                              deadline=12.5)
    assert envelope_from_json(RequestEnvelope, envelope_json(request)) == request


def test_an_error_reply_reads_back_equal():
    reply = ReplyEnvelope(error=ErrorBody(code=400, subcode=12, msg="bad", data={"k": [1]}))
    assert envelope_from_json(ReplyEnvelope, envelope_json(reply)) == reply


@pytest.mark.parametrize("raw", [b"not json", b'{"endpoint": 5}', b"[]"])
def test_a_malformed_message_is_a_value_error(raw):
    with pytest.raises(ValueError):
        envelope_from_json(RequestEnvelope, raw)

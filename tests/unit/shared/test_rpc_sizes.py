"""A request that Kafka would refuse for its size is refused before it is sent."""

from __future__ import annotations

import pytest

from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.rpc_client import _fitting
from shared.messaging.topics import MAX_MESSAGE_BYTES


def test_a_request_larger_than_a_kafka_message_is_a_413():
    request = RequestEnvelope(endpoint="tasks.update_batch", requested_version="2.23", payload="x" * MAX_MESSAGE_BYTES)
    with pytest.raises(ApiError) as refused:
        _fitting(request)
    assert (refused.value.code, refused.value.subcode) == (413, 0)
    assert "tasks.update_batch" in refused.value.message


def test_a_request_that_fits_is_serialised():
    request = RequestEnvelope(endpoint="tasks.create", requested_version="2.23", payload={"name": "n"})
    assert b'"name":"n"' in _fitting(request)

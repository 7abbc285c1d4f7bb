"""What a handler's exception becomes for the client: a search store that is away for a moment
is a retryable 503, never a 500 (the fault tier found ``events.get_task_log`` answering 500
while Elasticsearch allocated a new index's shards)."""

from __future__ import annotations

import elasticsearch
import pymongo.errors
import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig

from shared.messaging.rpc_server import error_from_exception


def search_error(status: int) -> elasticsearch.ApiError:
    meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                           node=NodeConfig("http", "127.0.0.1", 9200))
    return elasticsearch.ApiError("search_phase_execution_exception", meta=meta, body={})


@pytest.mark.parametrize("exc", [
    search_error(503),
    search_error(429),
    elasticsearch.ConnectionError("connection refused"),
    elasticsearch.ConnectionTimeout("timed out"),
])
def test_an_unavailable_search_store_is_a_retryable_503(exc):
    error = error_from_exception(exc)
    assert (error.code, error.subcode) == (503, 0)
    assert error.retryable
    assert "search store" in error.message


@pytest.mark.parametrize("exc", [
    pymongo.errors.AutoReconnect("connection reset by peer"),
    pymongo.errors.ServerSelectionTimeoutError("no servers"),
    pymongo.errors.NetworkTimeout("timed out"),
])
def test_an_unavailable_database_is_a_retryable_503(exc):
    error = error_from_exception(exc)
    assert (error.code, error.subcode) == (503, 0)
    assert error.retryable
    assert "database" in error.message


def test_a_search_error_of_the_request_stays_an_internal_error():
    error = error_from_exception(search_error(400))
    assert error.code == 500


def test_an_unexpected_exception_is_named_nowhere_in_the_answer():
    error = error_from_exception(KeyError("content_types"))
    assert (error.code, error.subcode) == (500, 0)
    assert "KeyError" not in error.message and "content_types" not in error.message

"""File answers (``events.download_task_log``): the gateway serves the body a service sent as
``{"cairn_raw": ...}`` instead of the envelope, and only for the file endpoints."""

from __future__ import annotations

import base64
import gzip

import orjson
import pytest

from services.gateway.auth import Authenticator
from services.gateway.envelope import RAW_KEY, RawBody, raw_body
from services.gateway.service import ApiGateway, HttpRequest
from shared.endpoints import endpoint_table, max_api_version
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

SECRET = "unit-test-token-secret-of-at-least-32-bytes"
USER = Identity(company="c1", user="u1", role="user")
LOG = "events.download_task_log"


def test_text_and_compressed_bodies_are_decoded():
    assert raw_body(LOG, {RAW_KEY: {"content_type": "text/plain", "filename": "a.log", "text": "héllo\n"}}) == (
        RawBody("héllo\n".encode(), "text/plain", "a.log"))
    packed = base64.b64encode(gzip.compress(b"line\n" * 1000)).decode()
    found = raw_body(LOG, {RAW_KEY: {"base64": packed, "encoding": "gzip"}})
    assert found == RawBody(b"line\n" * 1000, "application/octet-stream", None)
    assert raw_body(LOG, {RAW_KEY: {"base64": base64.b64encode(b"\x00\x01").decode()}}).body == b"\x00\x01"


@pytest.mark.parametrize("endpoint, data", [
    ("debug.echo", {RAW_KEY: {"text": "<script>", "content_type": "text/html"}}),  # not a file endpoint
    (LOG, {RAW_KEY: {"text": "x"}, "other": 1}),
    (LOG, {RAW_KEY: "text"}),
    (LOG, {"events": []}),
    (LOG, ["cairn_raw"]),
    (None, {RAW_KEY: {"text": "x"}}),
])
def test_anything_else_stays_json(endpoint, data):
    assert raw_body(endpoint, data) is None


def test_headers_name_the_attachment_safely():
    headers = dict(RawBody(b"", "text/plain", 'task_"x"\r\n.log').headers("trx1"))
    assert headers["content-type"] == "text/plain"
    assert headers["x-clearml-trx"] == "trx1"
    assert headers["content-disposition"] == 'attachment; filename="task__x___.log"'
    assert "content-disposition" not in dict(RawBody(b"").headers("t"))


class FakeRpc:
    def __init__(self, answer):
        self.answer = answer

    async def call(self, process, request, key=None, topic=None):
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


async def handle(answer, path=f"/v2.23/{LOG}", body=b'{"task": "t1"}'):
    auth = Authenticator(SECRET, None, basic_ttl_s=60)
    gateway = ApiGateway(endpoint_table(), {}, auth, FakeRpc(answer), max_api_version(), "ingest")
    token = issue_token(SECRET, USER, "s1", 600, "2.34", "2.3.0")
    return await gateway.handle(HttpRequest("POST", path, "", {"authorization": f"Bearer {token}"}, body))


async def test_the_gateway_answers_the_file_itself():
    response = await handle({RAW_KEY: {"content_type": "text/plain", "filename": "task_t1.log", "text": "a\nb\n"}})
    assert response.status == 200
    assert response.body == b"a\nb\n"
    headers = dict(response.headers)
    assert headers["content-type"] == "text/plain"
    assert headers["content-disposition"] == 'attachment; filename="task_t1.log"'


async def test_errors_of_a_file_endpoint_are_envelopes():
    response = await handle(ApiError.named("invalid_task_id", id="t1"))
    assert response.status == 400
    assert orjson.loads(response.body)["meta"]["result_subcode"] == 101


async def test_other_endpoints_never_answer_files():
    raw = {RAW_KEY: {"content_type": "text/html", "text": "<script>"}}
    response = await handle(raw, path="/v2.23/events.get_task_log")
    assert dict(response.headers)["content-type"] == "application/json"
    assert orjson.loads(response.body)["data"] == raw

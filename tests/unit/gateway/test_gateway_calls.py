"""The gateway's pipeline as stories, with a fake RPC caller in place of Kafka."""

from __future__ import annotations

import base64

import orjson
import pytest
from pydantic import BaseModel

from services.gateway.auth import Authenticator
from services.gateway.service import ApiGateway, HttpRequest
from shared.endpoints import endpoint_table, max_api_version
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

SECRET = "unit-test-token-secret-of-at-least-32-bytes"
ADMIN = Identity(company="c1", user="u1", role="admin", user_name="Admin", company_name="clearml")


class CreateTask(BaseModel):
    name: str
    type: str
    tags: list[str] = []


class FakeRpc:
    def __init__(self):
        self.calls = []
        self.topics = []
        self.answers = {}

    async def call(self, process, request, key=None, topic=None):
        self.calls.append((process, request, key))
        self.topics.append(topic)
        answer = self.answers.get(request.endpoint, {})
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeCredentials:
    def __init__(self):
        self.asked = 0

    async def __call__(self, key, secret):
        self.asked += 1
        if (key, secret) != ("KEY", "SECRET"):
            raise ApiError(401, 22)
        return ADMIN


@pytest.fixture
def parts():
    rpc, creds = FakeRpc(), FakeCredentials()
    auth = Authenticator(SECRET, creds, basic_ttl_s=60)
    gateway = ApiGateway(endpoint_table(), {"tasks.create": CreateTask}, auth, rpc, max_api_version(), "ingest")
    return gateway, rpc, creds, auth


def basic(key="KEY", secret="SECRET"):
    return {"authorization": "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()}


def bearer(identity=ADMIN, session="s1"):
    return {"authorization": "Bearer " + issue_token(SECRET, identity, session, 600, "2.34", "2.3.0")}


async def send(gateway, path, body=b"", headers=None, query=""):
    response = await gateway.handle(HttpRequest("GET", path, query, headers or {}, body))
    return response, orjson.loads(response.body)


async def test_unknown_endpoint_is_404_0_in_the_envelope(parts):
    gateway, rpc, *_ = parts
    response, body = await send(gateway, "/v2.23/tasks.no_such_thing", headers=basic())
    assert response.status == 404
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (404, 0)
    assert body["meta"]["result_msg"] == "Unable to find endpoint for name tasks.no_such_thing and version 2.23"
    assert rpc.calls == []


async def test_version_routes_to_the_greatest_handler_version_not_above_it(parts):
    gateway, rpc, *_ = parts
    _, body = await send(gateway, "/v2.10/server.info", headers=basic())
    assert body["meta"]["endpoint"] == {"name": "server.info", "requested_version": "2.10", "actual_version": "2.8"}
    _, body = await send(gateway, "/server.info", headers=basic())
    assert body["meta"]["endpoint"]["requested_version"] == "2.34"
    assert body["meta"]["endpoint"]["actual_version"] == "2.12"
    _, body = await send(gateway, "/v999.0/server.info", headers=basic())
    assert body["meta"]["result_code"] == 200


async def test_a_version_below_every_handler_is_404(parts):
    gateway, *_ = parts
    response, _ = await send(gateway, "/v0.5/server.info", headers=basic())
    assert response.status == 404


async def test_no_credentials_is_401_20_and_nothing_is_forwarded(parts):
    gateway, rpc, *_ = parts
    response, body = await send(gateway, "/v2.23/tasks.get_all")
    assert (response.status, body["meta"]["result_subcode"]) == (401, 20)
    assert rpc.calls == []


async def test_wrong_secret_is_401_22(parts):
    gateway, rpc, *_ = parts
    response, body = await send(gateway, "/tasks.get_all", headers=basic(secret="nope"))
    assert (response.status, body["meta"]["result_subcode"]) == (401, 22)
    assert rpc.calls == []


async def test_malformed_basic_and_unknown_scheme(parts):
    gateway, *_ = parts
    _, body = await send(gateway, "/tasks.get_all", headers={"authorization": "Basic !!!"})
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (401, 21)
    _, body = await send(gateway, "/tasks.get_all", headers={"authorization": "Digest abc"})
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (401, 10)


async def test_basic_credentials_are_verified_once_then_cached(parts):
    gateway, rpc, creds, _ = parts
    for _ in range(3):
        response, _ = await send(gateway, "/tasks.get_all", headers=basic())
        assert response.status == 200
    assert creds.asked == 1
    assert rpc.calls[-1][1].identity == ADMIN


async def test_bearer_token_and_cookie_authenticate_locally(parts):
    gateway, rpc, creds, _ = parts
    response, _ = await send(gateway, "/tasks.get_all", headers=bearer())
    assert response.status == 200
    token = bearer()["authorization"].split()[1]
    response, _ = await send(gateway, "/tasks.get_all", headers={"cookie": f"clearml_token_basic={token}"})
    assert response.status == 200
    assert creds.asked == 0
    assert rpc.calls[-1][1].identity.session_id == "s1"


async def test_forged_and_revoked_tokens_are_refused(parts):
    gateway, _, _, auth = parts
    forged = issue_token("another-secret-of-at-least-32-bytes-long", ADMIN, "s2", 600, "2.34", "2.3.0")
    _, body = await send(gateway, "/tasks.get_all", headers={"authorization": f"Bearer {forged}"})
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (401, 30)
    auth.revoked.add("s1", 1e12)
    _, body = await send(gateway, "/tasks.get_all", headers=bearer(session="s1"))
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (401, 31)


async def test_body_of_the_wrong_type_is_400_12_and_not_forwarded(parts):
    gateway, rpc, *_ = parts
    _, body = await send(gateway, "/tasks.create", b'{"name": 5, "type": "training"}', basic())
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (400, 12)
    _, body = await send(gateway, "/tasks.create", b'{"name": "x", "type": "training", "tags": "a"}', basic())
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (400, 12)
    assert rpc.calls == []


async def test_missing_required_fields_is_400_11(parts):
    gateway, rpc, *_ = parts
    _, body = await send(gateway, "/tasks.create", b'{"comment": "x"}', basic())
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (400, 11)
    assert rpc.calls == []


async def test_valid_call_is_forwarded_to_the_owner_keyed_by_entity(parts):
    gateway, rpc, *_ = parts
    rpc.answers["tasks.edit"] = {"updated": 1, "fields": {}}
    _, body = await send(gateway, "/v2.23/tasks.edit", b'{"task": "abc", "name": "n", "unknown": 1}', basic())
    assert body["data"] == {"updated": 1, "fields": {}}
    process, request, key = rpc.calls[-1]
    assert (process, key, request.endpoint, request.requested_version) == ("tasks", "abc", "tasks.edit", "2.23")
    assert request.payload["unknown"] == 1


async def test_reads_go_unkeyed_so_they_never_wait_behind_writes(parts):
    gateway, rpc, *_ = parts
    await send(gateway, "/tasks.get_by_id", b'{"task": "abc"}', basic())
    assert rpc.calls[-1][2] is None


async def test_event_batches_go_to_the_ingest_topic_keyed_by_task(parts, monkeypatch):
    gateway, rpc, *_ = parts
    monkeypatch.setattr(type(endpoint_table()["events.add_batch"]), "implemented", property(lambda self: True))
    body = b'{"task": "t1", "type": "log", "msg": "a"}\n{"task": "t1", "type": "log", "msg": "b"}'
    response, _ = await send(gateway, "/events.add_batch", body, {**basic(), "content-type": "application/json-lines"})
    assert response.status == 200
    assert (rpc.calls[-1][0], rpc.calls[-1][2], rpc.topics[-1]) == ("events", "t1", "ingest")
    assert len(rpc.calls[-1][1].payload) == 2


async def test_service_errors_come_back_in_the_envelope(parts):
    gateway, rpc, *_ = parts
    rpc.answers["tasks.get_by_id"] = ApiError(400, 101, task="zz")
    response, body = await send(gateway, "/tasks.get_by_id", b'{"task": "zz"}', basic())
    assert (response.status, body["meta"]["result_subcode"], body["meta"]["error_data"]) == (400, 101, {"task": "zz"})


async def test_unexpected_failures_never_show_a_traceback(parts):
    gateway, rpc, *_ = parts
    rpc.answers["tasks.get_all"] = RuntimeError("secret internals")
    response, body = await send(gateway, "/tasks.get_all", headers=basic())
    assert response.status == 500
    assert "secret internals" not in body["meta"]["result_msg"]
    assert body["meta"]["error_stack"] is None


async def test_unimplemented_endpoint_answers_not_implemented(parts):
    gateway, rpc, *_ = parts
    response, body = await send(gateway, "/datasets.get_all", headers=basic())  # no datasets process yet
    assert (response.status, body["meta"]["result_subcode"]) == (500, 9999)
    assert rpc.calls == []


async def test_endpoints_without_auth_need_no_credentials(parts):
    gateway, rpc, *_ = parts
    response, _ = await send(gateway, "/debug.ping")
    assert response.status == 200
    assert rpc.calls[-1][1].identity is None


async def test_role_gates_are_enforced(parts):
    gateway, *_ = parts
    user = Identity(company="c1", user="u2", role="user")
    response, body = await send(gateway, "/users.create", headers=bearer(user))  # system/root only
    assert (response.status, body["meta"]["result_subcode"]) == (403, 20)


async def test_worker_header_travels_with_the_request(parts):
    gateway, rpc, *_ = parts
    await send(gateway, "/tasks.get_all", headers={**basic(), "x-clearml-worker": "box-1"})
    assert rpc.calls[-1][1].worker == "box-1"


async def test_trx_header_is_echoed(parts):
    gateway, *_ = parts
    response, body = await send(gateway, "/debug.ping", headers={"x-clearml-trx": "my-trx"})
    assert body["meta"]["trx"] == "my-trx"
    assert ("x-clearml-trx", "my-trx") in response.headers


async def test_login_sets_the_session_cookie_and_logout_revokes(parts):
    gateway, rpc, _, auth = parts
    rpc.answers["auth.login"] = {"token": "tok"}
    response, _ = await send(gateway, "/auth.login", headers=basic())
    assert any(h == "set-cookie" and v.startswith("clearml_token_basic=tok;") for h, v in response.headers)
    response, _ = await send(gateway, "/auth.logout", headers=bearer(session="s9"))
    assert "s9" in auth.revoked
    _, body = await send(gateway, "/tasks.get_all", headers=bearer(session="s9"))
    assert body["meta"]["result_code"] == 401


async def test_content_encoding_is_415(parts):
    gateway, *_ = parts
    response, _ = await send(gateway, "/debug.ping", headers={"content-encoding": "gzip"})
    assert response.status == 415

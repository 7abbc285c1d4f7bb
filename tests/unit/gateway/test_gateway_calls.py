"""The gateway's pipeline as stories, with a fake RPC caller in place of Kafka."""

from __future__ import annotations

import base64
import time

import orjson
import pytest
from pydantic import BaseModel

from services.gateway.auth import Authenticator
from services.gateway.service import ApiGateway, HttpRequest, entity_key
from shared import endpoints
from shared.endpoints import endpoint_table, max_api_version
from shared.errors import ApiError
from services.gateway.ingest import EventIngest
from shared.messaging.envelopes import Identity
from shared.messaging.signing import HEADER_SIGNATURE, verify
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
        self.signatures = []
        self.published = []

    async def call(self, process, request, key=None, timeout=None, topic=None, sign=None):
        self.calls.append((process, request, key))
        self.topics.append(topic)
        self.signatures.append(sign(request.model_dump_json().encode()) if sign else None)
        answer = self.answers.get(request.endpoint, {})
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def publish(self, topic, request, key=None, sign=None):
        self.published.append((topic, request, key, sign(request.model_dump_json().encode())))


class FakeCredentials:
    def __init__(self):
        self.asked = 0
        self.addresses = []
        self.expire = None  # unix time the pair expires

    async def __call__(self, key, secret, address=None):
        self.asked += 1
        self.addresses.append(address)
        if (key, secret) != ("KEY", "SECRET"):
            raise ApiError(401, 22)
        return ADMIN, self.expire


@pytest.fixture
def parts():
    rpc, creds = FakeRpc(), FakeCredentials()
    auth = Authenticator(SECRET, creds, basic_ttl_s=60)
    ingest = EventIngest(rpc, "ingest", SECRET)
    gateway = ApiGateway(endpoint_table(), {"tasks.create": CreateTask}, auth, rpc, max_api_version(), ingest)
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
    # the services see the caller, with the key it used (a token it gets ends with that key)
    assert rpc.calls[-1][1].identity == ADMIN.model_copy(update={"access_key": "KEY"})


async def test_a_cached_basic_answer_ends_when_the_key_expires(parts):
    gateway, _, creds, _ = parts
    creds.expire = time.time() - 1  # expired between identity's check and the cache
    for _ in range(2):
        await send(gateway, "/tasks.get_all", headers=basic())
    assert creds.asked == 2


async def test_basic_verification_names_the_worker_or_the_callers_address(parts):
    gateway, _, creds, _ = parts
    await send(gateway, "/tasks.get_all", headers={**basic(), "x-clearml-worker": "w1"})
    gateway._auth.basic_cache.forget_key("KEY")
    await send(gateway, "/tasks.get_all", headers={**basic(), "x-forwarded-for": "10.1.2.3, 10.0.0.1"})
    assert creds.addresses == ["w1", "10.1.2.3"]


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


async def test_a_missing_required_field_is_400_12_as_clearml_request_classes_answer(parts):
    gateway, rpc, *_ = parts
    _, body = await send(gateway, "/tasks.create", b'{"comment": "x"}', basic())
    assert (body["meta"]["result_code"], body["meta"]["result_subcode"]) == (400, 12)
    assert "name" in body["meta"]["result_msg"]
    assert rpc.calls == []



async def test_valid_call_is_forwarded_to_the_owner_keyed_by_entity(parts):
    gateway, rpc, *_ = parts
    rpc.answers["tasks.edit"] = {"updated": 1, "fields": {}}
    _, body = await send(gateway, "/v2.23/tasks.edit", b'{"task": "abc", "name": "n", "unknown": 1}', basic())
    assert body["data"] == {"updated": 1, "fields": {}}
    process, request, key = rpc.calls[-1]
    assert (process, key, request.endpoint, request.requested_version) == ("tasks", "abc", "tasks.edit", "2.23")
    assert request.payload["unknown"] == 1


async def test_frame_batches_are_keyed_by_their_version(parts):
    """save_frames names no other entity: unkeyed, two batches of one version could be applied
    out of order (and not in order with the version's commit)."""
    gateway, rpc, *_ = parts
    rpc.answers["datasets.save_frames"] = {"saved": 0}
    await send(gateway, "/v2.23/datasets.save_frames", b'{"version": "v1", "frames": []}', basic())
    assert rpc.calls[-1][0::2] == ("datasets", "v1")


@pytest.mark.parametrize("process, payload, key", [
    ("datasets", {"version": "v1", "name": "new name"}, "v1"),  # datasets.update_version
    ("datasets", {"version": "v1", "dataset": "d1"}, "v1"),  # publish_and_create_child_version
    ("datasets", {"dataview": "dv", "project": "p", "name": "n"}, "dv"),  # dataviews.update
    ("datasets", {"scroll_id": "s"}, "s"),  # frames.clear_get_next_state
    ("datasets", {"dataset": "d1", "name": "n"}, "d1"),
    ("identity", {"version": "1"}, None),  # users.accept_terms_of_use: not an entity
    ("tasks", {"task": "t", "version": "x"}, "t"),
])
def test_the_entity_key_of_a_call(process, payload, key):
    assert entity_key(payload, process) == key


async def test_reads_go_unkeyed_so_they_never_wait_behind_writes(parts):
    gateway, rpc, *_ = parts
    await send(gateway, "/tasks.get_by_id", b'{"task": "abc"}', basic())
    assert rpc.calls[-1][2] is None


def added(request):
    return {"added": len(request.payload), "errors": 0, "errors_info": {}}


async def test_event_batches_go_to_the_ingest_topic_split_by_task_and_signed(parts, monkeypatch):
    gateway, rpc, *_ = parts
    monkeypatch.setattr(type(endpoint_table()["events.add_batch"]), "implemented", property(lambda self: True))
    rpc.answers["events.add_batch"] = added
    body = b"\n".join([b'{"task": "t1", "type": "log", "msg": "a"}', b'{"task": "t2", "type": "log", "msg": "b"}',
                       b'{"task": "t1", "type": "log", "msg": "c"}',
                       b'{"model": "m1", "model_event": true, "type": "log", "msg": "d"}'])
    response, answer = await send(gateway, "/events.add_batch", body, {**basic(), "content-type": "application/json-lines"})
    assert response.status == 200
    assert answer["data"] == {"added": 4, "errors": 0, "errors_info": {}}
    assert [(c[0], c[2], [e["msg"] for e in c[1].payload]) for c in rpc.calls] == [
        ("events", "t1", ["a", "c"]), ("events", "t2", ["b"]), ("events", "m1", ["d"])]
    assert set(rpc.topics) == {"ingest"}
    for call, [(name, signature)] in zip(rpc.calls, rpc.signatures, strict=True):
        assert name == HEADER_SIGNATURE and verify(SECRET, call[1].model_dump_json().encode(), signature)


async def test_parts_answers_are_summed_and_nothing_added_is_400_131(parts, monkeypatch):
    gateway, rpc, *_ = parts
    monkeypatch.setattr(type(endpoint_table()["events.add_batch"]), "implemented", property(lambda self: True))

    def answer(request):
        if request.payload[0]["task"] == "gone":
            return ApiError(400, 131, errors_count=1, errors_info={"invalid task id": 1})
        return {"added": 1, "errors": 1, "errors_info": {"missing event type": 1}}

    rpc.answers["events.add_batch"] = answer
    body = b'{"task": "t1", "type": "log"}\n{"task": "gone", "type": "log"}'
    headers = {**basic(), "content-type": "application/json-lines"}
    _, got = await send(gateway, "/events.add_batch", body, headers)
    assert got["data"] == {"added": 1, "errors": 2, "errors_info": {"missing event type": 1, "invalid task id": 1}}
    response, got = await send(gateway, "/events.add_batch", b'{"task": "gone", "type": "log"}', headers)
    assert (response.status, got["meta"]["result_subcode"]) == (400, 131)
    assert got["meta"]["error_data"] == {"invalid task id": 1}  # ClearML's: each reason and its count


async def test_an_outage_of_one_part_fails_the_call(parts, monkeypatch):
    gateway, rpc, *_ = parts
    monkeypatch.setattr(type(endpoint_table()["events.add_batch"]), "implemented", property(lambda self: True))
    rpc.answers["events.add_batch"] = lambda r: ApiError(503, 0, "retry") if r.payload[0]["task"] == "t2" else added(r)
    body = b'{"task": "t1", "type": "log"}\n{"task": "t2", "type": "log"}'
    response, _ = await send(gateway, "/events.add_batch", body, {**basic(), "content-type": "application/json-lines"})
    assert response.status == 503  # the SDK retries the whole batch; ids make that harmless


async def test_durable_ack_answers_once_kafka_has_the_parts(parts, monkeypatch):
    gateway, rpc, *_ = parts
    monkeypatch.setattr(type(endpoint_table()["events.add"]), "implemented", property(lambda self: True))
    headers = {**basic(), "x-cairn-ack": "durable"}
    response, answer = await send(gateway, "/events.add", b'{"task": "t1", "type": "log", "msg": "a"}', headers)
    assert (response.status, answer["data"]) == (200, {"added": 1, "errors": 0, "errors_info": {}})
    assert rpc.calls == []
    [(topic, request, key, [(name, signature)])] = rpc.published
    assert (topic, key, request.endpoint, request.payload) == ("ingest", "t1", "events.add_batch",
                                                               [{"task": "t1", "type": "log", "msg": "a"}])
    assert verify(SECRET, request.model_dump_json().encode(), signature)
    response, answer = await send(gateway, "/events.add", b'{"task": "t1", "type": "log"}',
                                  {**basic(), "x-cairn-ack": "eventually"})
    assert (response.status, answer["meta"]["result_subcode"]) == (400, 12)
    assert len(rpc.published) == 1


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


async def test_unimplemented_endpoint_answers_not_implemented(parts, monkeypatch):
    gateway, rpc, *_ = parts
    # Every catalog endpoint is answered today: take one out of its process's handled list.
    name = "variables.get_global_vars"
    handled = endpoints.IMPLEMENTED["identity"]
    monkeypatch.setitem(endpoints.IMPLEMENTED, "identity", handled - {name})
    assert not endpoint_table()[name].implemented
    response, body = await send(gateway, f"/{name}", headers=basic())
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


async def test_a_body_over_the_limit_is_a_413_envelope_and_nothing_is_sent(parts):
    gateway, rpc, _, _ = parts
    response = await gateway.handle(HttpRequest("POST", "/v2.23/tasks.create", headers=basic(), too_large=True))
    meta = orjson.loads(response.body)["meta"]
    assert (response.status, meta["result_code"], meta["endpoint"]["name"]) == (413, 413, "tasks.create")
    assert "at most 32 MB" in meta["result_msg"]
    assert rpc.calls == []


async def test_a_revoked_users_cached_keys_are_asked_again(parts):
    gateway, _, creds, auth = parts
    await send(gateway, "/tasks.get_all", headers=basic())
    auth.basic_cache.forget_user(ADMIN.user)
    await send(gateway, "/tasks.get_all", headers=basic())
    assert creds.asked == 2

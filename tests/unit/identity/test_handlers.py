"""The endpoint table: request envelope in, the ClearML response shape out."""

from __future__ import annotations

import pytest

from services.identity.companies.handlers import handler_table as companies_handler_table
from services.identity.handlers import HANDLED, handler_table
from services.identity.ops.handlers import handler_table as ops_handler_table
from services.identity.routing.handlers import handler_table as routing_handler_table
from services.identity.sso.handlers import handler_table as sso_handler_table
from services.identity.permissions.handlers import handler_table as permissions_handler_table
from services.identity.variables.handlers import handler_table as variables_handler_table
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.schemas import auth, debug, login, routers, server, users
from shared.schemas.registry import request_models
from shared.tokens import verify_token
from tests.unit.identity.conftest import ADMIN_KEY, ADMIN_SECRET, TOKEN_SECRET


@pytest.fixture
def handlers(service):
    return handler_table(service)


@pytest.fixture
def caller(admin):
    return Identity(company=admin.company, user=admin.id, role="admin", session_id="s-123")


async def call(handlers, endpoint, payload=None, identity=None):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload or {})
    return await handlers[endpoint](envelope)


INTERNAL = {"internal.verify_credentials", "internal.revoked_sessions", "internal.impersonate",
            "internal.verify_router_token"}


def test_the_table_is_what_handled_and_internal_announce():
    tables = set(handler_table(service=None)) | set(companies_handler_table(room=None)) | set(ops_handler_table(room=None))
    tables |= set(sso_handler_table(room=None))
    tables |= set(routing_handler_table(room=None))
    tables |= set(permissions_handler_table(room=None)) | set(variables_handler_table(room=None))
    assert tables == HANDLED | INTERNAL
    assert not HANDLED & INTERNAL
    assert all(name.startswith("internal.") for name in INTERNAL)


def test_every_clearml_endpoint_handled_has_a_request_model_for_the_gateway():
    models = {**auth.REQUESTS, **auth.INTERNAL_REQUESTS, **users.REQUESTS, **server.REQUESTS}
    models |= {**login.REQUESTS, **login.INTERNAL_REQUESTS, **debug.REQUESTS, **routers.INTERNAL_REQUESTS}
    # The SSO endpoints answer with the catalog's own (generated) models: what the gateway uses.
    models |= request_models()
    assert HANDLED | INTERNAL <= set(models)


async def test_verify_credentials_answers_an_identity_dict(handlers, admin):
    data = await call(handlers, "internal.verify_credentials", {"access_key": ADMIN_KEY, "secret_key": ADMIN_SECRET})
    assert data == {
        "identity": {
            "company": admin.company,
            "user": admin.id,
            "role": "admin",
            "user_name": "Admin",
            "company_name": "clearml",
        }
    }


async def test_login_answers_a_token(handlers, caller):
    data = await call(handlers, "auth.login", {"expiration_sec": 60}, caller)
    identity, _ = verify_token(TOKEN_SECRET, data["token"])
    assert identity.user == caller.user


async def test_logout_answers_an_empty_object_and_revokes(handlers, caller, ports):
    assert await call(handlers, "auth.logout", {}, caller) == {}
    assert await call(handlers, "auth.logout", {}, caller) == {}  # idempotent
    data = await call(handlers, "internal.revoked_sessions")
    assert [s["session_id"] for s in data["sessions"]] == ["s-123"]


async def test_create_then_get_credentials_answer_only_the_fields_that_are_set(handlers, caller):
    created = (await call(handlers, "auth.create_credentials", {"label": "ci"}, caller))["credentials"]
    assert set(created) == {"access_key", "secret_key", "label"} and len(created["secret_key"]) >= 50
    unlabelled = (await call(handlers, "auth.create_credentials", {}, caller))["credentials"]
    assert set(unlabelled) == {"access_key", "secret_key"}
    listed = {c["access_key"]: c for c in (await call(handlers, "auth.get_credentials", {}, caller))["credentials"]}
    assert listed[created["access_key"]] == {"access_key": created["access_key"], "label": "ci"}
    assert listed[unlabelled["access_key"]] == {"access_key": unlabelled["access_key"]}


async def test_edit_and_revoke_credentials(handlers, caller):
    key = (await call(handlers, "auth.create_credentials", {}, caller))["credentials"]["access_key"]
    assert await call(handlers, "auth.edit_credentials", {"access_key": key, "label": "x"}, caller) == {"updated": 1}
    assert await call(handlers, "auth.revoke_credentials", {"access_key": key}, caller) == {"revoked": 1}
    with pytest.raises(ApiError) as err:
        await call(handlers, "auth.revoke_credentials", {"access_key": key}, caller)
    assert (err.value.code, err.value.subcode) == (400, 300)


async def test_get_current_user_has_the_catalog_shape(handlers, caller, admin):
    data = await call(handlers, "users.get_current_user", {}, caller)
    user = data["user"]
    assert user["id"] == admin.id and user["role"] == "admin" and user["name"] == "Admin"
    assert user["company"] == {"id": admin.company, "name": "clearml"}
    assert "preferences" not in user and "email" not in user and "avatar" not in user and user["created"]
    assert data["getting_started"] is None and data["settings"] == {"max_download_items": 1000}


async def test_get_current_user_answers_the_role_of_the_session(handlers, admin):
    session = Identity(company=admin.company, user=admin.id, role="user", session_id="s-1")
    assert (await call(handlers, "users.get_current_user", {}, session))["user"]["role"] == "user"


async def test_server_info_fields_follow_the_requested_api_version(handlers, caller):
    for version, fields in (("2.1", set()), ("2.11", {"uid"}), ("2.12", {"uid", "api_version"})):
        envelope = RequestEnvelope(endpoint="server.info", requested_version=version, identity=caller, payload={})
        data = await handlers["server.info"](envelope)
        assert set(data) == {"version", "build", "commit"} | fields


async def test_server_info(handlers, caller):
    data = await call(handlers, "server.info", {}, caller)
    assert data["version"] == "3.26.0" and data["build"] == "cairn" and data["api_version"] == "2.34"
    assert data["uid"] == (await call(handlers, "server.info", {}, caller))["uid"]


async def test_debug_ping_needs_no_identity_and_echoes_the_request(handlers):
    assert await call(handlers, "debug.ping") == {"msg": "ClearML server"}
    assert await call(handlers, "debug.ping", {"anything": 1}) == {"msg": "ClearML server", "anything": 1}
    assert await call(handlers, "debug.ping", {"msg": "pong"}) == {"msg": "pong"}


# login.supported_modes: the SSO room's (tests/unit/identity/test_sso_room.py)


async def test_get_vaults_answers_no_vaults_in_the_sdks_shape(handlers, caller):
    # the SDK reads ``data.vaults`` of the answer (Session._read_vaults): a list
    data = await call(handlers, "users.get_vaults", {"enabled": "true", "types": ["config", "config"]}, caller)
    assert data == {"vaults": []}


async def test_errors_surface_as_api_errors(handlers):
    with pytest.raises(ApiError) as err:
        await call(handlers, "internal.verify_credentials", {"access_key": "NOPE", "secret_key": "x"})
    assert (err.value.code, err.value.subcode) == (401, 22)


async def test_auth_answers_parse_with_the_clearml_sdks_own_response_classes(handlers, caller, service):
    from clearml.backend_api.services.v2_23 import auth as sdk_auth

    created = await call(handlers, "auth.create_credentials", {"label": "sdk"}, caller)
    parsed = sdk_auth.CreateCredentialsResponse(**created)
    assert parsed.credentials.secret_key == created["credentials"]["secret_key"]
    await call(handlers, "internal.verify_credentials", {"access_key": ADMIN_KEY, "secret_key": ADMIN_SECRET})
    await service.drain()  # last_used is recorded in the background
    listed = await call(handlers, "auth.get_credentials", {}, caller)
    keys = sdk_auth.GetCredentialsResponse(**listed).credentials
    assert {k.access_key for k in keys} >= {ADMIN_KEY, created["credentials"]["access_key"]}
    assert any(k.last_used is not None for k in keys)  # a date-time the SDK parsed
    login_data = await call(handlers, "auth.login", {}, caller)
    assert sdk_auth.LoginResponse(**login_data).token == login_data["token"]
    revoke = await call(handlers, "auth.revoke_credentials", {"access_key": parsed.credentials.access_key}, caller)
    assert sdk_auth.RevokeCredentialsResponse(**revoke).revoked == 1


def test_login_requests_accept_at_most_a_year_of_expiration():
    assert auth.LoginRequest.model_validate({"expiration_sec": 31_536_000}).expiration_sec == 31_536_000
    with pytest.raises(ValueError):
        auth.LoginRequest.model_validate({"expiration_sec": 31_536_001})

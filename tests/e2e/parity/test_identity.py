"""Parity with clearml-server for the endpoints of the identity process through the gateway
(issue 12, "Also": the review of ``auth.*``, ``users.get_current_user``, ``server.info``,
``debug.ping`` and ``login.supported_modes``)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.e2e


def call(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post(f"/v2.23/{endpoint}", json=body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()["meta"]
    return body["result_code"], body["result_subcode"]


def unknown_key() -> str:
    return uuid.uuid4().hex[:30].upper()


def test_ping_echoes_the_request_fields_next_to_its_message(http):
    assert call(http, "debug.ping", {"probe": 7, "name": "x"}) == {"msg": "ClearML server", "probe": 7, "name": "x"}


def test_get_current_user_gives_max_download_items_as_a_number(http):
    assert call(http, "users.get_current_user", {"get_supported_features": True})["settings"] == {
        "max_download_items": 1000
    }


def test_get_current_user_has_no_getting_started_info_by_default(http):
    assert call(http, "users.get_current_user", {})["getting_started"] is None


def test_get_current_user_leaves_preferences_and_email_out_of_the_user(http):
    user = call(http, "users.get_current_user", {})["user"]
    assert "preferences" not in user and "email" not in user
    assert user["company"]["id"] and "name" in user["company"] and user["role"]
    assert all(value is not None for value in user.values())


def test_create_credentials_answers_the_key_pair_and_its_label_only(http):
    label = f"label-{uuid.uuid4().hex[:8]}"
    created = call(http, "auth.create_credentials", {"label": label})["credentials"]
    assert set(created) == {"access_key", "secret_key", "label"} and created["label"] == label
    unlabelled = call(http, "auth.create_credentials", {})["credentials"]
    assert set(unlabelled) == {"access_key", "secret_key"}


def test_get_credentials_lists_keys_without_their_creation_time_or_unset_fields(http):
    key = call(http, "auth.create_credentials", {})["credentials"]["access_key"]
    listed = {c["access_key"]: c for c in call(http, "auth.get_credentials", {})["credentials"]}
    assert listed[key] == {"access_key": key}


def test_get_credentials_shows_when_a_key_was_last_used(stack):
    pair = httpx.post(f"{stack.url}/auth.create_credentials", auth=(stack.key, stack.secret), json={})
    created = pair.json()["data"]["credentials"]
    own = (created["access_key"], created["secret_key"])
    with httpx.Client(base_url=stack.url, auth=own, timeout=60) as client:
        for _ in range(50):  # the use is recorded in the background
            keys = {c["access_key"]: c for c in call(client, "auth.get_credentials", {})["credentials"]}
            if "last_used" in keys[own[0]]:
                break
            time.sleep(0.1)
    assert keys[own[0]]["last_used"] and "created" not in keys[own[0]]


def test_revoke_credentials_of_an_unknown_or_already_revoked_key_is_an_invalid_user_error(http):
    response = http.post("/v2.23/auth.revoke_credentials", json={"access_key": unknown_key()})
    assert meta(response) == (400, 300)
    key = call(http, "auth.create_credentials", {})["credentials"]["access_key"]
    assert call(http, "auth.revoke_credentials", {"access_key": key}) == {"revoked": 1}
    assert key not in {c["access_key"] for c in call(http, "auth.get_credentials", {})["credentials"]}
    again = http.post("/v2.23/auth.revoke_credentials", json={"access_key": key})
    assert meta(again) == (400, 300) and "invalid user or invalid access key" in again.json()["meta"]["result_msg"]


def test_revoke_credentials_without_access_key_is_a_validation_error(http):
    response = http.post("/v2.23/auth.revoke_credentials", json={})
    assert meta(response) == (400, 12)


def test_edit_credentials_of_an_unknown_key_is_an_invalid_access_key_error(http):
    response = http.post("/v2.23/auth.edit_credentials", json={"access_key": unknown_key(), "label": "x"})
    assert meta(response) == (400, 75)
    key = call(http, "auth.create_credentials", {})["credentials"]["access_key"]
    assert call(http, "auth.edit_credentials", {"access_key": key, "label": "renamed"}) == {"updated": 1}
    listed = {c["access_key"]: c for c in call(http, "auth.get_credentials", {})["credentials"]}
    assert listed[key]["label"] == "renamed"


def test_login_with_an_expiration_above_a_year_is_a_validation_error(http):
    assert meta(http.post("/auth.login", json={"expiration_sec": 31_536_001})) == (400, 12)
    assert call(http, "auth.login", {"expiration_sec": 31_536_000})["token"]


def test_server_info_answers_uid_from_api_2_8_and_api_version_from_2_12(http):
    assert set(http.post("/v2.1/server.info", json={}).json()["data"]) == {"version", "build", "commit"}
    assert set(http.post("/v2.8/server.info", json={}).json()["data"]) == {"version", "build", "commit", "uid"}
    latest = call(http, "server.info", {})
    assert set(latest) == {"version", "build", "commit", "uid", "api_version"}

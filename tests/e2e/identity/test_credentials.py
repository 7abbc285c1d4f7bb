"""Credentials through the gateway: create, use, revoke, expiry, usage, logout; a revoked or
expired key (or a logged-out session) is refused by the gateways and the files process
within a second."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from pymongo import MongoClient

from tests.e2e.api import call, meta
from tests.support.servers import MONGO

pytestmark = pytest.mark.e2e

WITHIN_S = 1.0


def new_pair(http: httpx.Client) -> tuple[str, str]:
    created = call(http, "auth.create_credentials", {"label": f"l-{uuid.uuid4().hex[:8]}"})["credentials"]
    return created["access_key"], created["secret_key"]


def refused_within(check, seconds: float = WITHIN_S) -> float:
    """Seconds until ``check()`` answers 401 (fails the test past ``seconds``)."""
    start = time.monotonic()
    while True:
        if check() == 401:
            return time.monotonic() - start
        assert time.monotonic() - start < seconds, "still accepted"
        time.sleep(0.05)


def credentials_collection(stack):
    client = MongoClient(MONGO, tz_aware=True)
    return client, client[f"{stack.db_prefix}cairn_identity"]["credentials"]


def test_a_revoked_key_is_refused_by_every_gateway_within_a_second(stack, http):
    second = stack.start_extra_gateway()
    pair = new_pair(http)
    urls = [stack.url, second]
    for url in urls:  # both gateways have verified (and cached) the pair
        assert httpx.post(f"{url}/auth.get_credentials", auth=pair, json={}).status_code == 200
    assert httpx.post(f"{stack.url}/auth.revoke_credentials", auth=pair, json={"access_key": pair[0]}).status_code == 200
    for url in urls:
        refused_within(lambda: httpx.post(f"{url}/auth.get_credentials", auth=pair, json={}).status_code)


def test_a_token_obtained_with_a_key_is_refused_within_a_second_of_the_keys_revocation(stack, http):
    pair = new_pair(http)
    token = call(httpx.Client(base_url=stack.url, auth=pair), "auth.login", {})["token"]
    refreshed = call(httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}),
                     "auth.login", {})["token"]  # a token refreshed with the token keeps the key
    other = call(http, "auth.login", {})["token"]  # obtained with another key: unaffected
    bearer = lambda t: httpx.post(f"{stack.url}/tasks.get_all", json={"page_size": 1},  # noqa: E731
                                  headers={"Authorization": f"Bearer {t}"}).status_code
    assert bearer(token) == 200 and bearer(refreshed) == 200
    assert httpx.post(f"{stack.url}/auth.revoke_credentials", auth=pair, json={"access_key": pair[0]}).status_code == 200
    refused_within(lambda: bearer(token))
    refused_within(lambda: bearer(refreshed))
    assert bearer(other) == 200


def test_an_expired_key_is_refused_even_when_a_gateway_cached_it(stack, http):
    pair = new_pair(http)
    expire = datetime.now(timezone.utc) + timedelta(seconds=2)
    client, credentials = credentials_collection(stack)
    with client:
        credentials.update_one({"access_key": pair[0]}, {"$set": {"expire": expire}})
    use = lambda: httpx.post(f"{stack.url}/auth.get_credentials", auth=pair, json={}).status_code  # noqa: E731
    assert use() == 200
    listed = {c["access_key"]: c for c in call(http, "auth.get_credentials", {})["credentials"]}
    assert listed[pair[0]]["expire"].startswith(expire.strftime("%Y-%m-%dT%H:%M:%S"))
    time.sleep(max(0.0, (expire - datetime.now(timezone.utc)).total_seconds()))
    refused_within(use)
    response = httpx.post(f"{stack.url}/auth.get_credentials", auth=pair, json={})
    assert meta(response) == (401, 22)


def test_last_used_from_is_the_worker_the_call_names(stack, http):
    pair = new_pair(http)
    worker = f"worker-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=stack.url, auth=pair, headers={"X-ClearML-Worker": worker}) as client:
        for _ in range(50):  # the use is written down in the background
            keys = {c["access_key"]: c for c in call(client, "auth.get_credentials", {})["credentials"]}
            if keys[pair[0]].get("last_used_from"):
                break
            time.sleep(0.1)
    assert keys[pair[0]]["last_used_from"] == worker


def test_locate_credentials_names_the_owner_of_a_key(stack, http):
    pair = new_pair(http)
    found = call(http, "auth.locate_credentials", {"access_key": pair[0]})
    me = call(http, "users.get_current_user", {})["user"]
    assert (found["user"], found["name"]) == (me["id"], me["name"])
    unknown = http.post("/auth.locate_credentials", json={"access_key": uuid.uuid4().hex.upper()[:30]})
    assert meta(unknown) == (400, 75)


def test_set_credentials_gives_the_caller_the_pair_it_chose(stack, http):
    key, secret = f"K{uuid.uuid4().hex.upper()[:29]}", f"s-{uuid.uuid4().hex}"
    assert call(http, "auth.set_credentials", {"access_key": key, "secret_key": secret}) == {"set": True}
    me = call(http, "users.get_current_user", {})["user"]["id"]
    with httpx.Client(base_url=stack.url, auth=(key, secret)) as client:
        assert call(client, "users.get_current_user", {})["user"]["id"] == me


def test_a_key_given_a_new_secret_ends_its_old_tokens_and_gives_tokens_that_work(stack, http):
    """auth.set_credentials on an existing key: the old secret's tokens are refused, while a
    token obtained with the new secret works (it was refused for good: the key's revocation
    had no time, so every later token of the key was taken for one of the old secret)."""
    key, first = f"K{uuid.uuid4().hex.upper()[:29]}", f"s-{uuid.uuid4().hex}"
    assert call(http, "auth.set_credentials", {"access_key": key, "secret_key": first}) == {"set": True}
    old = call(httpx.Client(base_url=stack.url, auth=(key, first)), "auth.login", {})["token"]
    bearer = lambda t: httpx.post(f"{stack.url}/tasks.get_all", json={"page_size": 1},  # noqa: E731
                                  headers={"Authorization": f"Bearer {t}"}).status_code
    assert bearer(old) == 200
    second = f"s-{uuid.uuid4().hex}"
    assert call(http, "auth.set_credentials", {"access_key": key, "secret_key": second}) == {"set": True}
    refused_within(lambda: bearer(old))
    new = call(httpx.Client(base_url=stack.url, auth=(key, second)), "auth.login", {})["token"]
    time.sleep(0.5)  # the revocation facts have reached the gateway (refused_within saw the first)
    assert bearer(new) == 200


def test_logout_revokes_the_session_at_the_gateway_and_the_files_process(stack, http):
    token = call(http, "auth.login", {})["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    path = f"{stack.files_url}/{uuid.uuid4().hex}/none.txt"
    assert httpx.get(path, headers=bearer).status_code == 404  # known caller, no such file
    assert httpx.post(f"{stack.url}/auth.logout", headers=bearer, json={}).status_code == 200
    refused_within(lambda: httpx.post(f"{stack.url}/users.get_current_user", headers=bearer, json={}).status_code)
    refused_within(lambda: httpx.get(path, headers=bearer).status_code)

"""Global variables through the gateway (issue 16, item 4): set, read, delete, and bounded,
atomic increments that concurrent clients never lose."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.identity.people import make_company, make_person
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def checked(http: httpx.Client, endpoint: str, body: dict) -> dict:
    data = call(http, f"variables.{endpoint}", body)
    assert_conforms(f"variables.{endpoint}", data)
    return data


def increment(http: httpx.Client, key: str, by: int, **bounds) -> dict:
    return checked(http, "increment_global_vars", {"commands": [{"key": key, "increment": by, **bounds}]})["vars"][0]


def test_variables_are_set_read_and_deleted(http):
    a, b = unique("var"), unique("var")
    given = [{"key": a, "value": "x"}, {"key": b, "value": "7"}]
    assert checked(http, "set_global_vars", {"vars": given})["updated"] == 2
    assert checked(http, "get_global_vars", {"keys": [a, b, unique("none")]})["vars"] == [
        {"key": a, "value": "x"}, {"key": b, "value": "7"}]
    assert checked(http, "delete_global_vars", {"keys": [a, b]})["deleted"] == 2
    assert checked(http, "get_global_vars", {"keys": [a]})["vars"] == []


def test_variables_belong_to_their_company(stack, http):
    key = unique("var")
    checked(http, "set_global_vars", {"vars": [{"key": key, "value": "mine"}]})
    other = make_person(stack, "admin", make_company(stack, "vars"))
    with httpx.Client(base_url=stack.url, auth=other.auth, timeout=60) as elsewhere:
        assert checked(elsewhere, "get_global_vars", {"keys": [key]})["vars"] == []


def test_an_increment_starts_from_zero_and_respects_the_bounds(http):
    key = unique("count")
    assert increment(http, key, 5) == {"key": key, "value": 5, "increment": 5}
    assert increment(http, key, 10, max_allowed_value=12) == {"key": key, "value": 12, "increment": 7}
    assert increment(http, key, 1, max_allowed_value=12) == {"key": key, "value": 12, "increment": 0}
    refused = increment(http, key, -20, min_allowed_value=3, allow_partial=False)
    assert refused == {"key": key, "value": 12, "increment": 0}
    assert increment(http, key, -20, min_allowed_value=3) == {"key": key, "value": 3, "increment": -9}
    assert checked(http, "get_global_vars", {"keys": [key]})["vars"] == [{"key": key, "value": "3"}]


def test_a_text_variable_cannot_be_incremented(http):
    key = unique("text")
    checked(http, "set_global_vars", {"vars": [{"key": key, "value": "abc"}]})
    response = http.post("/v2.23/variables.increment_global_vars", json={"commands": [{"key": key, "increment": 1}]})
    assert meta(response) == (400, 16)


def test_an_expired_variable_is_gone_and_counts_again_from_zero(http):
    key = unique("ttl")
    increment(http, key, 4, expiration_sec=1)
    deadline = time.monotonic() + 10
    while checked(http, "get_global_vars", {"keys": [key]})["vars"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert checked(http, "get_global_vars", {"keys": [key]})["vars"] == []
    assert increment(http, key, 1) == {"key": key, "value": 1, "increment": 1}


def test_twenty_concurrent_clients_never_lose_an_increment(stack):
    key = unique("concurrent")

    def client_increments() -> int:
        with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as own:
            return sum(increment(own, key, 1)["increment"] for _ in range(50))

    with ThreadPoolExecutor(max_workers=20) as pool:
        added = sum(pool.map(lambda _: client_increments(), range(20)))
    with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as http:
        final = checked(http, "get_global_vars", {"keys": [key]})["vars"]
    assert added == 1000 and final == [{"key": key, "value": "1000"}]

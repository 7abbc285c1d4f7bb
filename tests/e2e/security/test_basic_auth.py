"""HTTP Basic at the gateway: a wrong secret, an unknown key and every malformed header are a
401 envelope (the same answer for an unknown key and a wrong secret: a key cannot be probed)."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.e2e.security.checks import assert_unauthorized, basic

pytestmark = pytest.mark.e2e

PROBE = "/v999.0/users.get_current_user"


def malformed(stack) -> dict[str, dict[str, str]]:
    key = stack.key.encode()
    return {
        "wrong secret": basic(key + b":" + stack.secret.encode()[::-1]),
        "empty secret": basic(key + b":"),
        "secret with a suffix": basic(key + b":" + stack.secret.encode() + b"x"),
        "secret of another key": basic(b"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ:" + stack.secret.encode()),
        "unknown key": basic(b"NOSUCHKEY:secret"),
        "empty key": basic(b":" + stack.secret.encode()),
        "missing colon": basic(key + stack.secret.encode()),
        "only a colon": basic(b":"),
        "empty": {"Authorization": "Basic"},
        "not base64": {"Authorization": "Basic %%%not-base64%%%"},
        "base64 with bad padding": {"Authorization": "Basic " + base64.b64encode(key + b":x").decode().rstrip("=") + "="},
        "non-UTF-8": basic(b"\xff\xfe\xfa:\xc3\x28"),
        "non-UTF-8 secret": basic(key + b":\xff\xfe"),
        "NUL in key": basic(key + b"\x00:" + stack.secret.encode()),
        "key as regex": basic(b".*:" + stack.secret.encode()),
        "key as a query object": basic(b'{"$ne": null}:' + stack.secret.encode()),
        "huge": basic(b"K" * 20000 + b":" + b"S" * 20000),
    }


KINDS = ["wrong secret", "empty secret", "secret with a suffix", "secret of another key", "unknown key", "empty key",
         "missing colon", "only a colon", "empty", "not base64", "base64 with bad padding", "non-UTF-8",
         "non-UTF-8 secret", "NUL in key", "key as regex", "key as a query object", "huge"]


@pytest.fixture(scope="module")
def headers(stack):
    made = malformed(stack)
    assert sorted(made) == sorted(KINDS)
    return made


def test_the_right_pair_is_accepted_so_the_refusals_below_mean_something(stack):
    assert httpx.post(f"{stack.url}{PROBE}", auth=(stack.key, stack.secret), json={}).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_bad_basic_credentials_are_a_401_envelope(stack, headers, kind):
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers=headers[kind], json={}, timeout=60))


def test_an_unknown_key_and_a_wrong_secret_get_the_same_answer(stack, headers):
    def answer(kind: str) -> tuple:
        meta = httpx.post(f"{stack.url}{PROBE}", headers=headers[kind], json={}).json()["meta"]
        return meta["result_code"], meta["result_subcode"], meta["result_msg"]

    assert answer("unknown key") == answer("wrong secret")


def test_a_wrong_secret_after_a_right_one_is_still_refused(stack, headers):
    """The gateway caches verified pairs: the cache must be keyed by the secret too."""
    assert httpx.post(f"{stack.url}{PROBE}", auth=(stack.key, stack.secret), json={}).status_code == 200
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers=headers["wrong secret"], json={}))


def test_basic_credentials_are_not_accepted_by_the_files_process(stack):
    """The files server takes only session tokens (ClearML's): a key pair there is a 401."""
    response = httpx.get(f"{stack.files_url}/any/file.txt", auth=(stack.key, stack.secret))
    assert response.status_code == 401 and response.json()["meta"]["result_code"] == 401

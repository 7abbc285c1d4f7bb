"""Session tokens at the gateway (and the files process): only an HS256 JWT signed with the
stack's secret, not expired, of a session, key and user still alive, is accepted. Everything
else is a 401 ClearML envelope, and the call reaches no service."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call
from tests.e2e.identity.people import make_person, system_session
from tests.e2e.security.checks import assert_unauthorized

pytestmark = pytest.mark.e2e

# A call that any authenticated caller may make and that changes nothing.
PROBE = "/v999.0/users.get_current_user"


def claims(stack, **changes) -> dict:
    """The claims of a valid session of the stack's admin company (a real token, decoded)."""
    identity = Identity(company="d1bd92a3b039400cbafc60a7a5b1e52b", user=uuid.uuid4().hex, role="admin",
                        user_name="forger")
    token = issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    out = jwt.decode(token, options={"verify_signature": False})
    out.update(changes)
    return out


def b64(data: dict | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unsigned(payload: dict, alg: str = "none") -> str:
    return f"{b64({'alg': alg, 'typ': 'JWT'})}.{b64(payload)}."


def rsa_pem() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def hs256_by_hand(payload: dict, key: bytes) -> str:
    """HS256 keyed with an RSA public key (PyJWT refuses to make it: the alg-confusion attack)."""
    signing = f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64(payload)}"
    return f"{signing}.{b64(hmac.new(key, signing.encode(), hashlib.sha256).digest())}"


def forged_tokens(stack) -> dict[str, str]:
    """Tokens an attacker could make without the stack's secret (or with it, misused)."""
    good = claims(stack)
    secret = stack.token_secret
    private, public = rsa_pem()
    signed = jwt.encode(good, secret, algorithm="HS256")
    head, body, sig = signed.split(".")
    return {
        "expired": jwt.encode(claims(stack, iat=int(time.time()) - 7200, exp=int(time.time()) - 3600), secret),
        "no expiry": jwt.encode({k: v for k, v in good.items() if k != "exp"}, secret),
        "not yet valid": jwt.encode(claims(stack, nbf=int(time.time()) + 3600), secret),
        "another secret": jwt.encode(good, "not-the-secret-" + uuid.uuid4().hex),
        "signature of another body": f"{head}.{b64(claims(stack, role='root'))}.{sig}",
        "bit-flipped signature": f"{head}.{body}.{sig[:-2]}{'A' if sig[-2] != 'A' else 'B'}{sig[-1]}",
        "signature cut off": f"{head}.{body}.",
        "alg none": unsigned(good),
        "alg None": unsigned(good, "None"),
        "alg nOnE": unsigned(good, "nOnE"),
        "HS512 with the secret": jwt.encode(good, secret, algorithm="HS512"),
        "HS384 with the secret": jwt.encode(good, secret, algorithm="HS384"),
        "RS256 of another key": jwt.encode(good, private, algorithm="RS256"),
        # the classic confusion: HS256 keyed with a public key the server might hold
        "HS256 keyed with a public key": hs256_by_hand(good, public),
        "no identity": jwt.encode({k: v for k, v in good.items() if k != "identity"}, secret),
        "identity not an object": jwt.encode(claims(stack, identity="root"), secret),
        "identity without company": jwt.encode(claims(stack, identity={"user": "u", "role": "root"}), secret),
        "garbage": "garbage",
        "three dots": "...",
        "two dots": "..",
        "empty parts": "a..b",
        "not base64": "%%%.&&&.***",
        "huge": "a" * 30000 + "." + "b" * 30000 + ".c",
        "a megabyte": "a" * 500000 + "." + "b" * 500000 + ".c",
        "json header, no body": f"{b64({'alg': 'HS256'})}",
    }


FORGED = [
    "expired", "no expiry", "not yet valid", "another secret", "signature of another body",
    "bit-flipped signature", "signature cut off", "alg none", "alg None", "alg nOnE", "HS512 with the secret",
    "HS384 with the secret", "RS256 of another key", "HS256 keyed with a public key", "no identity",
    "identity not an object", "identity without company", "garbage", "three dots", "two dots", "empty parts",
    "not base64", "huge", "a megabyte", "json header, no body",
]


@pytest.fixture(scope="module")
def tokens(stack):
    made = forged_tokens(stack)
    assert sorted(made) == sorted(FORGED)
    return made


def test_a_valid_token_is_accepted_so_the_refusals_below_mean_something(stack):
    token = jwt.encode(claims(stack), stack.token_secret, algorithm="HS256")
    response = httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": f"Bearer {token}"}, json={})
    assert response.status_code != 401, response.text


@pytest.mark.parametrize("kind", FORGED)
def test_a_bad_bearer_token_is_a_401_envelope(stack, tokens, kind):
    response = httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": f"Bearer {tokens[kind]}"}, json={})
    assert_unauthorized(response)


@pytest.mark.parametrize("kind", FORGED)
def test_a_bad_token_in_the_cookie_is_a_401_envelope(stack, tokens, kind):
    response = httpx.post(f"{stack.url}{PROBE}", headers={"Cookie": f"clearml_token_basic={tokens[kind]}"}, json={})
    assert_unauthorized(response)


@pytest.mark.parametrize("kind", ["expired", "alg none", "RS256 of another key", "another secret", "garbage"])
def test_the_files_process_refuses_the_same_tokens(stack, tokens, kind):
    response = httpx.get(f"{stack.files_url}/any/file.txt", headers={"Authorization": f"Bearer {tokens[kind]}"})
    assert response.status_code == 401 and response.json()["meta"]["result_code"] == 401


@pytest.mark.parametrize("header", ["Bearer", "bearer x y", "Token abc", "Digest x", "Basic",
                                    "Bearer\tx", "Bearer Bearer", b"Bearer \xff\xfe"])
def test_a_malformed_authorization_header_is_a_401_envelope(stack, header):
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": header}, json={}))


def session_of(stack, auth) -> str:
    with httpx.Client(base_url=stack.url, auth=auth, timeout=60) as client:
        return call(client, "auth.login", {})["token"]


def refused_soon(stack, token: str, seconds: float = 2.0) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        response = httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": f"Bearer {token}"}, json={})
        if response.status_code == 401 or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_a_token_of_a_revoked_key_is_refused(stack, http):
    pair = call(http, "auth.create_credentials", {})["credentials"]
    auth = (pair["access_key"], pair["secret_key"])
    token = session_of(stack, auth)
    assert httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": f"Bearer {token}"}, json={}).status_code == 200
    call(http, "auth.revoke_credentials", {"access_key": pair["access_key"]})
    assert_unauthorized(refused_soon(stack, token))
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", auth=auth, json={}))


def test_a_token_and_the_keys_of_a_deleted_user_are_refused(stack):
    person = make_person(stack, "user")
    token = session_of(stack, person.auth)
    assert httpx.post(f"{stack.url}{PROBE}", headers={"Authorization": f"Bearer {token}"}, json={}).status_code == 200
    with system_session(stack) as system:
        call(system, "users.delete", {"user": person.user})
    assert_unauthorized(refused_soon(stack, token))
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", auth=person.auth, json={}))
    files = httpx.get(f"{stack.files_url}/any/file.txt", headers={"Authorization": f"Bearer {token}"})
    assert files.status_code == 401


def test_a_logged_out_session_is_refused(stack, http):
    token = call(http, "auth.login", {})["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert httpx.post(f"{stack.url}/v999.0/auth.logout", headers=bearer, json={}).status_code == 200
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers=bearer, json={}))


def test_a_gateway_started_after_the_revocations_refuses_them_from_its_first_answer(stack, http):
    """A new (or restarted) gateway learns revocations from identity's changes topic: it must
    know them by the time it answers ready, not some time later."""
    pair = call(http, "auth.create_credentials", {})["credentials"]
    key_token = session_of(stack, (pair["access_key"], pair["secret_key"]))
    call(http, "auth.revoke_credentials", {"access_key": pair["access_key"]})
    person = make_person(stack, "user")
    user_token = session_of(stack, person.auth)
    with system_session(stack) as system:
        call(system, "users.delete", {"user": person.user})
    logged_out = call(http, "auth.login", {})["token"]
    httpx.post(f"{stack.url}/v999.0/auth.logout", headers={"Authorization": f"Bearer {logged_out}"}, json={})
    fresh = stack.start_extra_gateway()
    for token in (key_token, user_token, logged_out):
        assert_unauthorized(httpx.post(f"{fresh}{PROBE}", headers={"Authorization": f"Bearer {token}"}, json={}))
    assert_unauthorized(httpx.post(f"{fresh}{PROBE}", auth=person.auth, json={}))


def test_a_session_lives_at_most_a_year_whatever_the_caller_asks(stack):
    with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as client:
        response = client.post("/v999.0/auth.login", json={"expiration_sec": 10**12})
    if response.status_code == 200:
        token = response.json()["data"]["token"]
        lifetime = jwt.decode(token, options={"verify_signature": False})
        assert lifetime["exp"] - lifetime["iat"] <= 365 * 24 * 3600
    else:
        assert response.json()["meta"]["result_code"] == 400

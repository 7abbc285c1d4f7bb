"""Every endpoint's ``authorize`` rule of the vendored catalogs (``shared/schemas/spec``, read
through ``shared.endpoints.endpoint_table``), parametrized over the table so a new endpoint
is covered without editing this file:

- ``authorize: true`` (the default): no credentials or a forged token -> 401 envelope;
- ``authorize: false`` / optional: no credentials is not a 401 (and never a 5xx);
- restricted to roles (``allow_roles`` without ``*``): a plain user -> 403/20;
- the processes' own RPC endpoints (``internal.*``, not in the catalogs): 404 over HTTP,
  even to an authenticated admin.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from shared.endpoints import endpoint_table
from tests.e2e.identity.people import make_person
from tests.e2e.security.checks import assert_envelope, assert_unauthorized

pytestmark = pytest.mark.e2e

TABLE = endpoint_table()
REQUIRED = sorted(n for n, e in TABLE.items() if e.authorize is True)
OPEN = sorted(n for n, e in TABLE.items() if e.authorize is not True)
RESTRICTED = sorted(n for n, e in TABLE.items() if e.authorize is True and "*" not in e.allow_roles)
# What the processes answer over Kafka but the catalogs do not list (the ``internal.*`` rows
# of their endpoint tables, found in their source): never routed from HTTP.
SERVICES = Path(__file__).resolve().parents[3] / "services"
SERVICE_ONLY = sorted({name for path in SERVICES.glob("*/**/*.py")
                       for name in re.findall(r'"(internal\.[a-z_]+)"', path.read_text())} - set(TABLE))
FORGED = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpZGVudGl0eSI6eyJyb2xlIjoicm9vdCJ9fQ."


def test_the_catalog_is_read_whole():
    assert len(TABLE) > 400 and len(REQUIRED) > 400 and len(RESTRICTED) > 100 and OPEN
    assert len(SERVICE_ONLY) > 10 and "internal.verify_credentials" in SERVICE_ONLY


@pytest.fixture(scope="module")
def client(stack):
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        yield anonymous


@pytest.fixture(scope="module")
def user(stack):
    person = make_person(stack, "user")
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as client:
        yield client


@pytest.mark.parametrize("name", REQUIRED)
def test_an_endpoint_that_needs_credentials_refuses_a_call_without_them(client, name):
    assert_envelope(client.post(f"/v999.0/{name}", json={}), 401, (20,))


@pytest.mark.parametrize("name", REQUIRED)
def test_an_endpoint_that_needs_credentials_refuses_a_forged_token(client, name):
    assert_unauthorized(client.post(f"/v999.0/{name}", json={}, headers={"Authorization": f"Bearer {FORGED}"}))


@pytest.mark.parametrize("name", OPEN)
def test_an_open_endpoint_answers_without_credentials(client, name):
    for headers in ({}, {"Authorization": f"Bearer {FORGED}"}):  # bad credentials count as none there
        response = client.post(f"/v999.0/{name}", json={}, headers=headers, follow_redirects=False)
        assert response.status_code not in (401, 403) and response.status_code < 500, response.text[:300]


@pytest.mark.parametrize("name", RESTRICTED)
def test_a_role_restricted_endpoint_refuses_a_plain_user(user, name):
    assert_envelope(user.post(f"/v999.0/{name}", json={}), 403, (20,))


@pytest.mark.parametrize("name", SERVICE_ONLY)
def test_a_process_internal_endpoint_is_not_reachable_over_http(http, name):
    assert_envelope(http.post(f"/v999.0/{name}", json={}), 404)

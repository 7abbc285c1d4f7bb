"""The role suite: every role against every role-restricted endpoint of the endpoint table
(open-source and Enterprise catalogs), through the gateway: a role the table allows gets
past the role check, any other gets 403/20 and nothing is done."""

from __future__ import annotations

import httpx
import pytest

from services.identity.domain import ROLES
from shared.endpoints import endpoint_table
from tests.e2e.api import meta
from tests.e2e.identity.people import make_person

pytestmark = pytest.mark.e2e

# The role gate applies only where authentication is required (ClearML checks
# ``allow_roles`` only then: ``login.supported_modes`` lists roles but is open to all).
RESTRICTED = sorted(
    e.name for e in endpoint_table().values() if e.authorize is True and "*" not in e.allow_roles
)


@pytest.fixture(scope="module")
def people(stack):
    return {role: make_person(stack, role) for role in ROLES}


def test_the_table_restricts_endpoints_to_roles():
    assert len(RESTRICTED) > 100


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_restricted_endpoints_the_table_allows_it(stack, people, role):
    wrong = []
    with httpx.Client(base_url=stack.url, auth=people[role].auth, timeout=30) as client:
        for name in RESTRICTED:
            allowed = endpoint_table()[name].allows(role)
            code = meta(client.post(f"/{name}", json={}))
            if allowed == (code == (403, 20)):
                wrong.append((name, code))
    assert wrong == [], f"role {role}: {len(wrong)} of {len(RESTRICTED)} endpoints answered against the table"


def test_a_session_token_carries_the_role_to_the_check(stack, people):
    with httpx.Client(base_url=stack.url, auth=people["user"].auth) as client:
        token = client.post("/auth.login", json={}).json()["data"]["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    response = httpx.post(f"{stack.url}/auth.locate_credentials", headers=bearer, json={"access_key": "X"})
    assert meta(response) == (403, 20)

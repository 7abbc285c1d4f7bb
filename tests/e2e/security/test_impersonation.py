"""Impersonation (``X-ClearML-Impersonate-As``) and acting as (``X-ClearML-Act-As``): only
system roles and admins may, a root anywhere, the others within their company (ClearML:
400/6 otherwise, never silently ignored); nobody gains a role above its own by it."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.identity.people import make_company, make_person
from tests.e2e.security.checks import assert_envelope

pytestmark = pytest.mark.e2e

PROBE = "/v999.0/users.get_current_user"
IMPERSONATE = "X-ClearML-Impersonate-As"
ACT_AS = "X-ClearML-Act-As"


@pytest.fixture(scope="module")
def people(stack):
    roles = ("user", "annotator", "superuser", "guest", "admin", "system", "root")
    return {role: make_person(stack, role) for role in roles}


@pytest.fixture(scope="module")
def stranger(stack):
    """A user of another company."""
    return make_person(stack, "user", make_company(stack, "security-other"))


def as_(stack, person, header: str, target: str) -> httpx.Response:
    return httpx.post(f"{stack.url}{PROBE}", auth=person.auth, json={}, headers={header: target}, timeout=60)


def current_user(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()["data"]["user"]


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
@pytest.mark.parametrize("role", ["user", "annotator", "superuser", "guest"])
def test_a_role_without_the_right_is_refused(stack, people, role, header):
    target = people["user"] if role != "user" else people["annotator"]
    assert_envelope(as_(stack, people[role], header, target.user), 400, (6,))


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
@pytest.mark.parametrize("role", ["admin", "system", "root"])
def test_a_role_with_the_right_acts_as_the_user(stack, people, role, header):
    user = current_user(as_(stack, people[role], header, people["user"].user))
    assert user["id"] == people["user"].user


def test_impersonating_takes_the_users_role_and_acting_as_keeps_the_callers(stack, people):
    target = people["user"].user
    denied = httpx.post(f"{stack.url}/v999.0/auth.locate_credentials", auth=people["admin"].auth,
                        json={"access_key": "X"}, headers={IMPERSONATE: target})
    assert_envelope(denied, 403, (20,))  # the admin, as the user, has the user's role


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
def test_an_unknown_user_is_refused(stack, people, header):
    assert_envelope(as_(stack, people["admin"], header, "no-such-user"), 400, (6,))


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
@pytest.mark.parametrize("role", ["admin", "system"])
def test_only_root_reaches_another_company(stack, people, stranger, role, header):
    assert_envelope(as_(stack, people[role], header, stranger.user), 400, (6,))
    assert current_user(as_(stack, people["root"], header, stranger.user))["id"] == stranger.user


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
@pytest.mark.parametrize("role,above", [("admin", "system"), ("admin", "root")])
def test_nobody_acts_for_a_user_of_a_higher_role(stack, people, role, above, header):
    """Impersonating takes the target's role: an admin impersonating a system user would
    become one (and reach every company's data through the system endpoints); acting as one
    would make system key pairs (below)."""
    assert_envelope(as_(stack, people[role], header, people[above].user), 400, (6,))


def test_both_headers_at_once_are_refused(stack, people):
    response = httpx.post(f"{stack.url}{PROBE}", auth=people["admin"].auth, json={},
                          headers={IMPERSONATE: people["user"].user, ACT_AS: people["user"].user})
    assert_envelope(response, 400)


def test_a_session_token_cannot_be_impersonated_further_than_its_role(stack, people):
    with httpx.Client(base_url=stack.url, auth=people["user"].auth) as client:
        token = client.post("/v999.0/auth.login", json={}).json()["data"]["token"]
    response = httpx.post(f"{stack.url}{PROBE}", json={},
                          headers={"Authorization": f"Bearer {token}", IMPERSONATE: people["admin"].user})
    assert_envelope(response, 400, (6,))


@pytest.mark.parametrize("header", [IMPERSONATE, ACT_AS])
def test_keys_made_while_acting_for_a_higher_role_do_not_carry_it(stack, people, header):
    """Credentials or a session obtained while acting for someone else belong to that user:
    obtained by an admin acting for a system user, they would carry the system role."""
    made = httpx.post(f"{stack.url}/v999.0/auth.create_credentials", auth=people["admin"].auth, json={},
                      headers={header: people["system"].user})
    if made.status_code == 200:
        pair = made.json()["data"]["credentials"]
        with httpx.Client(base_url=stack.url, auth=(pair["access_key"], pair["secret_key"])) as client:
            role = client.post(PROBE, json={}).json()["data"]["user"].get("role")
            denied = client.post("/v999.0/system.get_companies", json={})
        assert denied.status_code == 403, (role, denied.text[:200])
    else:
        assert_envelope(made, 400, (6,))
    session = httpx.post(f"{stack.url}/v999.0/auth.login", auth=people["admin"].auth, json={},
                         headers={header: people["system"].user})
    if session.status_code == 200:
        bearer = {"Authorization": f"Bearer {session.json()['data']['token']}"}
        assert httpx.post(f"{stack.url}/v999.0/system.get_companies", headers=bearer, json={}).status_code == 403

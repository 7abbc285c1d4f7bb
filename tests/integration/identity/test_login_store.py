"""The login room's stores (passwords, invitations and sign-up domains): one behaviour suite,
run against the in-memory fakes of the unit tests and the Mongo adapters on SecantusDB."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.identity.domain import utcnow
from services.identity.store.invitations import Invitation, MongoInvitationRepository
from services.identity.store.passwords import MongoPasswordRepository, StoredPassword
from tests.unit.identity.test_login import InMemoryPasswordRepository
from tests.unit.identity.test_login_invitations import InMemoryInvitationRepository


@pytest.fixture(params=["memory", "mongo"])
def password_backend(request):
    if request.param == "memory":
        return InMemoryPasswordRepository()
    return MongoPasswordRepository(request.getfixturevalue("mongo_db"))


@pytest.fixture(params=["memory", "mongo"])
def invitation_backend(request):
    if request.param == "memory":
        return InMemoryInvitationRepository()
    return MongoInvitationRepository(request.getfixturevalue("mongo_db"))


@pytest.fixture
async def passwords(password_backend):
    if hasattr(password_backend, "create_indexes"):
        await password_backend.create_indexes()
    return password_backend


@pytest.fixture
async def invitations(invitation_backend):
    if hasattr(invitation_backend, "create_indexes"):
        await invitation_backend.create_indexes()
    return invitation_backend


def stored(user: str, logins: list[str], digest: str = "h1", company: str = "c1") -> StoredPassword:
    return StoredPassword(user, company, logins, digest, utcnow().replace(microsecond=0))


async def test_a_password_is_found_by_user_and_by_each_login_name(passwords):
    await passwords.put(stored("u1", ["ada", "ada@example.org"]))
    await passwords.put(stored("u2", ["ada"], company="c2"))
    assert (await passwords.get("u1")).hash == "h1"
    assert sorted(p.user for p in await passwords.find_by_login("ada")) == ["u1", "u2"]
    assert [p.user for p in await passwords.find_by_login("ada@example.org")] == ["u1"]
    assert await passwords.find_by_login("nobody") == [] and await passwords.get("u3") is None


async def test_put_replaces_and_insert_only_creates(passwords):
    assert await passwords.insert(stored("u1", ["ada"]))
    assert not await passwords.insert(stored("u1", ["ada"], digest="h2"))
    assert (await passwords.get("u1")).hash == "h1"
    await passwords.put(stored("u1", ["lovelace"], digest="h3"))
    assert (await passwords.get("u1")).hash == "h3"
    assert await passwords.find_by_login("ada") == []


async def test_invitations_are_added_once_listed_found_accepted_and_removed(invitations):
    now = utcnow().replace(microsecond=0)
    first = [Invitation("c1", "a@x.org", "user", now), Invitation("c1", "b@x.org", "admin", now + timedelta(seconds=1))]
    assert await invitations.add(first) == ["a@x.org", "b@x.org"]
    assert await invitations.add([Invitation("c1", "a@x.org", "admin", now), Invitation("c2", "a@x.org", "user", now)]) == [
        "a@x.org"]
    assert [(i.email, i.role) for i in await invitations.list("c1")] == [("a@x.org", "user"), ("b@x.org", "admin")]
    assert sorted(i.company for i in await invitations.find("a@x.org")) == ["c1", "c2"]
    await invitations.accept("c1", "a@x.org", "u1", now)
    accepted = next(i for i in await invitations.list("c1") if i.email == "a@x.org")
    assert accepted.user == "u1" and accepted.accepted is not None
    assert await invitations.remove("c1", ["b@x.org", "zz@x.org"]) == ["b@x.org"]
    assert len(await invitations.list(None)) == 2


async def test_sign_up_domains_are_kept_per_company(invitations):
    await invitations.set_domains("c1", ["x.org"])
    await invitations.set_domains("c2", ["y.org", "z.org"])
    await invitations.set_domains("c1", ["w.org"])
    assert await invitations.domains("c1") == {"c1": ["w.org"]}
    assert await invitations.domains(None) == {"c1": ["w.org"], "c2": ["y.org", "z.org"]}

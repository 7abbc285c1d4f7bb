"""Identity's repository contracts: one behaviour suite, run against the in-memory fakes and
against the Mongo adapters on the real MongoDB-wire server (SecantusDB)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

import pytest

from services.identity.domain import Company, Credential, User, hash_secret, new_id, utcnow
from services.identity.repository import MongoIdentityStore
from services.identity.seeding import seed
from services.identity.service import IdentityPorts, IdentityService
from services.identity.settings import IdentitySettings
from tests.unit.identity import fakes


@pytest.fixture(params=["memory", "mongo"])
def backend(request):
    """The in-memory fakes, or the Mongo adapters over a fresh database on SecantusDB."""
    if request.param == "memory":
        return fakes.in_memory_ports()
    return MongoIdentityStore(request.getfixturevalue("mongo_db"))


@pytest.fixture
async def store(backend):
    """``companies``, ``users``, ``credentials``, ``sessions``, ``server`` of one backend."""
    if isinstance(backend, MongoIdentityStore):
        await backend.create_indexes()
    return backend


def credential(access_key: str = "KEY1", user: str = "u1", company: str = "c1", **extra) -> Credential:
    return Credential(
        id=new_id(),
        access_key=access_key,
        secret_hash=hash_secret("secret"),
        company=company,
        user=user,
        created=utcnow(),
        **extra,
    )


async def test_companies_are_created_once(store):
    await store.companies.ensure(Company("c1", "first"))
    await store.companies.ensure(Company("c1", "second"))
    assert await store.companies.get("c1") == Company("c1", "first")
    assert await store.companies.get("missing") is None


async def test_users_round_trip_and_are_created_once(store):
    user = User(id="u1", company="c1", name="Ann", role="admin", preferences={"a": {"b": 1}}, created=utcnow())
    await store.users.ensure(user)
    await store.users.ensure(dataclasses.replace(user, name="Changed"))
    loaded = await store.users.get("u1")
    assert loaded.name == "Ann" and loaded.role == "admin" and loaded.preferences == {"a": {"b": 1}}
    assert abs((loaded.created - user.created).total_seconds()) < 0.01
    assert await store.users.get("nobody") is None


async def test_credentials_insert_get_and_unique_access_key(store):
    first = credential(label="one")
    assert await store.credentials.insert(first)
    assert not await store.credentials.insert(credential(label="dup"))  # same access key
    loaded = await store.credentials.get("KEY1")
    assert (loaded.id, loaded.label, loaded.secret_hash) == (first.id, "one", first.secret_hash)
    assert await store.credentials.get("NOPE") is None


async def test_credentials_with_an_existing_id_are_refused(store):
    first = credential("KEY1")
    assert await store.credentials.insert(first)
    assert not await store.credentials.insert(dataclasses.replace(credential("KEY2"), id=first.id))
    assert await store.credentials.get("KEY2") is None


async def test_put_secret_creates_then_replaces_owner_and_hash(store):
    await store.credentials.put_secret(credential(label="settings"))
    replaced = dataclasses.replace(credential(user="u2"), secret_hash=hash_secret("new"))
    await store.credentials.put_secret(replaced)
    loaded = await store.credentials.get("KEY1")
    assert (loaded.user, loaded.secret_hash, loaded.label) == ("u2", replaced.secret_hash, "settings")


async def test_list_and_count_only_the_users_credentials(store):
    for key, user, company in [("A", "u1", "c1"), ("B", "u1", "c1"), ("C", "u2", "c1"), ("D", "u1", "c2")]:
        await store.credentials.insert(credential(key, user, company))
    assert [c.access_key for c in await store.credentials.list_for_user("c1", "u1")] == ["A", "B"]
    assert await store.credentials.count_for_user("c1", "u1") == 2
    assert await store.credentials.count_for_user("c1", "nobody") == 0


async def test_delete_is_scoped_by_company_and_owner(store):
    await store.credentials.insert(credential("A", "u1", "c1"))
    assert await store.credentials.delete("A", "c2", "u1") == 0
    assert await store.credentials.delete("A", "c1", "u2") == 0
    assert await store.credentials.delete("A", "c1", "u1") == 1
    assert await store.credentials.delete("A", "c1", "u1") == 0
    assert await store.credentials.get("A") is None


async def test_delete_for_user_deletes_that_users_pairs_only(store):
    for key, user, company in [("A", "u1", "c1"), ("B", "u1", "c1"), ("C", "u2", "c1"), ("D", "u1", "c2")]:
        await store.credentials.insert(credential(key, user, company))
    assert await store.credentials.delete_for_user("c1", "u1") == 2
    assert [await store.credentials.get(k) is None for k in "ABCD"] == [True, True, False, False]


async def test_an_expiry_is_kept(store):
    expire = utcnow() + timedelta(days=1)
    await store.credentials.insert(credential("A", expire=expire))
    assert abs(((await store.credentials.get("A")).expire - expire).total_seconds()) < 0.01


async def test_set_label_is_scoped_and_counts_matches(store):
    await store.credentials.insert(credential("A", "u1", "c1", label="old"))
    assert await store.credentials.set_label("A", "c1", "u2", "no") == 0
    assert await store.credentials.set_label("A", "c1", "u1", "new") == 1
    assert (await store.credentials.get("A")).label == "new"


async def test_touch_records_last_use(store):
    await store.credentials.insert(credential("A"))
    when = utcnow()
    await store.credentials.touch("A", when, "10.1.2.3")
    await store.credentials.touch("MISSING", when, None)
    loaded = await store.credentials.get("A")
    assert loaded.last_used_from == "10.1.2.3" and abs((loaded.last_used - when).total_seconds()) < 0.01


async def test_revoked_sessions_are_listed_until_they_expire(store):
    now = utcnow()
    await store.sessions.revoke("live", now + timedelta(hours=1))
    await store.sessions.revoke("live", now + timedelta(minutes=1))  # never shortened
    await store.sessions.revoke("gone", now - timedelta(seconds=1))
    revoked = dict(await store.sessions.list_revoked(now))
    assert set(revoked) == {"live"}
    assert abs((revoked["live"] - (now + timedelta(hours=1))).total_seconds()) < 0.01


async def test_server_uid_is_created_once(store):
    uids = await asyncio.gather(*(store.server.uid() for _ in range(5)))
    assert len(set(uids)) == 1 and len(uids[0]) == 32


# --- seeding against the real store --------------------------------------------------------


def _ports(store) -> IdentityPorts:
    return IdentityPorts(
        companies=store.companies,
        users=store.users,
        credentials=store.credentials,
        sessions=store.sessions,
        server=store.server,
        publisher=fakes.FakeFactPublisher(),
    )


async def test_concurrent_seeding_generates_and_shows_one_admin_pair(store):
    settings = IdentitySettings(auth_token_secret="t" * 40)
    shown: list[str] = []
    ports = _ports(store)
    admins = await asyncio.gather(*(seed(ports, settings, announce=shown.append) for _ in range(4)))
    assert len({a.id for a in admins}) == 1
    assert len(shown) == 1
    assert await store.credentials.count_for_user(settings.company_id, admins[0].id) == 1


async def test_configured_pair_survives_reseeding_and_a_changed_secret_applies(store):
    key = "CONFIGUREDKEY00000000000000001"
    ports = _ports(store)
    await seed(ports, IdentitySettings(auth_token_secret="t" * 40, admin_access_key=key, admin_secret_key="one" * 20))
    changed = IdentitySettings(auth_token_secret="t" * 40, admin_access_key=key, admin_secret_key="two" * 20)
    await asyncio.gather(seed(ports, changed), seed(ports, changed))
    identity = await IdentityService(ports, changed).verify_credentials(key, "two" * 20)
    assert identity.role == "admin" and identity.company_name == "clearml"

"""The SSO room's storage contracts (``ConfigurationRepository``, ``LoginRecordRepository``):
one behaviour suite, run against the in-memory fakes and the Mongo adapters on the real
MongoDB-wire server."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from services.identity.domain import utcnow
from services.identity.sso.store import MongoConfigurationRepository, MongoLoginRecordRepository, StoredConfiguration
from tests.unit.identity.sso_fakes import InMemoryConfigurations, InMemoryLoginRecords


@pytest.fixture(params=["memory", "mongo"])
def backend(request):
    """(configurations, records) in memory, or the Mongo adapters over a fresh database."""
    if request.param == "memory":
        return InMemoryConfigurations(), InMemoryLoginRecords()
    db = request.getfixturevalue("mongo_db")
    return MongoConfigurationRepository(db), MongoLoginRecordRepository(db)


@pytest.fixture
async def stores(backend):
    for store in backend:
        if hasattr(store, "create_indexes"):
            await store.create_indexes()
    return backend


def configuration(config_id: str, company: str = "c1", active: bool = False) -> StoredConfiguration:
    return StoredConfiguration(id=config_id, company=company, provider="oidc", category="oidc",
                               display_name=config_id, active=active, last_update=utcnow().replace(microsecond=0),
                               settings={"client_id": "x", "claim_mapping": {"user_id": "sub"}},
                               sealed={"client_secret": "fernet:abc"})


async def test_a_configuration_is_kept_whole_and_replaced_by_id(stores):
    configurations, _ = stores
    stored = configuration("a")  # one instance: two would differ in last_update across a second
    await configurations.put(stored)
    assert await configurations.get("a") == stored
    await configurations.put(configuration("a", active=True))
    assert (await configurations.get("a")).active is True
    assert await configurations.get("missing") is None


async def test_listing_by_company_and_state(stores):
    configurations, _ = stores
    for made in (configuration("b", active=True), configuration("a"), configuration("c", company="c2", active=True)):
        await configurations.put(made)
    ids = lambda found: [c.id for c in found]  # noqa: E731
    assert ids(await configurations.list("c1")) == ["a", "b"]
    assert ids(await configurations.list(None, active=True)) == ["b", "c"]
    assert ids(await configurations.list("c1", active=False)) == ["a"]


async def test_activation_and_deletion_count_only_the_companys_changes(stores):
    configurations, _ = stores
    for made in (configuration("a"), configuration("b", active=True), configuration("c", company="c2")):
        await configurations.put(made)
    assert await configurations.set_active("c1", ["a", "b", "c"], True, utcnow()) == 1
    assert (await configurations.get("c")).active is False
    assert await configurations.delete("c1", ["a", "c", "missing"]) == 1
    assert await configurations.get("c") is not None


async def test_a_link_finds_its_user_until_unlinked(stores):
    _, records = stores
    assert await records.linked_user("c1", "https://idp", "sub-1") is None
    await records.link("c1", "https://idp", "sub-1", "u1")
    assert await records.linked_user("c1", "https://idp", "sub-1") == "u1"
    assert await records.linked_user("c2", "https://idp", "sub-1") is None
    await records.unlink("c1", "https://idp", "sub-1")
    assert await records.linked_user("c1", "https://idp", "sub-1") is None


async def test_a_state_is_redeemed_once_even_when_raced(stores):
    _, records = stores
    now = utcnow()
    results = await asyncio.gather(*(records.redeem("s1", now + timedelta(minutes=5), now) for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]
    assert await records.redeem("s2", now + timedelta(minutes=5), now) is True


async def test_a_test_run_is_taken_once_and_not_after_it_expired(stores):
    _, records = stores
    now = utcnow()
    await records.put_test_run("r1", configuration("c-under-test"), now + timedelta(minutes=5))
    await records.put_test_run("r2", configuration("other"), now - timedelta(seconds=1))
    assert await records.take_test_run("r1", now) == configuration("c-under-test")
    assert await records.take_test_run("r1", now) is None
    assert await records.take_test_run("r2", now) is None

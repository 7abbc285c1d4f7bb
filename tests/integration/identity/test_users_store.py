"""The users room's storage contracts (``UserDirectory``, ``VaultRepository``): one behaviour
suite, run against the in-memory fakes and the Mongo adapters on the real MongoDB-wire server."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.identity.domain import User, utcnow
from services.identity.users.store import MongoUserRepository, UserQuery
from services.identity.users.vault_store import MongoVaultRepository, OperationQuery, Vault, VaultOperation
from tests.unit.identity.users_fakes import InMemoryUserDirectory, InMemoryVaults


@pytest.fixture(params=["memory", "mongo"])
def backend(request):
    """(users, vaults) in memory, or the Mongo adapters over a fresh database on SecantusDB."""
    if request.param == "memory":
        return InMemoryUserDirectory(), InMemoryVaults()
    db = request.getfixturevalue("mongo_db")
    return MongoUserRepository(db), MongoVaultRepository(db)


@pytest.fixture
async def stores(backend):
    users, vaults = backend
    for store in (users, vaults):
        if hasattr(store, "create_indexes"):
            await store.create_indexes()
    return users, vaults


def user(user_id: str, company: str = "c1", **fields) -> User:
    return User(id=user_id, company=company, name=fields.pop("name", user_id), **fields)


async def test_a_user_id_is_inserted_once(stores):
    users, _ = stores
    assert await users.insert(user("u1")) is True
    assert await users.insert(user("u1", name="again")) is False
    assert (await users.get("u1")).name == "u1"


async def test_find_filters_by_company_ids_name_pattern_emails_and_service(stores):
    users, _ = stores
    for made in (
        user("a", name="Alpha", email="a@x"),
        user("b", name="beta", service=True),
        user("c", company="c2", name="alpha2"),
    ):
        await users.insert(made)
    ids = lambda found: sorted(u.id for u in found)  # noqa: E731
    assert ids(await users.find(UserQuery(company="c1"))) == ["a", "b"]
    assert ids(await users.find(UserQuery(company=None, name="^alpha"))) == ["a", "c"]
    assert ids(await users.find(UserQuery(company="c1", ids=("b", "c")))) == ["b"]
    assert ids(await users.find(UserQuery(company=None, emails=("a@x",)))) == ["a"]
    assert ids(await users.find(UserQuery(company="c1", service=True))) == ["b"]
    assert ids(await users.find(UserQuery(company="c1", service=False))) == ["a"]


async def test_find_orders_and_pages(stores):
    users, _ = stores
    for name in ("n2", "n1", "n3"):
        await users.insert(user(name))
    query = UserQuery(company="c1", order_by=("-name",), skip=1, limit=1)
    assert [u.id for u in await users.find(query)] == ["n2"]


async def test_update_and_delete_stay_in_the_company_given(stores):
    users, _ = stores
    await users.insert(user("u1"))
    assert await users.update("u1", "c2", {"role": "admin"}) == 0
    assert await users.update("u1", "c1", {"role": "admin"}) == 1
    assert await users.update("u1", None, {"given_name": "G"}) == 1
    assert await users.delete("u1", "c2") is None
    removed = await users.delete("u1", None)
    assert (removed.role, removed.given_name) == ("admin", "G") and await users.get("u1") is None


async def test_preferences_keep_any_key_and_start_empty(stores):
    users, _ = stores
    await users.insert(user("u1"))
    assert await users.preferences("u1", "c1") == {}
    assert await users.preferences("u1", "c2") is None
    stored = {"a.b": {"$c": [1, {"d.e": None}]}}
    assert await users.set_preferences("u1", "c1", stored) == 1
    assert await users.preferences("u1", "c1") == stored
    assert (await users.get("u1")).preferences == stored


async def test_vaults_are_saved_read_and_deleted_within_their_company(stores):
    _, vaults = stores
    first = Vault(id="v1", company="c1", scope="user", user="u1", data="a: 1", last_update=utcnow())
    await vaults.save(first)
    await vaults.save(Vault(id="v2", company="c1", scope="organization", last_update=utcnow() + timedelta(seconds=1)))
    await vaults.save(Vault(id="v3", company="c2", scope="organization", last_update=utcnow()))
    assert await vaults.get("v1", "c2") is None and (await vaults.get("v1", "c1")).data == "a: 1"
    assert [v.id for v in await vaults.of_company("c1")] == ["v1", "v2"]
    later = utcnow() + timedelta(seconds=2)
    await vaults.save(Vault(id="v1", company="c1", scope="user", user="u1", data="a: 2", last_update=later))
    assert [(v.id, v.data) for v in await vaults.of_company("c1")] == [("v2", ""), ("v1", "a: 2")]
    assert await vaults.delete("v1", "c2") == 0 and await vaults.delete("v1", "c1") == 1


async def test_vault_operations_are_filtered_ordered_and_paged(stores):
    _, vaults = stores
    start = utcnow().replace(microsecond=0)
    for n, (operation, who) in enumerate((("create", "u1"), ("update", "u2"), ("delete", "u1"))):
        await vaults.log(VaultOperation(
            id=f"o{n}", company="c1", created=start + timedelta(seconds=n), operation=operation,
            user=who, user_name=who, scope="user", vault="v1",
        ))
    ops = lambda found: [op.operation for op in found]  # noqa: E731
    assert ops(await vaults.operations(OperationQuery(company="c1"))) == ["delete", "update", "create"]
    assert ops(await vaults.operations(OperationQuery(company="c1", newest_first=False, limit=1))) == ["create"]
    assert ops(await vaults.operations(OperationQuery(company="c1", users=("u1",), skip=1))) == ["create"]
    window = OperationQuery(company="c1", since=start + timedelta(seconds=1), until=start + timedelta(seconds=1))
    assert ops(await vaults.operations(window)) == ["update"]
    assert await vaults.operations(OperationQuery(company="c2")) == []

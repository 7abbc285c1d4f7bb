"""The permissions and variables rooms' storage on the real MongoDB-wire server: the
permission store's contract (one suite, also run against the in-memory fake the unit tests use)
and the variable store's atomic increments."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from services.identity.domain import utcnow
from services.identity.permissions.domain import Group, Rule, default_rules, system_groups
from services.identity.permissions.store import MongoPermissionStore
from services.identity.variables.store import MongoVariableStore, NotANumber
from tests.unit.identity.permissions_fakes import InMemoryPermissionStore

C = "c1"


@pytest.fixture(params=["memory", "mongo"])
def backend(request):
    if request.param == "memory":
        return InMemoryPermissionStore()
    return MongoPermissionStore(request.getfixturevalue("mongo_db"))


@pytest.fixture
async def store(backend):
    if hasattr(backend, "create_indexes"):
        await backend.create_indexes()
    return backend


async def test_system_groups_are_ensured_once_and_never_edited_or_deleted(store):
    await store.ensure_groups(system_groups(C, utcnow()))
    await store.ensure_groups(system_groups(C, utcnow()))
    groups = await store.groups(C)
    assert len(groups) == 2 and all(g.system for g in groups)
    assert await store.update_group(C, groups[0].id, {"name": "x"}) == 0
    assert await store.delete_groups(C, [g.id for g in groups]) == 0


async def test_groups_are_inserted_updated_and_deleted_within_their_company(store):
    await store.insert_group(Group(id="g1", company=C, name="team", users=("a",)))
    assert await store.update_group("other", "g1", {"users": ["b"]}) == 0
    assert await store.update_group(C, "g1", {"users": ["a", "b"], "description": "d"}) == 1
    assert (await store.groups(C, ["g1"]))[0].users == ("a", "b")
    assert await store.delete_groups(C, ["g1"]) == 1 and await store.groups(C) == []


async def test_default_rules_are_ensured_once_and_reset_counts_what_changed(store):
    defaults = default_rules(C, ["users"], utcnow())
    assert await store.ensure_rules(defaults) == len(defaults)
    assert await store.ensure_rules(defaults) == 0
    edited = defaults[0].__class__(**{**defaults[0].__dict__, "access_permission": "read"})
    assert await store.update_rule(edited) == 1
    await store.delete_rules(C, [defaults[1].id])
    assert await store.reset_rules(defaults) == 2
    assert {r.access_permission for r in await store.rules(C)} == {"read_write"}


async def test_deleted_users_and_groups_leave_the_rules(store):
    await store.insert_group(Group(id="g1", company=C, name="team", users=("a", "b")))
    await store.insert_rule(Rule(id="r1", company=C, name="r", entity_type="task", entity_id="t",
                                 access_permission="read", users=("a", "c"), groups=("g1", "g2")))
    await store.forget_user(C, "a")
    await store.forget_groups(C, ["g1"])
    rule = (await store.rules(C, ["r1"]))[0]
    assert (rule.users, rule.groups) == (("c",), ("g2",))
    assert (await store.groups(C, ["g1"]))[0].users == ("b",)


async def test_versions_are_distinct_under_concurrent_changes(store):
    await store.set_managed(C)
    versions = await asyncio.gather(*(store.next_version(C) for _ in range(30)))
    assert sorted(v for v, _ in versions) == list(range(1, 31)) and all(m for _, m in versions)
    assert await store.is_managed(C) and not await store.is_managed("other")


async def test_concurrent_bounded_increments_never_lose_one_nor_cross_the_bound(mongo_db):
    variables = MongoVariableStore(mongo_db)
    await variables.create_indexes()
    now = utcnow()
    added = await asyncio.gather(*(variables.increment(C, "n", 3, None, 250, True, None, now) for _ in range(100)))
    assert (await variables.get(C, ["n"], now)) == {"n": 250}
    assert sum(a for _, a in added) == 250 and sorted({a for _, a in added}) == [0, 1, 3]


async def test_expired_variables_are_absent_and_restart_from_zero(mongo_db):
    variables = MongoVariableStore(mongo_db)
    now = utcnow()
    await variables.put(C, "t", 7, now + timedelta(seconds=5))
    assert await variables.get(C, ["t"], now) == {"t": 7}
    later = now + timedelta(seconds=6)
    assert await variables.get(C, ["t"], later) == {}
    assert await variables.increment(C, "t", 2, None, None, True, None, later) == (2, 2)
    await variables.put(C, "s", "text", None)
    with pytest.raises(NotANumber):
        await variables.increment(C, "s", 1, None, None, True, None, now)

"""The users room's use cases over in-memory fakes of identity's ports."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from services.identity.domain import Company, Credential, User, utcnow
from services.identity.users.room import UsersRoom
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import verify_token
from tests.unit.identity.conftest import TOKEN_SECRET
from tests.unit.identity.fakes import in_memory_ports
from tests.unit.identity.users_fakes import InMemoryUserDirectory, InMemoryVaults

COMPANY, OTHER = "c" * 32, "d" * 32


@pytest.fixture
def ports():
    return dataclasses.replace(in_memory_ports(), users=InMemoryUserDirectory(), vaults=InMemoryVaults())


@pytest.fixture
def room(ports, settings) -> UsersRoom:
    return UsersRoom(ports, settings)


def person(ports, company: str = COMPANY, role: str = "user", name: str = "someone") -> Identity:
    user = User(id=f"u{len(ports.users.items)}", company=company, name=name, role=role)
    ports.users.items[user.id] = user
    return Identity(company=company, user=user.id, role=role, user_name=name)


async def give_key(ports, who: Identity, key: str) -> None:
    pair = Credential(id=key, access_key=key, secret_hash="x", company=who.company, user=who.user)
    await ports.credentials.insert(pair)


async def test_deleting_a_user_revokes_every_key_pair_of_theirs_and_tells_the_gateways(ports, room):
    admin, gone = person(ports, role="admin"), person(ports)
    await give_key(ports, gone, "K1")
    await give_key(ports, gone, "K2")
    await room.accounts.delete_user(admin, gone.user)
    assert gone.user not in ports.users.items and not ports.credentials.items
    facts = [fact for _, fact in ports.publisher.published]  # before and after the keys go
    assert [(f["type"], f["user"], f["company"]) for f in facts] == [("UserRevoked", gone.user, gone.company)] * 2


async def test_an_admin_of_another_company_cannot_delete_or_promote_a_user(ports, room):
    outsider, target = person(ports, company=OTHER, role="admin"), person(ports)
    attempts = (room.accounts.delete_user(outsider, target.user), room.accounts.set_role(outsider, target.user, "admin"))
    for attempt in attempts:
        with pytest.raises(ApiError) as raised:
            await attempt
        assert (raised.value.code, raised.value.subcode) == (400, 301)
    assert ports.users.items[target.user].role == "user"


async def test_a_system_caller_acts_on_any_company(ports, room):
    system, target = person(ports, company=OTHER, role="system"), person(ports)
    assert await room.accounts.set_role(system, target.user, "admin") == 1
    assert ports.users.items[target.user].role == "admin"


async def test_an_admin_neither_deletes_itself_nor_changes_a_system_user(ports, room):
    admin, system = person(ports, role="admin"), person(ports, role="system")
    with pytest.raises(ApiError) as raised:
        await room.accounts.delete_user(admin, admin.user)
    assert (raised.value.code, raised.value.subcode) == (400, 300)
    with pytest.raises(ApiError) as raised:
        await room.accounts.set_role(admin, system.user, "user")
    assert raised.value.code == 403


async def test_a_token_for_a_user_carries_its_current_role_and_company_name(ports, room):
    await ports.companies.ensure(Company(COMPANY, "acme"))
    target = person(ports, role="annotator")
    identity, _ = verify_token(TOKEN_SECRET, await room.accounts.token_for_user(target.user, None, 60))
    assert (identity.user, identity.role, identity.company_name) == (target.user, "annotator", "acme")


async def test_a_logged_out_token_does_not_validate(ports, room):
    await ports.companies.ensure(Company(COMPANY, "acme"))
    target = person(ports)
    token = await room.accounts.token_for_user(target.user, None, 60)
    identity, _ = verify_token(TOKEN_SECRET, token)
    assert (await room.accounts.validate_token(token))["valid"] is True
    await ports.sessions.revoke(identity.session_id, utcnow() + timedelta(minutes=5))
    assert (await room.accounts.validate_token(token))["valid"] is False


async def test_set_preferences_merges_into_the_callers_own(ports, room):
    me = person(ports)
    await room.directory.set_preferences(me, {"a": {"b": 1, "c": 2}})
    merged = {"a": {"b": 1, "c": 3}, "d": 4}
    assert await room.directory.set_preferences(me, {"a.c": 3, "d": 4}) == (1, {"preferences": merged})


async def test_a_sessions_vaults_put_the_narrower_scope_last_and_skip_disabled_ones(ports, room):
    admin, me = person(ports, role="admin"), person(ports)
    own = await room.vaults.add_or_update(me, {"data": "x: 1"}, None, None)
    await room.vaults.add_or_update(me, {"data": "x: 2", "enabled": False}, None, None)
    org = await room.vaults.add_or_update(admin, {"scope": "organization", "data": "x: 0"}, None, None)
    assert [v["id"] for v in await room.vaults.for_session(me, True, ["config"])] == [org, own]


async def test_a_user_neither_writes_an_organization_vault_nor_deletes_anothers(ports, room):
    me, other = person(ports), person(ports)
    with pytest.raises(ApiError) as raised:
        await room.vaults.add_or_update(me, {"scope": "organization"}, None, None)
    assert raised.value.code == 403
    theirs = await room.vaults.add_or_update(other, {"data": "y: 1"}, None, None)
    assert await room.vaults.delete(me, [theirs]) == 0 and theirs in ports.vaults.items

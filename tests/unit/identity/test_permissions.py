"""The permissions room over in-memory fakes: what each change publishes (and what the
published rules then decide, with ``shared.access``), default rules, validation, and
``check_entity_access`` forwarded to the owner of the entity."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.identity.domain import User
from services.identity.permissions import PermissionsRoom
from services.identity.permissions.checks import EntityAccess, EntityNames
from services.identity.permissions.domain import system_group_id
from services.identity.permissions.handlers import handler_table
from services.identity.permissions.service import PermissionsService
from shared.access.rules import RuleSet, scopes_of
from shared.access.snapshot import ENTITY_TYPES, AccessRulesChanged
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.unit.identity.fakes import FakeFactPublisher
from tests.unit.identity.permissions_fakes import FakeOwners, InMemoryPermissionStore
from tests.unit.identity.users_fakes import InMemoryUserDirectory

COMPANY = "c1"
ADMIN = Identity(company=COMPANY, user="boss", role="admin")


def now() -> datetime:
    return datetime(2026, 1, 1, tzinfo=timezone.utc)


class Room:
    def __init__(self, owners: FakeOwners | None = None) -> None:
        self.store = InMemoryPermissionStore()
        self.users = InMemoryUserDirectory()
        self.publisher = FakeFactPublisher()
        self.owners = owners or FakeOwners()
        self.verified: dict[str, Identity] = {}
        service = PermissionsService(self.store, self.users, self.publisher, now)
        self.room = PermissionsRoom(service=service, access=EntityAccess(self.owners, self._verify),
                                    names=EntityNames(self.owners), store=self.store)  # type: ignore[arg-type]
        self.table = handler_table(self.room)
        for user, role in (("boss", "admin"), ("ann", "user"), ("bob", "user")):
            self.users.items[user] = User(id=user, company=COMPANY, name=user.title(), role=role, email=f"{user}@x.io")

    def _verify(self, token: str) -> Identity:
        if token not in self.verified:
            raise ApiError.named("invalid_token")
        return self.verified[token]

    async def call(self, endpoint: str, body: dict, identity: Identity = ADMIN) -> dict:
        request = RequestEnvelope(endpoint=f"permissions.{endpoint}", requested_version="2.23",
                                  identity=identity, payload=body)
        return await self.table[f"permissions.{endpoint}"](request)

    def last(self) -> AccessRulesChanged:
        key, value = self.publisher.published[-1]
        assert key == COMPANY
        return AccessRulesChanged.model_validate(value)

    def decide(self, user: str, entity_type: str, entity_id: str, projects=()) -> str | None:
        return RuleSet(self.last()).grant(user, "user", scopes_of(entity_type, entity_id, projects))


def rule(entity_type: str, entity_id: str | None, permission: str, users=(), groups=()) -> dict:
    return {"name": "r", "description": "", "entity_type": entity_type, "entity_id": entity_id,
            "access_permission": permission, "users": list(users), "groups": list(groups)}


@pytest.fixture
def room() -> Room:
    return Room()


async def test_reading_publishes_nothing_and_leaves_the_company_unmanaged(room):
    groups = (await room.call("get_user_groups", {}))["groups"]
    assert {g["name"] for g in groups} == {"All Users", "Admins"}
    assert room.publisher.published == [] and not await room.store.is_managed(COMPANY)


async def test_the_first_change_makes_the_defaults_so_one_project_rule_closes_only_that_project(room):
    await room.call("add_or_update_access_rule", rule("project", "p1", "read", users=["ann"]))
    snapshot = room.last()
    assert snapshot.managed and snapshot.version == 1
    assert len([r for r in snapshot.rules if r.entity_id is None]) == 2 * len(ENTITY_TYPES)
    assert room.decide("ann", "task", "t1", ["p1"]) == "read"
    assert room.decide("bob", "task", "t1", ["p1"]) is None
    assert room.decide("bob", "task", "t2", ["p2"]) == "read_write"  # the rest of the company stays open


async def test_every_change_publishes_a_newer_version(room):
    await room.call("add_or_update_user_group", {"name": "team", "users": ["ann"]})
    group = room.last().groups
    team = [g.id for g in group if g.name == "team"]
    await room.call("add_or_update_access_rule", rule("queue", "q1", "read_write", groups=team))
    assert [AccessRulesChanged.model_validate(v).version for _, v in room.publisher.published] == [1, 2]
    assert room.decide("ann", "queue", "q1") == "read_write" and room.decide("bob", "queue", "q1") is None


async def test_the_snapshot_marks_the_all_users_group_and_lists_the_admins(room):
    await room.call("ensure_default_access_rules", {})
    groups = {g.id: g for g in room.last().groups}
    everyone = groups[system_group_id(COMPANY, "users")]
    admins = groups[system_group_id(COMPANY, "admins")]
    assert everyone.everyone and everyone.system and everyone.users == []
    assert admins.system and not admins.everyone and admins.users == ["boss"]


async def test_group_members_must_be_users_of_the_company(room):
    room.users.items["eve"] = User(id="eve", company="other", name="Eve")
    with pytest.raises(ApiError) as error:
        await room.call("add_or_update_user_group", {"name": "g", "users": ["eve"]})
    assert (error.value.code, error.value.subcode) == (400, 301)
    assert room.publisher.published == []


async def test_group_names_are_unique_and_a_new_group_needs_one(room):
    await room.call("add_or_update_user_group", {"name": "team"})
    for body, expected in (({"name": "team"}, (400, 801)), ({"users": []}, (400, 11))):
        with pytest.raises(ApiError) as error:
            await room.call("add_or_update_user_group", body)
        assert (error.value.code, error.value.subcode) == expected


async def test_system_groups_are_neither_edited_nor_deleted(room):
    everyone = system_group_id(COMPANY, "users")
    for endpoint, body in (("delete_user_groups", {"groups": [everyone]}),
                           ("add_or_update_user_group", {"id": everyone, "name": "mine"})):
        with pytest.raises(ApiError) as error:
            await room.call(endpoint, body)
        assert (error.value.code, error.value.subcode) == (400, 16)


async def test_a_rule_naming_an_unknown_group_or_rule_id_is_refused(room):
    for body in (rule("task", "t", "read", groups=["nope"]), {**rule("task", "t", "read"), "id": "nope"}):
        with pytest.raises(ApiError) as error:
            await room.call("add_or_update_access_rule", body)
        assert (error.value.code, error.value.subcode) == (400, 10)


async def test_a_deleted_group_leaves_its_rules(room):
    made = await room.call("add_or_update_user_group", {"name": "team", "users": ["ann"]})
    made_rule = await room.call("add_or_update_access_rule", rule("model", "m", "read", groups=[made["id"]]))
    assert (await room.call("delete_user_groups", {"groups": [made["id"]]}))["deleted"] == 1
    listed = (await room.call("get_access_rules", {"rules": [made_rule["id"]]}))["rules"]
    assert listed[0]["groups"] == [] and room.decide("ann", "model", "m") is None


async def test_a_deleted_user_leaves_groups_and_rules_and_the_change_is_published(room):
    made = await room.call("add_or_update_user_group", {"name": "team", "users": ["ann", "bob"]})
    await room.call("add_or_update_access_rule", rule("dataset", "d", "read", users=["ann"]))
    await room.room.service.forget_user(COMPANY, "ann")
    groups = {g.id: g for g in room.last().groups}
    assert groups[made["id"]].users == ["bob"]
    assert all("ann" not in r.users for r in room.last().rules)


async def test_ensure_creates_only_the_missing_defaults_of_the_groups_asked(room):
    assert (await room.call("ensure_default_access_rules", {"groups": ["users"]}))["restored"] == len(ENTITY_TYPES)
    assert (await room.call("ensure_default_access_rules", {}))["restored"] == len(ENTITY_TYPES)  # the admins'
    assert (await room.call("ensure_default_access_rules", {}))["restored"] == 0


async def test_restore_resets_an_edited_default_rule(room):
    await room.call("ensure_default_access_rules", {})
    default = next(r for r in (await room.call("get_access_rules", {}))["rules"]
                   if r["entity_type"] == "task" and r["groups"][0]["name"] == "All Users")
    await room.call("add_or_update_access_rule", {**rule("task", None, "read", groups=[default["groups"][0]["id"]]),
                                                  "id": default["id"]})
    assert room.decide("bob", "task", "t") == "read"
    assert (await room.call("restore_default_access_rules", {}))["restored"] == 1
    assert room.decide("bob", "task", "t") == "read_write"


async def test_rules_are_listed_with_the_names_their_owners_give():
    owners = FakeOwners({("tasks", "projects.get_all"): lambda r: {"projects": [{"id": "p1", "name": "top/sub"}]}})
    room = Room(owners)
    await room.call("add_or_update_access_rule", rule("project", "p1", "read", users=["ann"]))
    listed = next(r for r in (await room.call("get_access_rules", {}))["rules"] if r.get("entity_id") == "p1")
    assert (listed["entity_name"], listed["entity_display_name"]) == ("top/sub", "sub")
    assert listed["users"] == [{"id": "ann", "name": "Ann", "email": "ann@x.io"}]
    asked = [request for process, request, _ in owners.calls if request.endpoint == "projects.get_all"]
    assert asked[0].payload["id"] == ["p1"]


async def test_company_users_and_categories(room):
    users = (await room.call("get_company_users", {}))["users"]
    assert {(u["id"], u["role"]) for u in users} == {("boss", "admin"), ("ann", "user"), ("bob", "user")}
    types = (await room.call("get_entity_access_categories", {}))["entity_types"]
    assert [t["type"] for t in types] == list(ENTITY_TYPES)


@pytest.mark.parametrize("entity_type, process", [("task", "tasks"), ("model", "tasks"), ("project", "tasks"),
                                                  ("queue", "queues"), ("route", "queues"),
                                                  ("dataset", "datasets"), ("dataview", "datasets")])
async def test_check_entity_access_asks_the_owner_as_the_caller(entity_type, process):
    room = Room()
    caller = Identity(company=COMPANY, user="ann", role="user")
    assert await room.call("check_entity_access", {"entity_type": entity_type, "entity_id": "e1"}, caller) == {}
    (called, request, key), = room.owners.calls
    assert (called, request.endpoint, key) == (process, "internal.check_access", "e1")
    assert request.payload == {"entity_type": entity_type, "entity_id": "e1", "access_permission": "read"}
    assert request.identity == caller


async def test_check_entity_access_decides_for_the_token_user_and_answers_the_owners_error():
    def refuse(request):
        raise ApiError.named("no_write_permission")

    room = Room(FakeOwners({("tasks", "internal.check_access"): refuse}))
    room.verified["tok"] = Identity(company=COMPANY, user="bob", role="user")
    with pytest.raises(ApiError) as error:
        await room.call("check_entity_access", {"entity_type": "task", "entity_id": "t", "token": "tok",
                                                "access_permission": "read_write"})
    assert (error.value.code, error.value.subcode) == (403, 21)
    assert room.owners.calls[0][1].identity.user == "bob"
    assert room.owners.calls[0][1].payload["access_permission"] == "read_write"


async def test_check_entity_access_refuses_another_companys_token_and_needs_an_entity(room):
    room.verified["tok"] = Identity(company="other", user="x", role="user")
    for body, expected in (({"entity_type": "task", "entity_id": "t", "token": "tok"}, (401, 30)),
                           ({"entity_type": "task"}, (400, 11)), ({"entity_id": "t"}, (400, 11))):
        with pytest.raises(ApiError) as error:
            await room.call("check_entity_access", body, Identity(company=COMPANY, user="ann"))
        assert (error.value.code, error.value.subcode) == expected
    assert room.owners.calls == []


async def test_rules_are_listed_without_names_when_the_owner_cannot_say():
    def down(request):
        raise ApiError(503, 0, "the tasks service did not answer")

    room = Room(FakeOwners({("tasks", "tasks.get_all"): down}))
    await room.call("add_or_update_access_rule", rule("task", "t1", "read", users=["ann"]))
    listed = next(r for r in (await room.call("get_access_rules", {}))["rules"] if r.get("entity_id") == "t1")
    assert "entity_name" not in listed and listed["users"][0]["id"] == "ann"


async def test_a_change_whose_snapshot_was_lost_is_announced_when_identity_starts_again(room):
    await room.call("add_or_update_access_rule", rule("project", "p1", "read", users=["ann"]))
    stored_rules = len(room.last().rules)
    room.store.rules_by_id.clear()  # a change stored just before a crash: its snapshot never went out
    room.publisher.published.clear()
    await room.room.service.republish()
    (key, value), = room.publisher.published
    assert key == COMPANY and stored_rules > 0 and AccessRulesChanged.model_validate(value).rules == []

"""The login room: password rules, password login, setting passwords, impersonation, and the
first-start seeding of both login models (in-memory fakes of the ports)."""

from __future__ import annotations

import dataclasses

import pytest

from services.identity.domain import Company, User, user_id_for, verify_secret
from services.identity.login.room import LoginRoom
from services.identity.login.rules import MAX_FAILED_LOGINS, LoginThrottle
from services.identity.login.rules import (
    check_may_impersonate,
    check_password_policy,
    hash_password,
    login_names,
    may_reach_company,
    verify_password,
)
from services.identity.login.seeding import WEBSERVER_USER_NAME
from services.identity.seeding import seed
from services.identity.service import IdentityService
from services.identity.settings import WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY
from services.identity.store.passwords import StoredPassword
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.identity.conftest import make_settings
from tests.unit.identity.fakes import in_memory_ports

PASSWORD = "correct horse battery staple"


class InMemoryPasswordRepository:
    def __init__(self) -> None:
        self.items: dict[str, StoredPassword] = {}

    async def get(self, user: str) -> StoredPassword | None:
        return self.items.get(user)

    async def find_by_login(self, login: str) -> list[StoredPassword]:
        return [p for p in self.items.values() if login in p.logins]

    async def put(self, password: StoredPassword) -> None:
        self.items[password.user] = password

    async def insert(self, password: StoredPassword) -> bool:
        if password.user in self.items:
            return False
        self.items[password.user] = password
        return True


@pytest.fixture
def ports():
    return dataclasses.replace(in_memory_ports(), passwords=InMemoryPasswordRepository())


@pytest.fixture
def settings():
    return make_settings(admin_password=PASSWORD)


@pytest.fixture
def room(ports, settings) -> LoginRoom:
    return LoginRoom(IdentityService(ports, settings))


async def add_user(ports, name: str, role: str = "user", company: str | None = None, email: str = "") -> User:
    company = company or make_settings().company_id
    await ports.companies.ensure(Company(company, f"company {company[:4]}"))
    user = User(id=user_id_for(company, name), company=company, name=name, role=role, email=email)
    await ports.users.ensure(user)
    return user


def identity_of(user: User) -> Identity:
    return Identity(company=user.company, user=user.id, role=user.role, user_name=user.name)


# --- rules --------------------------------------------------------------------------------


def test_a_password_hash_is_argon2id_salted_and_verifies_only_the_password():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second and PASSWORD not in first
    assert verify_password(PASSWORD, first) and not verify_password(PASSWORD + "!", first)


def test_a_damaged_hash_verifies_nothing():
    assert not verify_password(PASSWORD, "hmac-sha256$00$00")


@pytest.mark.parametrize("password", ["short", "x" * 2000])
def test_a_password_too_short_or_too_long_is_400_12(password):
    with pytest.raises(ApiError) as refused:
        check_password_policy(password)
    assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_login_names_are_the_lower_cased_name_and_email():
    assert login_names("Ada", "Ada@Example.org") == ["ada", "ada@example.org"]
    assert login_names("Ada", "") == ["ada"]


@pytest.mark.parametrize("role", ["user", "superuser", "annotator", "guest"])
def test_only_system_roles_and_admins_impersonate(role):
    for allowed in ("system", "root", "admin"):
        check_may_impersonate(allowed)
    with pytest.raises(ApiError) as refused:
        check_may_impersonate(role)
    assert (refused.value.code, refused.value.subcode) == (400, 6)


def test_only_root_reaches_users_of_other_companies():
    assert may_reach_company("root", "a", "b")
    assert not may_reach_company("system", "a", "b") and not may_reach_company("admin", "a", "b")
    assert may_reach_company("admin", "a", "a")


# --- password login -----------------------------------------------------------------------


async def test_the_admin_logs_in_with_its_name_and_the_configured_password(ports, settings, room):
    admin = await seed(ports, settings, announce=lambda text: None)
    identity, _ = await room.verify("admin", PASSWORD, None)
    assert identity.user == admin.id and identity.role == "admin"


async def test_a_wrong_password_or_unknown_name_is_401_22(ports, settings, room):
    await seed(ports, settings, announce=lambda text: None)
    for login, password in (("Admin", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(ApiError) as refused:
            await room.verify(login, password, None)
        assert (refused.value.code, refused.value.subcode) == (401, 22)


def test_the_throttle_locks_a_name_after_too_many_failures_until_they_leave_the_window():
    now = [0.0]
    throttle = LoginThrottle(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert not throttle.locked("ada")
        throttle.failed("ada")
    assert throttle.locked("ada") and not throttle.locked("bob")
    now[0] = 61.0
    assert not throttle.locked("ada")
    throttle.failed("ada")
    throttle.succeeded("ada")
    assert not throttle.locked("ada")


async def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_for_a_while(ports, settings):
    await seed(ports, settings, announce=lambda text: None)
    service = IdentityService(ports, settings)
    now = [0.0]
    service.login_throttle = LoginThrottle(clock=lambda: now[0])
    room = LoginRoom(service)
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(ApiError):
            await room.verify("Admin", "a wrong guess", None)
    with pytest.raises(ApiError) as refused:
        await room.verify("admin", PASSWORD, None)  # names are matched without case: one count
    assert (refused.value.code, refused.value.subcode) == (401, 22)
    now[0] += 301
    assert (await room.verify("Admin", PASSWORD, None))[0].role == "admin"


async def test_key_pairs_still_verify_in_the_password_model(ports, settings, room):
    admin = await seed(ports, settings, announce=lambda text: None)
    assert (await room.verify(settings.admin_access_key, settings.admin_secret_key, None))[0].user == admin.id


async def test_the_name_only_model_takes_no_passwords(ports):
    settings = make_settings(admin_password=PASSWORD, login_mode="name")
    await seed(ports, settings, announce=lambda text: None)
    with pytest.raises(ApiError):
        await LoginRoom(IdentityService(ports, settings)).verify("Admin", PASSWORD, None)


async def test_a_user_logs_in_with_the_email_too(ports, room):
    ada = await add_user(ports, "Ada", email="ada@example.org")
    await room.set_password(identity_of(ada), PASSWORD, None, None)
    assert (await room.verify("ADA@example.org", PASSWORD, None))[0].user == ada.id


async def test_a_renamed_user_no_longer_logs_in_under_the_old_name(ports, room):
    ada = await add_user(ports, "Ada")
    await room.set_password(identity_of(ada), PASSWORD, None, None)
    ports.users.items[ada.id] = dataclasses.replace(ada, name="Lovelace")
    assert await room.password_identity("Ada", PASSWORD) is None


# --- setting passwords --------------------------------------------------------------------


async def test_changing_ones_own_password_needs_the_current_one(ports, room):
    ada = await add_user(ports, "Ada")
    await room.set_password(identity_of(ada), PASSWORD, None, None)  # the first one: none to give
    for old, expected in ((None, (400, 11)), ("not it at all", (400, 12))):
        with pytest.raises(ApiError) as refused:
            await room.set_password(identity_of(ada), "a brand new password", old, None)
        assert (refused.value.code, refused.value.subcode) == expected
    await room.set_password(identity_of(ada), "a brand new password", PASSWORD, None)
    assert await room.password_identity("Ada", "a brand new password") is not None
    assert await room.password_identity("Ada", PASSWORD) is None


async def test_a_changed_password_tells_the_gateways_to_forget_the_old_one(ports, room):
    ada = await add_user(ports, "Ada")
    await room.set_password(identity_of(ada), PASSWORD, None, None)
    assert ports.publisher.published[-1] == (ada.id, {"type": "PasswordChanged", "user": ada.id})


async def test_an_admin_resets_a_users_password_without_knowing_it(ports, room):
    ada, boss = await add_user(ports, "Ada"), await add_user(ports, "Boss", role="admin")
    await room.set_password(identity_of(ada), PASSWORD, None, None)
    await room.set_password(identity_of(boss), "reset by the admin", None, ada.id)
    assert (await room.password_identity("Ada", "reset by the admin")).user == ada.id


async def test_a_user_may_not_set_another_users_password(ports, room):
    ada, bob = await add_user(ports, "Ada"), await add_user(ports, "Bob")
    with pytest.raises(ApiError) as refused:
        await room.set_password(identity_of(bob), PASSWORD, None, ada.id)
    assert (refused.value.code, refused.value.subcode) == (403, 20)


async def test_an_admin_of_another_company_finds_no_such_user(ports, room):
    ada = await add_user(ports, "Ada")
    other = await add_user(ports, "Other", role="admin", company="f" * 32)
    with pytest.raises(ApiError) as refused:
        await room.set_password(identity_of(other), PASSWORD, None, ada.id)
    assert (refused.value.code, refused.value.subcode) == (400, 300)
    assert await ports.passwords.get(ada.id) is None


# --- impersonation ------------------------------------------------------------------------


async def test_an_admin_impersonates_a_user_of_its_company_with_the_users_role(ports, room):
    ada, boss = await add_user(ports, "Ada"), await add_user(ports, "Boss", role="admin")
    identity = await room.impersonate(identity_of(boss), ada.id, act_as=False)
    assert (identity.user, identity.role, identity.user_name) == (ada.id, "user", "Ada")


async def test_acting_as_a_user_keeps_the_callers_role(ports, room):
    ada, boss = await add_user(ports, "Ada"), await add_user(ports, "Boss", role="admin")
    identity = await room.impersonate(identity_of(boss), ada.id, act_as=True)
    assert (identity.user, identity.role, identity.user_name) == (ada.id, "admin", "Boss (acting as Ada)")


async def test_a_user_may_not_impersonate(ports, room):
    ada, bob = await add_user(ports, "Ada"), await add_user(ports, "Bob")
    with pytest.raises(ApiError) as refused:
        await room.impersonate(identity_of(bob), ada.id, act_as=False)
    assert (refused.value.code, refused.value.subcode) == (400, 6)


@pytest.mark.parametrize("role", ["system", "admin"])
async def test_unknown_users_and_users_of_other_companies_are_400_6(ports, room, role):
    caller = await add_user(ports, "Caller", role=role)
    stranger = await add_user(ports, "Stranger", company="f" * 32)
    for user_id in ("0" * 32, stranger.id):
        with pytest.raises(ApiError) as refused:
            await room.impersonate(identity_of(caller), user_id, act_as=False)
        assert (refused.value.code, refused.value.subcode) == (400, 6)


@pytest.mark.parametrize("above", ["system", "root"])
async def test_an_admin_may_not_impersonate_or_act_as_a_user_of_a_higher_role(ports, room, above):
    boss, high = await add_user(ports, "Boss", role="admin"), await add_user(ports, "High", role=above)
    for act_as in (False, True):
        with pytest.raises(ApiError) as refused:
            await room.impersonate(identity_of(boss), high.id, act_as=act_as)
        assert (refused.value.code, refused.value.subcode) == (400, 6)
    assert (await room.impersonate(identity_of(high), boss.id, act_as=False)).role == "admin"


async def test_root_impersonates_users_of_any_company(ports, room):
    root = await add_user(ports, "Root", role="root")
    stranger = await add_user(ports, "Stranger", company="f" * 32)
    assert (await room.impersonate(identity_of(root), stranger.id, act_as=False)).company == "f" * 32


# --- seeding ------------------------------------------------------------------------------


async def test_without_a_configured_password_the_admins_is_generated_and_shown_once(ports):
    settings = make_settings()
    shown: list[str] = []
    await seed(ports, settings, announce=shown.append)
    await seed(ports, settings, announce=shown.append)
    banners = [text for text in shown if "password:" in text]
    assert len(banners) == 1
    password = banners[0].split("password:")[1].split()[0]
    assert (await LoginRoom(IdentityService(ports, settings)).verify("Admin", password, None))[0].role == "admin"
    assert all(password not in stored.hash for stored in ports.passwords.items.values())


async def test_a_changed_configured_password_replaces_the_stored_one(ports):
    await seed(ports, make_settings(admin_password=PASSWORD), announce=lambda text: None)
    settings = make_settings(admin_password="the second password")
    await seed(ports, settings, announce=lambda text: None)
    room = LoginRoom(IdentityService(ports, settings))
    assert await room.password_identity("Admin", "the second password") is not None
    assert await room.password_identity("Admin", PASSWORD) is None


async def test_the_name_only_model_seeds_the_web_uis_key_pair_for_a_system_user(ports):
    settings = make_settings(login_mode="name")
    await seed(ports, settings, announce=lambda text: None)
    stored = await ports.credentials.get(WEBUI_ACCESS_KEY)
    assert verify_secret(WEBUI_SECRET_KEY, stored.secret_hash)
    webserver = await ports.users.get(stored.user)
    assert (webserver.name, webserver.role, webserver.company) == (WEBSERVER_USER_NAME, "system", settings.company_id)
    assert ports.passwords.items == {}


async def test_the_password_model_seeds_no_web_ui_key_pair(ports, settings):
    await seed(ports, settings, announce=lambda text: None)
    assert await ports.credentials.get(WEBUI_ACCESS_KEY) is None


async def test_a_password_changed_by_the_admin_survives_a_restart_with_the_same_setting(ports, settings):
    admin = await seed(ports, settings, announce=lambda text: None)
    room = LoginRoom(IdentityService(ports, settings))
    await room.set_password(identity_of(admin), "changed in the web UI", PASSWORD, None)
    await seed(ports, settings, announce=lambda text: None)
    assert await room.password_identity("Admin", "changed in the web UI") is not None
    assert await room.password_identity("Admin", PASSWORD) is None

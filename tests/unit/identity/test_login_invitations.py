"""The login room's Enterprise whitelist: invitations, sign-up domains and the sign-up."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from services.identity.login.invitations import InvitationRoom
from services.identity.login.room import LoginRoom
from services.identity.seeding import seed
from services.identity.service import IdentityService
from services.identity.store.invitations import Invitation
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.login import SignupData
from tests.unit.identity.conftest import make_settings
from tests.unit.identity.fakes import in_memory_ports
from tests.unit.identity.test_login import InMemoryPasswordRepository


class InMemoryInvitationRepository:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Invitation] = {}
        self.domain_lists: dict[str, list[str]] = {}

    async def list(self, company: str | None) -> list[Invitation]:
        found = [i for i in self.items.values() if company is None or i.company == company]
        return sorted(found, key=lambda i: i.added)

    async def add(self, invitations: list[Invitation]) -> list[str]:
        added = []
        for item in invitations:
            if (item.company, item.email) not in self.items:
                self.items[item.company, item.email] = item
                added.append(item.email)
        return added

    async def remove(self, company: str, emails: list[str]) -> list[str]:
        return [e for e in emails if self.items.pop((company, e), None) is not None]

    async def find(self, email: str) -> list[Invitation]:
        return [i for i in self.items.values() if i.email == email]

    async def accept(self, company: str, email: str, user: str, when: datetime) -> None:
        self.items[company, email] = dataclasses.replace(self.items[company, email], accepted=when, user=user)

    async def domains(self, company: str | None) -> dict[str, list[str]]:
        return {c: d for c, d in self.domain_lists.items() if company is None or c == company}

    async def set_domains(self, company: str, domains: list[str]) -> None:
        self.domain_lists[company] = domains


@pytest.fixture
def ports():
    return dataclasses.replace(in_memory_ports(), passwords=InMemoryPasswordRepository(),
                               invitations=InMemoryInvitationRepository())


@pytest.fixture
async def admin(ports):
    user = await seed(ports, make_settings(admin_password="the admin's password"), announce=lambda text: None)
    return Identity(company=user.company, user=user.id, role="admin", user_name=user.name)


@pytest.fixture
def service(ports) -> IdentityService:
    return IdentityService(ports, make_settings())


def signup_data(email: str, password: str | None = "a good long password") -> SignupData:
    return SignupData(email=email, name="Ada", password=password)


async def test_an_invited_email_signs_up_with_the_invited_role_and_logs_in_with_its_password(service, admin):
    room = InvitationRoom(service)
    assert await room.add(admin, ["Ada@Example.org", "ada@example.org"], "annotator", False) == ["ada@example.org"]
    done = await room.signup(signup_data("ada@example.org"), return_token=True)
    assert done.company == admin.company and done.token
    identity, _ = await LoginRoom(service).verify("ada@example.org", "a good long password", None)
    assert (identity.user, identity.role) == (done.user, "annotator")
    _, invitations = await room.settings(admin)
    assert invitations[0].accepted is not None and invitations[0].user == done.user


async def test_signing_up_twice_is_400_302(service, admin):
    room = InvitationRoom(service)
    await room.add(admin, ["ada@example.org"], None, False)
    await room.signup(signup_data("ada@example.org"), return_token=False)
    with pytest.raises(ApiError) as refused:
        await room.signup(signup_data("ada@example.org"), return_token=False)
    assert (refused.value.code, refused.value.subcode) == (400, 302)


async def test_an_uninvited_email_may_not_sign_up(service, admin):
    with pytest.raises(ApiError) as refused:
        await InvitationRoom(service).signup(signup_data("eve@example.org"), return_token=False)
    assert (refused.value.code, refused.value.subcode) == (401, 2)


async def test_an_address_under_a_sign_up_domain_joins_as_a_user(service, admin):
    room = InvitationRoom(service)
    await room.set_domains(admin, ["Example.org"])
    assert (await room.settings(admin))[0] == ["example.org"]
    done = await room.signup(signup_data("bob@example.org"), return_token=False)
    assert (await service.ports.users.get(done.user)).role == "user"
    with pytest.raises(ApiError):
        await room.signup(signup_data("bob@example.org"), return_token=False)


async def test_a_weak_password_refuses_the_sign_up_and_creates_nobody(service, ports, admin):
    room = InvitationRoom(service)
    await room.add(admin, ["ada@example.org"], None, False)
    with pytest.raises(ApiError) as refused:
        await room.signup(signup_data("ada@example.org", password="short"), return_token=False)
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    assert (await room.settings(admin))[1][0].accepted is None


@pytest.mark.parametrize("emails, role, expected", [(["not an email"], None, (400, 22)),
                                                    (["a@example.org"], "root", (400, 12))])
async def test_bad_emails_and_roles_invite_nobody(service, admin, emails, role, expected):
    room = InvitationRoom(service)
    with pytest.raises(ApiError) as refused:
        await room.add(admin, ["ok@example.org", *emails], role, False)
    assert (refused.value.code, refused.value.subcode) == expected
    assert (await room.settings(admin))[1] == []


async def test_removed_invitations_are_listed_and_gone(service, admin):
    room = InvitationRoom(service)
    await room.add(admin, ["a@example.org", "b@example.org"], None, True)
    assert await room.remove(admin, ["a@example.org", "zzz@example.org"]) == ["a@example.org"]
    assert [(i.email, i.role) for i in (await room.settings(admin))[1]] == [("b@example.org", "admin")]


async def test_the_whitelist_lists_every_companys_domains_and_invitations(service, admin):
    room = InvitationRoom(service)
    await room.set_domains(admin, ["example.org"])
    await room.add(admin, ["a@other.org"], None, False)
    entries = await room.whitelist()
    assert [(c, d, [i.email for i in items]) for c, d, items in entries] == [
        (admin.company, "example.org", []), (admin.company, None, ["a@other.org"])]

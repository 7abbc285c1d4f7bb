"""First-start seeding: idempotent, applies a changed secret, prints generated keys once."""

from __future__ import annotations

import asyncio
import dataclasses
import re

from services.identity.domain import generated_admin_credential_id, user_id_for, verify_secret
from services.identity.seeding import seed
from services.identity.service import IdentityService
from tests.unit.identity.conftest import ADMIN_KEY, ADMIN_SECRET, make_settings
from tests.unit.identity.fakes import InMemoryCredentialRepository, in_memory_ports


async def test_seeding_creates_company_admin_and_configured_credentials(ports, settings):
    admin = await seed(ports, settings, announce=lambda text: None)
    assert admin.id == user_id_for(settings.company_id, "Admin") and admin.role == "admin"
    assert (await ports.companies.get(settings.company_id)).name == "clearml"
    stored = await ports.credentials.get(ADMIN_KEY)
    assert stored.user == admin.id and verify_secret(ADMIN_SECRET, stored.secret_hash)


async def test_seeding_twice_changes_nothing(ports, settings):
    await seed(ports, settings, announce=lambda text: None)
    before = dict(ports.credentials.items), dict(ports.users.items), await ports.server.uid()
    await seed(ports, settings, announce=lambda text: None)
    after = dict(ports.credentials.items), dict(ports.users.items), await ports.server.uid()
    assert before == after


async def test_a_changed_admin_secret_replaces_the_stored_one(ports, settings):
    await seed(ports, settings, announce=lambda text: None)
    await seed(ports, make_settings(admin_secret_key="a-brand-new-admin-secret-" * 2), announce=lambda t: None)
    service = IdentityService(ports, settings)
    identity = await service.verify_credentials(ADMIN_KEY, "a-brand-new-admin-secret-" * 2)
    assert identity.role == "admin"
    assert len(ports.credentials.items) == 1


async def test_without_configured_pair_one_is_generated_and_printed_once(capsys):
    ports = in_memory_ports()
    settings = make_settings(admin_access_key=None, admin_secret_key=None)
    admin = await seed(ports, settings)
    await seed(ports, settings)
    printed = capsys.readouterr().out
    assert printed.count("access_key:") == 1
    key = re.search(r"access_key: (\S+)", printed).group(1)
    secret = re.search(r"secret_key: (\S+)", printed).group(1)
    identity = await IdentityService(ports, settings).verify_credentials(key, secret)
    assert identity.user == admin.id
    assert (await ports.credentials.get(key)).id == generated_admin_credential_id(settings.company_id)


class _SlowCountCredentials(InMemoryCredentialRepository):
    """Lets every concurrent seeder pass the "no credentials yet" check before any inserts."""

    async def count_for_user(self, company: str, user: str) -> int:
        count = await super().count_for_user(company, user)
        await asyncio.sleep(0.01)
        return count


async def test_two_instances_generating_at_once_print_a_single_pair():
    ports = dataclasses.replace(in_memory_ports(), credentials=_SlowCountCredentials())
    settings = make_settings(admin_access_key=None, admin_secret_key=None)
    shown: list[str] = []
    await asyncio.gather(*(seed(ports, settings, announce=shown.append) for _ in range(3)))
    assert len(shown) == 1
    assert len(ports.credentials.items) == 1


async def test_nothing_is_generated_when_the_admin_already_has_credentials(ports, settings):
    await seed(ports, settings, announce=lambda text: None)
    shown: list[str] = []
    await seed(ports, make_settings(admin_access_key=None, admin_secret_key=None), announce=shown.append)
    assert shown == [] and len(ports.credentials.items) == 1

"""Identity unit fixtures: the real use cases over in-memory fakes of the ports."""

from __future__ import annotations

import pytest

from services.identity.seeding import seed
from services.identity.service import IdentityService
from services.identity.settings import IdentitySettings
from tests.unit.identity.fakes import in_memory_ports

TOKEN_SECRET = "unit-test-token-secret-unit-test-token-secret"
ADMIN_KEY = "ADMINKEY0000000000000000000001"
ADMIN_SECRET = "admin-secret-for-unit-tests-admin-secret-for-unit-tests"


def make_settings(**overrides) -> IdentitySettings:
    values = dict(
        dev_mode=False,
        auth_token_secret=TOKEN_SECRET,
        admin_access_key=ADMIN_KEY,
        admin_secret_key=ADMIN_SECRET,
    )
    values.update(overrides)
    return IdentitySettings(**values)


@pytest.fixture
def settings() -> IdentitySettings:
    return make_settings()


@pytest.fixture
def ports():
    return in_memory_ports()


@pytest.fixture
def service(ports, settings) -> IdentityService:
    return IdentityService(ports, settings)


@pytest.fixture
async def admin(ports, settings):
    """The seeded admin user (the company, user and configured key pair exist)."""
    return await seed(ports, settings, announce=lambda text: None)

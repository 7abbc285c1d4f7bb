"""Room access: key expiry, usage bookkeeping, locating and setting key pairs."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import pytest

from services.identity.access.rules import UsageThrottle, is_expired
from services.identity.domain import utcnow
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.identity.conftest import ADMIN_KEY, ADMIN_SECRET


def caller(admin, role="admin", company=None) -> Identity:
    return Identity(company=company or admin.company, user=admin.id, role=role, user_name=admin.name)


async def expire_admin_key(ports, when):
    stored = await ports.credentials.get(ADMIN_KEY)
    ports.credentials.items[ADMIN_KEY] = dataclasses.replace(stored, expire=when)


def test_a_key_without_expiry_never_expires_and_one_with_expiry_does_at_that_time():
    now = utcnow()
    key = type("K", (), {"expire": None})()
    assert not is_expired(key, now)
    key.expire = now
    assert is_expired(key, now) and not is_expired(key, now - timedelta(seconds=1))


def test_usage_is_recorded_once_per_interval_per_key():
    clock = [0.0]
    throttle = UsageThrottle(interval_s=60, clock=lambda: clock[0])
    assert throttle.due("A") and not throttle.due("A") and throttle.due("B")
    clock[0] = 61
    assert throttle.due("A")


async def test_an_expired_key_is_refused_as_invalid_credentials(service, ports, admin):
    await expire_admin_key(ports, utcnow() - timedelta(seconds=1))
    with pytest.raises(ApiError) as err:
        await service.verify_credentials(ADMIN_KEY, ADMIN_SECRET)
    assert (err.value.code, err.value.subcode) == (401, 22)


async def test_a_busy_key_is_written_down_once(service, ports, admin):
    for address in ("10.0.0.1", "10.0.0.2"):
        await service.verify_credentials(ADMIN_KEY, ADMIN_SECRET, address=address)
        await service.drain()
    assert (await ports.credentials.get(ADMIN_KEY)).last_used_from == "10.0.0.1"


async def test_locate_credentials_names_the_owner_of_a_key_of_the_company(service, admin):
    found = await service.access.locate(caller(admin), ADMIN_KEY)
    assert (found.credential.user, found.owner.name) == (admin.id, admin.name)


async def test_locate_credentials_of_another_company_is_an_invalid_key(service, admin):
    with pytest.raises(ApiError) as err:
        await service.access.locate(caller(admin, company="another"), ADMIN_KEY)
    assert (err.value.code, err.value.subcode) == (400, 75)
    found = await service.access.locate(caller(admin, role="system", company="another"), ADMIN_KEY)
    assert found.credential.company == admin.company


async def test_set_credentials_creates_or_resecrets_the_callers_own_pair(service, ports, admin):
    me = caller(admin)
    assert await service.access.set(me, "MYOWNKEY", "my-own-secret")
    assert (await service.verify_credentials("MYOWNKEY", "my-own-secret")).user == admin.id
    await service.access.set(me, "MYOWNKEY", "another-secret")
    with pytest.raises(ApiError):
        await service.verify_credentials("MYOWNKEY", "my-own-secret")
    assert [(key, fact["type"]) for key, fact in ports.publisher.published if fact["access_key"] == "MYOWNKEY"] == [
        ("MYOWNKEY", "CredentialsRevoked")] * 2  # before and after the new secret is stored


async def test_set_credentials_on_someone_elses_key_is_an_invalid_key(service, admin):
    with pytest.raises(ApiError) as err:
        await service.access.set(caller(admin, company="another"), ADMIN_KEY, "stolen")
    assert (err.value.code, err.value.subcode) == (400, 75)


async def test_revoking_a_user_deletes_its_keys_and_tells_every_process(service, ports, admin):
    assert await service.access.revoke_user(admin.company, admin.id) == 1
    assert await ports.credentials.get(ADMIN_KEY) is None
    key, fact = ports.publisher.published[-1]
    assert (key, fact["type"], fact["user"]) == (admin.id, "UserRevoked", admin.id)


def test_a_revoked_users_tokens_are_refused_but_a_later_login_is_not():
    from shared.tokens import RevokedSessions, issue_token, verify_session

    secret = "unit-test-token-secret-of-at-least-32-bytes"
    user = Identity(company="c", user="u", role="user")
    old = issue_token(secret, user, "s1", 600, "2.34", "2.3.0")
    revoked = RevokedSessions()
    revoked.apply_change({"type": "UserRevoked", "user": "u", "revoked_at": time.time() + 1, "expires": 0})
    with pytest.raises(ApiError) as err:
        verify_session(secret, old, revoked)
    assert (err.value.code, err.value.subcode) == (401, 31)
    revoked.apply_change({"type": "UserRevoked", "user": "u", "revoked_at": time.time() - 5, "expires": 0})
    assert verify_session(secret, issue_token(secret, user, "s2", 600, "2.34", "2.3.0"), revoked).user == "u"

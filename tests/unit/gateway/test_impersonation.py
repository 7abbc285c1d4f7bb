"""The gateway's part of impersonation: the headers are never ignored, and identity decides."""

from __future__ import annotations

import pytest

from services.gateway.auth import Authenticator
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

ADMIN = Identity(company="c", user="admin", role="admin")


async def _never(key: str, secret: str) -> Identity:
    raise AssertionError("no credentials to verify")


def authenticator(asked: list) -> Authenticator:
    async def impersonate(caller: Identity, user: str, act_as: bool) -> Identity:
        asked.append((caller.user, user, act_as))
        return Identity(company=caller.company, user=user, role="user")

    return Authenticator("secret", _never, 30.0, impersonate)


async def test_without_the_headers_the_caller_acts_as_itself():
    asked: list = []
    assert await authenticator(asked).impersonation(ADMIN, {}) is ADMIN
    assert asked == []


@pytest.mark.parametrize("header, act_as", [("x-clearml-impersonate-as", False), ("x-clearml-act-as", True)])
async def test_a_header_asks_identity_for_the_users_identity(header, act_as):
    asked: list = []
    identity = await authenticator(asked).impersonation(ADMIN, {header: "ada"})
    assert identity.user == "ada" and asked == [("admin", "ada", act_as)]


async def test_both_headers_at_once_are_400_5():
    with pytest.raises(ApiError) as refused:
        await authenticator([]).impersonation(ADMIN, {"x-clearml-impersonate-as": "a", "x-clearml-act-as": "a"})
    assert (refused.value.code, refused.value.subcode) == (400, 5)

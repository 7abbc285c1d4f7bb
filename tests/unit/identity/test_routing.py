"""The routing room's router tokens over in-memory fakes: what each kind of token is, that a
revoked one is refused (and revoked as a session too), and that a router code is used once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
import pytest

from services.identity.routing.tokens import RouterTokens
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import auth as api
from shared.tokens import ALGORITHM, verify_token
from tests.unit.identity.conftest import TOKEN_SECRET

NOW = datetime.now(timezone.utc)  # JWT expiry is checked against the real clock


class InMemoryRows:
    """Both stores of the room (tokens and codes), as dicts."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}

    async def create_indexes(self) -> None: ...

    async def insert(self, row: dict) -> None:
        self.rows[row["_id"]] = dict(row)

    async def get(self, row_id: str) -> dict | None:
        return self.rows.get(row_id)

    async def of_company(self, company: str) -> list[dict]:
        return [dict(r) for r in self.rows.values() if r["company"] == company]

    async def revoke(self, company, ids, by, when) -> int:
        hits = [self.rows[i] for i in ids if i in self.rows and not self.rows[i]["revoked"]]
        for row in hits:
            row.update(revoked=True, revoked_by=by, revoked_at=when)
        return len(hits)

    async def take(self, code: str) -> dict | None:
        return self.rows.pop(code, None)


class FakeQueues:
    async def call(self, identity, endpoint, payload, key=None):
        assert endpoint == "internal.router_url"
        return {"url": f"https://router.test/{payload.get('route', '')}"}


@pytest.fixture
def room(ports, settings, admin):
    return RouterTokens(InMemoryRows(), InMemoryRows(), ports.users, ports.sessions, ports.publisher, FakeQueues(),
                        settings, lambda: NOW)


@pytest.fixture
def me(admin):
    return Identity(company=admin.company, user=admin.id, role="admin")


async def test_an_identity_token_is_a_session_of_its_user_until_revoked(room, me, ports):
    token = await room.generate_router_token(me, api.GenerateRouterTokenRequest(label="x"))
    holder, claims = verify_token(TOKEN_SECRET, token)
    assert (holder.user, holder.company) == (me.user, me.company)
    assert (await room.verify(token))["type"] == "identity_token"
    await room.revoke_router_tokens(me, api.RevokeRouterTokensRequest(ids=[claims["session_id"]]))
    with pytest.raises(ApiError) as refused:
        await room.verify(token)
    assert (refused.value.code, refused.value.subcode) == (401, 31)
    assert [s for s, _ in await ports.sessions.list_revoked(NOW)] == [claims["session_id"]]
    assert ports.publisher.published[-1][1]["type"] == "SessionRevoked"


async def test_an_endpoint_token_carries_no_identity(room, me):
    token = await room.generate_endpoint_router_token(
        me, api.GenerateEndpointRouterTokenRequest(label="x", endpoints=["m", "m", " "]))
    with pytest.raises(ApiError):
        verify_token(TOKEN_SECRET, token)  # what the gateway does with a bearer token
    assert (await room.verify(token))["endpoints"] == ["m"]
    forged = jwt.encode({"router_token": "nope", "exp": NOW + timedelta(days=1)}, TOKEN_SECRET, algorithm=ALGORITHM)
    with pytest.raises(ApiError) as refused:
        await room.verify(forged)
    assert (refused.value.code, refused.value.subcode) == (401, 30)


async def test_a_router_code_is_used_once(room, me):
    answer = await room.redirect_to_router(me, api.RedirectToRouterRequest(router="r1", route="m"))
    [url] = answer.values()
    assert url.startswith("https://router.test/m?code=")
    code = url.split("code=")[1]
    request = api.ValidateRouterCodeRequest(code=code, router="r1", route="m")
    assert verify_token(TOKEN_SECRET, await room.validate_router_code(me, request))[0].user == me.user
    with pytest.raises(ApiError) as refused:
        await room.validate_router_code(me, request)
    assert (refused.value.code, refused.value.subcode) == (401, 30)

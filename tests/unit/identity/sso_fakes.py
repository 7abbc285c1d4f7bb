"""In-memory fakes of the SSO room's ports (``ConfigurationRepository``,
``LoginRecordRepository``), with the Mongo adapters' contracts, and an ``httpx`` client whose
transport answers as ``tests/support/oidc_provider.OidcProvider`` (no socket is used)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from urllib.parse import parse_qsl, urlparse

import httpx

from services.identity.sso.store import StoredConfiguration
from tests.support.oidc_provider import OidcProvider


class InMemoryConfigurations:
    def __init__(self) -> None:
        self.items: dict[str, StoredConfiguration] = {}

    async def get(self, config_id: str) -> StoredConfiguration | None:
        return self.items.get(config_id)

    async def list(self, company: str | None, active: bool | None = None) -> list[StoredConfiguration]:
        return [c for _, c in sorted(self.items.items())
                if company in (None, c.company) and active in (None, c.active)]

    async def put(self, configuration: StoredConfiguration) -> None:
        self.items[configuration.id] = configuration

    async def set_active(self, company: str, ids: list[str], active: bool, when: datetime) -> int:
        changed = [c for c in self.items.values() if c.id in ids and c.company == company and c.active != active]
        for c in changed:
            self.items[c.id] = dataclasses.replace(c, active=active, last_update=when)
        return len(changed)

    async def delete(self, company: str, ids: list[str]) -> int:
        gone = [i for i in ids if i in self.items and self.items[i].company == company]
        for i in gone:
            del self.items[i]
        return len(gone)


class InMemoryLoginRecords:
    def __init__(self) -> None:
        self.links: dict[tuple[str, str, str], str] = {}
        self.redeemed: dict[str, datetime] = {}
        self.runs: dict[str, tuple[StoredConfiguration, datetime]] = {}

    async def linked_user(self, company: str, issuer: str, subject: str) -> str | None:
        return self.links.get((company, issuer, subject))

    async def link(self, company: str, issuer: str, subject: str, user: str) -> None:
        self.links[(company, issuer, subject)] = user

    async def unlink(self, company: str, issuer: str, subject: str) -> None:
        self.links.pop((company, issuer, subject), None)

    async def redeem(self, state_id: str, expire: datetime, now: datetime) -> bool:
        self.redeemed = {k: v for k, v in self.redeemed.items() if v >= now}
        if state_id in self.redeemed:
            return False
        self.redeemed[state_id] = expire
        return True

    async def put_test_run(self, run_id: str, configuration: StoredConfiguration, expire: datetime) -> None:
        self.runs[run_id] = (configuration, expire)

    async def take_test_run(self, run_id: str, now: datetime) -> StoredConfiguration | None:
        self.runs = {k: v for k, v in self.runs.items() if v[1] >= now}
        found = self.runs.pop(run_id, None)
        return found[0] if found else None


def provider_client(idp: OidcProvider) -> httpx.AsyncClient:
    """An ``httpx`` client that reaches ``idp`` (and only it) in memory."""

    def answer(request: httpx.Request) -> httpx.Response:
        if not str(request.url).startswith(idp.issuer):
            raise httpx.ConnectError("unreachable", request=request)
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            return httpx.Response(200, json=idp.discovery())
        if path == "/jwks":
            return httpx.Response(200, json=idp.jwks())
        if path == "/token":
            form = dict(parse_qsl(request.content.decode()))
            status, body = idp.token(form, request.headers.get("authorization"))
            return httpx.Response(status, json=body)
        return httpx.Response(404, json={"error": "not_found"})

    return httpx.AsyncClient(transport=httpx.MockTransport(answer))


def follow(idp: OidcProvider, redirect_url: str) -> dict[str, str]:
    """The browser at the provider: the callback's query (code, state)."""
    status, headers = idp.authorize(dict(parse_qsl(urlparse(redirect_url).query)))
    assert status == 302
    return dict(parse_qsl(urlparse(headers["Location"]).query))

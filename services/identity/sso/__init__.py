"""The SSO room of identity: identity provider configurations (``sso.*``: OIDC and SAML, per
company, client secrets sealed at rest) and the OpenID Connect login (``login.sso_authorize``,
``login.sso_callback``, the providers of ``login.supported_modes``). ``build_room`` wires its
use cases (from ``services/identity/main.py``); ``handlers.py`` is its endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from pymongo.asynchronous.database import AsyncDatabase

from services.identity.domain import utcnow
from services.identity.service import IdentityService
from services.identity.sso.configurations import ProviderConfigurations
from services.identity.sso.login import SsoLogin
from services.identity.sso.oidc import OidcClient
from services.identity.sso.sealing import SecretSeal, StateSigner
from services.identity.sso.store import MongoConfigurationRepository, MongoLoginRecordRepository

# How long one request to an identity provider may take (discovery, token, key set).
PROVIDER_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class SsoRoom:
    """The use cases of the room (``identity``: its login model, for ``login.supported_modes``)."""

    identity: IdentityService
    configurations: ProviderConfigurations
    login: SsoLogin
    store: MongoConfigurationRepository
    records: MongoLoginRecordRepository
    http: httpx.AsyncClient

    async def create_indexes(self) -> None:
        await self.store.create_indexes()
        await self.records.create_indexes()

    async def close(self) -> None:
        await self.http.aclose()


def build_room(db: AsyncDatabase, identity: IdentityService, http: httpx.AsyncClient | None = None) -> SsoRoom:
    """The room over identity's database, reaching identity providers with ``http``."""
    settings = identity.settings
    http = http or httpx.AsyncClient(timeout=PROVIDER_TIMEOUT_S, follow_redirects=False)
    store, records = MongoConfigurationRepository(db), MongoLoginRecordRepository(db)
    seal = SecretSeal(settings.storage_secret_key or settings.auth_token_secret)
    states = StateSigner(settings.auth_token_secret)
    oidc = OidcClient(http)
    return SsoRoom(
        identity=identity,
        configurations=ProviderConfigurations(store, records, seal, states, oidc, utcnow),
        login=SsoLogin(identity, store, records, seal, states, oidc, utcnow),
        store=store,
        records=records,
        http=http,
    )

"""Use cases of the ``sso.*`` endpoints: the identity provider configurations of a company.

Every endpoint is for administrators (the catalog's ``allow_roles``, enforced by the gateway);
``company`` names another company only for system and root callers (403/20 otherwise). Each
method names its endpoint.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.identity.sso import saml
from services.identity.sso.oidc import DISCOVERY_FIELDS, OidcClient, authorization_url
from services.identity.sso.providers import (
    OIDC,
    PROVIDERS,
    SECRET_FIELDS,
    Provider,
    check_url,
    display_name,
    provider,
    template,
    validated,
)
from services.identity.sso.sealing import STATE_LIFETIME_S, SecretSeal, StateSigner
from services.identity.sso.store import ConfigurationRepository, LoginRecordRepository, StoredConfiguration
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

CROSS_COMPANY_ROLES = frozenset({"system", "root"})


def company_of(caller: Identity, company: str | None) -> str:
    """The company a request acts on: the caller's, or (system and root) the one named."""
    if not company or company == caller.company:
        return caller.company
    if caller.role not in CROSS_COMPANY_ROLES:
        raise ApiError(403, 20, f"role {caller.role!r} may only configure its own company's SSO")
    return company


class ProviderConfigurations:
    def __init__(self, store: ConfigurationRepository, records: LoginRecordRepository, seal: SecretSeal,
                 states: StateSigner, oidc: OidcClient, clock: Callable[[], datetime]) -> None:
        self._store, self._records, self._seal = store, records, seal
        self._states, self._oidc, self._clock = states, oidc, clock

    @staticmethod
    def supported_providers() -> list[Provider]:
        """``sso.get_supported_providers``."""
        return list(PROVIDERS.values())

    async def template(self, caller: Identity, provider_id: str | None, config_id: str | None,
                       company: str | None, well_known_url: str | None) -> tuple[dict[str, Any], str | None]:
        """``sso.get_provider_configuration_template``: a stored configuration to edit (its
        secrets null), else a new one of ``provider`` with its endpoints discovered from
        ``well_known_url``; the discovery's failure is answered as ``error``."""
        if config_id:
            stored = await self.get(caller, config_id, company)
            return self.editable(stored), None
        if not provider_id:
            raise ApiError(400, 11, "provider or id is required")
        config = template(provider(provider_id))
        if not well_known_url:
            return config, None
        try:
            config["well_known_url"] = check_url("well_known_url", well_known_url)
            found = await self.discover(well_known_url)
        except ApiError as failed:
            return config, failed.message
        config.update({k: v for k, v in found.items() if k in config and v})
        return config, None

    async def get(self, caller: Identity, config_id: str, company: str | None) -> StoredConfiguration:
        stored = await self._store.get(config_id)
        if stored is None or stored.company != company_of(caller, company):
            raise ApiError(400, 10, "no such SSO configuration", id=config_id)
        return stored

    @staticmethod
    def editable(stored: StoredConfiguration) -> dict[str, Any]:
        return {**stored.settings, **{k: None for k in SECRET_FIELDS if k in template(PROVIDERS[stored.provider])},
                "id": stored.id, "active": stored.active}

    async def save(self, caller: Identity, provider_id: str, configuration: dict[str, Any],
                   company: str | None) -> str:
        """``sso.save_provider_configuration``: create (no ``id``) or replace a configuration.
        A secret sent empty keeps the stored one; a new configuration is inactive unless it
        says ``active``. Answers the id."""
        found = provider(provider_id)
        target = company_of(caller, company)
        config_id = configuration.get("id")
        previous = await self.get(caller, config_id, company) if config_id else None
        if previous is not None and previous.provider != found.id:
            raise ApiError(400, 12, f"configuration {config_id} is of provider {previous.provider}, not {found.id}")
        settings = validated(found, configuration)
        public, sealed = self._seal.seal(settings)
        if previous is not None:
            sealed = {**previous.sealed, **sealed}
        active = configuration.get("active")
        stored = StoredConfiguration(
            id=config_id or secrets.token_hex(16), company=target, provider=found.id, category=found.category,
            display_name=display_name(found, settings),
            active=bool(active) if active is not None else bool(previous and previous.active),
            last_update=self._clock(), settings=public, sealed=sealed)
        await self._store.put(stored)
        return stored.id

    async def set_active(self, caller: Identity, ids: list[str], active: bool, company: str | None) -> int:
        """``sso.set_provider_configurations_active``: how many changed state."""
        return await self._store.set_active(company_of(caller, company), list(ids), active, self._clock())

    async def delete(self, caller: Identity, ids: list[str], company: str | None) -> int:
        """``sso.delete_provider_configurations``: how many were deleted."""
        return await self._store.delete(company_of(caller, company), list(ids))

    async def list(self, caller: Identity, company: str | None) -> list[StoredConfiguration]:
        """``sso.get_provider_configurations``: the company's configurations."""
        return await self._store.list(company_of(caller, company))

    async def discover(self, url: str) -> dict[str, str]:
        """``sso.get_oidc_provider_data_from_well_known_url``: the endpoints the provider's
        discovery document announces (400/16 when unreachable or not one)."""
        document = await self._oidc.discover(check_url("url", url))
        return {k: document[k] for k in DISCOVERY_FIELDS if isinstance(document.get(k), str)}

    async def test(self, caller: Identity, provider_id: str, configuration: dict[str, Any],
                   app_state: str | None) -> str:
        """``sso.test_provider_configuration``: where the browser goes to try a configuration
        (saved or not): the OIDC provider's authorization URL, or the SAML IdP's sign-on URL
        with an AuthnRequest. Checks the configuration and, for OIDC, reaches the provider and
        keeps the configuration (its secret sealed) for ``login.test_sso_callback``."""
        found = provider(provider_id)
        settings, sealed = await self._completed(caller, found, configuration)
        if found.category != OIDC:
            return saml.authn_request_url(settings, app_state or "", self._clock())
        redirect = settings.get("callback_url")
        if not redirect:
            raise ApiError(400, 11, "callback_url is required to test an OIDC configuration", field="callback_url")
        if settings.get("well_known_url"):
            await self._oidc.discover(settings["well_known_url"])
        endpoints = await self._oidc.endpoints(settings)
        run = StoredConfiguration(
            id=configuration.get("id") or "", company=company_of(caller, None), provider=found.id,
            category=found.category, display_name=display_name(found, settings), active=False,
            last_update=self._clock(), settings=settings, sealed=sealed)
        run_id = secrets.token_hex(16)
        await self._records.put_test_run(run_id, run, self._clock() + timedelta(seconds=STATE_LIFETIME_S))
        state, nonce = self._states.issue({"test": True, "run": run_id, "cb": redirect, "app": app_state or ""})
        return authorization_url(endpoints.authorization_endpoint, settings, redirect, state, nonce)

    async def sp_metadata(self, caller: Identity, provider_id: str, configuration: dict[str, Any]) -> str:
        """``sso.download_saml_sp_metadata``: the SP metadata XML of a SAML configuration."""
        found = provider(provider_id)
        if found.category == OIDC:
            raise ApiError(400, 12, f"{found.id} is an OIDC provider: SP metadata is for SAML configurations")
        settings, _ = await self._completed(caller, found, configuration)
        return saml.sp_metadata(settings)

    async def _completed(self, caller: Identity, found: Provider,
                         configuration: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """A configuration sent whole, or with an ``id``: the stored one with the sent changes.
        The settings without their secrets, and the secrets sealed (a secret not sent: the
        stored one)."""
        stored_sealed: dict[str, str] = {}
        if configuration.get("id"):
            stored = await self.get(caller, configuration["id"], None)
            stored_sealed = stored.sealed
            configuration = {**stored.settings, **{k: v for k, v in configuration.items() if v is not None}}
        public, sealed = self._seal.seal(validated(found, configuration))
        return public, {**stored_sealed, **sealed}

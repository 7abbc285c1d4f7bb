"""Use cases of the SSO login (OpenID Connect, authorization code flow): the providers the
login page offers, ``login.sso_authorize`` and ``login.sso_callback``.

1. ``login.sso_authorize {provider, callback_url}``: the provider's authorization URL, with a
   signed state (which configuration, the callback, a nonce; 10 minutes) and that nonce.
2. The browser logs in at the provider, which redirects to the callback with ``code`` and
   ``state``; the web UI hands them over as ``login.sso_callback {provider, callback_url, args}``.
3. The code is exchanged at the provider's token endpoint (with the sealed client secret), the
   ID token verified (signature by the provider's JWKS, issuer, audience, expiry, nonce), the
   state redeemed once, the claims mapped to a user of the configuration's company (by the
   provider's subject, else a verified email, else created when the configuration allows
   sign-up; otherwise 401/2) and a session token issued as ``auth.login`` does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from services.identity.domain import User, new_id
from services.identity.service import IdentityService
from services.identity.sso.oidc import OidcClient, authorization_url
from services.identity.sso.providers import OIDC, MappedUser, mapped_user
from services.identity.sso.sealing import SecretSeal, StateSigner
from services.identity.sso.store import ConfigurationRepository, LoginRecordRepository, StoredConfiguration
from services.identity.users.store import UserQuery
from shared.errors import ApiError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoggedIn:
    user: str
    company: str
    token: str
    app_state: str


@dataclass(frozen=True)
class TestedLogin:
    """What ``login.test_sso_callback`` tells the administrator: the configuration tried, and
    the provider's claims with the user they map to, or why the login failed."""

    configuration: StoredConfiguration
    claims: dict[str, Any] | None = None
    mapped: MappedUser | None = None
    error: str | None = None


@dataclass(frozen=True)
class LoginOption:
    """A provider on the login page: ``name`` is what ``login.sso_authorize`` takes."""

    name: str
    display_name: str
    provider: str
    url: str | None


class SsoLogin:
    def __init__(self, identity: IdentityService, configurations: ConfigurationRepository,
                 records: LoginRecordRepository, seal: SecretSeal, states: StateSigner, oidc: OidcClient,
                 clock: Callable[[], datetime]) -> None:
        self._identity = identity
        self._configurations, self._records = configurations, records
        self._seal, self._states, self._oidc, self._clock = seal, states, oidc, clock

    async def options(self) -> list[LoginOption]:
        """``login.supported_modes``'s ``sso_providers``: every active OIDC configuration; its
        ``url`` (the authorization URL, a fresh state) when it names its ``callback_url`` and
        its provider answers (a provider down leaves the login page working, without a URL)."""
        options = []
        for stored in await self._configurations.list(None, active=True):
            if stored.category != OIDC:
                continue
            url = None
            if stored.settings.get("callback_url"):
                try:
                    url = await self._authorization(stored, stored.settings["callback_url"], "")
                except ApiError as failed:
                    log.warning("SSO configuration %s: no login URL (%s)", stored.id, failed.message)
            options.append(LoginOption(stored.id, stored.display_name, stored.provider, url))
        return options

    async def authorize(self, name: str, callback_url: str | None, app_state: str | None,
                        company_hint: str | None) -> str:
        """``login.sso_authorize``: the URL the browser goes to (``callback_url``: where the
        provider sends it back; default the configuration's)."""
        stored = await self._active(name, company_hint)
        configured = stored.settings.get("callback_url")
        redirect = callback_url or configured
        if not redirect:
            raise ApiError(400, 11, "callback_url is required (the configuration names none)")
        if configured and redirect != configured:
            # The provider should refuse an unregistered redirect too; Cairn does not rely on it.
            raise ApiError(400, 12, "callback_url is not the configuration's callback_url", callback_url=redirect)
        return await self._authorization(stored, redirect, app_state or "")

    async def callback(self, name: str, callback_url: str, args: dict[str, str]) -> LoggedIn:
        """``login.sso_callback``: the provider's answer (``args``: the callback's query)
        turned into a session of the mapped user."""
        if args.get("error"):
            raise ApiError(401, 30, f"the identity provider refused the login ({args['error'][:200]})")
        if not args.get("code") or not args.get("state"):
            raise ApiError(400, 11, "args must carry the provider's code and state")
        state = self._states.read(args["state"])
        if state.get("test") or state.get("cfg") is None:
            raise ApiError(401, 30, "this state is not of a login (a configuration test?)")
        stored = await self._active(state["cfg"], None)
        if name not in (stored.id, stored.provider) or state["cb"] != callback_url:
            raise ApiError(401, 30, "the SSO callback does not match the login it answers (provider or callback_url)")
        claims = await self._verified_claims(stored, callback_url, args["code"], state["nonce"])
        expire = datetime.fromtimestamp(state["exp"], timezone.utc)
        if not await self._records.redeem(state["jti"], expire, self._clock()):
            raise ApiError(401, 30, "this SSO login was already completed; start again")
        user = await self._user(stored, claims["iss"], mapped_user(claims, stored.settings.get("claim_mapping") or {}))
        identity = await self._identity._identity_of(stored.company, user.id)
        if identity is None:
            raise ApiError(401, 22, "the user of this login no longer exists")
        token = await self._identity.login(identity, None)
        return LoggedIn(user.id, stored.company, token, str(state.get("app") or ""))

    async def test_callback(self, callback_url: str, args: dict[str, str]) -> TestedLogin:
        """``login.test_sso_callback``: the end of ``sso.test_provider_configuration``'s login:
        the code exchanged and the ID token verified as a login would, nobody logged in. A
        state that is not of a test (or used, or expired) is 401/30; the provider's refusal
        is answered as ``error``."""
        if not args.get("state"):
            raise ApiError(400, 11, "args must carry the provider's state")
        state = self._states.read(args["state"])
        if not state.get("test") or not state.get("run"):
            raise ApiError(401, 30, "this state is not of a configuration test")
        run = await self._records.take_test_run(state["run"], self._clock())
        if run is None:
            raise ApiError(401, 30, "this configuration test is over (used or expired); start it again")
        try:
            if args.get("error"):
                raise ApiError(401, 30, f"the identity provider refused the login ({args['error'][:200]})")
            if state["cb"] != callback_url or not args.get("code"):
                raise ApiError(401, 30, "the callback does not match the test it answers (callback_url or code)")
            claims = await self._verified_claims(run, callback_url, args["code"], state["nonce"])
            return TestedLogin(run, claims, mapped_user(claims, run.settings.get("claim_mapping") or {}))
        except ApiError as failed:
            return TestedLogin(run, error=failed.message)

    async def _authorization(self, stored: StoredConfiguration, redirect: str, app_state: str) -> str:
        endpoints = await self._oidc.endpoints(stored.settings)
        state, nonce = self._states.issue({"cfg": stored.id, "cb": redirect, "app": app_state})
        return authorization_url(endpoints.authorization_endpoint, stored.settings, redirect, state, nonce)

    async def _active(self, name: str, company_hint: str | None) -> StoredConfiguration:
        """The active OIDC configuration ``name`` (its id, or its provider when exactly one
        active configuration is of that provider, in ``company_hint`` when given)."""
        stored = await self._configurations.get(name)
        if stored is None:
            matching = [c for c in await self._configurations.list(company_hint or None, active=True)
                        if c.provider == name]
            stored = matching[0] if len(matching) == 1 else None
        if stored is None or not stored.active:
            raise ApiError(400, 10, "no active SSO configuration of that name", provider=name)
        if stored.category != OIDC:
            raise ApiError(400, 1, "only OpenID Connect configurations log in on this server (SAML does not)")
        return stored

    async def _verified_claims(self, stored: StoredConfiguration, redirect: str, code: str,
                               nonce: str) -> dict[str, Any]:
        secret = self._seal.open(stored.sealed, "client_secret")
        if secret is None:
            raise ApiError(401, 30, "the configuration's client_secret is not set (save it again)")
        endpoints = await self._oidc.endpoints(stored.settings)
        tokens = await self._oidc.exchange(endpoints, stored.settings, secret, code, redirect)
        audience = stored.settings.get("audience") or stored.settings["client_id"]
        return await self._oidc.verify(tokens["id_token"], endpoints, audience, nonce)

    async def _user(self, stored: StoredConfiguration, issuer: str, mapped: MappedUser) -> User:
        """The company's user the provider's user is: linked before, else the one with that
        (verified) email, else new when the configuration allows sign-up; 401/2 otherwise."""
        company = stored.company
        if mapped.company:
            await self._check_company(company, mapped.company)
        users = self._identity.ports.users
        linked = await self._records.linked_user(company, issuer, mapped.user_id)
        if linked is not None:
            user = await users.get(linked)
            if user is not None and user.company == company:
                return user
            await self._records.unlink(company, issuer, mapped.user_id)
        user = await self._by_email(company, mapped)
        if user is None:
            user = await self._signed_up(stored, mapped)
        await self._records.link(company, issuer, mapped.user_id, user.id)
        return user

    async def _check_company(self, company: str, claimed: str) -> None:
        """The company claim (``claim_mapping.company``) must name the configuration's company
        (its id or name): a provider never places a user in another company."""
        found = await self._identity.ports.companies.get(company)
        if claimed not in (company, found.name if found else None):
            raise ApiError(401, 2, "the identity provider places this user in another company", company=claimed)

    async def _by_email(self, company: str, mapped: MappedUser) -> User | None:
        if not mapped.email or not mapped.email_verified:
            return None  # an unverified address proves nothing: never take over a user with it
        found = await self._identity.ports.users.find(UserQuery(company=company, emails=(mapped.email,), limit=2))
        return found[0] if len(found) == 1 else None

    async def _signed_up(self, stored: StoredConfiguration, mapped: MappedUser) -> User:
        if not stored.settings.get("allow_signup"):
            raise ApiError(401, 2, "no user of this company matches the identity provider's user, "
                                   "and this SSO configuration does not allow sign-up", email=mapped.email)
        settings = self._identity.settings
        role = stored.settings.get("default_role") or "user"
        user = User(id=new_id(), company=stored.company, name=mapped.name, role=role,
                    given_name=mapped.given_name, family_name=mapped.family_name, email=mapped.email,
                    avatar=mapped.avatar, created=self._clock(), created_in_version=settings.server_version)
        await self._identity.ports.users.ensure(user)
        return user

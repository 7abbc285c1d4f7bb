"""Identity's use cases: sessions, credentials, the current user and server information.

Each method is one ClearML endpoint (named in its docstring). The caller's identity comes
from the request envelope: the gateway has already authenticated it (HTTP Basic through
``verify_credentials`` below, or a session token it verified itself).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from services.identity.access.credentials import CredentialAccess
from services.identity.access.rules import UsageThrottle, is_expired
from services.identity.facts import FactPublisher, CredentialsRevoked, SessionRevoked
from services.identity.domain import (
    Credential,
    User,
    hash_secret,
    new_access_key,
    new_id,
    new_secret_key,
    token_lifetime,
    utcnow,
    verify_secret,
)
from services.identity.login.rules import LoginThrottle
from services.identity.repository import (
    CompanyRepository,
    CredentialRepository,
    ServerRepository,
    SessionRepository,
    UserRepository,
)
from services.identity.settings import MAX_TOKEN_EXPIRATION_S, IdentitySettings
from services.identity.users.room import UsersRoom
from services.identity.users.vault_store import NoVaults, VaultRepository
from services.identity.store.invitations import InvitationRepository
from services.identity.store.passwords import PasswordRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IdentityPorts:
    """Everything the use cases talk to; production wires Mongo and Kafka, tests fakes."""

    companies: CompanyRepository
    users: UserRepository
    credentials: CredentialRepository
    sessions: SessionRepository
    server: ServerRepository
    publisher: FactPublisher
    # users room: configuration vaults (none where no store is wired)
    vaults: VaultRepository = field(default_factory=NoVaults)
    # The login room's users' passwords (None: no password login, e.g. in some unit tests).
    passwords: PasswordRepository | None = None
    # The login room's invitations and sign-up domains (the Enterprise whitelist).
    invitations: InvitationRepository | None = None


def _require(identity: Identity | None) -> Identity:
    if identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return identity


class IdentityService:
    """The use cases of the ``auth``, ``users``, ``server``, ``login`` and ``debug`` services."""

    def __init__(self, ports: IdentityPorts, settings: IdentitySettings) -> None:
        self.ports = ports
        self.settings = settings
        self._background: set[asyncio.Task] = set()
        self._uid: str | None = None
        # The users room (users.*, the user part of auth.*): services/identity/users/
        self.users = UsersRoom(ports, settings)
        self._usage = UsageThrottle()
        self.access = CredentialAccess(ports)
        # The login room's wrong passwords per login name (password login model).
        self.login_throttle = LoginThrottle()

    # --- authentication -------------------------------------------------------------------

    async def verify_credentials(self, access_key: str, secret_key: str, address: str | None = None) -> Identity:
        """``internal.verify_credentials``: who a key pair belongs to, or 401/22."""
        identity, _ = await self.verify_key(access_key, secret_key, address)
        return identity

    async def verify_key(
        self, access_key: str, secret_key: str, address: str | None = None
    ) -> tuple[Identity, Credential]:
        """The owner of a key pair and the pair itself (its ``expire`` bounds how long a
        gateway may cache the answer); 401/22 for a wrong, expired or orphaned pair. The use
        is written down at most once a minute per key (``last_used``, ``last_used_from``)."""
        credential = await self.ports.credentials.get(access_key)
        if credential is None or not verify_secret(secret_key, credential.secret_hash):
            raise ApiError(401, 22)
        if is_expired(credential, utcnow()):
            raise ApiError(401, 22, "the credentials have expired")
        identity = await self._identity_of(credential.company, credential.user)
        if identity is None:
            raise ApiError(401, 22, "the credentials' user no longer exists")
        if self._usage.due(access_key):
            self._in_background(self.ports.credentials.touch(access_key, utcnow(), address))
        return identity, credential

    async def login(self, caller: Identity | None, expiration_sec: int | None) -> str:
        """``auth.login``: a new session token (JWT) for the caller, with the claims the
        clearml SDK reads (``api_version``, ``server_version``, ``feature_set``, ``exp``).

        The user is read again, so a refreshed token carries the user's current role."""
        caller = _require(caller)
        identity = await self._identity_of(caller.company, caller.user)
        if identity is None:
            raise ApiError(401, 22, "the caller's user no longer exists")
        lifetime = token_lifetime(expiration_sec, self.settings.token_expiration_s, MAX_TOKEN_EXPIRATION_S)
        return issue_token(
            self.settings.auth_token_secret,
            identity.model_copy(update={"access_key": caller.access_key}),  # the token ends with its key
            session_id=uuid.uuid4().hex,
            expires_in=lifetime,
            api_version=self.settings.api_version,
            server_version=self.settings.server_version,
            server_build=self.settings.server_build,
            feature_set=self.settings.feature_set,
        )

    async def logout(self, caller: Identity | None) -> None:
        """``auth.logout`` / ``login.logout``: revoke the caller's session and tell the gateways.

        The envelope does not carry the token's expiry, so the revocation is kept for the
        longest lifetime a token can have; a Basic-auth caller has no session to revoke."""
        if caller is None or not caller.session_id:
            return
        expires = utcnow() + timedelta(seconds=MAX_TOKEN_EXPIRATION_S)
        # Told before it is stored: a crash in between leaves the session revoked at every
        # gateway (which replay the topic) rather than stored here and known nowhere.
        await self.ports.publisher.publish(SessionRevoked(caller.session_id, int(expires.timestamp())))
        await self.ports.sessions.revoke(caller.session_id, expires)

    async def revoked_sessions(self) -> list[tuple[str, int]]:
        """``internal.revoked_sessions``: the live revocations (session id, unix expiry)."""
        revoked = await self.ports.sessions.list_revoked(utcnow())
        return [(session_id, int(expires.timestamp())) for session_id, expires in revoked]

    async def _identity_of(self, company_id: str, user_id: str) -> Identity | None:
        user, company = await asyncio.gather(self.ports.users.get(user_id), self.ports.companies.get(company_id))
        if user is None or user.company != company_id:
            return None
        if company is not None and not company.active:
            # Every way in (key pair, password, session refresh) comes here: a deactivated
            # company's users get no identity.
            raise ApiError(401, 22, "the company is deactivated")
        return Identity(
            company=company_id,
            user=user.id,
            role=user.role,
            user_name=user.name,
            company_name=company.name if company else "",
        )

    # --- credentials ----------------------------------------------------------------------

    async def create_credentials(self, caller: Identity | None, label: str | None) -> tuple[Credential, str]:
        """``auth.create_credentials``: a new key pair for the caller; the secret is returned
        here only, and stored hashed."""
        caller = _require(caller)
        for _ in range(3):  # an access key collision is astronomically unlikely; retry anyway
            secret = new_secret_key()
            credential = Credential(
                id=new_id(),
                access_key=new_access_key(),
                secret_hash=hash_secret(secret),
                company=caller.company,
                user=caller.user,
                label=label,
                created=utcnow(),
            )
            if await self.ports.credentials.insert(credential):
                return credential, secret
        raise ApiError(500, 0, "could not allocate a unique access key")

    async def get_credentials(self, caller: Identity | None) -> list[Credential]:
        """``auth.get_credentials``: the caller's key pairs (the gateway shows no secret)."""
        caller = _require(caller)
        return await self.ports.credentials.list_for_user(caller.company, caller.user)

    async def revoke_credentials(self, caller: Identity | None, access_key: str | None) -> int:
        """``auth.revoke_credentials``: delete one of the caller's own pairs (an admin's too:
        ClearML looks the key up among the caller's credentials only). An unknown key, or
        another user's, is 400/300; gateways drop a revoked key from their Basic-auth cache."""
        caller = _require(caller)
        if access_key is None:
            # Declared required by ClearML's request class: jsonmodels' complaint, 400/12.
            raise ApiError(400, 12, "error for field 'access_key'. field is required!")
        unknown = ApiError(400, 300, "invalid user or invalid access key",
                           id=caller.user, company=caller.company, credentials__key=access_key)
        existing = await self.ports.credentials.get(access_key)
        if existing is None or (existing.company, existing.user) != (caller.company, caller.user):
            raise unknown
        # Told before and after the deletion: a crash in between ends the key's tokens anyway,
        # and a token obtained while it was being deleted ends with the second fact.
        await self.ports.publisher.publish(CredentialsRevoked(access_key))
        if not await self.ports.credentials.delete(access_key, caller.company, caller.user):
            raise unknown
        await self.ports.publisher.publish(CredentialsRevoked(access_key))
        return 1

    async def edit_credentials(self, caller: Identity | None, access_key: str, label: str | None) -> int:
        """``auth.edit_credentials``: change the label of one of the caller's own pairs; an
        unknown key, or another user's, is 400/75."""
        caller = _require(caller)
        if not await self.ports.credentials.set_label(access_key, caller.company, caller.user, label):
            raise ApiError(
                400, 75, "invalid user or invalid access key",
                user=caller.user, access_key=access_key, company=caller.company,
            )
        return 1

    # --- users and server -----------------------------------------------------------------

    async def current_user(self, caller: Identity | None) -> tuple[User, str]:
        """``users.get_current_user``: the caller's user record and its company's name (400/300
        when the user is gone, ClearML's "failed loading user")."""
        caller = _require(caller)
        user, company = await asyncio.gather(
            self.ports.users.get(caller.user), self.ports.companies.get(caller.company)
        )
        if user is None or user.company != caller.company:
            raise ApiError(400, 300, "failed loading user")
        return user, company.name if company else caller.company_name

    async def server_uid(self) -> str:
        """``server.info``'s ``uid``: created once in the database, stable across restarts."""
        if self._uid is None:
            self._uid = await self.ports.server.uid()
        return self._uid

    # --- background work ------------------------------------------------------------------

    def _in_background(self, coro) -> None:
        """Run best-effort bookkeeping (``last_used``) without delaying the answer."""
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Only usage bookkeeping failed; the authentication itself was answered.
            log.warning("could not record credentials use: %s", task.exception())

    async def drain(self) -> None:
        """Wait for background bookkeeping (on shutdown, and in tests)."""
        if self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

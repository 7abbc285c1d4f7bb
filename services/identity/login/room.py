"""Use cases of the login room: password login, passwords, impersonation.

Each method names the endpoint (or internal action) it answers. The room works over the
identity process's ports (``IdentityPorts``; ``passwords`` is this room's collection) and
reuses ``IdentityService`` for what it already knows (key pairs, a user's identity).
"""

from __future__ import annotations

import asyncio

from services.identity.domain import User, utcnow
from services.identity.facts import PasswordChanged
from services.identity.login.rules import (
    PASSWORD_RESETTING_ROLES,
    check_may_impersonate,
    check_may_take_role,
    check_password_policy,
    hash_password,
    login_name,
    login_names,
    may_reach_company,
    verify_password,
)
from services.identity.service import IdentityService
from services.identity.store.passwords import StoredPassword
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


def _require(identity: Identity | None) -> Identity:
    if identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return identity


class LoginRoom:
    """The login use cases of one identity process (cheap to build: no state of its own)."""

    def __init__(self, service: IdentityService) -> None:
        self._service = service
        self._ports = service.ports
        self._settings = service.settings

    @property
    def _passwords_on(self) -> bool:
        return self._settings.login_mode == "password" and self._ports.passwords is not None

    async def verify(self, access_key: str, secret: str, address: str | None) -> tuple[Identity, float | None]:
        """``internal.verify_credentials``: a key pair, else (password login model) a user name
        or email with its password, as clearml-server's fixed users: the web UI's login form
        sends them as HTTP Basic ``name:password``; 401/22 when neither matches. With the
        identity, the unix time the key pair expires (None: never, and for passwords)."""
        try:
            identity, credential = await self._service.verify_key(access_key, secret, address)
            return identity, (credential.expire.timestamp() if credential.expire else None)
        except ApiError as refused:
            if refused.code != 401 or not self._passwords_on:
                raise
            identity = await self.password_identity(access_key, secret)
            if identity is None:
                raise ApiError(401, 22, "bad username or password") from None
            return identity, None

    async def password_identity(self, login: str, password: str) -> Identity | None:
        """The identity of the user whose name or email is ``login`` and whose password is
        ``password``; None otherwise (also when the user was renamed since, and while the name
        is locked after too many wrong passwords: ``rules.LoginThrottle``)."""
        wanted = login_name(login)
        throttle = self._service.login_throttle
        if throttle.locked(wanted):
            return None
        for stored in await self._ports.passwords.find_by_login(wanted):
            # Argon2 takes tens of milliseconds of CPU: off the event loop.
            if not await asyncio.to_thread(verify_password, password, stored.hash):
                continue
            user = await self._ports.users.get(stored.user)
            if user is not None and wanted in login_names(user.name, user.email):
                throttle.succeeded(wanted)
                return await self._service._identity_of(user.company, user.id)
        throttle.failed(wanted)
        return None

    async def set_password(self, caller: Identity | None, password: str, old_password: str | None,
                           user_id: str | None) -> None:
        """``login.set_password``: a user sets or changes their own password (the current one
        required once there is one); an admin of the user's company, or a system role, resets
        another user's. Stored as an Argon2id hash under the user's name and email."""
        caller = _require(caller)
        user = await self._target_user(caller, user_id or caller.user)
        await self.check_new_password(password)
        stored = await self._ports.passwords.get(user.id)
        if user.id == caller.user:
            await self._check_old_password(stored, old_password)
        digest = await asyncio.to_thread(hash_password, password)
        seeded = stored.seeded if stored else None  # the admin's setting stays applied, not re-applied
        await self._ports.passwords.put(
            StoredPassword(user.id, user.company, login_names(user.name, user.email), digest, utcnow(), seeded)
        )
        # The gateways forget the old password they cached (else it works for 30 s more).
        await self._ports.publisher.publish(PasswordChanged(user.id))

    async def check_new_password(self, password: str) -> None:
        """400/1 when this server keeps no passwords, 400/12 for a password too weak."""
        if self._ports.passwords is None or self._settings.login_mode != "password":
            raise ApiError(400, 1, "passwords are not used by this server (CAIRN_LOGIN_MODE=name)")
        check_password_policy(password)

    async def _target_user(self, caller: Identity, user_id: str) -> User:
        user = await self._ports.users.get(user_id)
        if user is None or not may_reach_company(caller.role, caller.company, user.company):
            raise ApiError(400, 300, "invalid user", id=user_id)
        if user.id != caller.user and caller.role not in PASSWORD_RESETTING_ROLES:
            raise ApiError(403, 20, f"role {caller.role!r} may not set another user's password")
        return user

    @staticmethod
    async def _check_old_password(stored: StoredPassword | None, old_password: str | None) -> None:
        """A password once set is only changed by who knows it (a stolen session is not
        enough); 400 rather than 401, so a client does not take it for a lost session."""
        if stored is None:
            return
        if not old_password:
            raise ApiError(400, 11, "old_password is required to change your password")
        if not await asyncio.to_thread(verify_password, old_password, stored.hash):
            raise ApiError(400, 12, "old_password is not the current password")

    async def impersonate(self, caller: Identity | None, user_id: str, act_as: bool) -> Identity:
        """``internal.impersonate`` (the gateway, for ``X-ClearML-Impersonate-As`` and
        ``X-ClearML-Act-As``): ClearML's rules. Only system roles and admins impersonate, a
        root anywhere, the others within their company; an unknown user is 400/6. Acting as
        a user keeps the caller's role; impersonating takes the user's. Neither reaches a
        user of a higher role (what is made while acting as one, a key pair, is that user's)."""
        caller = _require(caller)
        check_may_impersonate(caller.role)
        user = await self._ports.users.get(user_id)
        if user is None or not may_reach_company(caller.role, caller.company, user.company):
            raise ApiError(400, 6, "unknown user", id=user_id, company=caller.company)
        company = await self._ports.companies.get(user.company)
        if company is None:
            raise ApiError(400, 6, "unknown company for user", id=user_id, company=user.company)
        check_may_take_role(caller.role, user.role)
        if act_as:
            name = f"{caller.user_name} (acting as {user.name})"
            return Identity(company=user.company, user=user.id, role=caller.role, user_name=name,
                            company_name=company.name)
        return Identity(company=user.company, user=user.id, role=user.role, user_name=user.name,
                        company_name=company.name)

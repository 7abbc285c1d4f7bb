"""Use cases of the users room that make, remove and empower accounts: ``auth.create_user`` /
``add_user`` / ``edit_user`` / ``delete_user``, ``users.delete``, ``users.set_role`` /
``set_admin``, service users, and the tokens a system caller issues or checks
(``auth.get_token_for_user``, ``auth.validate_token``)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from services.identity.domain import User, new_id, token_lifetime, utcnow
from services.identity.facts import FactPublisher
from services.identity.repository import CompanyRepository, CredentialRepository, SessionRepository
from services.identity.settings import MAX_TOKEN_EXPIRATION_S, IdentitySettings
from services.identity.users.directory import invalid_user_id, scope_of
from services.identity.users.rules import crosses_companies, may_give_role
from services.identity.users.store import UserDirectory, UserQuery
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token, verify_token


@dataclass(frozen=True)
class AccountPorts:
    users: UserDirectory
    companies: CompanyRepository
    credentials: CredentialRepository
    sessions: SessionRepository
    publisher: FactPublisher


@dataclass(frozen=True)
class NewUser:
    """What ``auth.create_user`` / ``auth.add_user`` / ``auth.create_service_user`` give."""

    company: str
    name: str
    email: str = ""
    role: str = "user"
    given_name: str = ""
    family_name: str = ""
    avatar: str | None = None
    service: bool = False
    allow_running_as_owner: bool = False


class AccountUseCases:
    def __init__(self, ports: AccountPorts, settings: IdentitySettings,
                 revoke_user: Callable[[str, str], Awaitable[int]]) -> None:
        """``revoke_user(company, user)`` ends a removed user's keys and sessions everywhere
        (``access.CredentialAccess.revoke_user``)."""
        self.ports = ports
        self.settings = settings
        self._revoke_user = revoke_user
        # ``hook(company, user)`` after a user was removed (the permissions room: the user
        # leaves groups and rules); appended in main.py.
        self.removed_hooks: list[Callable[[str, str], Awaitable[None]]] = []

    async def create_user(self, caller: Identity, new: NewUser) -> User:
        """``auth.create_user`` (system callers, e.g. the web UI's name-only login): a user
        of an existing company (400/10 otherwise) with a new id. ``auth.add_user`` (admins of
        their own company) and service users come through here too."""
        if new.company != caller.company and not crosses_companies(caller.role):
            raise ApiError.named("invalid_id", msg="company not found", company=new.company)
        if await self.ports.companies.get(new.company) is None:
            raise ApiError.named("invalid_id", msg="company not found", company=new.company)
        user = User(
            id=new_id(),
            company=new.company,
            name=new.name,
            role=new.role,
            email=new.email,
            given_name=new.given_name,
            family_name=new.family_name,
            avatar=new.avatar,
            created=utcnow(),
            created_in_version=self.settings.server_version,
            service=new.service,
            allow_running_as_owner=new.allow_running_as_owner,
        )
        await self.ports.users.insert(user)
        return user

    async def set_role(self, caller: Identity, user_id: str | None, role: str) -> int:
        """``auth.edit_user`` / ``users.set_role`` / ``users.set_admin``: give a user of the
        caller's company one of the assignable roles (``rules.may_give_role``; 403/20 when
        the caller may not). An unknown user, or one of another company, is 400/301."""
        target = await self._user_in_scope(caller, user_id)
        if not may_give_role(caller.role, target.role, role):
            raise ApiError(403, 20, f"role {caller.role!r} may not make a {target.role!r} user {role!r}")
        return await self.ports.users.update(target.id, target.company, {"role": role})

    async def delete_user(self, caller: Identity, user_id: str | None) -> User:
        """``users.delete`` / ``auth.delete_user``: remove the user and revoke every key pair
        and session of theirs (one ``UserRevoked`` fact: the gateways and the files process
        refuse them at once). A caller does not delete itself (400/300)."""
        target = await self._user_in_scope(caller, user_id)
        if target.id == caller.user:
            raise ApiError.named("invalid_user", msg="cannot delete yourself", id=target.id)
        if target.role in {"system", "root"} and not crosses_companies(caller.role):
            raise ApiError(403, 20, f"role {caller.role!r} may not delete a {target.role!r} user")
        # Keys and sessions end first: a crash before the user is removed leaves a user to delete
        # again, never a removed user whose tokens still work.
        await self._revoke_user(target.company, target.id)
        removed = await self.ports.users.delete(target.id, target.company)
        if removed is None:
            raise invalid_user_id(user_id)
        for hook in self.removed_hooks:
            await hook(removed.company, removed.id)
        return removed

    async def _user_in_scope(self, caller: Identity, user_id: str | None) -> User:
        user = await self.ports.users.get(user_id) if user_id else None
        scope = scope_of(caller)
        if user is None or (scope is not None and user.company != scope):
            raise invalid_user_id(user_id)
        return user

    async def token_for_user(self, user_id: str, company: str | None, expiration_sec: int | None) -> str:
        """``auth.get_token_for_user`` (system callers): a session token of any user, of the
        given company when one is named (400/301 when the user is not there)."""
        user = await self.ports.users.get(user_id)
        if user is None or (company and user.company != company):
            raise ApiError.named("invalid_user_id", id=user_id, **({"company": company} if company else {}))
        found = await self.ports.companies.get(user.company)
        if found is None:
            raise ApiError.named("invalid_id", msg="invalid company associated with user", company=user.company)
        identity = Identity(
            company=user.company, user=user.id, role=user.role, user_name=user.name, company_name=found.name
        )
        return self._token(identity, expiration_sec)

    def _token(self, identity: Identity, expiration_sec: int | None) -> str:
        settings = self.settings
        return issue_token(
            settings.auth_token_secret,
            identity,
            session_id=uuid.uuid4().hex,
            expires_in=token_lifetime(expiration_sec, settings.token_expiration_s, MAX_TOKEN_EXPIRATION_S),
            api_version=settings.api_version,
            server_version=settings.server_version,
            server_build=settings.server_build,
            feature_set=settings.feature_set,
        )

    async def validate_token(self, token: str) -> dict[str, Any]:
        """``auth.validate_token`` (system callers): whether a token is valid (signature,
        expiry, not logged out), with its user and company, or why not (``msg``)."""
        try:
            identity, _ = verify_token(self.settings.auth_token_secret, token)
        except ApiError as exc:
            return {"valid": False, "msg": exc.message}
        revoked = {session for session, _ in await self.ports.sessions.list_revoked(utcnow())}
        if identity.session_id in revoked:
            return {"valid": False, "msg": "token revoked"}
        return {"valid": True, "user": identity.user, "company": identity.company}

    async def users_info(self, ids: list[str], emails: list[str]) -> dict[str, dict[str, Any]]:
        """``auth.get_users_info`` (system callers): the auth side of the users named by id
        or by email, in any company, keyed by user id."""
        found: dict[str, User] = {}
        for query in (UserQuery(company=None, ids=tuple(ids)), UserQuery(company=None, emails=tuple(emails))):
            if query.ids or query.emails:
                found.update({user.id: user for user in await self.ports.users.find(query)})
        return {user.id: _auth_info(user) for user in found.values()}

    async def validate_user(self, email: str) -> dict[str, Any]:
        """``auth.validate_user`` (system callers): whether an identity provider's user is a
        user here, found by email (Cairn checks no provider token: the caller did)."""
        found = await self.ports.users.find(UserQuery(company=None, emails=(email,), limit=1)) if email else []
        if not found:
            return {"valid": False, "msg": "user not found"}
        return {"valid": True, "user": found[0].id, "company": found[0].company}


def _auth_info(user: User) -> dict[str, Any]:
    info = {"id": user.id, "role": user.role, "created": user.created, "sec_groups": []}
    if user.email:
        info["email"] = user.email
    return info

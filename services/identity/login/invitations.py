"""Use cases of the Enterprise ``login`` whitelist: who may join a company (invited emails,
sign-up domains) and the sign-up itself. Each method names its endpoint."""

from __future__ import annotations

from dataclasses import dataclass

from services.identity.domain import User, new_id, utcnow
from services.identity.login.room import LoginRoom
from services.identity.login.rules import domain_name, email_address, email_domain, invited_role
from services.identity.service import IdentityService
from services.identity.store.invitations import Invitation, InvitationRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


def _require(identity: Identity | None) -> Identity:
    if identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return identity


@dataclass(frozen=True)
class SignedUp:
    company: str
    company_name: str
    user: str
    token: str | None


class InvitationRoom:
    def __init__(self, service: IdentityService) -> None:
        self._service = service
        self._ports = service.ports
        if service.ports.invitations is None:
            raise ApiError(400, 1, "invitations are not kept by this server")
        self._store: InvitationRepository = service.ports.invitations

    async def settings(self, caller: Identity | None) -> tuple[list[str], list[Invitation]]:
        """``login.get_settings``: the caller's company's sign-up domains and invitations."""
        caller = _require(caller)
        domains = await self._store.domains(caller.company)
        return domains.get(caller.company, []), await self._store.list(caller.company)

    async def add(self, caller: Identity | None, emails: list[str] | None, role: str | None, is_admin: bool) -> list[str]:
        """``login.add_whitelist_entries``: invite emails to the caller's company with a role
        (all checked before any is added); answers the newly invited ones."""
        caller = _require(caller)
        chosen = invited_role(role, is_admin)
        addresses = list(dict.fromkeys(email_address(e) for e in emails or []))
        now = utcnow()
        return await self._store.add([Invitation(caller.company, a, chosen, now) for a in addresses])

    async def remove(self, caller: Identity | None, emails: list[str] | None) -> list[str]:
        """``login.remove_whitelist_entries``: withdraw invitations of the caller's company."""
        caller = _require(caller)
        return await self._store.remove(caller.company, [e.strip().lower() for e in emails or []])

    async def set_domains(self, caller: Identity | None, domains: list[str] | None) -> None:
        """``login.set_domains``: every address under these domains may sign up to the
        caller's company (replaces the list)."""
        caller = _require(caller)
        await self._store.set_domains(caller.company, list(dict.fromkeys(domain_name(d) for d in domains or [])))

    async def whitelist(self) -> list[tuple[str, str | None, list[Invitation]]]:
        """``login.get_whitelist`` (system roles): per company, its domains (each an entry)
        and its invited emails (one entry): (company, domain or None, invitations)."""
        invitations = await self._store.list(None)
        domains = await self._store.domains(None)
        entries: list[tuple[str, str | None, list[Invitation]]] = [
            (company, domain, []) for company, names in sorted(domains.items()) for domain in names]
        for company in sorted({i.company for i in invitations}):
            entries.append((company, None, [i for i in invitations if i.company == company]))
        return entries

    async def signup(self, data, return_token: bool) -> SignedUp:
        """``login.signup_user``: an invited email joins the inviting company with the invited
        role; an address under a company's sign-up domain joins it as a user. Without either,
        401/2; signing up twice, 400/302. The ``password`` sent is the user's (password model)."""
        address = email_address(data.email or "")
        company, role, invitation = await self._place(address)
        user = User(id=new_id(), company=company, name=data.name or address, role=role,
                    given_name=data.given_name or "", family_name=data.family_name or "", email=address,
                    avatar=data.avatar, created=utcnow(), created_in_version=self._service.settings.server_version)
        room = LoginRoom(self._service)
        if data.password is not None:
            await room.check_new_password(data.password)
        await self._ports.users.ensure(user)
        if invitation is not None:
            await self._store.accept(company, address, user.id, utcnow())
        identity = Identity(company=company, user=user.id, role=role, user_name=user.name)
        if data.password is not None:
            await room.set_password(identity, data.password, None, None)
        token = await self._service.login(identity, None) if return_token else None
        found = await self._ports.companies.get(company)
        return SignedUp(company, found.name if found else "", user.id, token)

    async def _place(self, address: str) -> tuple[str, str, Invitation | None]:
        for invitation in await self._store.find(address):
            if invitation.accepted is not None:
                raise ApiError(400, 302, "this email already signed up", email=address)
            return invitation.company, invitation.role, invitation
        domain = email_domain(address)
        for company, names in sorted((await self._store.domains(None)).items()):
            if domain in names:
                await self._refuse_a_second_signup(address)
                return company, "user", None
        raise ApiError(401, 2, "this email is not invited to any company", email=address)

    async def _refuse_a_second_signup(self, address: str) -> None:
        passwords = self._ports.passwords
        if passwords is not None and await passwords.find_by_login(address):
            raise ApiError(400, 302, "this email already signed up", email=address)

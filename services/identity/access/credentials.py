"""Use cases of the Enterprise credential endpoints (``auth.locate_credentials``,
``auth.set_credentials``) over identity's ports."""

from __future__ import annotations

from dataclasses import dataclass

from services.identity.domain import Credential, User, hash_secret, new_id, utcnow
from services.identity.facts import CredentialsRevoked, UserRevoked
from services.identity.settings import MAX_TOKEN_EXPIRATION_S
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

# Roles that act across companies (ARCHITECTURE section 5): they may locate any company's key.
CROSS_COMPANY_ROLES = frozenset({"system", "root"})


@dataclass(frozen=True)
class LocatedKey:
    credential: Credential
    owner: User | None


def _invalid_key(access_key: str) -> ApiError:
    return ApiError(400, 75, "invalid access key", access_key=access_key)


class CredentialAccess:
    """Admins find whose a key is; users set a key pair of their own choosing."""

    def __init__(self, ports) -> None:
        self.ports = ports

    async def locate(self, caller: Identity, access_key: str) -> LocatedKey:
        """``auth.locate_credentials``: the owner, label, usage and expiry of a key of the
        caller's company (any company for system and root); 400/75 otherwise, so a key of
        another tenant is indistinguishable from a key that does not exist."""
        credential = await self.ports.credentials.get(access_key)
        if credential is None or not _visible(caller, credential):
            raise _invalid_key(access_key)
        return LocatedKey(credential, await self.ports.users.get(credential.user))

    async def set(self, caller: Identity, access_key: str, secret_key: str) -> bool:
        """``auth.set_credentials``: the caller's own pair with the key and secret given (a
        new pair, or a new secret for one of the caller's keys); a key owned by anyone else
        is 400/75. A changed secret reaches the gateways as a revocation of the old one."""
        if not access_key or not secret_key:
            raise ApiError(400, 12, "access_key and secret_key must not be empty")
        existing = await self.ports.credentials.get(access_key)
        if existing is not None and (existing.company, existing.user) != (caller.company, caller.user):
            raise _invalid_key(access_key)
        credential = Credential(
            id=existing.id if existing else new_id(),
            access_key=access_key,
            secret_hash=hash_secret(secret_key),
            company=caller.company,
            user=caller.user,
            created=existing.created if existing else utcnow(),
        )
        if existing is not None:  # the old secret's tokens end: told before and after (revoke_credentials)
            await self.ports.publisher.publish(CredentialsRevoked(access_key))
        await self.ports.credentials.put_secret(credential)
        if existing is not None:
            await self.ports.publisher.publish(CredentialsRevoked(access_key))
        return True

    async def revoke_user(self, company: str, user: str) -> int:
        """End every key and session of a user, for the use cases that delete one
        (``auth.delete_user``, ``users.delete``): the keys are deleted and one
        ``UserRevoked`` fact makes every gateway and the files process refuse the user's
        cached keys and tokens at once. Answers how many keys there were. The fact goes before
        and after the keys are deleted: a crash in between has ended the user's tokens anyway,
        and one obtained meanwhile ends with the second."""

        async def announce() -> None:
            now = utcnow()
            expires = int(now.timestamp()) + MAX_TOKEN_EXPIRATION_S
            await self.ports.publisher.publish(UserRevoked(user, company, now.timestamp(), expires))

        await announce()
        deleted = await self.ports.credentials.delete_for_user(company, user)
        await announce()
        return deleted


def _visible(caller: Identity, credential: Credential) -> bool:
    return caller.role in CROSS_COMPANY_ROLES or credential.company == caller.company

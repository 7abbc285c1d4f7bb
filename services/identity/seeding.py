"""First-start seeding: the company, its admin user and the admin key pair.

Idempotent and safe when several instances start at once: every write is an upsert or an
insert guarded by a unique key, so the instances converge on the same documents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from services.identity.domain import (
    Company,
    Credential,
    User,
    generated_admin_credential_id,
    hash_secret,
    new_access_key,
    new_id,
    new_secret_key,
    user_id_for,
    utcnow,
    verify_secret,
)
from services.identity.login.seeding import seed_admin_password, webserver_user
from services.identity.service import IdentityPorts
from services.identity.settings import IdentitySettings

log = logging.getLogger(__name__)

Announce = Callable[[str], None]


def _print(text: str) -> None:
    print(text, flush=True)


def admin_user(settings: IdentitySettings) -> User:
    """The seeded admin of the configured company (its id is stable: company + name)."""
    return User(
        id=user_id_for(settings.company_id, settings.admin_name),
        company=settings.company_id,
        name=settings.admin_name,
        role="admin",
        given_name=settings.admin_name,
        created=utcnow(),
        created_in_version=settings.server_version,
    )


async def seed(ports: IdentityPorts, settings: IdentitySettings, announce: Announce = _print) -> User:
    """Create what a first start needs; on later starts only apply a changed admin secret."""
    await ports.companies.ensure(Company(settings.company_id, settings.company_name))
    admin = admin_user(settings)
    await ports.users.ensure(admin)
    if settings.admin_access_key and settings.admin_secret_key:
        await _apply_configured_pair(ports, admin, settings.admin_access_key, settings.admin_secret_key)
    else:
        await _generate_pair_once(ports, admin, announce)
    await _seed_login_model(ports, settings, admin, announce)
    await ports.server.uid()
    return admin


async def _seed_login_model(ports: IdentityPorts, settings: IdentitySettings, admin: User, announce: Announce) -> None:
    """The login room's first-start data: the admin's password (``CAIRN_LOGIN_MODE=password``)
    or the web UI's compiled-in key pair and its system user (``name``)."""
    if settings.login_mode == "password":
        await seed_admin_password(ports, settings, admin, announce)
        return
    webserver = webserver_user(settings)
    await ports.users.ensure(webserver)
    await _apply_configured_pair(ports, webserver, settings.webserver_access_key, settings.webserver_secret_key,
                                 label="web UI (name-only login)")


async def _apply_configured_pair(ports: IdentityPorts, admin: User, access_key: str, secret: str,
                                 label: str = "admin (from settings)") -> None:
    """Store the configured pair hashed; a changed secret (or owner) replaces the stored one."""
    existing = await ports.credentials.get(access_key)
    if (
        existing is not None
        and existing.company == admin.company
        and existing.user == admin.id
        and verify_secret(secret, existing.secret_hash)
    ):
        return
    await ports.credentials.put_secret(
        Credential(
            id=new_id(),
            access_key=access_key,
            secret_hash=hash_secret(secret),
            company=admin.company,
            user=admin.id,
            label=label,
            created=utcnow(),
        )
    )
    log.info("%s credentials %s stored from settings", admin.name, access_key)


async def _generate_pair_once(ports: IdentityPorts, admin: User, announce: Announce) -> None:
    """No pair configured: if the admin has none yet, generate one and show it once.

    The generated pair has a fixed id, so of several instances starting together exactly one
    insert succeeds, and only that instance prints the secret."""
    if await ports.credentials.count_for_user(admin.company, admin.id):
        return
    access_key, secret = new_access_key(), new_secret_key()
    credential = Credential(
        id=generated_admin_credential_id(admin.company),
        access_key=access_key,
        secret_hash=hash_secret(secret),
        company=admin.company,
        user=admin.id,
        label="admin (generated at first start)",
        created=utcnow(),
    )
    if await ports.credentials.insert(credential):
        announce(_banner(access_key, secret))


def _banner(access_key: str, secret: str) -> str:
    line = "=" * 78
    return "\n".join(
        [
            line,
            "Cairn identity: generated the admin credentials (shown only this once).",
            "Store them now; only a hash of the secret is kept. Use them as",
            "CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY (or in clearml.conf):",
            f"  access_key: {access_key}",
            f"  secret_key: {secret}",
            line,
        ]
    )

"""First-start seeding of the login room: the admin's password (password model) or the web
UI's key pair (name-only model). Idempotent and safe with several instances starting at once,
like ``services.identity.seeding``."""

from __future__ import annotations

import logging
from collections.abc import Callable

from services.identity.domain import User, user_id_for, utcnow
from services.identity.login.rules import hash_password, login_names, new_password, verify_password
from services.identity.service import IdentityPorts
from services.identity.settings import IdentitySettings
from services.identity.store.passwords import StoredPassword

log = logging.getLogger(__name__)

# clearml-server's name for the web UI's user: a system-role user of the default company.
WEBSERVER_USER_NAME = "__webserver__"


def webserver_user(settings: IdentitySettings) -> User:
    """The user behind the web UI's compiled-in key pair: role ``system``, as clearml-server
    seeds it, so it may list users and create them before any user logs in."""
    return User(
        id=user_id_for(settings.company_id, WEBSERVER_USER_NAME),
        company=settings.company_id,
        name=WEBSERVER_USER_NAME,
        role="system",
        created=utcnow(),
        created_in_version=settings.server_version,
    )


async def seed_admin_password(ports: IdentityPorts, settings: IdentitySettings, admin: User,
                              announce: Callable[[str], None]) -> None:
    """The admin's password: the configured one (``CAIRN_ADMIN_PASSWORD``, applied again only
    when the setting changes), else one generated at first start and shown once; only hashes
    are kept."""
    if ports.passwords is None:
        return
    names = login_names(admin.name, admin.email)
    configured = settings.admin_password
    if configured:
        stored = await ports.passwords.get(admin.id)
        # Applied once per value of the setting: a password changed since (login.set_password)
        # survives restarts until the setting itself changes.
        if stored is None or not (stored.seeded and verify_password(configured, stored.seeded)):
            digest = hash_password(configured)
            await ports.passwords.put(StoredPassword(admin.id, admin.company, names, digest, utcnow(), seeded=digest))
        return
    password = new_password()
    # Of several instances starting together, only the one whose insert wins prints it.
    if await ports.passwords.insert(StoredPassword(admin.id, admin.company, names, hash_password(password), utcnow())):
        announce(_banner(admin.name, password))


def _banner(name: str, password: str) -> str:
    line = "=" * 78
    return "\n".join([
        line,
        "Cairn identity: generated the admin's web UI password (shown only this once).",
        "Log in to the ClearML web UI with (change it with login.set_password):",
        f"  user:     {name}",
        f"  password: {password}",
        line,
    ])

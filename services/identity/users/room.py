"""The users room's use cases, built from identity's ports (see ``IdentityService.users``)."""

from __future__ import annotations

from typing import Any

from services.identity.access.credentials import CredentialAccess
from services.identity.settings import IdentitySettings
from services.identity.users.accounts import AccountPorts, AccountUseCases
from services.identity.users.directory import UserDirectoryUseCases
from services.identity.users.service_users import ServiceUserUseCases
from services.identity.users.vaults import VaultUseCases


class UsersRoom:
    """``directory``: listing, profiles, preferences; ``accounts``: users made and removed,
    roles and tokens; ``service_users``: the Enterprise API-only users; ``vaults``:
    configuration vaults."""

    def __init__(self, ports: Any, settings: IdentitySettings) -> None:
        self.directory = UserDirectoryUseCases(ports.users, settings.server_version)
        self.accounts = AccountUseCases(
            AccountPorts(
                users=ports.users,
                companies=ports.companies,
                credentials=ports.credentials,
                sessions=ports.sessions,
                publisher=ports.publisher,
            ),
            settings,
            CredentialAccess(ports).revoke_user,
        )
        self.service_users = ServiceUserUseCases(self.accounts)
        self.vaults = VaultUseCases(ports.vaults, ports.users)

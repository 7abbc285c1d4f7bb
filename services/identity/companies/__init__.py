"""The companies room of identity: companies (``system.*``), ``organization.*``,
``storage.*`` and the ``server.*`` endpoints beyond ``server.info``. ``build_room`` wires its
use cases (called from ``services/identity/main.py``); ``handlers.py`` is its endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.companies.organization import Organization
from services.identity.companies.secrets import SecretBox, fernet_key
from services.identity.companies.storage import StorageSettings
from services.identity.companies.system import Companies
from services.identity.domain import utcnow
from services.identity.settings import IdentitySettings
from services.identity.store.companies import MongoCompanyDirectory, MongoStorageSettings
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class CompaniesRoom:
    """The use cases of the room."""

    companies: Companies
    organization: Organization
    storage: StorageSettings


def build_room(db: AsyncDatabase, rpc: RpcCaller, settings: IdentitySettings) -> CompaniesRoom:
    """The room over identity's database, asking the tasks process for what it keeps."""
    directory = MongoCompanyDirectory(db)
    box = SecretBox(fernet_key(settings.storage_secret_key or settings.auth_token_secret))
    return CompaniesRoom(
        companies=Companies(directory, utcnow),
        organization=Organization(ProcessRpc(rpc, "tasks"), directory),
        storage=StorageSettings(MongoStorageSettings(db), box, utcnow),
    )

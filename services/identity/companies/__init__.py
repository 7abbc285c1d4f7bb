"""The companies room of identity: companies (``system.*``), ``organization.*``,
``storage.*`` and the ``server.*`` endpoints beyond ``server.info``. ``build_room`` wires its
use cases (called from ``services/identity/main.py``); ``handlers.py`` is its endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.companies.counts import EntityCounts
from services.identity.companies.datasets import EveryCompanyDatasets
from services.identity.companies.downloads import Downloads
from services.identity.companies.organization import Organization
from services.identity.companies.profile import CompanyProfile
from services.identity.companies.secrets import SecretBox, fernet_key
from services.identity.companies.server import ServerState, process_pings
from services.identity.companies.storage import StorageSettings
from services.identity.companies.system import Companies
from services.identity.companies.tenant import TenantUsages
from services.identity.companies.usages import ProjectUsages
from services.identity.domain import utcnow
from services.identity.repository import MongoServerRepository
from services.identity.settings import IdentitySettings
from services.identity.store.companies import MongoCompanyDirectory, MongoPreparedDownloads, MongoStorageSettings
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class CompaniesRoom:
    """The use cases of the room."""

    companies: Companies
    organization: Organization
    storage: StorageSettings
    counts: EntityCounts
    downloads: Downloads
    prepared: MongoPreparedDownloads
    server: ServerState
    profile: CompanyProfile
    usages: ProjectUsages
    datasets: EveryCompanyDatasets
    tenant: TenantUsages

    async def create_indexes(self) -> None:
        await self.prepared.create_indexes()


def build_room(db: AsyncDatabase, rpc: RpcCaller, settings: IdentitySettings) -> CompaniesRoom:
    """The room over identity's database, asking the tasks process for what it keeps."""
    directory = MongoCompanyDirectory(db)
    box = SecretBox(fernet_key(settings.storage_secret_key or settings.auth_token_secret))
    tasks, queues = ProcessRpc(rpc, "tasks"), ProcessRpc(rpc, "queues")
    prepared = MongoPreparedDownloads(db)
    return CompaniesRoom(
        companies=Companies(directory, utcnow),
        organization=Organization(tasks, directory),
        storage=StorageSettings(MongoStorageSettings(db), box, utcnow),
        counts=EntityCounts(tasks),
        downloads=Downloads(tasks, prepared, utcnow),
        prepared=prepared,
        server=ServerState(settings, directory, queues, MongoServerRepository(db).uid,
                           lambda: db.command("ping"), utcnow, process_pings(rpc)),
        profile=CompanyProfile(directory, tasks),
        usages=ProjectUsages(tasks, queues, directory, utcnow),
        datasets=EveryCompanyDatasets(ProcessRpc(rpc, "datasets")),
        tenant=TenantUsages(tasks, queues, directory, utcnow),
    )

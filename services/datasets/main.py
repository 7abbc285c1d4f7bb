"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.datasets.ports import FrameLifecycle, NoFrames, Projects, UncheckedProjects
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.service import DataviewService
from services.datasets.handlers import UseCases, handler_table
from services.datasets.query import lucene
from services.datasets.settings import DatasetsSettings
from services.datasets.store.datasets import MongoDatasetRepository, MongoVersionRepository
from services.datasets.store.dataviews import MongoDataviewRepository
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_datasets"


def build_use_cases(db: AsyncDatabase, frames: FrameLifecycle | None = None,
                    projects: Projects | None = None) -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here).
    ``frames``: the frames room's side of the version tree (none yet: ``NoFrames``);
    ``projects``: the tasks process's projects (none yet: ``UncheckedProjects``)."""
    datasets_repo, versions_repo = MongoDatasetRepository(db), MongoVersionRepository(db)
    lifecycle = frames or NoFrames()
    projects = projects or UncheckedProjects()
    return UseCases(datasets=DatasetService(datasets_repo, versions_repo, lifecycle, projects),
                    versions=VersionService(datasets_repo, versions_repo, lifecycle),
                    frames=None,
                    dataviews=DataviewService(MongoDataviewRepository(db), datasets_repo, versions_repo,
                                              lucene.parse),
                    iteration=None)


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the use cases
    and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)

    async def ensure_indexes() -> None:
        for repo in (MongoDatasetRepository(db), MongoVersionRepository(db), MongoDataviewRepository(db)):
            await repo.ensure_indexes()

    async def close() -> None:
        await client.close()

    server = RpcServer(settings, "datasets", handler_table(build_use_cases(db)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

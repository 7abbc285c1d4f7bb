"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.datasets.ports import NoFrames
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.projects import RpcProjects
from services.datasets.dataviews.service import DataviewService
from services.datasets.frames.room import FramesRoom
from services.datasets.handlers import UseCases, handler_table
from services.datasets.iteration import IterationRoom
from services.datasets.iteration.downloads import Downloads
from services.datasets.iteration.reads import DataviewReads
from services.datasets.iteration.service import IterationService
from services.datasets.iteration.view import ViewResolver
from services.datasets.query.rules import compile_rule
from services.datasets.settings import DatasetsSettings
from services.datasets.store.datasets import MongoDatasetRepository, MongoVersionRepository
from services.datasets.store.dataviews import MongoDataviewRepository
from services.datasets.store.frames import ElasticFrameStore
from services.datasets.store.iteration import MongoIterationStates
from services.datasets.store.schemas import MongoSchemaRepository
from services.datasets.store.search import FrameSearch
from shared.messaging.process_rpc import RpcCaller
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_datasets"


def build_iteration(db: AsyncDatabase, search: FrameSearch, states: MongoIterationStates) -> IterationRoom:
    """The iteration room: scrolls in ``states``, frames read through ``search``."""
    resolver = ViewResolver(MongoVersionRepository(db))
    scrolls = IterationService(search, states, resolver, MongoDataviewRepository(db))
    return IterationRoom(scrolls=scrolls, reads=DataviewReads(search, resolver, scrolls),
                         downloads=Downloads(search, states, resolver))


def build_frames(db: AsyncDatabase, store: ElasticFrameStore, max_frames: int) -> FramesRoom:
    """The frames room over the version tree: only a version ``VersionService`` finds writable
    takes frame changes (``writable_version`` needs no frames, hence ``NoFrames`` there)."""
    datasets_repo, versions_repo = MongoDatasetRepository(db), MongoVersionRepository(db)
    writable = VersionService(datasets_repo, versions_repo, NoFrames())
    return FramesRoom.build(store, MongoSchemaRepository(db), versions=versions_repo, writable=writable,
                            datasets=datasets_repo, max_frames=max_frames)


def build_use_cases(settings: DatasetsSettings, db: AsyncDatabase, rpc: RpcCaller, store: ElasticFrameStore,
                    states: MongoIterationStates) -> UseCases:
    """Every room's use cases wired to their ports; ``rpc`` reaches the other processes (the
    tasks process's projects); the version tree drops and counts frames through the frames
    room (``FrameLifecycle``)."""
    datasets_repo, versions_repo = MongoDatasetRepository(db), MongoVersionRepository(db)
    frames, projects = build_frames(db, store, settings.max_frames_per_call), RpcProjects(rpc)
    return UseCases(datasets=DatasetService(datasets_repo, versions_repo, frames.writes, projects),
                    versions=VersionService(datasets_repo, versions_repo, frames.writes),
                    frames=frames,
                    dataviews=DataviewService(MongoDataviewRepository(db), datasets_repo, versions_repo, projects,
                                              compile_rule),
                    iteration=build_iteration(db, store.search(), states))


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices, one client for
    writes and reads), the RPC client to the other processes (the tasks process's projects),
    the use cases and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    store = ElasticFrameStore(settings.es_url, settings.es_index_prefix, settings.es_timeout_s)
    states = MongoIterationStates(db)
    repositories = (MongoDatasetRepository(db), MongoVersionRepository(db), MongoDataviewRepository(db),
                    MongoSchemaRepository(db), states)

    async def ensure_indexes() -> None:
        for repo in repositories:
            await repo.ensure_indexes()

    async def close() -> None:
        await client.close()

    rpc = RpcClient(settings)
    server = RpcServer(settings, "datasets", handler_table(build_use_cases(settings, db, rpc, store, states)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), store, rpc, server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer
from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.datasets.ports import FrameLifecycle, NoFrames
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.projects import RpcProjects
from services.datasets.dataviews.service import DataviewService
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
from services.datasets.store.iteration import MongoIterationStates
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


def build_use_cases(db: AsyncDatabase, rpc: RpcCaller, search: FrameSearch, states: MongoIterationStates,
                    frames: FrameLifecycle | None = None) -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here); ``rpc``
    reaches the other processes (the tasks process's projects); ``frames``: the frames room's
    side of the version tree (none yet: ``NoFrames``)."""
    datasets_repo, versions_repo = MongoDatasetRepository(db), MongoVersionRepository(db)
    lifecycle, projects = frames or NoFrames(), RpcProjects(rpc)
    return UseCases(datasets=DatasetService(datasets_repo, versions_repo, lifecycle, projects),
                    versions=VersionService(datasets_repo, versions_repo, lifecycle),
                    frames=None,
                    dataviews=DataviewService(MongoDataviewRepository(db), datasets_repo, versions_repo, projects,
                                              compile_rule),
                    iteration=build_iteration(db, search, states))


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the RPC client
    to the other processes (the tasks process's projects), the use cases and the RPC server.
    Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    es = AsyncElasticsearch(settings.es_url, request_timeout=settings.es_timeout_s, serializer=OrjsonSerializer())
    search = FrameSearch(es, settings.es_index_prefix)
    states = MongoIterationStates(db)

    async def ensure_indexes() -> None:
        for repo in (MongoDatasetRepository(db), MongoVersionRepository(db), MongoDataviewRepository(db), states):
            await repo.ensure_indexes()

    async def close() -> None:
        await es.close()
        await client.close()

    rpc = RpcClient(settings)
    server = RpcServer(settings, "datasets", handler_table(build_use_cases(db, rpc, search, states)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), rpc, server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

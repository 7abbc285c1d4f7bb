"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.access import DatasetAccess
from services.datasets.datasets.ports import NoFrames
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.projects import RpcProjects
from services.datasets.dataviews.service import DataviewService
from services.datasets.frames.ports import Datasets, Versions, WritableVersions
from services.datasets.frames.room import FramesRoom
from services.datasets.handlers import UseCases, handler_table
from services.datasets.iteration import IterationRoom
from services.datasets.iteration.downloads import Downloads
from services.datasets.iteration.labels import TaskLabels
from services.datasets.iteration.reads import DataviewReads
from services.datasets.iteration.service import IterationService
from services.datasets.iteration.tasks import RpcTasks
from services.datasets.iteration.view import ViewResolver
from services.datasets.query.rules import compile_rule
from services.datasets.settings import DatasetsSettings
from services.datasets.store.datasets import MongoDatasetRepository, MongoVersionRepository
from services.datasets.store.dataviews import MongoDataviewRepository
from services.datasets.store.frames import ElasticFrameStore
from services.datasets.store.iteration import MongoIterationStates
from services.datasets.store.schemas import MongoSchemaRepository
from services.datasets.store.search import FrameSearch
from shared.access.view import AccessRules, AccessView, StaticAccess
from shared.messaging.process_rpc import RpcCaller
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve, tune_gc

DATABASE = "cairn_datasets"


def build_iteration(db: AsyncDatabase, search: FrameSearch, states: MongoIterationStates,
                    rpc: RpcCaller, access: DatasetAccess) -> IterationRoom:
    """The iteration room: scrolls in ``states``, frames read through ``search``, tasks (their
    dataviews) read from the tasks process through ``rpc``; ``access``: the caller's rights on
    what a task's dataviews read."""
    versions, dataviews = MongoVersionRepository(db), MongoDataviewRepository(db)
    resolver = ViewResolver(versions)
    scrolls = IterationService(search, states, resolver, dataviews)
    return IterationRoom(scrolls=scrolls, reads=DataviewReads(search, resolver, scrolls),
                         downloads=Downloads(search, states, resolver),
                         labels=TaskLabels(RpcTasks(rpc), dataviews, versions, access))


def build_frames(settings: DatasetsSettings, store: ElasticFrameStore, schemas: MongoSchemaRepository,
                 versions: Versions, writable: WritableVersions, datasets: Datasets) -> FramesRoom:
    """The frames room over the version tree: ``versions``/``datasets`` the datasets room's
    repositories, ``writable`` its ``VersionService``; ``FramesRoom.writes`` is the
    ``FrameLifecycle`` the datasets room drops and counts frames through."""
    return FramesRoom.build(store, schemas, versions=versions, writable=writable, datasets=datasets,
                            max_frames=settings.max_frames_per_call)


def build_use_cases(settings: DatasetsSettings, db: AsyncDatabase, rpc: RpcCaller, store: ElasticFrameStore,
                    states: MongoIterationStates, rules: AccessRules | None = None) -> UseCases:
    """Every room's use cases wired to their ports; ``rpc`` reaches the other processes (the
    tasks process's projects and tasks); the version tree drops and counts frames through the frames
    room (``FrameLifecycle``); ``rules``: the access rules (none: every company open)."""
    datasets_repo, versions_repo = MongoDatasetRepository(db), MongoVersionRepository(db)
    dataviews_repo = MongoDataviewRepository(db)
    access = DatasetAccess(rules or StaticAccess(), datasets_repo, versions_repo)
    access.attach_dataviews(dataviews_repo)
    access.attach_states(states)
    # writable_version needs no frames, hence NoFrames in the VersionService the frames room asks
    writable = VersionService(datasets_repo, versions_repo, NoFrames())
    frames = build_frames(settings, store, MongoSchemaRepository(db), versions_repo, writable, datasets_repo)
    projects = RpcProjects(rpc)
    return UseCases(datasets=DatasetService(datasets_repo, versions_repo, frames.writes, projects, access=access),
                    versions=VersionService(datasets_repo, versions_repo, frames.writes),
                    frames=frames,
                    dataviews=DataviewService(dataviews_repo, datasets_repo, versions_repo, projects,
                                              compile_rule, access=access),
                    iteration=build_iteration(db, store.search(), states, rpc, access), access=access)


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices, one client for
    writes and reads), the RPC client to the other processes (the tasks process's projects),
    the access rules' local view (``AccessView``), the use cases and the RPC server. Stopped in
    reverse: the server first, the clients last."""
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
    rules = AccessView(settings)
    server = RpcServer(settings, "datasets", handler_table(build_use_cases(settings, db, rpc, store, states, rules)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), store, rpc, rules, server])


def main() -> None:
    tune_gc()
    serve("datasets", DatasetsSettings, create_app)

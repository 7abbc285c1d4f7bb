"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer
from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.handlers import UseCases, handler_table
from services.datasets.iteration import IterationRoom
from services.datasets.iteration.downloads import Downloads
from services.datasets.iteration.reads import DataviewReads
from services.datasets.iteration.service import IterationService
from services.datasets.iteration.view import ViewResolver
from services.datasets.settings import DatasetsSettings
from services.datasets.store.dataviews import MongoDataviewRepository
from services.datasets.store.datasets import MongoVersionRepository
from services.datasets.store.iteration import MongoIterationStates
from services.datasets.store.search import FrameSearch
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


def build_use_cases(db: AsyncDatabase, search: FrameSearch, states: MongoIterationStates) -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here)."""
    return UseCases(datasets=None, versions=None, frames=None, dataviews=None,
                    iteration=build_iteration(db, search, states))


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the use cases
    and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    es = AsyncElasticsearch(settings.es_url, request_timeout=settings.es_timeout_s, serializer=OrjsonSerializer())
    search = FrameSearch(es, settings.es_index_prefix)
    states = MongoIterationStates(db)

    async def close() -> None:
        await es.close()
        await client.close()

    server = RpcServer(settings, "datasets", handler_table(build_use_cases(db, search, states)))
    return App("datasets", [Hook(start=states.ensure_indexes, stop=close), server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

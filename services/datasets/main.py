"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.dataviews.projects import RpcProjects
from services.datasets.dataviews.service import DataviewService
from services.datasets.handlers import UseCases, handler_table
from services.datasets.query.rules import compile_rule
from services.datasets.settings import DatasetsSettings
from services.datasets.store.datasets import MongoDatasetRepository, MongoVersionRepository
from services.datasets.store.dataviews import MongoDataviewRepository
from shared.messaging.process_rpc import RpcCaller
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_datasets"


def build_use_cases(db: AsyncDatabase, rpc: RpcCaller) -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here); ``rpc``
    reaches the other processes (the tasks process's projects)."""
    dataviews = DataviewService(MongoDataviewRepository(db), MongoDatasetRepository(db), MongoVersionRepository(db),
                                RpcProjects(rpc), compile_rule)
    return UseCases(datasets=None, versions=None, frames=None, dataviews=dataviews, iteration=None)


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the RPC client
    to the other processes (the tasks process's projects), the use cases and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)

    async def ensure_indexes() -> None:
        await MongoDataviewRepository(db).ensure_indexes()

    async def close() -> None:
        await client.close()

    rpc = RpcClient(settings)
    server = RpcServer(settings, "datasets", handler_table(build_use_cases(db, rpc)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), rpc, server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

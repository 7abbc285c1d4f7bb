"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import logging

from services.datasets.handlers import UseCases, handler_table
from services.datasets.settings import DatasetsSettings
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_datasets"


def build_use_cases() -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here)."""
    return UseCases(datasets=None, versions=None, frames=None, dataviews=None, iteration=None)


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the use cases
    and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)  # noqa: F841 - the rooms' repositories take it

    async def close() -> None:
        await client.close()

    server = RpcServer(settings, "datasets", handler_table(build_use_cases()))
    return App("datasets", [Hook(stop=close), server])


def main() -> None:
    serve("datasets", DatasetsSettings, create_app)

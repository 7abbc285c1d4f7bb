"""Composition root of the datasets process: the only place its parts are wired."""

from __future__ import annotations

import gc
import logging

from services.datasets.frames.ports import Datasets, NoVersionTree, Versions, WritableVersions
from services.datasets.frames.room import FramesRoom
from services.datasets.handlers import UseCases, handler_table
from services.datasets.settings import DatasetsSettings
from services.datasets.store.frames import ElasticFrameStore
from services.datasets.store.schemas import MongoSchemaRepository
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_datasets"


def build_frames(settings: DatasetsSettings, store: ElasticFrameStore, schemas: MongoSchemaRepository,
                 versions: Versions, writable: WritableVersions, datasets: Datasets) -> FramesRoom:
    """The frames room over the version tree: ``versions``/``datasets`` the datasets room's
    repositories, ``writable`` its ``VersionService``; ``FramesRoom.writes`` is the
    ``FrameLifecycle`` the datasets room drops and counts frames through."""
    return FramesRoom.build(store, schemas, versions=versions, writable=writable, datasets=datasets,
                            max_frames=settings.max_frames_per_call)


def build_use_cases(settings: DatasetsSettings, store: ElasticFrameStore, schemas: MongoSchemaRepository) -> UseCases:
    """Every room's use cases wired to their ports (each room adds its own here). Until the
    datasets room is wired, the frames room sees no version tree (``NoVersionTree``)."""
    tree = NoVersionTree()
    frames = build_frames(settings, store, schemas, versions=tree, writable=tree, datasets=tree)
    return UseCases(datasets=None, versions=None, frames=frames, dataviews=None, iteration=None)


def create_app(settings: DatasetsSettings) -> App:
    """MongoDB (indexes ensured at start), Elasticsearch (the frames' indices), the use cases
    and the RPC server. Stopped in reverse: the server first, the clients last."""
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    frame_store = ElasticFrameStore(settings.es_url, settings.es_index_prefix, settings.es_timeout_s)
    schemas = MongoSchemaRepository(db)

    async def ensure_indexes() -> None:
        await schemas.ensure_indexes()

    async def close() -> None:
        await client.close()

    server = RpcServer(settings, "datasets", handler_table(build_use_cases(settings, frame_store, schemas)))
    return App("datasets", [Hook(start=ensure_indexes, stop=close), frame_store, server])


def tune_gc() -> None:
    """A frame batch is a million small objects (1,000 frames a call): with the collector's
    default thresholds, full collections walked them on nearly every call (measured in the
    stack: parsing a save_frames request 37-43 ms on average, 9-11 ms with these settings;
    save_frames 0.19x -> 0.25x of raw bulk). The objects of start-up are frozen out of every
    collection; young collections run 70x less often."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def main() -> None:
    tune_gc()
    serve("datasets", DatasetsSettings, create_app)

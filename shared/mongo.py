"""MongoDB connections (PyMongo's AsyncMongoClient) with timeouts, so a slow store is an error,
never a hang."""

from __future__ import annotations

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from shared.settings import SharedSettings


def mongo_client(settings: SharedSettings) -> AsyncMongoClient:
    timeout = settings.mongo_timeout_ms
    return AsyncMongoClient(
        settings.mongo_uri,
        serverSelectionTimeoutMS=timeout,
        socketTimeoutMS=timeout,
        connectTimeoutMS=timeout,
        tz_aware=True,
    )


def database(client: AsyncMongoClient, settings: SharedSettings, name: str) -> AsyncDatabase:
    """The process's database, e.g. ``cairn_tasks``, behind the run's isolation prefix."""
    return client[f"{settings.db_prefix}{name}"]

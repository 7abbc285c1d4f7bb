"""MongoDB connections (PyMongo's AsyncMongoClient) with timeouts, so a slow store is an error,
never a hang."""

from __future__ import annotations

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from shared import metrics
from shared.settings import SharedSettings


def mongo_client(settings: SharedSettings) -> AsyncMongoClient:
    """Writes are acknowledged once journaled (``j: true``): with the default ``j: false`` a
    server killed with SIGKILL lost the writes of its last ~35 ms that it had acknowledged (the
    fault tier measured 2 to 31 of them per kill, ``tests/e2e/faults``), and Cairn answers 200
    only for what it keeps.

    Retryable writes are off (``retryWrites=false``): the MongoDB-wire server re-applies a
    retried ``findAndModify`` (20 clients x 50 ``variables.increment_global_vars`` ended at
    1,007-1,012 instead of 1,000; with retries off, exactly 1,000) and answers a retried insert
    that had succeeded with a duplicate key error; a failed write is reported, and the client
    retries as for any 503. A URI that sets ``journal`` or ``retryWrites`` itself wins (e.g.
    ``retryWrites=true`` against a real MongoDB replica set)."""
    timeout = settings.mongo_timeout_ms
    client = AsyncMongoClient(
        settings.mongo_uri,
        serverSelectionTimeoutMS=timeout,
        socketTimeoutMS=timeout,
        connectTimeoutMS=timeout,
        tz_aware=True,
        **({} if "journal=" in settings.mongo_uri.lower() else {"journal": True}),
        **({} if "retrywrites=" in settings.mongo_uri.lower() else {"retryWrites": False}),
    )

    async def pings() -> bool:
        return bool((await client.admin.command("ping")).get("ok"))

    metrics.register_check("mongodb", pings)
    return client


def database(client: AsyncMongoClient, settings: SharedSettings, name: str) -> AsyncDatabase:
    """The process's database, e.g. ``cairn_tasks``, behind the run's isolation prefix."""
    return client[f"{settings.db_prefix}{name}"]


def all_of(*conditions: dict[str, Any]) -> dict[str, Any]:
    """One flat filter from several (a flat filter lets a compound index serve it); a field
    named twice goes under ``$and`` so that neither condition overwrites the other."""
    merged: dict[str, Any] = {}
    extra: list[dict[str, Any]] = []
    for condition in conditions:
        for key, value in condition.items():
            if key in merged:
                extra.append({key: value})
            else:
                merged[key] = value
    if extra:
        merged.setdefault("$and", [])
        merged["$and"] = [*merged["$and"], *extra] if isinstance(merged["$and"], list) else extra
    return merged

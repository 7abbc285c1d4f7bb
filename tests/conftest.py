"""Fixtures shared by the tiers. Each test run isolates itself by unique names."""

from __future__ import annotations

import uuid

import pytest
from pymongo import AsyncMongoClient

from tests.support.servers import MONGO, require_servers


@pytest.fixture
async def mongo_db():
    """A fresh database on the real MongoDB-wire server, dropped afterwards."""
    require_servers(kafka=False, mongo=True)
    client = AsyncMongoClient(MONGO, serverSelectionTimeoutMS=5000, tz_aware=True)
    name = f"test_{uuid.uuid4().hex[:12]}"
    try:
        yield client[name]
    finally:
        await client.drop_database(name)
        await client.close()

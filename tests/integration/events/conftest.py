"""Events integration fixtures: the real Elasticsearch with a unique index prefix, removed after."""

from __future__ import annotations

import uuid

import pytest
from elasticsearch import AsyncElasticsearch

from services.events.repository.elastic import ElasticEventRepository
from tests.support.servers import ES, require_servers


async def drop_prefix(prefix: str) -> None:
    es = AsyncElasticsearch(ES)
    try:
        await es.indices.delete(index=f"{prefix}cairn-events-*", ignore_unavailable=True, allow_no_indices=True)
        await es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}cairn-events")
    finally:
        await es.close()


@pytest.fixture
async def es_prefix():
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    try:
        yield prefix
    finally:
        await drop_prefix(prefix)


@pytest.fixture
async def es_repo(es_prefix):
    repo = ElasticEventRepository(ES, es_prefix)
    await repo.start()
    try:
        yield repo
    finally:
        await repo.stop()

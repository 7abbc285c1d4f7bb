"""The serving and runtime-property behaviour suites against the real MongoDB-wire server and
Elasticsearch (indices and database of their own, removed afterwards)."""

import uuid

import pytest
from elasticsearch import AsyncElasticsearch

from services.queues.runtime_properties import PROPERTY_INDEXES, MongoRuntimePropertyRepository
from services.queues.serving_repository import CONTAINER_INDEXES, MongoContainerRepository
from services.queues.serving_stats import ElasticServingStatsRepository
from tests.support.servers import ES, require_servers
from tests.unit.queues.serving_suite import (
    ContainerRepositoryContract,
    RuntimePropertyRepositoryContract,
    ServingStatsRepositoryContract,
)

pytestmark = pytest.mark.integration


@pytest.fixture
async def containers_repo(mongo_db):
    repo = MongoContainerRepository(mongo_db)
    await repo.ensure_indexes()
    return repo


@pytest.fixture
async def props_repo(mongo_db):
    repo = MongoRuntimePropertyRepository(mongo_db)
    await repo.ensure_indexes()
    return repo


@pytest.fixture
async def serving_stats_repo():
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    repo = ElasticServingStatsRepository(ES, prefix)
    await repo.start()
    try:
        yield repo
    finally:
        async with AsyncElasticsearch(ES) as es:
            await es.indices.delete(index=f"{prefix}cairn-stats-*", ignore_unavailable=True, allow_no_indices=True)
            await es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}cairn-stats-serving")
        await repo.stop()


class TestMongoContainerRepository(ContainerRepositoryContract):
    async def test_indexes_exist(self, containers_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["serving_container"].list_indexes()}
        assert {index.document["name"] for index in CONTAINER_INDEXES} <= names


class TestMongoRuntimePropertyRepository(RuntimePropertyRepositoryContract):
    async def test_indexes_exist(self, props_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["worker_property"].list_indexes()}
        assert {index.document["name"] for index in PROPERTY_INDEXES} <= names


class TestElasticServingStatsRepository(ServingStatsRepositoryContract):
    pass

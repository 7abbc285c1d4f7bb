"""The serving and runtime-property behaviour suites against the real MongoDB-wire server and
Elasticsearch (indices and database of their own, removed afterwards)."""


import pytest

from services.queues.repository.elastic import ElasticServingStatsRepository
from services.queues.repository.mongo import (
    CONTAINER_INDEXES,
    PROPERTY_INDEXES,
    MongoContainerRepository,
    MongoRuntimePropertyRepository,
)
from tests.integration.queues.conftest import elastic_repo
from tests.unit.queues.serving_suite import (
    ContainerRepositoryContract,
    RuntimePropertyRepositoryContract,
    ServingStatsRepositoryContract,
)

from tests.support.repositories import indexed

pytestmark = pytest.mark.integration


@pytest.fixture
async def containers_repo(mongo_db):
    return await indexed(MongoContainerRepository(mongo_db))


@pytest.fixture
async def props_repo(mongo_db):
    return await indexed(MongoRuntimePropertyRepository(mongo_db))


@pytest.fixture
async def serving_stats_repo():
    async with elastic_repo(ElasticServingStatsRepository) as repo:
        yield repo


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

"""The datasets room's repository suite against the real MongoDB-wire server (SecantusDB)."""

import pytest

from services.datasets.store.datasets import (DATASET_INDEXES, VERSION_INDEXES, MongoDatasetRepository,
                                              MongoVersionRepository)
from tests.support.repositories import indexed
from tests.unit.datasets.repository_suite import DatasetRepositoryContract, VersionRepositoryContract

pytestmark = pytest.mark.integration


@pytest.fixture
async def datasets_repo(mongo_db):
    return await indexed(MongoDatasetRepository(mongo_db))


@pytest.fixture
async def versions_repo(mongo_db):
    return await indexed(MongoVersionRepository(mongo_db))


class TestMongoDatasetRepository(DatasetRepositoryContract):
    async def test_indexes_exist(self, datasets_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["datasets"].list_indexes()}
        assert {index.document["name"] for index in DATASET_INDEXES} <= names


class TestMongoVersionRepository(VersionRepositoryContract):
    async def test_indexes_exist(self, versions_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["versions"].list_indexes()}
        assert {index.document["name"] for index in VERSION_INDEXES} <= names

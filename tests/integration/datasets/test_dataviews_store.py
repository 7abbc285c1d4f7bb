"""The dataview repository suite against the real MongoDB-wire server (SecantusDB locally)."""

import pytest

from services.datasets.store.dataviews import DATAVIEW_INDEXES, MongoDataviewRepository
from tests.support.repositories import indexed
from tests.unit.datasets.dataview_repository_suite import DataviewRepositoryContract

pytestmark = pytest.mark.integration


@pytest.fixture
async def dataviews_repo(mongo_db):
    return await indexed(MongoDataviewRepository(mongo_db))


class TestMongoDataviewRepository(DataviewRepositoryContract):
    async def test_indexes_exist(self, dataviews_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["dataviews"].list_indexes()}
        assert {index.document["name"] for index in DATAVIEW_INDEXES} <= names

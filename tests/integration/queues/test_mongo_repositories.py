"""The repository behaviour suite against the real MongoDB-wire server (SecantusDB locally)."""

import pytest

from services.queues.repository.mongo import QUEUE_INDEXES, MongoQueueRepository, MongoWorkerRepository
from tests.unit.queues.repository_suite import QueueRepositoryContract, WorkerRepositoryContract

from tests.support.repositories import indexed

pytestmark = pytest.mark.integration


@pytest.fixture
async def queues_repo(mongo_db):
    return await indexed(MongoQueueRepository(mongo_db))


@pytest.fixture
async def workers_repo(mongo_db):
    return await indexed(MongoWorkerRepository(mongo_db))


class TestMongoQueueRepository(QueueRepositoryContract):
    async def test_indexes_exist(self, queues_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["queue"].list_indexes()}
        assert {index.document["name"] for index in QUEUE_INDEXES} <= names


class TestMongoWorkerRepository(WorkerRepositoryContract):
    pass

"""The statistics behaviour suite against the real Elasticsearch, in indices of its own."""


import pytest

from services.queues.repository.elastic import ElasticStatsRepository
from tests.integration.queues.conftest import elastic_repo
from tests.unit.queues.stats_suite import StatsRepositoryContract

pytestmark = pytest.mark.integration


@pytest.fixture
async def stats_repo():
    async with elastic_repo(ElasticStatsRepository) as repo:
        yield repo


class TestElasticStatsRepository(StatsRepositoryContract):
    pass

"""The queue-metrics behaviour suite against the real Elasticsearch, in indices of its own."""


import pytest

from services.queues.repository.elastic import ElasticQueueMetricsRepository
from tests.integration.queues.conftest import elastic_repo
from tests.unit.queues.queue_metrics_suite import QueueMetricsRepositoryContract

pytestmark = pytest.mark.integration


@pytest.fixture
async def metrics_repo():
    async with elastic_repo(ElasticQueueMetricsRepository) as repo:
        yield repo


class TestElasticQueueMetricsRepository(QueueMetricsRepositoryContract):
    pass

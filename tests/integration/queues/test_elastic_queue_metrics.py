"""The queue-metrics behaviour suite against the real Elasticsearch, in indices of its own."""

import uuid

import pytest
from elasticsearch import AsyncElasticsearch

from services.queues.queue_metrics import ElasticQueueMetricsRepository
from tests.support.servers import ES, require_servers
from tests.unit.queues.queue_metrics_suite import QueueMetricsRepositoryContract

pytestmark = pytest.mark.integration


@pytest.fixture
async def metrics_repo():
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    repo = ElasticQueueMetricsRepository(ES, prefix)
    await repo.start()
    try:
        yield repo
    finally:
        async with AsyncElasticsearch(ES) as es:
            await es.indices.delete(index=f"{prefix}cairn-stats-*", ignore_unavailable=True, allow_no_indices=True)
            await es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}cairn-stats-queues")
        await repo.stop()


class TestElasticQueueMetricsRepository(QueueMetricsRepositoryContract):
    pass

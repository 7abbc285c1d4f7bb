"""The queue-metrics refresher against the real MongoDB-wire server and Elasticsearch: a queue
nobody touches still gets a point per tick, and nothing is written after ``stop``."""

import asyncio
import time

import pytest

from services.queues import domain
from services.queues.metrics_refresher import QueueMetricsRefresher
from services.queues.queue_metrics import QueueMetrics
from services.queues.repository.elastic import ElasticQueueMetricsRepository
from services.queues.repository.mongo import MongoQueueRepository
from tests.integration.queues.conftest import elastic_repo

pytestmark = pytest.mark.integration


@pytest.fixture
async def metrics_repo():
    async with elastic_repo(ElasticQueueMetricsRepository) as repo:
        yield repo


async def test_an_untouched_queue_gets_a_point_per_tick(mongo_db, metrics_repo):
    queues = MongoQueueRepository(mongo_db)
    await queues.ensure_indexes()
    start = domain.utc_now()
    queue = domain.new_queue("q1", "acme", "u1", "gpu", {}, start)
    queue["entries"] = [domain.new_entry("t1", start)]
    await queues.add(queue)
    metrics = QueueMetrics(metrics_repo, domain.utc_now, flush_interval_s=60)
    refresher = QueueMetricsRefresher(queues, metrics, domain.utc_now, interval_s=0.3)
    await refresher.start()
    try:
        await asyncio.sleep(5.2)  # 3 full one-second buckets with room for slow ticks (failed once at 3.2 s)
    finally:
        await refresher.stop()
        await metrics.stop()
    now = time.time()
    [series] = await metrics.read("acme", ["q1"], True, start.timestamp(), now + 1, 1)
    assert len(series["dates"]) >= 3  # one-second buckets, a point every 0.3 s
    assert set(series["queue_lengths"]) == {1}
    assert series["avg_waiting_times"] == sorted(series["avg_waiting_times"]) and series["avg_waiting_times"][-1] > 1
    await metrics_repo.es.indices.refresh(index=f"{metrics_repo.prefix}cairn-stats-queues-*")
    later = await metrics_repo.histogram("acme", ["q1"], 0, int((now + 60) * 1000), 3600)
    await asyncio.sleep(0.7)
    await metrics_repo.es.indices.refresh(index=f"{metrics_repo.prefix}cairn-stats-queues-*")
    assert await metrics_repo.histogram("acme", ["q1"], 0, int((now + 60) * 1000), 3600) == later

"""The in-memory fakes hold to the same behaviour suite as the MongoDB adapters."""

import pytest

from tests.unit.queues.fakes import (
    InMemoryQueueMetricsRepository,
    InMemoryQueueRepository,
    InMemoryStatsRepository,
    InMemoryWorkerRepository,
)
from tests.unit.queues.queue_metrics_suite import QueueMetricsRepositoryContract
from tests.unit.queues.repository_suite import QueueRepositoryContract, WorkerRepositoryContract
from tests.unit.queues.stats_suite import StatsRepositoryContract


@pytest.fixture
def queues_repo():
    return InMemoryQueueRepository()


@pytest.fixture
def workers_repo():
    return InMemoryWorkerRepository()


class TestInMemoryQueueRepository(QueueRepositoryContract):
    pass


class TestInMemoryWorkerRepository(WorkerRepositoryContract):
    pass


@pytest.fixture
def stats_repo():
    return InMemoryStatsRepository()


class TestInMemoryStatsRepository(StatsRepositoryContract):
    pass


@pytest.fixture
def metrics_repo():
    return InMemoryQueueMetricsRepository()


class TestInMemoryQueueMetricsRepository(QueueMetricsRepositoryContract):
    pass

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
from tests.unit.queues.serving_fakes import (
    InMemoryContainerRepository,
    InMemoryRuntimePropertyRepository,
    InMemoryServingStatsRepository,
)
from tests.unit.queues.serving_suite import (
    ContainerRepositoryContract,
    RuntimePropertyRepositoryContract,
    ServingStatsRepositoryContract,
)
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


@pytest.fixture
def containers_repo():
    return InMemoryContainerRepository()


class TestInMemoryContainerRepository(ContainerRepositoryContract):
    pass


@pytest.fixture
def props_repo():
    return InMemoryRuntimePropertyRepository()


class TestInMemoryRuntimePropertyRepository(RuntimePropertyRepositoryContract):
    pass


@pytest.fixture
def serving_stats_repo():
    return InMemoryServingStatsRepository()


class TestInMemoryServingStatsRepository(ServingStatsRepositoryContract):
    pass

"""The repository behaviour suite against the in-memory fakes the use-case tests rely on."""

import pytest

from tests.unit.datasets.fakes import InMemoryDatasetRepository, InMemoryVersionRepository
from tests.unit.datasets.repository_suite import DatasetRepositoryContract, VersionRepositoryContract


@pytest.fixture
def datasets_repo():
    return InMemoryDatasetRepository()


@pytest.fixture
def versions_repo():
    return InMemoryVersionRepository()


class TestInMemoryDatasetRepository(DatasetRepositoryContract):
    pass


class TestInMemoryVersionRepository(VersionRepositoryContract):
    pass

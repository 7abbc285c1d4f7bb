"""The repository behaviour suite against the in-memory fakes (the MongoDB run is in
tests/integration/tasks): the fakes the handler tests rely on behave like the real store."""

import pytest

from tests.unit.tasks.fakes import InMemoryProjectRepository, InMemoryTaskRepository
from tests.unit.tasks.repository_suite import ProjectRepositoryContract, TaskRepositoryContract


@pytest.fixture
def tasks_repo():
    return InMemoryTaskRepository()


@pytest.fixture
def projects_repo():
    return InMemoryProjectRepository()


class TestInMemoryTaskRepository(TaskRepositoryContract):
    pass


class TestInMemoryProjectRepository(ProjectRepositoryContract):
    pass

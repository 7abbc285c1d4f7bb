"""The event store's behaviour suite against the in-memory fake (the Elasticsearch run is in
tests/integration/events): the fake the use-case tests rely on behaves like the real store."""

import pytest

from tests.unit.events.fakes import InMemoryEventRepository
from tests.unit.events.repository_suite import EventRepositoryContract


@pytest.fixture
def events_repo():
    return InMemoryEventRepository()


class TestInMemoryEventRepository(EventRepositoryContract):
    pass

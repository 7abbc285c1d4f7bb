"""End-to-end tier: the Cairn processes started from their own entry points, on real servers."""

import pytest

from tests.support.servers import require_servers
from tests.support.stack import Stack


@pytest.fixture(scope="session")
def stack():
    require_servers(kafka=True, mongo=True, es=True)
    cairn = Stack()
    try:
        cairn.start_all()
        yield cairn
    finally:
        cairn.stop_all()

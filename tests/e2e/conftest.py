"""End-to-end tier: the Cairn processes started from their own entry points, on real servers."""

import httpx
import pytest

from tests.support.servers import require_servers
from tests.support.stack import Stack, running


@pytest.fixture(scope="session")
def stack():
    require_servers(kafka=True, mongo=True, es=True)
    with running(Stack()) as cairn:
        yield cairn


@pytest.fixture(scope="module")
def http(stack):
    """An HTTP client of the gateway with the stack's admin credentials."""
    with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as client:
        yield client

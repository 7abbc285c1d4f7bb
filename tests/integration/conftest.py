"""Integration tier: real Kafka, MongoDB-wire and Elasticsearch servers."""

import uuid

import pytest

from shared.settings import SharedSettings
from tests.support.servers import KAFKA, MONGO, require_servers


@pytest.fixture
def kafka_settings():
    """Settings for one test: its own topic prefix on the real broker."""
    require_servers(kafka=True, mongo=False)
    return SharedSettings(
        kafka_bootstrap=KAFKA,
        mongo_uri=MONGO,
        topic_prefix=f"it{uuid.uuid4().hex[:10]}.",
        rpc_timeout_s=5,
        rpc_partitions=3,
    )

"""Create every topic Cairn uses, up front: ``python -m shared.messaging.provision``.

The processes create the topics they use when missing (with ``CAIRN_RPC_PARTITIONS``
partitions and ``CAIRN_KAFKA_REPLICATION_FACTOR`` replicas); a production Kafka that forbids
clients to create topics, or an operator who wants them made before the first pod starts, runs
this instead (the Helm chart's topics Job). Existing topics are left as they are. Gateway reply
topics are per gateway instance and stay the gateway's to create and delete.
"""

from __future__ import annotations

import asyncio
import logging

from shared.endpoints import IMPLEMENTED
from shared.messaging import kafka
from shared.messaging.admin import ensure_topics
from shared.messaging.changes import CHANGES_PARTITIONS, IDENTITY_RETENTION_MS
from shared.messaging.topics import MAX_MESSAGE_BYTES, TOPIC_CONFIG, changes_topic, events_ingest_topic, rpc_topic
from shared.settings import SharedSettings, load_settings

log = logging.getLogger(__name__)

# The processes that publish facts (``cairn.<process>.changes``).
FACT_PUBLISHERS = ("identity", "tasks", "events")


def plan(settings: SharedSettings) -> list[tuple[dict[str, int], dict[str, str]]]:
    """Groups of ``({topic: partitions}, topic config)``."""
    prefix = settings.topic_prefix
    rpc = {rpc_topic(prefix, p): settings.rpc_partitions for p in sorted(IMPLEMENTED)}
    ingest = events_ingest_topic(prefix)
    return [
        (rpc, dict(TOPIC_CONFIG)),
        ({ingest: settings.rpc_partitions, f"{ingest}.dead": 1}, {"max.message.bytes": str(MAX_MESSAGE_BYTES)}),
        ({changes_topic(prefix, "identity"): CHANGES_PARTITIONS}, {"retention.ms": IDENTITY_RETENTION_MS}),
        ({changes_topic(prefix, p): CHANGES_PARTITIONS for p in FACT_PUBLISHERS if p != "identity"}, {}),
    ]


async def provision(settings: SharedSettings) -> list[str]:
    made = []
    for topics, config in plan(settings):
        await ensure_topics(settings.kafka_bootstrap, topics, config)
        made.extend(topics)
    return made


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    settings = load_settings(SharedSettings)
    kafka.configure(settings)
    names = asyncio.run(provision(settings))
    print(f"topics present ({kafka.replication_factor()} replicas for new ones): {', '.join(names)}")


if __name__ == "__main__":
    main()

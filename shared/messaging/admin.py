"""Topic administration: every process makes sure the topics it uses exist before it uses them."""

from __future__ import annotations

import asyncio
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from shared.messaging.kafka import client_options, replication_factor

log = logging.getLogger(__name__)


async def ensure_topics(bootstrap: str, topics: dict[str, int], configs: dict[str, str] | None = None) -> None:
    """Create the missing ``{name: partitions}`` topics; existing ones are left as they are."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000, **client_options())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, num_partitions=n, replication_factor=replication_factor(), topic_configs=configs or {})
            for name, n in topics.items()
            if name not in existing
        ]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # another instance created it first
            await _visible(admin, {t.name: t.num_partitions for t in missing})
            log.info("created topics %s", [t.name for t in missing])
    finally:
        await admin.close()


async def _visible(admin: AIOKafkaAdminClient, topics: dict[str, int], timeout_s: float = 15.0) -> None:
    """Wait until the broker's metadata has the new topics with a leader for every partition.
    Creation returns before that; a consumer subscribing in between finds no partitions, is
    assigned none and stays without them until its next metadata refresh (minutes): an RPC
    server that never answers."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not _ready(await admin.describe_topics(list(topics)), topics):
        if asyncio.get_running_loop().time() > deadline:
            log.warning("topics %s not in the metadata after %ss", sorted(topics), timeout_s)
            return
        await asyncio.sleep(0.05)


def _ready(described: list[dict], topics: dict[str, int]) -> bool:
    seen = {t["topic"]: t for t in described if t.get("error_code") == 0}
    return all(name in seen and len([p for p in seen[name]["partitions"] if p.get("leader", -1) >= 0]) == n
               for name, n in topics.items())


async def delete_topics(bootstrap: str, names: list[str]) -> None:
    """Best-effort removal (a gateway's reply topic when it stops)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000, **client_options())
    await admin.start()
    try:
        await admin.delete_topics(names)
    except Exception as exc:  # noqa: BLE001 - cleanup must never mask the real shutdown
        log.warning("could not delete topics %s: %s", names, exc)
    finally:
        await admin.close()

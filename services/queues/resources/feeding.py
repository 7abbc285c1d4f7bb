"""Policy queues served through pool links: the policy's ordering in ``queues.get_next_task``.

A pool link (profile -> pool) names the queue the pool's agents listen on (``queue_name``,
created, or tagged ``POOL_LINK_TAG``, when the configuration is published). ``get_next_task`` on such a queue, when the
queue itself is empty, hands out the first job of the link's profile's policy queues, taken
in the profile's queuing priority (its ``policy_connections`` order: the first policy's
queue first), and only while the pool has room for one more job of the profile (its
running jobs plus the profile's cost within its resources). With the policy manager
disabled, policy queues are not served this way (their tasks wait).
"""

from __future__ import annotations

from typing import Any

from services.queues.resources import domain
from services.queues.resources.store import ResourceStore
from services.queues.resources.usage import UsageReader
from shared.messaging.envelopes import Identity

Document = dict[str, Any]


class PolicyFeeder:
    """``EntryService``'s ``feeder``: which queues an empty pool link queue serves from."""

    def __init__(self, store: ResourceStore, usage: UsageReader) -> None:
        self._store = store
        self._usage = usage

    async def sources(self, identity: Identity, queue: Document) -> list[str]:
        """The policy queues (with entries) to pop from instead of ``queue``, in priority
        (none without reading anything for a queue that is no pool link's)."""
        if domain.POOL_LINK_TAG not in (queue.get("system_tags") or ()):
            return []
        config = await self._store.configuration(identity.company)
        if not config or not config.get("enabled", True):
            return []
        published = config.get("published") or domain.empty_configuration()
        found = _link_of(published, queue.get("name"))
        if found is None:
            return []
        profile, pool = found
        snap = await self._usage.snapshot(identity.company)
        if snap.pool_usage(pool) + domain.cost_of(profile) > (pool.get("resources") or 0) + 1e-9:
            return []
        connections = domain.ordered_connections(profile, snap.of_profile(profile["id"]))
        return [c["_id"] for c in connections if c["queue"].get("entries")]


def _link_of(configuration: Document, queue_name: str | None) -> tuple[Document, Document] | None:
    """(profile, pool) of the pool link whose queue is ``queue_name``."""
    if not queue_name:
        return None
    pools = {p["id"]: p for p in configuration.get("pools") or ()}
    for profile in configuration.get("profiles") or ():
        for link in profile.get("pool_links") or ():
            if link.get("queue_name") == queue_name and link["pool"] in pools:
                return profile, pools[link["pool"]]
    return None

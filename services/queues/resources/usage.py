"""What the company's policies, profiles and pools use right now, read in one go.

- **queued**: the entries of each policy queue (a connection's queue), each taking its
  profile's ``profile_cost``;
- **running**: the tasks that live workers report running and that the ledger says were
  admitted through a policy queue (with the cost they were admitted at). A task popped but
  not yet reported by its worker counts for neither until the worker's next report (the
  agent reports right after it takes a task).
- a pool's usage: the running jobs whose worker listens on one of the pool's link queues
  (a pool link's ``queue_name``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.queues.filters import QueueFilter
from services.queues.repository import QueueRepository, WorkerRepository
from services.queues.resources import domain
from services.queues.resources.store import ResourceStore

Document = dict[str, Any]


@dataclass
class Snapshot:
    configuration: Document  # the published one
    enabled: bool
    connections: list[Document]  # every connection, each with its "queue" document
    running: list[Document]  # {task, name, project, started, worker, queues, cost, policy, profile, user}
    profiles: dict[str, Document] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.profiles = {p["id"]: p for p in self.configuration.get("profiles") or ()}

    def cost_of_connection(self, connection: Document) -> float:
        return domain.cost_of(self.profiles.get(connection["profile"]))

    def of_policy(self, policy: str) -> list[Document]:
        return [c for c in self.connections if c["policy"] == policy]

    def of_profile(self, profile: str) -> list[Document]:
        return [c for c in self.connections if c["profile"] == profile]

    def queued_jobs(self, connections: list[Document]) -> int:
        return sum(len(c["queue"].get("entries") or ()) for c in connections)

    def queued_cost(self, connections: list[Document]) -> float:
        return sum(len(c["queue"].get("entries") or ()) * self.cost_of_connection(c) for c in connections)

    def running_of(self, key: str, value: str) -> list[Document]:
        return [r for r in self.running if r.get(key) == value]

    def usage(self, policy: str) -> float:
        """The resources the policy's jobs hold: queued and running."""
        return self.queued_cost(self.of_policy(policy)) + sum(r["cost"] for r in self.running_of("policy", policy))

    def running_cost(self, policy: str) -> float:
        return sum(r["cost"] for r in self.running_of("policy", policy))

    def pool_usage(self, pool: Document) -> int:
        names = {link.get("queue_name") for p in self.profiles.values() for link in p.get("pool_links") or ()
                 if link["pool"] == pool["id"] and link.get("queue_name")}
        return int(sum(r["cost"] for r in self.running if names & set(r.get("queue_names") or ())))


class UsageReader:
    """Reads a ``Snapshot`` of a company (its published configuration, connections with
    their queues, and its running policy jobs)."""

    def __init__(self, store: ResourceStore, queues: QueueRepository, workers: WorkerRepository,
                 clock: Callable[[], datetime]) -> None:
        self._store = store
        self._queues = queues
        self._workers = workers
        self._clock = clock

    async def snapshot(self, company: str, policy: str | None = None, pools: bool = True) -> Snapshot:
        """``policy``: only that policy's connections are read (the quota check); ``pools``:
        with the names of the queues workers listen on (for the pools' usage). Independent
        reads go together: three round trips to the store in all (the shared test store
        answers slowly under load, and the quota check sits in every policy enqueue)."""
        config, connections, workers = await asyncio.gather(
            self._store.configuration(company), self._store.connections(company, policy),
            self._workers.live(company, self._clock()))
        config = config or {}
        workers = [w for w in workers if w.get("task")]
        ids = tuple(c["_id"] for c in connections)
        found, ledger = await asyncio.gather(
            self._queues.find(QueueFilter(company=company, ids=ids, limit=len(ids))) if ids else _nothing(),
            self._store.ledger(company, [w["task"]["id"] for w in workers]))
        queues = {q["_id"]: q for q in found}
        # A policy queue deleted with ``queues.delete`` takes its connection with it (the
        # connection's document stays until ``disconnect_policy_profile`` or the policy goes).
        connections = [c for c in connections if c["_id"] in queues]
        for connection in connections:
            connection["queue"] = queues[connection["_id"]]
        return Snapshot(config.get("published") or domain.empty_configuration(), config.get("enabled", True),
                        connections, await self._running(company, workers, ledger, pools))

    async def _running(self, company: str, workers: list[Document], ledger: dict[str, Document],
                       pools: bool) -> list[Document]:
        workers = [w for w in workers if w["task"]["id"] in ledger]
        names = await self._queue_names(company, {q for w in workers for q in w.get("queues") or ()}) if pools else {}
        running = []
        for worker in workers:
            admitted = ledger[worker["task"]["id"]]
            running.append({**admitted, "name": worker["task"].get("name"), "project": worker.get("project"),
                            "started": worker.get("task_started"), "worker": worker.get("worker"),
                            "queue_names": [names.get(q) for q in worker.get("queues") or ()]})
        return running

    async def _queue_names(self, company: str, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        found = await self._queues.find(QueueFilter(company=company, ids=tuple(ids), limit=len(ids)))
        return {q["_id"]: q.get("name") for q in found}


async def _nothing() -> list[Document]:
    return []

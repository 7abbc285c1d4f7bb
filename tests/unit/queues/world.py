"""A queues process in memory: the real handler table over the in-memory fakes, a settable
clock, and a ``call`` that speaks like the gateway (endpoint, payload, identity)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from services.queues.handlers import handler_table
from services.queues.main import build_use_cases
from shared.access.view import StaticAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.unit.queues.fakes import (
    InMemoryQueueMetricsRepository,
    InMemoryQueueRepository,
    InMemoryStatsRepository,
    InMemoryWorkerRepository,
    RecordingTasks,
)
from tests.unit.queues.serving_fakes import (
    InMemoryContainerRepository,
    InMemoryRuntimePropertyRepository,
    InMemoryServingStatsRepository,
)

ALICE = Identity(company="acme", user="alice", user_name="Alice", company_name="Acme")
BOB = Identity(company="acme", user="bob")
EVE = Identity(company="evil-corp", user="eve")


class HiddenReferences:
    """``access.ReferenceAccess`` as the tasks process would answer: ``hidden`` maps a user to
    the task and model ids that user may not read."""

    def __init__(self) -> None:
        self.hidden: dict[str, set[str]] = {}
        self.calls = 0

    async def unreadable(self, identity: Identity, tasks: list[str], models: list[str]) -> set[str]:
        self.calls += 1
        return self.hidden.get(identity.user, set()) & {*tasks, *models}


class World:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
        self.queues = InMemoryQueueRepository()
        self.workers = InMemoryWorkerRepository()
        self.stats = InMemoryStatsRepository()
        self.queue_metrics = InMemoryQueueMetricsRepository()
        self.tasks = RecordingTasks()
        self._ids = 0
        self.containers = InMemoryContainerRepository()
        self.serving_stats = InMemoryServingStatsRepository()
        self.runtime_properties = InMemoryRuntimePropertyRepository()
        self.access = StaticAccess()  # open until a test gives the company rules
        self.references = HiddenReferences()
        self.use_cases = build_use_cases(
            self.queues, self.workers, self.stats, self.queue_metrics, 600, self.clock, self.new_id, tasks=self.tasks,
            containers=self.containers, serving_stats=self.serving_stats, runtime_properties=self.runtime_properties,
            rules=self.access, references=self.references)
        self.handlers = handler_table(self.use_cases)

    def clock(self) -> datetime:
        return self.now

    def new_id(self) -> str:
        self._ids += 1
        return f"id{self._ids:03d}"

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    async def call(self, endpoint: str, payload: dict | None = None, identity: Identity = ALICE) -> Any:
        envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload or {})
        return await self.handlers[endpoint](envelope)

    async def error(self, endpoint: str, payload: dict | None = None, identity: Identity = ALICE) -> tuple[int, int]:
        try:
            await self.call(endpoint, payload, identity)
        except ApiError as exc:
            return exc.code, exc.subcode
        raise AssertionError(f"{endpoint} did not fail")

    async def queue(self, name: str = "gpu-queue", identity: Identity = ALICE, tasks: tuple[str, ...] = ()) -> str:
        queue_id = (await self.call("queues.create", {"name": name}, identity))["id"]
        for task in tasks:
            await self.call("queues.add_task", {"queue": queue_id, "task": task}, identity)
        return queue_id

    async def tasks_in(self, queue_id: str, identity: Identity = ALICE) -> list[str]:
        queue = (await self.call("queues.get_by_id", {"queue": queue_id}, identity))["queue"]
        return [e["task"] for e in queue["entries"]]

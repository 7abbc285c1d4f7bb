"""A tasks process in memory: the production handler table over the in-memory repositories,
with a settable clock; shared by the handler-level unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from shared.access.view import StaticAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import error_from_exception
from tests.unit.tasks.fakes import (
    InMemoryProjectRepository,
    InMemoryQueues,
    InMemoryScrollRepository,
    InMemoryTaskRepository,
    RecordingFacts,
)

ALICE = Identity(company="acme", user="alice")
BOB = Identity(company="acme", user="bob")
EVE = Identity(company="evil-corp", user="eve")
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
# The access fields of ``internal.event_targets`` for a caller no rule restricts.
UNRESTRICTED = {"no_read": {"tasks": [], "models": []}, "no_write": {"tasks": [], "models": []}, "access_version": 0}


@dataclass
class Clock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int = 1) -> None:
        self.now += timedelta(minutes=minutes)


@dataclass
class World:
    tasks: InMemoryTaskRepository = field(default_factory=InMemoryTaskRepository)
    projects: InMemoryProjectRepository = field(default_factory=InMemoryProjectRepository)
    models: InMemoryTaskRepository = field(default_factory=InMemoryTaskRepository)
    scrolls: InMemoryScrollRepository = field(default_factory=InMemoryScrollRepository)
    facts: RecordingFacts = field(default_factory=RecordingFacts)
    queues: InMemoryQueues = field(default_factory=InMemoryQueues)
    clock: Clock = field(default_factory=Clock)
    # The companies' access rules (``take`` a snapshot to configure one; none: all open).
    access: StaticAccess = field(default_factory=StaticAccess)

    def __post_init__(self) -> None:
        self.tasks.outbox = self.models.outbox = self.facts.outbox  # one database, one outbox
        self.use_cases = build_use_cases(
            self.tasks, self.projects, self.models, self.clock, scroll_states=self.scrolls, facts=self.facts,
            queues=self.queues, access=self.access,
        )
        self.handlers = handler_table(self.use_cases)

    async def call(self, endpoint: str, payload: Any = None, identity: Identity | None = ALICE) -> Any:
        envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
        return await self.handlers[endpoint](envelope)

    async def fails(self, endpoint: str, payload: Any, identity: Identity | None = ALICE) -> ApiError:
        """The ClearML error the RPC server would answer with."""
        with pytest.raises(Exception) as err:
            await self.call(endpoint, payload, identity)
        return error_from_exception(err.value)

    async def new_project(self, name: str = "ml", identity: Identity = ALICE, **fields) -> str:
        return (await self.call("projects.create", {"name": name, **fields}, identity))["id"]

    async def new_task(self, identity: Identity = ALICE, **fields) -> str:
        body = {"name": "train", "type": "training", **fields}
        return (await self.call("tasks.create", body, identity))["id"]


def codes(error: ApiError) -> tuple[int, int]:
    return error.code, error.subcode

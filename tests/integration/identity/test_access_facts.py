"""The permissions room's facts on real Kafka and MongoDB: an ``AccessView`` started as an
enforcing process starts it sees a change of rules within a second, and a view started later
replays the topic to the company's newest version."""

from __future__ import annotations

import asyncio
import time

from services.identity.facts import KafkaFactPublisher
from services.identity.permissions.service import PermissionsService
from services.identity.permissions.store import MongoPermissionStore
from services.identity.domain import utcnow
from services.identity.users.store import MongoUserRepository
from shared.access.rules import scopes_of
from shared.access.view import AccessView
from shared.messaging.admin import delete_topics
from shared.messaging.envelopes import Identity
from tests.support.servers import KAFKA

COMPANY = "c-access"
ADMIN = Identity(company=COMPANY, user="boss", role="admin")
RULE = {"name": "closed", "description": "", "entity_type": "project", "entity_id": "p1",
        "access_permission": "read", "users": [], "groups": []}


class TimedPublisher:
    """The Kafka publisher, noting when each fact was handed to it."""

    def __init__(self, inner: KafkaFactPublisher) -> None:
        self.inner = inner
        self.started: list[float] = []

    async def publish(self, change) -> None:
        self.started.append(time.perf_counter())
        await self.inner.publish(change)


async def _seen(view: AccessView, version: int, budget_s: float = 10.0) -> float:
    """Seconds until ``view`` holds ``version`` of the company (bounded wait)."""
    started = time.perf_counter()
    while view.version(COMPANY) < version:
        assert time.perf_counter() - started < budget_s, f"version {version} not seen"
        await asyncio.sleep(0.005)
    return time.perf_counter() - started


async def test_a_view_sees_each_change_within_a_second_and_a_new_view_replays_to_the_newest(kafka_settings, mongo_db):
    store = MongoPermissionStore(mongo_db)
    await store.create_indexes()
    publisher = KafkaFactPublisher(kafka_settings)
    await publisher.start()
    timed = TimedPublisher(publisher)
    service = PermissionsService(store, MongoUserRepository(mongo_db), timed, utcnow)
    view = AccessView(kafka_settings, wait_s=20)
    await view.start()
    try:
        await view.rules(COMPANY)  # caught up with the (empty) topic, as a process at start
        delays = []
        for _ in range(3):  # measured from the room's publishing (after its writes to MongoDB)
            before = view.version(COMPANY)
            await service.save_rule(ADMIN, None, dict(RULE))  # one writer: publishes before + 1
            await _seen(view, before + 1)
            delays.append(time.perf_counter() - timed.started[-1])
        print(f"published -> AccessView: {', '.join(f'{d * 1000:.0f} ms' for d in delays)}")
        assert max(delays) < 1.0
        ruleset = await view.rules(COMPANY)
        assert ruleset.managed and ruleset.grant("ann", "user", scopes_of("task", "t", ["p1"])) is None
        newest = ruleset.version
    finally:
        await view.stop()
    later = AccessView(kafka_settings, wait_s=20)
    await later.start()
    try:
        replayed = await later.rules(COMPANY)
        assert replayed.version == newest and len(replayed.snapshot.rules) == len(ruleset.snapshot.rules)
    finally:
        await later.stop()
        await publisher.stop()
        await delete_topics(KAFKA, [publisher.topic])

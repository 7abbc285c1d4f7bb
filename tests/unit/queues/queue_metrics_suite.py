"""Behaviour suite of ``QueueMetricsRepository``: the in-memory fake and Elasticsearch."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.queues.queue_metrics import metric_doc

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
T0_MS = int(T0.timestamp() * 1000)


def queue(queue_id: str, *waits_s: int, now: datetime = T0) -> dict:
    return {"_id": queue_id, "entries": [{"task": f"t{i}", "added": now - timedelta(seconds=w)}
                                         for i, w in enumerate(waits_s)]}


class QueueMetricsRepositoryContract:
    async def test_points_by_bucket_keep_the_longest_wait(self, metrics_repo):
        docs = [metric_doc("acme", queue("q1", 10, 30), T0),
                metric_doc("acme", queue("q1", 5, now=T0 + timedelta(seconds=20)), T0 + timedelta(seconds=20)),
                metric_doc("acme", queue("q2"), T0 + timedelta(seconds=70)),
                metric_doc("other", queue("q1", 99), T0)]
        for doc in docs:
            await metrics_repo.add(doc["company"], [doc], T0, refresh=True)
        points = await metrics_repo.histogram("acme", ["q1", "q2"], T0_MS, T0_MS + 120_000, 60)
        assert points == [(T0_MS, {"q1": (20.0, 2)}), (T0_MS + 60_000, {"q2": (0.0, 0)})]
        assert await metrics_repo.histogram("acme", ["q2"], T0_MS, T0_MS + 50_000, 60) == []

    async def test_in_a_bucket_queues_with_more_points_come_first(self, metrics_repo):
        docs = [metric_doc("acme", queue("q1"), T0), metric_doc("acme", queue("q2"), T0),
                metric_doc("acme", queue("q2", 1), T0 + timedelta(seconds=1))]
        await metrics_repo.add("acme", docs, T0, refresh=True)
        [(_, values)] = await metrics_repo.histogram("acme", ["q1", "q2"], T0_MS, T0_MS + 50_000, 60)
        assert list(values) == ["q2", "q1"]

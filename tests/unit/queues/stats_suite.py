"""Behaviour suite of ``StatsRepository``: the in-memory fake and Elasticsearch
(``tests/integration/queues/test_elastic_stats.py``)."""

from __future__ import annotations

from datetime import datetime, timezone

from services.queues.stats import stat_docs

T0_MS = 1_714_564_800_000  # 2024-05-01T12:00:00Z, a multiple of 60 s
WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


async def report(repo, worker: str, offset_s: int, task: str | None = None, company: str = "acme", **stats):
    await repo.add(company, stat_docs(company, worker, T0_MS + offset_s * 1000, task, stats), WHEN)


class StatsRepositoryContract:
    async def test_metric_keys_by_category(self, stats_repo):
        await report(stats_repo, "w1", 0, cpu_usage=[1.0, 2.0], memory_used=10.0)
        await report(stats_repo, "w2", 0, gpu_usage=[5.0])
        await report(stats_repo, "w3", 0, company="other", disk_read=1.0)
        assert await stats_repo.metric_keys("acme", None) == {"cpu": ["cpu_usage"], "memory": ["memory_used"],
                                                              "gpu": ["gpu_usage"]}
        assert await stats_repo.metric_keys("acme", ["w2"]) == {"gpu": ["gpu_usage"]}
        assert await stats_repo.metric_keys("nobody", None) == {}

    async def test_series_aggregate_per_worker_bucket_and_variant(self, stats_repo):
        await report(stats_repo, "w1", 0, gpu_usage=[10.0, 30.0])
        await report(stats_repo, "w1", 30, gpu_usage=[20.0, 40.0])
        await report(stats_repo, "w1", 60, gpu_usage=[50.0, 50.0])
        await report(stats_repo, "w2", 0, gpu_usage=[1.0])
        series = await stats_repo.series("acme", "gpu_usage", "max", T0_MS, T0_MS + 120_000, 60, None)
        assert sorted(series) == ["w1", "w2"]
        first, second = series["w1"]
        assert (first.date_ms, first.value, dict(first.variants)) == (T0_MS, 40.0, {"0": 20.0, "1": 40.0})
        assert (second.date_ms, second.value) == (T0_MS + 60_000, 50.0)
        avg = await stats_repo.series("acme", "gpu_usage", "avg", T0_MS, T0_MS + 120_000, 60, ["w1"])
        assert list(avg) == ["w1"] and avg["w1"][0].value == 25.0

    async def test_metric_keys_with_more_values_come_first(self, stats_repo):
        await report(stats_repo, "w1", 0, gpu_usage=[1.0], gpu_memory_used=[1.0, 2.0], cpu_usage=[1.0, 2.0],
                     memory_used=1.0)
        keys = await stats_repo.metric_keys("acme", None)
        assert list(keys) == ["gpu", "cpu", "memory"] and keys["gpu"] == ["gpu_memory_used", "gpu_usage"]

    async def test_series_list_the_workers_with_more_values_first(self, stats_repo):
        await report(stats_repo, "w1", 0, cpu_usage=[1.0])
        await report(stats_repo, "w2", 0, cpu_usage=[1.0, 2.0])
        await report(stats_repo, "w3", 0, cpu_usage=[1.0, 2.0])
        series = await stats_repo.series("acme", "cpu_usage", "avg", T0_MS, T0_MS + 60_000, 60, None)
        assert list(series) == ["w2", "w3", "w1"]

    async def test_activity_counts_distinct_workers_and_active_ones(self, stats_repo):
        await report(stats_repo, "w1", 0, "t1", cpu_usage=[1.0, 2.0])
        await report(stats_repo, "w2", 10, None, cpu_usage=[1.0])
        await report(stats_repo, "w2", 70, "t2", cpu_usage=[1.0])
        total = await stats_repo.activity("acme", T0_MS, T0_MS + 120_000, 60, False)
        active = await stats_repo.activity("acme", T0_MS, T0_MS + 120_000, 60, True)
        assert total == [(T0_MS, 2), (T0_MS + 60_000, 1)]
        assert active == [(T0_MS, 1), (T0_MS + 60_000, 1)]
        assert await stats_repo.activity("acme", T0_MS + 600_000, T0_MS + 720_000, 60, False) == []
        assert await stats_repo.activity("nobody", T0_MS, T0_MS + 120_000, 60, False) is None

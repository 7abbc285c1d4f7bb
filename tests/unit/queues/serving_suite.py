"""Behaviour suites of the serving and runtime-property ports (and the queues' ``page``),
held by the in-memory fakes and the real MongoDB / Elasticsearch adapters alike."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.queues.serving_stats import stat_doc

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
T0_MS = int(T0.timestamp() * 1000)
URL = "http://serving/resnet"


def container(container_id: str, url: str | None = URL, company: str = "acme", expires_in: int = 60, **fields):
    return {"_id": f"{company}/{container_id}", "company": company, "container_id": container_id,
            "endpoint_url": url, "register_time": T0, "last_activity_time": T0,
            "expires": T0 + timedelta(seconds=expires_in), **fields}


class ContainerRepositoryContract:
    async def test_live_containers_by_url_and_expiry(self, containers_repo):
        for doc in [container("c2"), container("c1", expires_in=10), container("loading", None),
                    container("gone", expires_in=-1), container("theirs", company="other")]:
            await containers_repo.save(doc)
        assert [c["container_id"] for c in await containers_repo.live("acme", T0)] == ["c1", "c2", "loading"]
        assert [c["container_id"] for c in await containers_repo.live("acme", T0, URL)] == ["c1", "c2"]
        assert [c["container_id"] for c in await containers_repo.live("acme", T0, None)] == ["loading"]
        assert [c["container_id"] for c in await containers_repo.live("acme", T0 + timedelta(seconds=30))] == ["c2", "loading"]

    async def test_save_replaces_and_delete_reports(self, containers_repo):
        await containers_repo.save(container("c1", requests_num=5))
        await containers_repo.save(container("c1", url="http://other"))
        found = await containers_repo.get("acme/c1")
        assert found["endpoint_url"] == "http://other" and "requests_num" not in found
        assert found["expires"] == T0 + timedelta(seconds=60)
        assert await containers_repo.delete("acme/c1") is True
        assert await containers_repo.delete("acme/c1") is False
        assert await containers_repo.get("acme/c1") is None


class RuntimePropertyRepositoryContract:
    async def test_put_replace_list_delete(self, props_repo):
        def prop(key, value, worker="w1", user="alice"):
            return {"_id": f"acme/{user}/{worker}/{key}", "company": "acme", "user": user, "worker": worker,
                    "key": key, "value": value, "expires": None}

        for doc in [prop("force", "on"), prop("force", "off"), prop("gpus", "0"), prop("x", "1", worker="w2"),
                    prop("y", "1", user="bob")]:
            await props_repo.put(doc)
        found = sorted(await props_repo.of_worker("acme", "alice", "w1"), key=lambda p: p["key"])
        assert [(p["key"], p["value"]) for p in found] == [("force", "off"), ("gpus", "0")]
        assert await props_repo.delete("acme/alice/w1/force") is True
        assert await props_repo.delete("acme/alice/w1/force") is False
        assert [p["key"] for p in await props_repo.of_worker("acme", "alice", "w1")] == ["gpus"]


class ServingStatsRepositoryContract:
    async def test_histogram_samples_each_container_per_bucket(self, serving_stats_repo):
        def point(container_id, seconds, company="acme", url=URL, **fields):
            entry = {"company": company, "container_id": container_id, "endpoint_url": url, **fields}
            return stat_doc(entry, T0 + timedelta(seconds=seconds))

        for doc in [point("c1", 0, requests_num=5, latency_ms=10), point("c1", 30, requests_num=8, latency_ms=20),
                    point("c2", 10, requests_num=1), point("c1", 70, requests_num=9, latency_ms=40),
                    point("c9", 0, url="http://other", requests_num=100),
                    point("c1", 0, company="other", requests_num=100)]:
            await serving_stats_repo.add(doc["company"], doc, T0)
        args = ("acme", URL)
        window = (T0_MS, T0_MS + 180_000, 60)
        assert await serving_stats_repo.histogram(*args, "requests_num", "max", *window, False) == [
            (T0_MS, {"c1": 8.0, "c2": 1.0}), (T0_MS + 60_000, {"c1": 9.0})]
        latency = await serving_stats_repo.histogram(*args, "latency_ms", "avg", *window, True)
        assert latency == [(T0_MS, {"c1": 15.0, "c2": None}), (T0_MS + 60_000, {"c1": 40.0}),
                           (T0_MS + 120_000, {}), (T0_MS + 180_000, {})]

"""Elasticsearch adapters of the queues process's statistics ports, one index per company and
month (old months are dropped whole), read through ``<prefix>cairn-stats-<kind>-<company>-*``:

- ``ElasticStatsRepository``: worker machine statistics, ``...-workers-...``, one document per
  reported value ``{timestamp (ms), company, worker, task, category, metric, variant
  ("total" or the device index), value}``, as ClearML stores them;
- ``ElasticQueueMetricsRepository``: queue length and average waiting time points,
  ``...-queues-...``;
- ``ElasticServingStatsRepository``: one document per serving status report,
  ``...-serving-...``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from services.queues.repository import Bucket, Buckets, Point
from services.queues.serving_stats import NUMBER_FIELDS
from shared.elastic import ElasticComponent, monthly_template


async def _bulk_index(store: ElasticComponent, company: str, docs: list[dict[str, Any]], when: datetime,
                      refresh: bool, what: str) -> None:
    """One bulk request putting ``docs`` in the company's index of the month of ``when``."""
    if not docs:
        return
    index = store.monthly_index(company, when)
    operations: list[dict[str, Any]] = []
    for doc in docs:
        operations += [{"index": {"_index": index}}, doc]
    response = await store.es.bulk(operations=operations, refresh=refresh)
    if response.get("errors"):
        raise RuntimeError(f"{what} not stored: {response['items'][0]}")


def worker_stats_template(prefix: str) -> dict[str, Any]:
    keyword = {"type": "keyword"}
    return monthly_template(f"{prefix}cairn-stats-workers-*", {
        "timestamp": {"type": "date", "format": "epoch_millis"},
        **{name: keyword for name in ("company", "worker", "task", "category", "metric", "variant")},
        "value": {"type": "double"},
    })


class ElasticStatsRepository(ElasticComponent):
    """``StatsRepository`` on Elasticsearch (a component: the template is put at start)."""

    template_suffix = "cairn-stats-workers"

    def template(self) -> dict[str, Any]:
        return worker_stats_template(self.prefix)

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime) -> None:
        await _bulk_index(self, company, docs, when, True, "worker stats")

    async def _search(self, company: str, query: list[dict[str, Any]], aggs: dict[str, Any]) -> dict[str, Any]:
        body = {"size": 0, "query": {"bool": {"filter": [{"term": {"company": company}}, *query]}}, "aggs": aggs}
        response = await self.search_company(company, **body)
        return response.get("aggregations") or {}

    async def metric_keys(self, company: str, worker_ids: Sequence[str] | None) -> dict[str, list[str]]:
        query = [{"terms": {"worker": list(worker_ids)}}] if worker_ids else []
        aggs = {"categories": {"terms": {"field": "category", "size": 100},
                               "aggs": {"metrics": {"terms": {"field": "metric", "size": 100}}}}}
        found = await self._search(company, query, aggs)
        return {c["key"]: [m["key"] for m in c["metrics"]["buckets"]]
                for c in found.get("categories", {}).get("buckets", [])}

    async def series(self, company: str, metric: str, aggregation: str, from_ms: int, to_ms: int,
                     interval_s: int, worker_ids: Sequence[str] | None) -> dict[str, list[Bucket]]:
        query: list[dict[str, Any]] = [{"term": {"metric": metric}},
                                       {"range": {"timestamp": {"gte": from_ms, "lte": to_ms}}}]
        if worker_ids:
            query.append({"terms": {"worker": list(worker_ids)}})
        value = {"value": {aggregation: {"field": "value"}}}
        histogram = {"date_histogram": {"field": "timestamp", "fixed_interval": f"{interval_s}s",
                                        "min_doc_count": 1},
                     "aggs": {**value, "split": {"terms": {"field": "variant", "size": 64}, "aggs": value}}}
        aggs = {"workers": {"terms": {"field": "worker", "size": 1000}, "aggs": {"dates": histogram}}}
        found = await self._search(company, query, aggs)
        return {
            w["key"]: [Bucket(int(d["key"]), float(d["value"]["value"] or 0.0),
                              {s["key"]: float(s["value"]["value"] or 0.0) for s in d["split"]["buckets"]})
                       for d in w["dates"]["buckets"]]
            for w in found.get("workers", {}).get("buckets", [])
        }

    async def activity(self, company: str, from_ms: int, to_ms: int, interval_s: int,
                       active_only: bool) -> list[tuple[int, int]] | None:
        query: list[dict[str, Any]] = [{"range": {"timestamp": {"gte": from_ms, "lte": to_ms}}}]
        if active_only:
            query.append({"exists": {"field": "task"}})
        aggs = {"dates": {"date_histogram": {"field": "timestamp", "fixed_interval": f"{interval_s}s",
                                             "min_doc_count": 1},
                          "aggs": {"workers": {"cardinality": {"field": "worker"}}}}}
        found = await self._search(company, query, aggs)
        if not found:  # no index of the company: no statistics at all
            return None
        return [(int(b["key"]), int(b["workers"]["value"])) for b in found["dates"]["buckets"]]


def queue_metrics_template(prefix: str) -> dict[str, Any]:
    keyword = {"type": "keyword"}
    return monthly_template(f"{prefix}cairn-stats-queues-*", {
        "timestamp": {"type": "date", "format": "epoch_millis"}, "company": keyword, "queue": keyword,
        "queue_length": {"type": "long"}, "average_waiting_time": {"type": "double"},
    })


class ElasticQueueMetricsRepository(ElasticComponent):
    """``QueueMetricsRepository`` on Elasticsearch (a component: the template is put at start)."""

    template_suffix = "cairn-stats-queues"

    def template(self) -> dict[str, Any]:
        return queue_metrics_template(self.prefix)

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime, refresh: bool = False) -> None:
        await _bulk_index(self, company, docs, when, refresh, "queue metrics")

    async def histogram(self, company: str, queue_ids: Sequence[str], from_ms: int, to_ms: int,
                        interval_s: int) -> list[tuple[int, dict[str, Point]]]:
        top = {"top_hits": {"size": 1, "_source": {"includes": ["average_waiting_time", "queue_length"]},
                            "sort": [{"average_waiting_time": {"order": "desc"}}, {"queue_length": {"order": "desc"}}]}}
        body = {
            "size": 0,
            "query": {"bool": {"filter": [{"term": {"company": company}}, {"terms": {"queue": list(queue_ids)}},
                                          {"range": {"timestamp": {"gte": from_ms, "lte": to_ms}}}]}},
            "aggs": {"dates": {"date_histogram": {"field": "timestamp", "fixed_interval": f"{interval_s}s",
                                                  "min_doc_count": 1},
                               "aggs": {"queues": {"terms": {"field": "queue", "size": 1000},
                                                   "aggs": {"top": top}}}}},
        }
        response = await self.search_company(company, **body)
        out = []
        for bucket in (response.get("aggregations") or {}).get("dates", {}).get("buckets", []):
            values = {}
            for queue in bucket["queues"]["buckets"]:
                source = queue["top"]["hits"]["hits"][0]["_source"]
                values[queue["key"]] = (float(source["average_waiting_time"]), int(source["queue_length"]))
            out.append((int(bucket["key"]), values))
        return out


def serving_stats_template(prefix: str) -> dict[str, Any]:
    keyword = {"type": "keyword"}
    return monthly_template(f"{prefix}cairn-stats-serving-*", {
        "timestamp": {"type": "date", "format": "epoch_millis"},
        "company": keyword, "container_id": keyword, "endpoint_url": keyword,
        **{field: {"type": "double"} for field in NUMBER_FIELDS},
    })


class ElasticServingStatsRepository(ElasticComponent):
    """``ServingStatsRepository`` on Elasticsearch (a component: the template is put at start)."""

    template_suffix = "cairn-stats-serving"

    def template(self) -> dict[str, Any]:
        return serving_stats_template(self.prefix)

    async def add(self, company: str, doc: dict[str, Any], when: datetime) -> None:
        index = self.monthly_index(company, when)
        await self.es.index(index=index, document=doc, refresh=True)

    async def histogram(self, company: str, endpoint_url: str, field: str, sample: str, from_ms: int,
                        to_ms: int, interval_s: int, extended: bool) -> Buckets:
        bounds = {"extended_bounds": {"min": from_ms, "max": to_ms}} if extended else {"min_doc_count": 1}
        aggs = {"dates": {
            "date_histogram": {"field": "timestamp", "fixed_interval": f"{interval_s}s", **bounds},
            "aggs": {"containers": {"terms": {"field": "container_id", "size": 1000},
                                    "aggs": {"sample": {sample: {"field": field}}}}},
        }}
        query = {"bool": {"filter": [{"term": {"company": company}}, {"term": {"endpoint_url": endpoint_url}},
                                     {"range": {"timestamp": {"gte": from_ms, "lte": to_ms}}}]}}
        response = await self.search_company(company, size=0, query=query, aggs=aggs)
        return [
            (int(b["key"]), {c["key"]: c["sample"]["value"] for c in b["containers"]["buckets"]})
            for b in (response.get("aggregations") or {}).get("dates", {}).get("buckets", [])
        ]

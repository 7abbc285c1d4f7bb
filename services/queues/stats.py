"""Worker machine statistics: pure rules (documents from a status report, buckets to the
ClearML response) and the ``StatsRepository`` port with its Elasticsearch adapter.

Indices: ``<prefix>cairn-stats-workers-<company>-<yyyy-mm>`` (one per company and month, so
old months are dropped whole), read through ``<prefix>cairn-stats-workers-<company>-*``. One
document per reported value: ``{timestamp (ms), company, worker, task, category, metric,
variant ("total" or the device index), value}``, as ClearML stores them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shared.elastic import ElasticComponent, monthly_template


MIN_INTERVAL_S = 40  # ClearML's services.workers.min_chart_interval_sec
AGGREGATIONS = ("avg", "min", "max")


def stat_docs(company: str, worker: str, timestamp_ms: int, task: str | None,
              machine_stats: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One document per value: ``cpu_usage: [10, 20]`` -> variants "0" and "1" of metric
    ``cpu_usage`` in category ``cpu``; a single number -> variant "total". Empty values are
    skipped, as in ClearML."""
    docs = []
    for metric, value in machine_stats.items():
        if value is None or value == [] or isinstance(value, (str, bool, dict)):
            continue
        values = list(enumerate(value)) if isinstance(value, (list, tuple)) else [("total", value)]
        for variant, number in values:
            docs.append({
                "timestamp": timestamp_ms, "company": company, "worker": worker, "task": task,
                "category": metric.partition("_")[0], "metric": metric, "variant": str(variant),
                "value": float(number),
            })
    return docs


@dataclass(frozen=True)
class Bucket:
    """One histogram bucket of one worker's metric: start (ms), the aggregated value, and
    per variant (device) values when split."""

    date_ms: int
    value: float
    variants: Mapping[str, float]


class StatsRepository(Protocol):
    """Where worker statistics live. Contract (adapters and fakes):

    - ``add`` stores documents made by ``stat_docs`` (searchable when it returns).
    - ``metric_keys`` -> {category: metric names} of the company (and workers); categories
      and metrics with more values first, then by name (ClearML's order).
    - ``series`` -> {worker: [Bucket]} of one metric aggregated (avg|min|max) over
      ``interval_s`` buckets aligned to multiples of the interval from epoch, within
      [from_ms, to_ms]; only buckets holding values; the workers with more values first,
      then by id (ClearML's order).
    - ``activity`` -> [(bucket start ms, number of distinct workers)] (``active_only``:
      reports that named a task).
    """

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime) -> None: ...

    async def metric_keys(self, company: str, worker_ids: Sequence[str] | None) -> dict[str, list[str]]: ...

    async def series(self, company: str, metric: str, aggregation: str, from_ms: int, to_ms: int,
                     interval_s: int, worker_ids: Sequence[str] | None) -> dict[str, list[Bucket]]: ...

    async def activity(self, company: str, from_ms: int, to_ms: int, interval_s: int,
                       active_only: bool) -> list[tuple[int, int]]: ...


def index_template(prefix: str) -> dict[str, Any]:
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
        return index_template(self.prefix)

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime) -> None:
        if not docs:
            return
        index = self.monthly_index(company, when)
        operations: list[dict[str, Any]] = []
        for doc in docs:
            operations += [{"index": {"_index": index}}, doc]
        response = await self.es.bulk(operations=operations, refresh=True)
        if response.get("errors"):
            raise RuntimeError(f"worker stats not stored: {response['items'][0]}")

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
                       active_only: bool) -> list[tuple[int, int]]:
        query: list[dict[str, Any]] = [{"range": {"timestamp": {"gte": from_ms, "lte": to_ms}}}]
        if active_only:
            query.append({"exists": {"field": "task"}})
        aggs = {"dates": {"date_histogram": {"field": "timestamp", "fixed_interval": f"{interval_s}s",
                                             "min_doc_count": 1},
                          "aggs": {"workers": {"cardinality": {"field": "worker"}}}}}
        found = await self._search(company, query, aggs)
        return [(int(b["key"]), int(b["workers"]["value"])) for b in found.get("dates", {}).get("buckets", [])]

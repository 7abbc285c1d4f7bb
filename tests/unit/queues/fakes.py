"""In-memory implementations of the queues process's ports (``QueueRepository``,
``WorkerRepository``), held to the same behaviour suite as the MongoDB adapters."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from services.queues.filters import QueueFilter
from services.queues.repository import Bucket, Document, DuplicateName


class InMemoryQueueRepository:
    """``QueueRepository`` in a dict (every method is atomic: no await inside)."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    def _name_taken(self, company: str, name: str, other_than: str | None = None) -> bool:
        return any(d["company"] == company and d["name"] == name and d["_id"] != other_than
                   for d in self.docs.values())

    async def add(self, queue: Document) -> None:
        if self._name_taken(queue["company"], queue["name"]):
            raise DuplicateName(queue["name"])
        self.docs[queue["_id"]] = copy.deepcopy(queue)

    async def get(self, company: str, queue_id: str, entries: bool = True) -> Document | None:
        doc = self.docs.get(queue_id)
        if doc is None or doc["company"] != company:
            return None
        return copy.deepcopy(doc if entries else {k: v for k, v in doc.items() if k != "entries"})

    async def by_name(self, company: str, name: str) -> Document | None:
        found = [d for d in self.docs.values() if d["company"] == company and d["name"] == name]
        return copy.deepcopy(found[0]) if found else None

    async def defaults(self, company: str) -> list[Document]:
        return [copy.deepcopy(d) for d in self.docs.values()
                if d["company"] == company and "default" in d.get("system_tags", [])]

    async def find(self, query: QueueFilter) -> list[Document]:
        found = [d for d in self.docs.values() if query.matches(d)]
        for field, descending in reversed(query.order):
            found.sort(key=lambda d: (d.get(field) is not None, d.get(field)), reverse=descending)
        return copy.deepcopy(found[query.skip:query.skip + query.limit])

    def _own(self, company: str, queue_id: str) -> Document | None:
        doc = self.docs.get(queue_id)
        return doc if doc is not None and doc["company"] == company else None

    async def update(self, company: str, queue_id: str, fields: Document) -> Document | None:
        doc = self._own(company, queue_id)
        if doc is None:
            return None
        if "name" in fields and self._name_taken(company, fields["name"], queue_id):
            raise DuplicateName(fields["name"])
        doc.update(copy.deepcopy(fields))
        return copy.deepcopy(doc)

    async def set_metadata(self, company: str, queue_id: str, items: Mapping[str, Document], replace: bool,
                           now: datetime) -> bool:
        doc = self._own(company, queue_id)
        if doc is None:
            return False
        doc["metadata"] = {**({} if replace else doc.get("metadata") or {}), **copy.deepcopy(dict(items))}
        doc["last_update"] = now
        return True

    async def delete_metadata(self, company: str, queue_id: str, keys: Sequence[str], now: datetime) -> bool:
        doc = self._own(company, queue_id)
        if doc is None:
            return False
        for key in keys:
            (doc.get("metadata") or {}).pop(key, None)
        doc["last_update"] = now
        return True

    async def delete(self, company: str, queue_id: str, expected_seq: int | None = None) -> bool:
        doc = self.docs.get(queue_id)
        if doc is None or doc["company"] != company:
            return False
        if expected_seq is not None and doc.get("seq", 0) != expected_seq:
            return False
        del self.docs[queue_id]
        return True

    def _changed(self, doc: Document, now: datetime) -> None:
        doc["seq"] = doc.get("seq", 0) + 1
        doc["last_update"] = now

    async def push(self, queue_id: str, entry: Document, now: datetime) -> bool:
        doc = self.docs.get(queue_id)
        if doc is None or any(e["task"] == entry["task"] for e in doc["entries"]):
            return False
        doc["entries"].append(dict(entry))
        self._changed(doc, now)
        return True

    async def pop_first(self, company: str, queue_id: str, now: datetime, task: str | None = None):
        doc = self.docs.get(queue_id)
        if doc is None or doc["company"] != company:
            return None, None
        before = copy.deepcopy(doc)
        if not doc["entries"] or (task is not None and doc["entries"][0]["task"] != task):
            return before, None
        self._changed(doc, now)
        return before, doc["entries"].pop(0)

    async def pull(self, queue_id: str, task: str, now: datetime) -> int:
        doc = self.docs.get(queue_id)
        if doc is None:
            return 0
        kept = [e for e in doc["entries"] if e["task"] != task]
        removed = len(doc["entries"]) - len(kept)
        if removed:
            doc["entries"] = kept
            self._changed(doc, now)
        return removed

    async def replace_entries(self, queue_id: str, expected_seq: int, entries: list[Document], now: datetime) -> bool:
        doc = self.docs.get(queue_id)
        if doc is None or doc.get("seq", 0) != expected_seq:
            return False
        doc["entries"] = copy.deepcopy(entries)
        self._changed(doc, now)
        return True

    async def pull_everywhere(self, company: str, task: str, now: datetime, keep: str | None = None) -> int:
        count = 0
        for queue_id, doc in self.docs.items():
            if doc["company"] == company and queue_id != keep and await self.pull(queue_id, task, now):
                count += 1
        return count

    async def page(self, after: str | None, limit: int) -> list[Document]:
        ids = [i for i in sorted(self.docs) if after is None or i > after][:limit]
        return [{"_id": i, "company": self.docs[i]["company"],
                 "entries": [{"added": e["added"]} for e in self.docs[i].get("entries") or []]} for i in ids]


class InMemoryWorkerRepository:
    """``WorkerRepository`` in a dict."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def save(self, worker: Document) -> None:
        self.docs[worker["_id"]] = copy.deepcopy(worker)

    async def get(self, key: str) -> Document | None:
        return copy.deepcopy(self.docs.get(key))

    async def delete(self, key: str) -> bool:
        return self.docs.pop(key, None) is not None

    async def touch(self, key: str, changes: Document) -> bool:
        if key not in self.docs:
            return False
        self.docs[key].update(copy.deepcopy(changes))
        return True

    async def live(self, company: str, now: datetime, active_since: datetime | None = None) -> list[Document]:
        return [copy.deepcopy(d) for _, d in sorted(self.docs.items())
                if d["company"] == company and d["expires"] > now
                and (active_since is None or d["last_activity_time"] >= active_since)]


class InMemoryStatsRepository:
    """``StatsRepository`` over a list of documents."""

    def __init__(self) -> None:
        self.docs: list[Document] = []

    async def add(self, company: str, docs: list[Document], when: datetime) -> None:
        self.docs.extend(copy.deepcopy(docs))

    def _of(self, company: str, worker_ids: Sequence[str] | None = None) -> list[Document]:
        return [d for d in self.docs if d["company"] == company and (not worker_ids or d["worker"] in worker_ids)]

    async def metric_keys(self, company: str, worker_ids: Sequence[str] | None) -> dict[str, list[str]]:
        counts: dict[str, dict[str, int]] = {}
        for doc in self._of(company, worker_ids):
            metrics = counts.setdefault(doc["category"], {})
            metrics[doc["metric"]] = metrics.get(doc["metric"], 0) + 1

        def most_first(names: dict[str, int]) -> list[str]:  # Elasticsearch's terms order
            return sorted(names, key=lambda name: (-names[name], name))

        totals = {category: sum(metrics.values()) for category, metrics in counts.items()}
        return {category: most_first(counts[category]) for category in most_first(totals)}

    async def series(self, company, metric, aggregation, from_ms, to_ms, interval_s, worker_ids):
        reduce = {"avg": lambda v: sum(v) / len(v), "min": min, "max": max}[aggregation]
        grouped: dict[str, dict[int, list[Document]]] = {}
        for doc in self._of(company, worker_ids):
            if doc["metric"] == metric and from_ms <= doc["timestamp"] <= to_ms:
                start = doc["timestamp"] - doc["timestamp"] % (interval_s * 1000)
                grouped.setdefault(doc["worker"], {}).setdefault(start, []).append(doc)
        out = {}
        # most documents first, then by id: Elasticsearch's terms order
        for worker, buckets in sorted(grouped.items(), key=lambda p: (-sum(map(len, p[1].values())), p[0])):
            out[worker] = []
            for start, docs in sorted(buckets.items()):
                variants = {}
                for variant in {d["variant"] for d in docs}:
                    variants[variant] = reduce([d["value"] for d in docs if d["variant"] == variant])
                out[worker].append(Bucket(start, reduce([d["value"] for d in docs]), variants))
        return out

    async def activity(self, company, from_ms, to_ms, interval_s, active_only):
        if not self._of(company):
            return None
        buckets: dict[int, set[str]] = {}
        for doc in self._of(company):
            if from_ms <= doc["timestamp"] <= to_ms and (doc.get("task") or not active_only):
                start = doc["timestamp"] - doc["timestamp"] % (interval_s * 1000)
                buckets.setdefault(start, set()).add(doc["worker"])
        return [(start, len(workers)) for start, workers in sorted(buckets.items())]


class InMemoryQueueMetricsRepository:
    """``QueueMetricsRepository`` over a list of documents."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.fail = False  # set to make every write fail (metrics are best effort)

    async def add(self, company: str, docs: list[Document], when: datetime, refresh: bool = False) -> None:
        if self.fail:
            raise ConnectionError("metrics store down")
        self.docs.extend(copy.deepcopy(docs))

    async def histogram(self, company, queue_ids, from_ms, to_ms, interval_s):
        buckets: dict[int, dict[str, list[tuple[float, int]]]] = {}
        for doc in self.docs:
            if doc["company"] != company or doc["queue"] not in queue_ids or not from_ms <= doc["timestamp"] <= to_ms:
                continue
            start = doc["timestamp"] - doc["timestamp"] % (interval_s * 1000)
            point = (doc["average_waiting_time"], doc["queue_length"])
            buckets.setdefault(start, {}).setdefault(doc["queue"], []).append(point)
        # per bucket, queues with more points first, then by id: Elasticsearch's terms order
        return [(start, {queue: max(points) for queue, points in sorted(by_queue.items(),
                                                                       key=lambda p: (-len(p[1]), p[0]))})
                for start, by_queue in sorted(buckets.items())]


class RecordingTasks:
    """``TaskPort`` that records the calls; ``unknown`` tasks make ``worker_report`` answer
    400/101 and ``broken`` makes every call fail (the tasks process unreachable)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.unknown: set[str] = set()
        self.broken = False
        self.infos: dict[str, dict[str, Any]] = {}  # task -> worker_report's answer

    def _record(self, name: str, arg: Any) -> None:
        if self.broken:
            from shared.errors import ApiError

            raise ApiError(503, 0, "the tasks service did not answer")
        self.calls.append((name, arg))

    async def popped(self, identity, task: str) -> None:
        self._record("popped", task)

    async def revert(self, identity, tasks: list[str]) -> None:
        self._record("revert", list(tasks))

    async def worker_report(self, identity, task: str, worker: str) -> dict[str, Any] | None:
        if task in self.unknown:
            from shared.errors import ApiError

            raise ApiError.named("invalid_task_id", id=task)
        self._record("worker_report", (task, worker))
        return self.infos.get(task)

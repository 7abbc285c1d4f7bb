"""In-memory implementations of the serving and runtime-property ports
(``ContainerRepository``, ``ServingStatsRepository``, ``RuntimePropertyRepository``)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from services.queues.repository import ANY_URL

Document = dict[str, Any]


class InMemoryContainerRepository:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def save(self, container: Document) -> None:
        self.docs[container["_id"]] = copy.deepcopy(container)

    async def get(self, key: str) -> Document | None:
        return copy.deepcopy(self.docs.get(key))

    async def delete(self, key: str) -> bool:
        return self.docs.pop(key, None) is not None

    async def live(self, company: str, now: datetime, endpoint_url: Any = ANY_URL) -> list[Document]:
        return [copy.deepcopy(d) for _, d in sorted(self.docs.items())
                if d["company"] == company and d["expires"] > now
                and (endpoint_url is ANY_URL or d.get("endpoint_url") == endpoint_url)]


class InMemoryServingStatsRepository:
    def __init__(self) -> None:
        self.docs: list[Document] = []

    async def add(self, company: str, doc: Document, when: datetime) -> None:
        self.docs.append(copy.deepcopy(doc))

    async def histogram(self, company, endpoint_url, field, sample, from_ms, to_ms, interval_s, extended):
        step = interval_s * 1000
        values: dict[int, dict[str, list[float]]] = {}
        for doc in self.docs:
            if doc["company"] != company or doc.get("endpoint_url") != endpoint_url:
                continue
            if not from_ms <= doc["timestamp"] <= to_ms:
                continue
            bucket = values.setdefault(doc["timestamp"] - doc["timestamp"] % step, {})
            found = bucket.setdefault(doc["container_id"], [])
            if doc.get(field) is not None:
                found.append(doc[field])
        if extended:
            for start in range(from_ms - from_ms % step, to_ms + 1, step):
                values.setdefault(start, {})

        def pick(found: list[float]) -> float | None:
            if not found:
                return None
            return max(found) if sample == "max" else sum(found) / len(found)

        return [(start, {c: pick(f) for c, f in bucket.items()}) for start, bucket in sorted(values.items())]


class InMemoryRuntimePropertyRepository:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def put(self, prop: Document) -> None:
        self.docs[prop["_id"]] = copy.deepcopy(prop)

    async def delete(self, prop_id: str) -> bool:
        return self.docs.pop(prop_id, None) is not None

    async def of_worker(self, company: str, user: str, worker: str) -> list[Document]:
        return [copy.deepcopy(d) for d in self.docs.values()
                if (d["company"], d["user"], d["worker"]) == (company, user, worker)]

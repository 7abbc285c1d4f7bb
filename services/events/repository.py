"""Ports of the events process and their adapters: the event store (Elasticsearch) and the
task directory (the tasks service, over RPC)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

import orjson

from services.events import queries
from services.events.domain import Summary, Target, read_pattern
from services.events.summaries import Running, running_from_response
from shared.elastic import ElasticComponent, monthly_template
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc
from shared.messaging.rpc_client import RpcClient
from shared.schemas.tasks_internal import EventTargetsRequest, FoldMetricsRequest


class StoreUnavailable(Exception):
    """Elasticsearch could not answer now (worth retrying)."""


@dataclass
class Indexed:
    """What a bulk request did, per document."""

    failures: list[str | None]
    created: list[bool]


class Doc(NamedTuple):
    """One event to store: its index, deterministic id and body (a tuple: one per event)."""

    index: str
    id: str
    source: dict[str, Any]
    target: Target | None = None  # the task or model the event is about


class EventRepository(Protocol):
    """Where events live (``events.add``/``add_batch`` write, every ``events.*`` read)."""

    async def index(self, docs: list[Doc]) -> Indexed:
        """Bulk-index (one request per ``BULK_DOCS`` documents or ``BULK_BYTES``, a few in
        flight; a group commit may carry many 15 MB batches), all of it before the single refresh: per document, the store's error or None,
        and whether it was created (False: it overwrote an existing document)."""
        ...

    async def refresh(self, indices: Iterable[str]) -> None:
        """Make what was indexed searchable (one refresh for a whole group commit)."""
        ...

    async def running(self, company: str, targets: list[Target]) -> dict[Target, Running]:
        """Exact metric summaries of tasks/models, computed from their stored events."""
        ...

    async def search(self, company: str, event_type: str | None, body: dict[str, Any]) -> dict[str, Any]:
        """An Elasticsearch search over one company's events (all months), raw response."""
        ...

    async def delete_events(
        self, company: str, target: Target, event_type: str | None = None, extra: list | None = None
    ) -> int:
        """Remove the events of a task/model (of one type, matching ``extra`` filters, or all)
        by query then bulk delete; how many."""
        ...


class TaskDirectory(Protocol):
    """What the events process needs from the tasks service (``internal.*`` RPC)."""

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        """``internal.event_targets``: {"tasks": {id: status}, "models": {id: {"ready": bool}}}
        for the ids that exist and the caller's company may read."""
        ...

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        """``internal.fold_metrics``: store the absolute summary on the task or model."""
        ...


class RpcTaskDirectory:
    """The tasks service over Kafka RPC (the events process calls the tasks process); also
    ``multi.TaskNames``."""

    def __init__(self, rpc: RpcClient) -> None:
        self._tasks = ProcessRpc(rpc, "tasks")

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        request = EventTargetsRequest(tasks=tasks, models=models)
        return await self._tasks.call(identity, "internal.event_targets", request)

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        request = FoldMetricsRequest(entity=target.entity, id=target.id, last_iteration=summary.last_iteration,
                                     last_metrics=summary.last_metrics)
        await self._tasks.call(identity, "internal.fold_metrics", request, key=target.id)

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        """``tasks.get_all`` / ``models.get_all`` with only ``id`` and ``name``."""
        endpoint, key = ("models.get_all", "models") if models else ("tasks.get_all", "tasks")
        answer = await self._tasks.call(identity, endpoint, {"id": ids, "only_fields": ["id", "name"]})
        return {item["id"]: item.get("name") for item in (answer or {}).get(key, []) if item.get("id") in ids}


def index_template(prefix: str) -> dict[str, Any]:
    """Mappings of every events index (ClearML's fields; unknown fields kept in _source only)."""
    keyword = {"type": "keyword"}
    properties = {
        **{name: keyword for name in ("task", "type", "worker", "metric", "variant", "company_id", "key", "url",
                                      "level")},
        "@timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
        "timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
        "iter": {"type": "long"},
        "cairn_id": keyword,  # the document id again: a sortable tie-breaker for paging
        "value": {"type": "double"},
        "model_event": {"type": "boolean"},
        "msg": {"type": "text", "index": False},
        "plot_str": {"type": "text", "index": False},
        "plot_data": {"type": "binary"},
    }
    return monthly_template(f"{prefix}cairn-events-*", properties)


class ElasticEventRepository(ElasticComponent):
    """The event store on Elasticsearch: indices per company, type and month, read by pattern."""

    template_suffix = "cairn-events"

    def __init__(self, url: str, prefix: str, timeout_s: float = 30.0) -> None:
        super().__init__(url, prefix, timeout_s)
        # Told after a task's or model's events were deleted (the ingest path's caches).
        self.deleted_listeners: list[Callable[[str, Target], None]] = []

    def template(self) -> dict[str, Any]:
        return index_template(self.prefix)

    async def index(self, docs: list[Doc]) -> Indexed:
        # A big group goes as several bulk requests, BULK_IN_FLIGHT at a time: Elasticsearch
        # indexes one request on one write thread, so two keep both cores busy (measured: 2 x
        # 2,500 documents in flight index 30% faster than 5,000 at a time), and the next body is
        # serialised while Elasticsearch works.
        chunks = list(_chunks(docs))
        answers: list[Indexed] = [Indexed([], [])] * len(chunks)
        slots = asyncio.Semaphore(BULK_IN_FLIGHT)

        async def send(number: int, chunk: list[Doc]) -> None:
            async with slots:
                answers[number] = await self._bulk(chunk)

        await asyncio.gather(*(send(number, chunk) for number, chunk in enumerate(chunks)))
        out = Indexed([], [])
        for answer in answers:
            out.failures += answer.failures
            out.created += answer.created
        return out

    async def _bulk(self, chunk: list[Doc]) -> Indexed:
        # The body serialised here with orjson: the client's NDJSON serialiser is the
        # standard library's json (a fifth of the events process' CPU in a profile).
        lines = []
        for doc in chunk:
            lines.append(orjson.dumps({"index": {"_index": doc.index, "_id": doc.id}}))
            lines.append(orjson.dumps(doc.source))
        lines.append(b"")
        response = await self.es.bulk(operations=b"\n".join(lines), refresh=False,
                                      filter_path="errors,items.*.result,items.*.error.type")
        items = response["items"]
        created = [item["index"].get("result") == "created" for item in items]
        failures = [_item_error(item) for item in items] if response.get("errors") else [None] * len(items)
        return Indexed(failures, created)

    async def refresh(self, indices: Iterable[str]) -> None:
        names = sorted(set(indices))
        if names:
            await self.es.indices.refresh(index=",".join(names), ignore_unavailable=True)

    async def running(self, company: str, targets: list[Target]) -> dict[Target, Running]:
        if not targets:
            return {}
        searches: list[dict[str, Any]] = []
        for target in targets:
            searches.append({"index": read_pattern(self.prefix, company), "ignore_unavailable": True})
            searches.append(queries.summary_query(company, target))
        response = await self.es.msearch(searches=searches)
        out = {}
        for target, result in zip(targets, response["responses"], strict=True):
            if "error" in result:
                failure = StoreUnavailable if result.get("status", 500) >= 500 else RuntimeError
                raise failure(f"summary of {target.id} failed: {result['error']}")
            out[target] = running_from_response(result)
        return out

    async def search(self, company: str, event_type: str | None, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.es.search(
            index=read_pattern(self.prefix, company, event_type), ignore_unavailable=True, allow_no_indices=True,
            **body,
        )
        return response.body

    async def index_names(self) -> list[str]:
        """Every events index of this prefix (all companies, types and months)."""
        found = await self.es.indices.get(index=f"{self.prefix}cairn-events-*", allow_no_indices=True,
                                          ignore_unavailable=True)
        return sorted(found.body)

    def _deleted(self, company: str, target: Target) -> None:
        for listener in self.deleted_listeners:
            listener(company, target)

    async def drop_indices(self, names: list[str]) -> None:
        for name in names:
            await self.es.indices.delete(index=name, ignore_unavailable=True)

    async def delete_events(
        self, company: str, target: Target, event_type: str | None = None, extra: list | None = None
    ) -> int:
        pattern, deleted = read_pattern(self.prefix, company, event_type), 0
        query = queries.events_filter(company, target, None, extra)
        self._deleted(company, target)
        while True:
            found = await self.es.search(
                index=pattern, query=query, size=5000, source=False, ignore_unavailable=True, allow_no_indices=True
            )
            hits = found["hits"]["hits"]
            if not hits:
                self._deleted(company, target)  # again: nothing cached while deleting survives
                return deleted
            operations = [{"delete": {"_index": h["_index"], "_id": h["_id"]}} for h in hits]
            await self.es.bulk(operations=operations, refresh=True)
            deleted += len(hits)


BULK_BYTES = 32 * 1024 * 1024
BULK_DOCS = 2_500
BULK_IN_FLIGHT = 2


def _chunks(docs: list[Doc]):
    chunk: list[Doc] = []
    size = 0
    for doc in docs:
        weight = _weight(doc.source)
        if chunk and (size + weight > BULK_BYTES or len(chunk) >= BULK_DOCS):
            yield chunk
            chunk, size = [], 0
        chunk.append(doc)
        size += weight
    if chunk:
        yield chunk


def _weight(source: dict[str, Any]) -> int:
    """A cheap upper-bound guess of a document's JSON size (the big fields dominate)."""
    if source.get("type") == "training_stats_scalar":
        return 512
    big = sum(len(v) for k in ("plot_str", "plot_data", "msg") if isinstance(v := source.get(k), str))
    return 512 + big


def _item_error(item: dict[str, Any]) -> str | None:
    result = next(iter(item.values()))
    error = result.get("error")
    if not error:
        return None
    return error.get("type", "index error") if isinstance(error, dict) else str(error)

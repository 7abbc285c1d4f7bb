"""The event store on Elasticsearch (``EventRepository``): indices per company, type and month,
read by pattern; bulk writes, one refresh per group commit, reads built by ``queries``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from services.events.domain import LastValue, Page, SeriesStats, Selection, Target
from services.events.repository import Doc, Indexed, StoreUnavailable
from services.events.repository import queries
from services.events.repository.layout import index_template, read_pattern
from services.events.summaries import Running
from shared import metrics
from shared.elastic import ElasticComponent


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
        # standard library's json (a fifth of the events process' CPU in a profile). The action
        # line is spliced from its index's serialised head and the id: no two dicts per event.
        heads: dict[str, bytes] = {}
        lines = []
        for doc in chunk:
            head = heads.get(doc.index)
            if head is None:
                head = heads[doc.index] = b'{"index":{"_index":' + orjson.dumps(doc.index) + b',"_id":'
            lines.append(head + orjson.dumps(doc.id) + b"}}\n" + orjson.dumps(doc.source))
        lines.append(b"")
        metrics.bulk_documents(len(chunk))
        response = await self.es.bulk(operations=b"\n".join(lines), refresh=False,
                                      filter_path="errors,items.*.result,items.*.error.type")
        items = response["items"]
        created = [item["index"].get("result") == "created" for item in items]
        failures = [_item_error(item) for item in items] if response.get("errors") else [None] * len(items)
        return Indexed(failures, created)

    async def refresh(self, indices: Iterable[str]) -> None:
        names = sorted(set(indices))
        if names:
            began = time.perf_counter()
            await self.es.indices.refresh(index=",".join(names), ignore_unavailable=True)
            metrics.refresh_waited(time.perf_counter() - began)

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
            out[target] = queries.running_from_response(result)
        return out

    async def index_names(self) -> list[str]:
        """Every events index of this prefix (all companies, types and months)."""
        found = await self.es.indices.get(index=f"{self.prefix}cairn-events-*", allow_no_indices=True,
                                          ignore_unavailable=True)
        return sorted(found.body)

    def _deleted(self, company: str, targets: list[Target]) -> None:
        for listener in self.deleted_listeners:
            for target in targets:
                listener(company, target)

    async def drop_indices(self, names: list[str]) -> None:
        for name in names:
            await self.es.indices.delete(index=name, ignore_unavailable=True)

    async def delete_events(self, selection: Selection) -> int:
        query, deleted = queries.selection_query(selection), 0
        targets = [Target("model" if selection.models else "task", task) for task in selection.tasks]
        self._deleted(selection.company, targets)
        while True:
            found = await self._search(selection.company, selection.event_type,
                                       {"query": query, "size": 5000, "source": False})
            hits = queries.hits_of(found)
            if not hits:
                self._deleted(selection.company, targets)  # again: nothing cached while deleting survives
                return deleted
            operations = [{"delete": {"_index": h["_index"], "_id": h["_id"]}} for h in hits]
            await self.es.bulk(operations=operations, refresh=True)
            deleted += len(hits)

    async def _search(self, company: str, event_type: str | None, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.es.search(
            index=read_pattern(self.prefix, company, event_type), ignore_unavailable=True, allow_no_indices=True,
            **body,
        )
        return response.body

    async def page(self, selection: Selection, axis: str, order: str, size: int, after: list | None = None,
                   start: int | None = None, complete: bool = False) -> Page:
        body = queries.page_body(selection, axis, order, size, after, start)
        response = await self._search(selection.company, selection.event_type, body)
        hits = queries.hits_of(response)
        if complete and hits:
            value = hits[-1]["_source"].get(axis)
            rest = queries.rest_of_value_body(selection, axis, order, value, hits[-1]["sort"])
            hits += queries.hits_of(await self._search(selection.company, selection.event_type, rest))
        total = int(queries.agg_value(response, "total") or 0)
        events = [queries.public(hit["_source"]) for hit in hits]
        return Page(events, total, hits[-1]["sort"] if hits else after)

    async def latest_iterations(self, selection: Selection, iters: int, per: tuple[str, ...] = (),
                                newest: bool = True) -> list[dict[str, Any]]:
        body = queries.latest_iterations_body(selection, iters, per, newest)
        return queries.parse_latest_iterations(await self._search(selection.company, selection.event_type, body),
                                               len(per))

    async def series_stats(self, selection: Selection, axis: str) -> dict[tuple[str, str, str], SeriesStats]:
        body = queries.stats_body(selection, axis)
        return queries.parse_stats(await self._search(selection.company, selection.event_type, body))

    async def histogram(self, selection: Selection, axis: str, interval: int,
                        series: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[list, list]]:
        body = queries.histogram_body(selection, axis, interval, series)
        return queries.parse_histogram(await self._search(selection.company, selection.event_type, body))

    async def series_names(self, selection: Selection) -> list[tuple[str, str, str]]:
        response = await self._search(selection.company, selection.event_type, queries.names_body(selection))
        return [(task, metric, variant) for task, metric, variant, _ in queries.series_buckets(response)]

    async def last_values(self, selection: Selection) -> list[LastValue]:
        body = queries.last_values_body(selection)
        return queries.parse_last_values(await self._search(selection.company, selection.event_type, body))

    async def last_iteration(self, selection: Selection) -> int | None:
        body = queries.last_iteration_body(selection)
        value = queries.agg_value(await self._search(selection.company, selection.event_type, body), "last")
        return int(value) if value is not None else None

    async def step(self, selection: Selection, fields: tuple[str, ...], position: tuple,
                   earlier: bool) -> dict[str, Any] | None:
        body = queries.step_body(selection, fields, position, earlier)
        found = queries.sources(await self._search(selection.company, selection.event_type, body))
        return found[0] if found else None

    async def sample_at(self, selection: Selection, iteration: int | None, exact: bool,
                        size: int) -> tuple[int | None, int | None, list[dict[str, Any]]]:
        probe = await self._search(selection.company, selection.event_type,
                                   queries.sample_probe_body(selection, iteration, exact))
        low, high = _int(queries.agg_value(probe, "low")), _int(queries.agg_value(probe, "high"))
        hits = queries.hits_of(probe)
        if not hits:
            return low, high, []
        body = queries.sample_events_body(selection, hits[0]["_source"]["iter"], size)
        return low, high, queries.sources(await self._search(selection.company, selection.event_type, body))

    async def image_urls(self, selection: Selection, after: Any = None) -> tuple[list[str], Any]:
        response = await self._search(selection.company, selection.event_type, queries.urls_body(selection, after))
        return queries.urls_page(response)


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


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

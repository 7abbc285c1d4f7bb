"""Ports of the queues process, in the domain's words, and their adapters: the only modules
that speak a store's query language (MongoDB: ``mongo.py``, ``queries.py``; Elasticsearch:
``elastic.py``).

Each port is a contract shared by its adapter and the in-memory fake of the unit tests; one
behaviour suite per port (``tests/unit/queues/*_suite.py``) runs against both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.queues.filters import QueueFilter

Document = dict[str, Any]
Point = tuple[float, int]  # a queue-metrics point: (average waiting time in seconds, queue length)
Buckets = list[tuple[int, dict[str, float | None]]]  # serving: (bucket start ms, {container: value})
ANY_URL = object()  # ``ContainerRepository.live``'s default: containers of every URL, loading ones included


class DuplicateName(Exception):
    """A queue with this name already exists in the company."""


@dataclass(frozen=True)
class Bucket:
    """One histogram bucket of one worker's metric: start (ms), the aggregated value, and
    per variant (device) values when split."""

    date_ms: int
    value: float
    variants: Mapping[str, float]


class QueueRepository(Protocol):
    """Queues (``queues.*``). Contract, shared by every adapter and fake:

    - ``add`` stores a new queue; a name the company already uses raises ``DuplicateName``.
    - ``get`` returns the company's queue, else ``None`` (without ``entries`` when
      ``entries`` is false: cheaper for big queues); ``by_name`` likewise by exact name;
      ``defaults`` the company's queues with the system tag ``default``.
    - ``find`` -> the queues a ``QueueFilter`` selects, in its order and page.
    - ``update`` sets top-level ``fields`` of the company's queue and returns the queue, ``None``
      if there is none; a rename to a used name raises ``DuplicateName``.
    - ``set_metadata`` sets metadata items by their stored key (``replace``: the items become
      the whole metadata), ``delete_metadata`` removes the items of these stored keys; both
      set ``last_update`` and say whether the company has the queue.
    - ``delete`` removes the company's queue, only while its ``seq`` is ``expected_seq``
      (unless that is ``None``); ``False`` if nothing was removed.
    - ``push`` appends ``entry`` unless the queue already holds its task (-> ``False``).
    - ``pop_first`` removes the first entry of the company's queue (only if it is ``task``
      when given) -> ``(queue, entry)``: the queue as read just before the entry was removed
      (all its entries, the popped one first; for the queue-metrics point without another
      read) and the entry; ``(queue, None)`` when the queue is empty or starts with another
      task; ``(None, None)`` when there is no such queue. Each entry is handed out once,
      whatever the concurrency.
    - ``pull`` removes the task's entries from one queue and returns how many.
    - ``replace_entries`` sets the whole entry list while ``seq`` is ``expected_seq``.
    - ``pull_everywhere`` removes the task from every queue of the company except
      ``keep``, returning how many queues held it.
    - ``page`` -> up to ``limit`` queues of every company with ``_id`` greater than
      ``after`` (all when ``None``), by ``_id``; each with ``_id``, ``company`` and its
      entries' ``added`` times only (the queue-metrics refresher's read).
    Every change of the entries increments the queue's ``seq`` and sets ``last_update``.
    """

    async def add(self, queue: Document) -> None: ...

    async def get(self, company: str, queue_id: str, entries: bool = True) -> Document | None: ...

    async def by_name(self, company: str, name: str) -> Document | None: ...

    async def defaults(self, company: str) -> list[Document]: ...

    async def find(self, query: QueueFilter) -> list[Document]: ...

    async def update(self, company: str, queue_id: str, fields: Document) -> Document | None: ...

    async def set_metadata(self, company: str, queue_id: str, items: Mapping[str, Document], replace: bool,
                           now: datetime) -> bool: ...

    async def delete_metadata(self, company: str, queue_id: str, keys: Sequence[str], now: datetime) -> bool: ...

    async def delete(self, company: str, queue_id: str, expected_seq: int | None = None) -> bool: ...

    async def push(self, queue_id: str, entry: Document, now: datetime) -> bool: ...

    async def pop_first(self, company: str, queue_id: str, now: datetime,
                        task: str | None = None) -> tuple[Document | None, Document | None]: ...

    async def pull(self, queue_id: str, task: str, now: datetime) -> int: ...

    async def replace_entries(
        self, queue_id: str, expected_seq: int, entries: list[Document], now: datetime
    ) -> bool: ...

    async def pull_everywhere(self, company: str, task: str, now: datetime, keep: str | None = None) -> int: ...

    async def page(self, after: str | None, limit: int) -> list[Document]: ...


class WorkerRepository(Protocol):
    """Workers (``workers.*``), one document per (company, user, worker id) ``key``. A worker
    is alive while ``expires`` (last activity + its timeout) is in the future; expiry is
    computed at read time, nothing sweeps. Contract:

    - ``save`` stores the whole document (replacing one with the same ``_id``).
    - ``get`` / ``delete`` by key; ``delete`` says whether there was one.
    - ``touch`` sets these fields of an existing worker; ``False`` if there is none.
    - ``live`` returns the company's workers alive at ``now`` and, when ``active_since`` is
      given, active since then.
    """

    async def save(self, worker: Document) -> None: ...

    async def get(self, key: str) -> Document | None: ...

    async def delete(self, key: str) -> bool: ...

    async def touch(self, key: str, changes: Document) -> bool: ...

    async def live(self, company: str, now: datetime, active_since: datetime | None = None) -> list[Document]: ...


class ContainerRepository(Protocol):
    """Serving containers (``serving.*``), one document per (company, container id), alive
    while ``expires`` is in the future (decided when reading). Contract (adapters and fakes):

    - ``save`` stores the whole document (replacing one with the same ``_id``).
    - ``get`` / ``delete`` by key; ``delete`` says whether there was one.
    - ``live`` -> the company's containers alive at ``now``, by container id; only those of
      ``endpoint_url`` when given (``None``: the loading ones, without a URL).
    """

    async def save(self, container: Document) -> None: ...

    async def get(self, key: str) -> Document | None: ...

    async def delete(self, key: str) -> bool: ...

    async def live(self, company: str, now: datetime, endpoint_url: Any = ANY_URL) -> list[Document]: ...


class RuntimePropertyRepository(Protocol):
    """Worker runtime properties. Contract (adapters and fakes):

    - ``put`` stores the whole document (replacing one with the same ``_id``).
    - ``delete`` by ``_id``; whether there was one.
    - ``of_worker`` -> every stored property of (company, user, worker), expired or not.
    """

    async def put(self, prop: Document) -> None: ...

    async def delete(self, prop_id: str) -> bool: ...

    async def of_worker(self, company: str, user: str, worker: str) -> list[Document]: ...


class StatsRepository(Protocol):
    """Where worker machine statistics live. Contract (adapters and fakes):

    - ``add`` stores documents made by ``stats.stat_docs`` (searchable when it returns).
    - ``metric_keys`` -> {category: metric names} of the company (and workers); categories
      and metrics with more values first, then by name (ClearML's order).
    - ``series`` -> {worker: [Bucket]} of one metric aggregated (avg|min|max) over
      ``interval_s`` buckets aligned to multiples of the interval from epoch, within
      [from_ms, to_ms]; only buckets holding values; the workers with more values first,
      then by id (ClearML's order).
    - ``activity`` -> [(bucket start ms, number of distinct workers)] of the buckets holding
      reports (``active_only``: reports that named a task); ``None`` when the company has no
      statistics at all.
    """

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime) -> None: ...

    async def metric_keys(self, company: str, worker_ids: Sequence[str] | None) -> dict[str, list[str]]: ...

    async def series(self, company: str, metric: str, aggregation: str, from_ms: int, to_ms: int,
                     interval_s: int, worker_ids: Sequence[str] | None) -> dict[str, list[Bucket]]: ...

    async def activity(self, company: str, from_ms: int, to_ms: int, interval_s: int,
                       active_only: bool) -> list[tuple[int, int]] | None: ...


class QueueMetricsRepository(Protocol):
    """Where queue metric points live. Contract:

    - ``add`` stores documents made by ``queue_metrics.metric_doc`` (searchable at once when
      ``refresh``).
    - ``histogram`` -> [(bucket start ms, {queue: Point})] over buckets of ``interval_s``
      aligned to the epoch, within [from_ms, to_ms], only buckets with points; per bucket and
      queue the point with the longest average waiting time (then the longest queue); in a
      bucket the queues with more points come first, then by id.
    """

    async def add(self, company: str, docs: list[dict[str, Any]], when: datetime, refresh: bool = False) -> None: ...

    async def histogram(self, company: str, queue_ids: Sequence[str], from_ms: int, to_ms: int,
                        interval_s: int) -> list[tuple[int, dict[str, Point]]]: ...


class ServingStatsRepository(Protocol):
    """Where serving statistics live. Contract (adapters and fakes):

    - ``add`` stores a document made by ``serving_stats.stat_doc`` (searchable when it returns).
    - ``histogram`` -> [(bucket start ms, {container_id: value of ``field``})] of the
      company's documents of ``endpoint_url`` within [from_ms, to_ms], in ``interval_s``
      buckets aligned to the epoch; a container's value in a bucket is the ``sample``
      (avg|max) of its documents there (None when they lack the field). With ``extended``
      every bucket of the window is listed (empty ones with no containers), else only
      buckets holding documents.
    """

    async def add(self, company: str, doc: dict[str, Any], when: datetime) -> None: ...

    async def histogram(self, company: str, endpoint_url: str, field: str, sample: str, from_ms: int,
                        to_ms: int, interval_s: int, extended: bool) -> Buckets: ...

"""Ports of the events process, in the domain's words, and their adapters (the only modules that
speak Elasticsearch's query language: ``queries.py``, ``elastic.py``, ``layout.py``).

``EventRepository`` is where events live (written by ``events.add``/``add_batch``, read by every
``events.*`` read); ``TaskDirectory`` is what the events process needs from the tasks service.
A read names what it wants with a :class:`~services.events.domain.Selection`; events come back
as reported (internal fields removed, compressed plots restored). The same behaviour suite
(``tests/unit/events/repository_suite.py``) runs against the in-memory fake and Elasticsearch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol

from services.events.domain import LastValue, Page, SeriesStats, Selection, Summary, Target
from services.events.summaries import Running
from shared.messaging.envelopes import Identity

Axis = Literal["iter", "timestamp"]
Order = Literal["asc", "desc"]
Series = tuple[str, str, str]  # (task, metric, variant)


class StoreUnavailable(Exception):
    """The store could not answer now (worth retrying)."""


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
    """Where events live. Every read is scoped to the selection's company."""

    async def index(self, docs: list[Doc]) -> Indexed:
        """Bulk-index, all of it before the single refresh: per document, the store's error or
        None, and whether it was created (False: it overwrote an existing document)."""
        ...

    async def refresh(self, indices: Iterable[str]) -> None:
        """Make what was indexed searchable (one refresh for a whole group commit)."""
        ...

    async def running(self, company: str, targets: list[Target]) -> dict[Target, Running]:
        """Exact metric summaries of tasks/models, computed from their stored events."""
        ...

    async def delete_events(self, selection: Selection) -> int:
        """Remove the selected events; how many."""
        ...

    async def page(
        self, selection: Selection, axis: Axis, order: Order, size: int, after: list[Any] | None = None,
        start: int | None = None, complete: bool = False,
    ) -> Page:
        """Up to ``size`` events ordered by ``axis`` (then by what tells events apart), after the
        position ``after`` of a previous page or strictly past the ``start`` value of ``axis``;
        ``complete``: also every further event sharing the last one's ``axis`` value (ClearML
        never splits them between pages). ``total`` counts the whole selection."""
        ...

    async def latest_iterations(
        self, selection: Selection, iters: int, per: tuple[str, ...] = (), newest: bool = True
    ) -> list[dict[str, Any]]:
        """The events (at most 100 an iteration) of the last (``newest``) or first ``iters`` (1 to
        1000) iterations of each group of events sharing the ``per`` fields (``task``, ``metric``,
        ``variant``; none: the whole selection)."""
        ...

    async def series_stats(self, selection: Selection, axis: Axis) -> dict[Series, SeriesStats]:
        """Per (task, metric, variant): the number of points and the range of ``axis``."""
        ...

    async def histogram(
        self, selection: Selection, axis: Axis, interval: int, series: list[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[list[float], list[float]]]:
        """For the (metric, variant)s of one task's selection: the start of each non-empty
        ``interval``-wide bucket of ``axis`` and the average value in it."""
        ...

    async def series_names(self, selection: Selection) -> list[Series]:
        """The (task, metric, variant)s the selection holds, sorted."""
        ...

    async def last_values(self, selection: Selection) -> list[LastValue]:
        """Per (metric, variant), sorted: its value at its last iteration (then latest time)."""
        ...

    async def last_iteration(self, selection: Selection) -> int | None:
        """The highest iteration among the selected events."""
        ...

    async def step(
        self, selection: Selection, fields: tuple[str, ...], position: tuple[Any, ...], earlier: bool
    ) -> dict[str, Any] | None:
        """The first event after (``earlier``: before) ``position`` in the order of ``fields``."""
        ...

    async def sample_at(
        self, selection: Selection, iteration: int | None, exact: bool, size: int
    ) -> tuple[int | None, int | None, list[dict[str, Any]]]:
        """The selection's lowest and highest iteration, and up to ``size`` of its events (by
        variant) at ``iteration`` (the latest when None; unless ``exact``, the nearest earlier)."""
        ...

    async def image_urls(self, selection: Selection, after: Any = None) -> tuple[list[str], Any]:
        """One page of the distinct ``url``\\s the selected events name, and where the next page
        starts (None: this was the last)."""
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

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        """``{id: name}`` for the tasks (``models``: models) the caller can read."""
        ...

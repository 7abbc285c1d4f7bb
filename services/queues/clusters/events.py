"""The workers' event log: what happened to the company's workers, as the queues process saw
it. Worker registrations and unregistrations, a worker starting (``busy``) or ending
(``idle``) a task as its status reports say, and cluster and listener reports appearing and
going. ``recording_worker_events`` wraps the ``workers.register`` / ``unregister`` /
``status_report`` handlers (in ``main.py``): the worker's state is read before the handler
and the event written after it succeeded, so ``workers.py`` knows nothing of the log. A status
report writes an event only when the worker's state changes, not every 30 seconds. Workers
that lapse (no report within their timeout) get no ``unregistered`` event: expiry is decided
when reading, nothing runs at that moment.

``workers.download_events_log`` answers the log as CSV text; ``get_resource_usages`` shows
its latest worker events.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.queues import domain
from services.queues.clusters.placement import place, reported
from services.queues.repository.clusters import Document, EventStore, ReportStore
from services.queues.repository import WorkerRepository
from services.queues.workers import worker_key
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import Handler

REGISTERED, UNREGISTERED, IDLE, BUSY = "registered", "unregistered", "idle", "busy"
WORKER_EVENTS = (REGISTERED, UNREGISTERED, IDLE, BUSY)  # get_resource_usages' event types
DEFAULT_MAX_AGE_DAYS = 30
MAX_AGE_DAYS = 100 * 366
MAX_LOG_LINES = 100_000
CSV_HEADER = ("time", "event", "worker", "category", "resource_group", "user", "message")


class WorkerEvents:
    """Writes and reads the event log."""

    def __init__(self, events: EventStore, clusters: ReportStore, clock: Callable[[], datetime] = domain.utc_now,
                 new_id: Callable[[], str] = domain.new_id) -> None:
        self._events = events
        self._clusters = clusters
        self._clock = clock
        self._new_id = new_id

    async def record(self, identity: Identity, event_type: str, worker: str, msg: str = "") -> None:
        known = reported(await self._clusters.live(identity.company, self._clock()))
        placement = place(worker, known)
        await self._events.add({
            "_id": self._new_id(), "company": identity.company, "timestamp": self._clock(), "seq": time.time_ns(),
            "event_type": event_type, "worker": worker, "msg": msg, "user": identity.user,
            "worker_category": placement.category, "resource_group": placement.groups[0] if placement.groups else "",
        })

    async def latest(self, company: str, since: datetime | None, limit: int) -> list[Document]:
        return await self._events.since(company, since, limit, WORKER_EVENTS)

    async def idle_since(self, company: str, worker: str) -> datetime | None:
        last = await self._events.last_of(company, worker, WORKER_EVENTS)
        return last["timestamp"] if last and last["event_type"] in (REGISTERED, IDLE) else None

    async def download_events_log(self, identity: Identity, request: Any) -> str:
        """``workers.download_events_log``: the company's events of the last ``max_age_days``
        (30 by default), oldest first, as CSV text with a header line."""
        days = request.max_age_days if request.max_age_days is not None else DEFAULT_MAX_AGE_DAYS
        if not 0 <= days <= MAX_AGE_DAYS:  # timedelta overflows past ~2.7 million days (schemathesis: 500)
            raise ApiError.named("validation_error", f"max_age_days must be between 0 and {MAX_AGE_DAYS}",
                                 max_age_days=days)
        since = self._clock() - timedelta(days=days)
        rows = list(reversed(await self._events.since(identity.company, since, MAX_LOG_LINES)))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for e in rows:
            writer.writerow((domain.to_api(e["timestamp"]), e["event_type"], e["worker"], e.get("worker_category", ""),
                             e.get("resource_group", ""), e.get("user", ""), e.get("msg", "")))
        return out.getvalue()


def recording_worker_events(handlers: dict[str, Handler], events: WorkerEvents, workers: WorkerRepository,
                            clock: Callable[[], datetime] = domain.utc_now) -> dict[str, Handler]:
    """The handler table with the three worker endpoints writing the event log."""
    table = dict(handlers)
    for endpoint in ("workers.register", "workers.unregister", "workers.status_report"):
        table[endpoint] = _recorded(endpoint, table[endpoint], events, workers, clock)
    return table


def _recorded(endpoint: str, handler: Handler, events: WorkerEvents, workers: WorkerRepository,
              clock: Callable[[], datetime]) -> Handler:
    async def handle(request: RequestEnvelope) -> Any:
        body = request.payload if isinstance(request.payload, dict) else {}
        worker = body.get("worker")
        if request.identity is None or not isinstance(worker, str) or not worker:
            return await handler(request)
        before = await workers.get(worker_key(request.identity, worker))
        alive = before is not None and before["expires"] > clock()
        answer = await handler(request)
        for event_type, msg in _changes(endpoint, alive, before, body):
            await events.record(request.identity, event_type, worker, msg)
        return answer

    handle.__name__ = getattr(handler, "__name__", "handle")
    return handle


def _changes(endpoint: str, alive: bool, before: Document | None, body: Document) -> list[tuple[str, str]]:
    """The events a successful call makes, from the worker's state before it."""
    if endpoint == "workers.register":
        return [(REGISTERED, "registered, listening on queues " + ", ".join(body.get("queues") or []))]
    if endpoint == "workers.unregister":
        return [(UNREGISTERED, "unregistered")] if alive else []
    out = [] if alive else [(REGISTERED, "registered by its first status report")]
    had = ((before or {}).get("task") or {}).get("id") if alive else None
    task = body.get("task") or None
    if task and task != had:
        out.append((BUSY, f"running task {task}"))
    elif had and not task:
        out.append((IDLE, f"done with task {had}"))
    return out

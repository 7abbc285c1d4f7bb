"""Use case ``events.add`` / ``events.add_batch``: one group commit of many ingest requests.

Every request's events are normalised, checked against the tasks service
(``internal.event_targets``: the task or model exists in the caller's company and is not
published unless ``allow_locked``), indexed in ONE bulk request and made searchable with ONE
refresh; then each touched task's or model's summary is recomputed from the store and folded
into it (``internal.fold_metrics``, absolute values: a re-delivered batch never counts twice).
Only then does each request get its answer ``{added, errors, errors_info}``. A failure of the
store or of the tasks service raises: the caller (the ingest consumer) then retries the step
without committing, and deterministic ids make the retry overwrite, not duplicate. The work is
split in two halves (``store``: check and bulk; ``finish``: refresh, fold, answers) so that the
consumer can bulk-index one group while the previous one is refreshed and folded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from services.events.domain import (
    PLOT,
    Normalised,
    Rejected,
    Target,
    compress_plot,
    document_id,
    index_name,
    normalise,
)
from services.events.repository import Doc, EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope

log = logging.getLogger(__name__)

LOCKED_TASK_STATUSES = frozenset({"published", "publishing"})


@dataclass
class IngestRequest:
    """One message of the ingest topic: the request, where it was read and when it was written."""

    envelope: RequestEnvelope | None  # None: the message could not be parsed
    position: str  # "<topic>-<partition>-<offset>": the seed of log event ids
    received_ms: int  # the message's Kafka timestamp: the same on every re-delivery
    worker: str = ""


@dataclass
class _Pending:
    request: IngestRequest
    error: ApiError | None = None
    slots: list[Normalised | str] = field(default_factory=list)  # an event, or why it was refused
    docs: list[int] = field(default_factory=list)  # positions of this request's docs in the bulk


@dataclass
class Stored:
    """A group whose events are indexed but not yet refreshed, folded or answered."""

    pending: list[_Pending]
    failures: list[str | None]  # per document: the store's error, or None
    indices: set[str]  # where documents went
    owners: set[tuple[Identity, Target]]  # whose summaries to fold (who asked, about what)
    timings: dict[str, float] = field(default_factory=dict)


class IngestService:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory, index_prefix: str, plot_threshold: int) -> None:
        self._repo = repo
        self._tasks = tasks
        self._prefix = index_prefix
        self._plot_threshold = plot_threshold

    async def ingest(self, requests: list[IngestRequest]) -> list[dict[str, Any] | ApiError]:
        """Store the events of every request; one answer (data or error) per request."""
        return await self.finish(await self.store(requests))

    async def store(self, requests: list[IngestRequest]) -> Stored:
        """First half (may overlap the previous group's second half): normalise, check the
        targets, bulk-index. Not yet searchable, nothing answered."""
        began = time.perf_counter()
        pending = [self._parse(request) for request in requests]
        await self._check_targets(pending)
        docs, owners = self._documents(pending)
        checked = time.perf_counter()
        failures = await self._repo.index(docs)
        ok = [i for i, failure in enumerate(failures) if failure is None]
        stored = Stored(pending, failures, {docs[i].index for i in ok}, {owners[i] for i in ok})
        stored.timings = {"check": checked - began, "bulk": time.perf_counter() - checked}
        return stored

    async def finish(self, stored: Stored) -> list[dict[str, Any] | ApiError]:
        """Second half, in group order: one refresh, fold the summaries, the answers."""
        began = time.perf_counter()
        await self._repo.refresh(stored.indices)
        refreshed = time.perf_counter()
        await self._fold(stored.owners)
        stored.timings.update(refresh=refreshed - began, fold=time.perf_counter() - refreshed)
        if log.isEnabledFor(logging.DEBUG):
            steps = " ".join(f"{name}={seconds * 1000:.0f}ms" for name, seconds in stored.timings.items())
            log.debug("group of %d requests, %d events: %s", len(stored.pending), len(stored.failures), steps)
        return [self._answer(item, stored.failures) for item in stored.pending]

    def _parse(self, request: IngestRequest) -> _Pending:
        item = _Pending(request)
        envelope = request.envelope
        if envelope is None:
            item.error = ApiError(400, 12, "malformed ingest message")
        elif envelope.identity is None:
            item.error = ApiError.named("not_authorized", "events need an authenticated caller")
        else:
            raw = envelope.payload
            events = raw if isinstance(raw, list) else [raw]
            if not events:
                item.error = ApiError.named("batch_contains_no_items")
            for event in events:
                try:
                    item.slots.append(normalise(event, envelope.identity.company, request.received_ms, request.worker))
                except Rejected as exc:
                    item.slots.append(exc.reason)
        return item

    async def _check_targets(self, pending: list[_Pending]) -> None:
        by_company: dict[str, list[_Pending]] = {}
        for item in pending:
            if item.error is None:
                by_company.setdefault(item.request.envelope.identity.company, []).append(item)
        lookups = [self._check_company(items) for items in by_company.values()]
        await asyncio.gather(*lookups)

    async def _check_company(self, items: list[_Pending]) -> None:
        events = [slot for item in items for slot in item.slots if isinstance(slot, Normalised)]
        if not events:
            return
        tasks = sorted({e.target.id for e in events if e.target.entity == "task"})
        models = sorted({e.target.id for e in events if e.target.entity == "model"})
        found = await self._tasks.event_targets(items[0].request.envelope.identity, tasks, models)
        for item in items:
            item.slots = [_refusal(slot, found) if isinstance(slot, Normalised) else slot for slot in item.slots]

    def _documents(self, pending: list[_Pending]) -> tuple[list[Doc], list[tuple[Identity, Target]]]:
        docs: list[Doc] = []
        owners: list[tuple[Identity, Target]] = []
        for item in pending:
            request = item.request
            for number, slot in enumerate(item.slots):
                if not isinstance(slot, Normalised):
                    continue
                source = slot.source
                if source["type"] == PLOT:
                    compress_plot(source, self._plot_threshold)
                doc_id = document_id(source, f"{request.position}-{number}")
                index = index_name(self._prefix, source["type"], source["company_id"], request.received_ms)
                source["cairn_id"] = doc_id
                item.docs.append(len(docs))
                docs.append(Doc(index, doc_id, source))
                owners.append((request.envelope.identity, slot.target))
        return docs, owners

    async def _fold(self, owners: set[tuple[Identity, Target]]) -> None:
        """Recompute and store the summary of every task/model that got events."""
        by_company: dict[str, dict[Target, Identity]] = {}
        for identity, target in owners:
            by_company.setdefault(identity.company, {}).setdefault(target, identity)
        for company, targets in by_company.items():
            summaries = await self._repo.summaries(company, sorted(targets, key=lambda t: (t.entity, t.id)))
            await asyncio.gather(
                *(self._tasks.fold_metrics(targets[target], target, summary) for target, summary in summaries.items())
            )

    @staticmethod
    def _answer(item: _Pending, failures: list[str | None]) -> dict[str, Any] | ApiError:
        if item.error is not None:
            return item.error
        reasons = Counter(slot for slot in item.slots if isinstance(slot, str))
        reasons.update(failures[i] for i in item.docs if failures[i] is not None)
        added = sum(1 for i in item.docs if failures[i] is None)
        errors = sum(reasons.values())
        if added == 0:
            return ApiError.named("events_not_added", errors_count=errors, errors_info=dict(reasons))
        return {"added": added, "errors": errors, "errors_info": dict(reasons)}


def _refusal(event: Normalised, found: dict[str, Any]) -> Normalised | str:
    """The event itself if its task/model may receive it, else the reason it may not."""
    target = event.target
    if target.entity == "task":
        status = (found.get("tasks") or {}).get(target.id)
        if status is None:
            return "invalid task id"
        if status in LOCKED_TASK_STATUSES and not event.allow_locked:
            return "task is published"
        return event
    model = (found.get("models") or {}).get(target.id)
    if model is None:
        return "invalid model id"
    if model.get("ready") and not event.allow_locked:
        return "model is published"
    return event

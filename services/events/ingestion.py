"""Use case ``events.add`` / ``events.add_batch``: one group commit of many ingest requests.

Every request's events are normalised, checked against the tasks service
(``internal.event_targets``: the task or model exists in the caller's company and is not
published unless ``allow_locked``; a found target is remembered for ``target_cache_s``),
indexed in ONE bulk request and made searchable with ONE refresh; then each touched task's or
model's running summary (``services.events.summaries``: exact from the store the first time,
then merged event by event, counting only documents the store created) is folded into it
(``internal.fold_metrics``, absolute values: a re-delivered batch never counts twice). Only
then does each request get its answer ``{added, errors, errors_info}``. A failure of the store
or of the tasks service raises: the caller (the ingest consumer) then retries the step without
committing, and deterministic ids make the retry overwrite, not duplicate. The work is split in
steps (``check``, ``index``; ``refresh``/``prepare``, ``fold``, ``answers``) that the ingest
consumer runs as concurrent stages, so one group is bulk-indexed while earlier ones are
refreshed and folded; ``release`` ends a group either way. ``ingest`` (and its halves ``store``
and ``finish``) runs them in order for one group.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from services.events import access
from services.events.domain import (
    LOG,
    PLOT,
    Normalised,
    Rejected,
    Target,
    compress_plot,
    document_id,
    log_seed,
    normalise,
)
from services.events.repository import Doc, EventRepository, Indexed, TaskDirectory
from services.events.repository.layout import index_name
from services.events.summaries import Running, SummaryCache
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope

log = logging.getLogger(__name__)

LOCKED_TASK_STATUSES = frozenset({"published", "publishing"})
PUBLIC = "(public)"  # what the target cache keeps instead of a public task's status


@dataclass
class IngestRequest:
    """One message of the ingest topic: the request, where it was read and when it was written."""

    envelope: RequestEnvelope | None  # None: the message could not be parsed
    received_ms: int  # the message's Kafka timestamp: the same on every re-delivery


@dataclass
class _Pending:
    request: IngestRequest
    error: ApiError | None = None
    slots: list[Normalised | str] = field(default_factory=list)  # an event, or why it was refused
    docs: list[int] = field(default_factory=list)  # positions of this request's docs in the bulk


@dataclass
class Checked:
    """A group whose events are normalised and checked, with their documents, not yet stored."""

    pending: list[_Pending]
    docs: list[Doc]
    owners: dict[Target, Identity]
    timings: dict[str, float]


@dataclass
class Stored:
    """A group whose events are indexed but not yet refreshed, folded or answered."""

    pending: list[_Pending]
    docs: list[Doc]
    indexed: Indexed  # per document: the store's error or None, and whether it was created
    indices: set[str]  # where documents went
    owners: dict[Target, Identity]  # whose summaries to fold (about what, who asked)
    claimed: set[Target] = field(default_factory=set)  # recomputed exactly by this group
    refreshed: bool = False  # the group's events are searchable
    merged: bool = False  # the group's events are in the running summaries
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failures(self) -> list[str | None]:
        return self.indexed.failures


class IngestService:
    def __init__(
        self,
        repo: EventRepository,
        tasks: TaskDirectory,
        index_prefix: str,
        plot_threshold: int,
        target_cache_s: float = 5.0,
        summaries: SummaryCache | None = None,
        rules_version: Callable[[str], int] = lambda company: 0,
    ) -> None:
        self._rules_version = rules_version  # the company's access rules version (``AccessView.version``)
        self._repo = repo
        self._tasks = tasks
        self._prefix = index_prefix
        self._plot_threshold = plot_threshold
        self._targets = TargetCache(target_cache_s)
        self.summaries = summaries if summaries is not None else SummaryCache()  # an empty cache is falsy
        self._folds = Folds(tasks, self.summaries)

    def forget(self, company: str, target: Target) -> None:
        """The target's events were deleted (or it was deleted): look it up and recompute it."""
        self.summaries.forget(target)
        self._targets.forget(company, target)

    async def ingest(self, requests: list[IngestRequest]) -> list[dict[str, Any] | ApiError]:
        """Store the events of every request; one answer (data or error) per request."""
        stored = await self.store(requests)
        try:
            return await self.finish(stored)
        finally:
            self.release(stored)

    async def store(self, requests: list[IngestRequest]) -> Stored:
        """First half (may overlap the previous group's second half): ``check``, ``index``.
        Not yet searchable, nothing answered."""
        return await self.index(await self.check(requests))

    async def check(self, requests: list[IngestRequest]) -> Checked:
        """Normalise the events, check their targets, build the documents (CPU work that may
        overlap the previous group's bulk request)."""
        began = time.perf_counter()
        pending = [self._parse(request) for request in requests]
        await self._check_targets(pending)
        docs, owners = self._documents(pending)
        return Checked(pending, docs, owners, {"check": time.perf_counter() - began})

    async def index(self, checked: Checked) -> Stored:
        """Bulk-index, once no earlier group is recomputing these targets; claim the targets
        seen for the first time (or overwritten) for an exact recompute."""
        began = time.perf_counter()
        docs, owners = checked.docs, checked.owners
        await self.summaries.wait_unclaimed(set(owners))
        waited = time.perf_counter()
        indexed = await self._repo.index(docs)
        ok = [i for i, failure in enumerate(indexed.failures) if failure is None]
        if len(ok) == len(docs):
            touched = dict(owners)
        else:
            targets = {docs[i].target for i in ok}
            touched = {target: identity for target, identity in owners.items() if target in targets}
        stored = Stored(checked.pending, docs, indexed, {docs[i].index for i in ok}, touched)
        overwritten = {docs[i].target for i in ok if not indexed.created[i]}
        stored.claimed = self.summaries.claim(set(touched), recompute=overwritten)
        stored.timings = {**checked.timings, "wait": waited - began, "bulk": time.perf_counter() - waited}
        return stored

    async def finish(self, stored: Stored) -> list[dict[str, Any] | ApiError]:
        """Second half, in group order: ``prepare``, ``fold``, the answers."""
        await self.prepare(stored)
        await self.fold(stored)
        return self.answers(stored)

    async def refresh(self, groups: list[Stored]) -> None:
        """One refresh making several groups searchable (those waiting together)."""
        await self._repo.refresh(set().union(*(stored.indices for stored in groups)))
        for stored in groups:
            stored.refreshed = True

    async def prepare(self, stored: Stored) -> None:
        """One refresh (unless ``refresh`` did it), then the running summaries brought up to
        date (exact for the targets this group claimed, or whose summary was dropped). Safe to
        retry: recomputing is idempotent and the group's events are merged once."""
        began = time.perf_counter()
        if not stored.refreshed:
            await self._repo.refresh(stored.indices)
            stored.refreshed = True
        refreshed = time.perf_counter()
        exact = {t for t in stored.owners if t in stored.claimed or self.summaries.get(t) is None}
        by_company: dict[str, list[Target]] = {}
        for target in exact:
            by_company.setdefault(stored.owners[target].company, []).append(target)
        for company, targets in by_company.items():
            recomputed = await self._repo.running(company, sorted(targets, key=lambda t: (t.entity, t.id)))
            for target in targets:
                self.summaries.put(target, recomputed.get(target) or Running())
        if not stored.merged:
            # Each target's summary looked up once (``get`` also renews its place in the cache).
            running = {target: self.summaries.get(target) for target in stored.owners if target not in exact}
            for doc, failure, created in zip(stored.docs, stored.failures, stored.indexed.created, strict=True):
                if failure is None and doc.target in running:
                    running[doc.target].add(doc.source, created)
            stored.merged = True
        stored.timings.update(refresh=refreshed - began, merge=time.perf_counter() - refreshed)

    async def fold(self, stored: Stored) -> None:
        """Store each touched target's summary on the task or model (``Folds``)."""
        began = time.perf_counter()
        await asyncio.gather(*(self._folds.fold(target, identity) for target, identity in stored.owners.items()))
        stored.timings["fold"] = time.perf_counter() - began

    def answers(self, stored: Stored) -> list[dict[str, Any] | ApiError]:
        if log.isEnabledFor(logging.DEBUG):
            steps = " ".join(f"{name}={seconds * 1000:.0f}ms" for name, seconds in stored.timings.items())
            log.debug("group of %d requests, %d events: %s", len(stored.pending), len(stored.failures), steps)
        return [self._answer(item, stored.failures) for item in stored.pending]

    def release(self, stored: Stored) -> None:
        """The group is done (answered, given up or abandoned): later groups may use its targets."""
        self.summaries.release(set(stored.owners), stored.claimed)

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
                    item.slots.append(normalise(event, envelope.identity.company, request.received_ms, envelope.worker))
                except Rejected as exc:
                    item.slots.append(exc.reason)
            item.error = item.error or _inconsistency([slot for slot in item.slots if isinstance(slot, Normalised)])
        return item

    async def _check_targets(self, pending: list[_Pending]) -> None:
        by_caller: dict[tuple[str, str, str], list[_Pending]] = {}  # the access rules decide per caller
        for item in pending:
            if item.error is None:
                identity = item.request.envelope.identity
                by_caller.setdefault((identity.company, identity.user, identity.role), []).append(item)
        lookups = [self._check_caller(items) for items in by_caller.values()]
        await asyncio.gather(*lookups)

    async def _check_caller(self, items: list[_Pending]) -> None:
        events = [slot for item in items for slot in item.slots if isinstance(slot, Normalised)]
        if not events:
            return
        identity = items[0].request.envelope.identity
        version = self._rules_version(identity.company)
        found, missing, read_only = self._targets.lookup(identity, version, {e.target for e in events})
        if missing:
            tasks = sorted(t.id for t in missing if t.entity == "task")
            models = sorted(t.id for t in missing if t.entity == "model")
            answer = await self._tasks.event_targets(identity, tasks, models)
            for task in answer.get("owners") or {}:  # public: read only, like every public object
                answer["tasks"][task] = PUBLIC
            # the version the tasks process decided on (it may lag this process's view: then
            # the entry never matches and the next batch asks again); unrestricted callers: 0
            self._targets.store(identity, answer.get("access_version") or version, answer)
            for kind in ("tasks", "models"):
                found[kind].update(answer.get(kind) or {})
                read_only |= {Target(kind[:-1], i) for i in access.read_only(answer, kind)}
        for item in items:
            item.slots = [_refusal(slot, found, read_only) if isinstance(slot, Normalised) else slot
                          for slot in item.slots]

    def _documents(self, pending: list[_Pending]) -> tuple[list[Doc], dict[Target, Identity]]:
        docs: list[Doc] = []
        owners: dict[Target, Identity] = {}
        for item in pending:
            request = item.request
            seed: str | None = None  # computed once per request that has log lines
            for number, slot in enumerate(item.slots):
                if item.error is not None or not isinstance(slot, Normalised):
                    continue  # a refused request stores nothing
                source = slot.source
                if source["type"] == PLOT:
                    compress_plot(source, self._plot_threshold)
                if source["type"] == LOG and seed is None:
                    seed = log_seed([s.source for s in item.slots if isinstance(s, Normalised)])
                doc_id = document_id(source, f"{seed}-{number}" if source["type"] == LOG else "")
                index = _index(self._prefix, source["type"], source["company_id"], request.received_ms // 86_400_000)
                if source["type"] == LOG:
                    source["cairn_id"] = doc_id  # the tie-breaker of log lines (queries.TIE_BREAKERS)
                item.docs.append(len(docs))
                docs.append(Doc(index, doc_id, source, slot.target))
                owners.setdefault(slot.target, request.envelope.identity)
        return docs, owners

    @staticmethod
    def _answer(item: _Pending, failures: list[str | None]) -> dict[str, Any] | ApiError:
        if item.error is not None:
            return item.error
        reasons = Counter(slot for slot in item.slots if isinstance(slot, str))
        reasons.update(failures[i] for i in item.docs if failures[i] is not None)
        added = sum(1 for i in item.docs if failures[i] is None)
        errors = sum(reasons.values())
        if added == 0:  # the gateway sums these over a batch's parts (services/gateway/ingest.py)
            return ApiError.named("events_not_added", errors_count=errors, errors_info=dict(reasons))
        return {"added": added, "errors": errors, "errors_info": dict(reasons)}


@functools.lru_cache(maxsize=4096)
def _index(prefix: str, event_type: str, company: str, day: int) -> str:
    """``index_name`` once per prefix, type, company and day (not once per event)."""
    return index_name(prefix, event_type, company, day * 86_400_000)


class Folds:
    """At most one ``internal.fold_metrics`` in flight per target; the groups that come
    meanwhile share the next one. A fold sends the summary as it is when it is sent (the
    latest, never older than any waiting group's), so while the tasks service is slow one
    write serves many groups instead of queueing one write per group."""

    def __init__(self, tasks: TaskDirectory, summaries: SummaryCache) -> None:
        self._tasks = tasks
        self._summaries = summaries
        self._inflight: dict[Target, asyncio.Future] = {}
        self._next: dict[Target, asyncio.Future] = {}

    async def fold(self, target: Target, identity: Identity) -> None:
        """Return once a fold sent after this call's merge is stored (or raise its error)."""
        upcoming = self._next.get(target)
        if upcoming is None:
            upcoming = self._next[target] = asyncio.ensure_future(self._send(target, identity))
        await asyncio.shield(upcoming)

    async def _send(self, target: Target, identity: Identity) -> None:
        previous = self._inflight.get(target)
        if previous is not None:
            await asyncio.wait([previous])  # its outcome is its own waiters' business
        this = self._next.pop(target)
        self._inflight[target] = this
        try:
            running = self._summaries.get(target)
            if running is not None:  # None: its events were deleted meanwhile
                await self._tasks.fold_metrics(identity, target, running.summary(self._summaries.max_series))
        finally:
            if self._inflight.get(target) is this:
                del self._inflight[target]


class TargetCache:
    """Tasks and models found by ``internal.event_targets``, remembered for ``ttl_s`` so that a
    run reporting every second asks the tasks service once per ``ttl_s``, not per batch. (A
    task published meanwhile takes events for at most ``ttl_s`` more.) The answer depends on
    the caller's access rules: it is kept per caller and only for the company's rules version
    it was asked under (a rule change is seen by the next batch)."""

    def __init__(self, ttl_s: float, capacity: int = 50_000) -> None:
        self._ttl = ttl_s
        self._capacity = capacity
        # (company, target) -> {(user, role): (expires, rules version, value, writable)}
        self._found: dict[tuple[str, Target], dict[tuple[str, str], tuple[float, int, Any, bool]]] = {}

    def lookup(self, identity: Identity, version: int,
               targets: set[Target]) -> tuple[dict[str, dict], set[Target], set[Target]]:
        """({"tasks": {id: status}, "models": {id: {...}}} known, targets to ask about, known
        targets the caller may only read)."""
        now = time.monotonic()
        found: dict[str, dict] = {"tasks": {}, "models": {}}
        missing, read_only = set(), set()
        for target in targets:
            known = self._found.get((identity.company, target), {}).get((identity.user, identity.role))
            if known is None or known[0] < now or known[1] != version:
                missing.add(target)
                continue
            found[f"{target.entity}s"][target.id] = known[2]
            if not known[3]:
                read_only.add(target)
        return found, missing, read_only

    def store(self, identity: Identity, version: int, answer: dict[str, Any]) -> None:
        if self._ttl <= 0:
            return
        if len(self._found) > self._capacity:
            self._found.clear()
        expires = time.monotonic() + self._ttl
        for kind, entity in (("tasks", "task"), ("models", "model")):
            read_only = access.read_only(answer, kind)
            for target_id, value in (answer.get(kind) or {}).items():
                callers = self._found.setdefault((identity.company, Target(entity, target_id)), {})
                callers[(identity.user, identity.role)] = (expires, version, value, target_id not in read_only)

    def forget(self, company: str, target: Target) -> None:
        self._found.pop((company, target), None)


def _inconsistency(events: list[Normalised]) -> ApiError | None:
    """ClearML refuses a whole batch (400/12) whose events of one task (model) disagree on
    ``allow_locked``, or that reports one id both as a task and as a model."""
    allowed: dict[Target, bool] = {}
    kinds: dict[str, set[str]] = {}
    for event in events:
        if allowed.setdefault(event.target, event.allow_locked) != event.allow_locked:
            return ApiError.named("validation_error",
                                  f"Inconsistent allow_locked setting in the passed events for {event.target.id}")
        kinds.setdefault(event.target.id, set()).add(event.target.entity)
    both = sorted(target for target, entities in kinds.items() if len(entities) > 1)
    if both:
        return ApiError.named("validation_error", "Inconsistent model_event setting in the passed events", tasks=both)
    return None


def _refusal(event: Normalised, found: dict[str, Any], read_only: set[Target] = frozenset()) -> Normalised | str:
    """The event itself if its task/model may receive it, else why not, in ClearML's words: a
    task that is unknown, public (read only) or published (without ``allow_locked``) is an
    ``Invalid task id <id>``, a model unknown or published an ``Invalid model id <id>``; one
    the access rules let the caller only read is a ``No write permission for task <id>``."""
    target = event.target
    if target in read_only:
        return f"No write permission for {target.entity} {target.id}"
    if target.entity == "task":
        status = (found.get("tasks") or {}).get(target.id)
        locked = status in LOCKED_TASK_STATUSES and not event.allow_locked
        return f"Invalid task id {target.id}" if status in (None, PUBLIC) or locked else event
    model = (found.get("models") or {}).get(target.id)
    if model is None or (model.get("ready") and not event.allow_locked):
        return f"Invalid model id {target.id}"
    return event

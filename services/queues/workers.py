"""Use cases of ``workers.*``: registration, status reports and listings.

A worker entry is one document per (company, user, worker id). It is alive until
``expires`` = last register/report + its timeout: expiry is decided when reading, so no
background sweep can fall behind.

``status_report`` with a task sets the task's ``last_worker`` / ``last_worker_report`` through
the tasks process, whose answer gives the task's name, project, start time and last
iteration: they are kept with the worker (as ClearML keeps them in its worker entry), so
``get_all`` answers task and project names, running time and last iteration without asking
another process. Machine stats go to Elasticsearch (``stats.py``), read by ``worker_stats.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from services.queues import domain
from services.queues.access import QueueAccess
from services.queues.repository import Document, QueueRepository, StatsRepository, WorkerRepository
from services.queues.service import Clock, unknown_queue
from services.queues.stats import stat_docs
from services.queues.task_sync import NoTasks, TaskPort
from shared.access.listing import EVERYTHING, Readable
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import workers as workers_api
from shared.schemas.generated import workers as generated


def worker_key(identity: Identity, worker: str) -> str:
    return f"{identity.company}/{identity.user}/{worker}"


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """ClearML's worker pattern, a glob on the whole worker id: ``*`` any run of characters,
    ``?`` one character."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern))


def matches(worker: Document, tags: Sequence[str] | None, system_tags: Sequence[str] | None,
            pattern: str | None) -> bool:
    """Tag filters: any of the given tags, none of the ``-tag`` ones; the pattern matches
    the whole worker id."""
    for wanted, have in ((tags, worker.get("tags")), (system_tags, worker.get("system_tags"))):
        include = {t for t in wanted or () if not t.startswith("-")}
        exclude = {t[1:] for t in wanted or () if t.startswith("-")}
        if (include and not include & set(have or ())) or exclude & set(have or ()):
            return False
    return not pattern or bool(pattern_regex(pattern).fullmatch(worker["worker"]))


def _when(value: Any) -> datetime | None:
    """A time from the tasks process's answer (ISO 8601 over RPC), else None."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value if isinstance(value, datetime) else None


def task_fields(task: str | None, info: Document | None) -> Document:
    """What a worker entry keeps of the task it reports: ``task`` ``{id, name}``, ``project``
    ``{id, name}``, and the task's start time and last iteration (for ``get_all``'s
    ``running_time``/``last_iteration``), from the tasks process's answer ``info``."""
    if not task:
        return {"task": None, "project": None, "task_started": None, "task_last_iteration": None}
    info = info or {}
    return {"task": {"id": task, "name": info.get("name")}, "project": info.get("project"),
            "task_started": _when(info.get("started")), "task_last_iteration": info.get("last_iteration")}


def current_task(worker: Document, now: datetime) -> Document | None:
    """``get_all``'s ``task``: ``{id, name, running_time (ms since started), last_iteration}``."""
    task = worker.get("task")
    if not task:
        return None
    out = dict(task)
    started = worker.get("task_started")
    if started is not None:
        out["running_time"] = int((now - started).total_seconds() * 1000)
    if worker.get("task_last_iteration") is not None:
        out["last_iteration"] = worker["task_last_iteration"]
    return out


class WorkerService:
    """``workers.*`` use cases."""

    def __init__(
        self,
        workers: WorkerRepository,
        queues: QueueRepository,
        stats: StatsRepository,
        default_timeout_s: int = 600,
        clock: Clock = domain.utc_now,
        tasks: TaskPort | None = None,
        access: QueueAccess | None = None,
    ) -> None:
        self._access = access  # the access rules on queues (None: every queue readable)
        self._tasks = tasks or NoTasks()
        self._workers = workers
        self._queues = queues
        self._stats = stats
        self._default_timeout = default_timeout_s
        self._clock = clock

    async def register(self, identity: Identity, request: workers_api.RegisterRequest) -> dict[str, Any]:
        """``workers.register``: (re)register; the queues must be the company's and readable
        by the caller (400/701);
        ``timeout`` 0 is the default, a negative one -> 400/1002."""
        if request.timeout is not None and request.timeout < 0:
            raise ApiError.named("worker_registration_failed", "invalid timeout", timeout=request.timeout,
                                 worker=request.worker)
        await self._register(identity, request.worker, request.queues, request.timeout,
                             request.tags, request.system_tags)
        return {}

    async def _register(self, identity: Identity, worker: str, queues: Sequence[str] | None,
                        timeout: int | None, tags: Sequence[str] | None,
                        system_tags: Sequence[str] | None) -> Document:
        readable = await self._readable(identity)
        for queue_id in queues or ():
            if not readable.allows(queue_id) or await self._queues.get(identity.company, queue_id) is None:
                raise unknown_queue(queue_id)
        now = self._clock()
        timeout = timeout or self._default_timeout
        doc = {
            "_id": worker_key(identity, worker), "worker": worker,
            "company": identity.company, "company_name": identity.company_name,
            "user": identity.user, "user_name": identity.user_name,
            "register_time": now, "last_activity_time": now, "last_report_time": None,
            "timeout": timeout, "expires": now + timedelta(seconds=timeout),
            "queues": list(queues or ()), "queue": None, "task": None, "project": None,
            "tags": list(tags or ()), "system_tags": list(system_tags or ()),
        }
        await self._workers.save(doc)
        return doc

    async def unregister(self, identity: Identity, request: generated.UnregisterRequest) -> dict[str, Any]:
        """``workers.unregister``: an unknown worker is not an error (auto-unregister)."""
        await self._workers.delete(worker_key(identity, request.worker))
        return {}

    async def status_report(self, identity: Identity, request: workers_api.StatusReportRequest) -> dict[str, Any]:
        """``workers.status_report``: the worker is alive (an unknown or lapsed one is
        registered first), runs ``task`` (or nothing) from ``queue``, listens on ``queues``;
        ``machine_stats`` are stored for ``get_stats`` / ``get_activity_report``. A reported
        task gets ``last_worker``/``last_worker_report`` (calls the tasks process:
        ``internal.worker_report``); an unknown task -> 400/101, and as in ClearML the report
        still counts as the worker's activity (stats, queues, tags), not as a report of a task."""
        try:
            info = await self._tasks.worker_report(identity, request.task, request.worker) if request.task else None
        except ApiError:
            await self._record(identity, request, {})
            raise
        await self._record(identity, request, {"last_report_time": self._clock(), **task_fields(request.task, info)})
        return {}

    async def _record(self, identity: Identity, request: workers_api.StatusReportRequest, task: Document) -> None:
        """Store the report's stats and the worker's activity with ``task`` (its task fields)."""
        now = self._clock()
        if request.machine_stats is not None:
            # only the statistics ClearML's request class declares (others are not stored)
            stats = request.machine_stats.model_dump(include=set(type(request.machine_stats).model_fields),
                                                     exclude_none=True)
            docs = stat_docs(identity.company, request.worker, request.timestamp, request.task, stats)
            await self._stats.add(identity.company, docs, now)
        key = worker_key(identity, request.worker)
        worker = await self._workers.get(key)
        if worker is None or worker["expires"] <= now:
            # registered as ClearML's auto-registration does: the reported queues are not checked
            worker = await self._register(identity, request.worker, None, None, None, None)
        changes: Document = {"last_activity_time": now, "expires": now + timedelta(seconds=worker["timeout"]),
                             "queue": request.queue, **task}
        if request.queues:  # an empty list keeps the queues listened to, as in ClearML
            changes["queues"] = list(request.queues)
        for field in ("tags", "system_tags"):
            if getattr(request, field) is not None:
                changes[field] = list(getattr(request, field))
        await self._workers.touch(key, changes)

    async def get_all(self, identity: Identity, request: generated.GetAllRequest) -> dict[str, Any]:
        """``workers.get_all``: live workers active within ``last_seen`` seconds, each as
        ClearML's worker entry (fields without a value left out, ``register_timeout``)."""
        workers = await self._live(identity, request.last_seen, request)
        queues = await self._queue_infos(identity, workers)
        now = self._clock()
        return {"workers": [self._to_api(w, queues, now) for w in workers]}

    async def get_count(self, identity: Identity, request: generated.GetCountRequest) -> dict[str, Any]:
        """``workers.get_count``: how many live workers (``last_seen`` 0: any)."""
        return {"count": len(await self._live(identity, request.last_seen, request))}

    async def _live(self, identity: Identity, last_seen: int | None, request: Any) -> list[Document]:
        now = self._clock()
        since = now - timedelta(seconds=max(1, last_seen)) if last_seen else None
        found = await self._workers.live(identity.company, now, since)
        return [w for w in found if matches(w, request.tags, request.system_tags, request.worker_pattern)]

    async def _readable(self, identity: Identity) -> Readable:
        return EVERYTHING if self._access is None else await self._access.readable(identity)

    async def _queue_infos(self, identity: Identity, workers: list[Document]) -> dict[str, Document]:
        """Name, length and next task of the queues the workers listen on that the caller may
        read (the others are shown by id only)."""
        readable = await self._readable(identity)
        ids = {q for w in workers for q in [*(w.get("queues") or ()), w.get("queue")] if q and readable.allows(q)}
        infos = {}
        for queue_id in sorted(ids):
            queue = await self._queues.get(identity.company, queue_id)
            if queue is not None:
                entries = queue.get("entries") or []
                infos[queue_id] = {
                    "id": queue_id, "name": queue.get("name"), "display_name": queue.get("display_name"),
                    "num_tasks": len(entries),
                    **({"next_task": domain.entry_with_name(entries[0])["task"]} if entries else {}),
                }
        return infos

    @staticmethod
    def _to_api(worker: Document, queues: dict[str, Document], now: datetime) -> Document:
        def entry(queue_id: str | None) -> Document | None:
            return queues.get(queue_id, {"id": queue_id}) if queue_id else None

        out = {
            "id": worker["worker"], "key": worker["_id"], "register_timeout": worker.get("timeout"),
            "company": {"id": worker["company"], "name": worker.get("company_name") or None},
            "user": {"id": worker["user"], "name": worker.get("user_name") or None},
            "queue": entry(worker.get("queue")),
            "queues": [entry(q) for q in worker.get("queues") or ()],
            "task": current_task(worker, now), "project": worker.get("project"),
            "tags": worker.get("tags") or [], "system_tags": worker.get("system_tags") or [],
        }
        for field in ("register_time", "last_activity_time", "last_report_time"):
            out[field] = domain.to_api(worker.get(field))
        return domain.without_nulls(out)

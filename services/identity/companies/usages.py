"""``organization.get_project_usages``: how long the tasks of some projects ran, day by day,
broken down by project, queue and user.

The tasks and projects live in the tasks process and are read through its listings; the
counting is done here. A task counts from the later of its start and the window's start to
the earlier of its end (``completed``, else ``status_changed``; now while it runs) and the
window's end, split into the calendar days of the requested time zone. As in clearml-server,
development runs (no queue, or the ``development`` system tag) count only with
``include_development``, and dataset, report, hidden and pipeline-controller tasks never do.
CPU and GPU usages weigh the time by the queue's resources: Cairn's queues declare none, so
those usages are 0 and flagged ``*_artificial_weights``, as clearml-server flags queues
without resources.

With one project, the breakdown is by its direct sub-projects (the project's own tasks under
itself); with several, by those projects; a sub-project's tasks count for its top one.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time, timedelta, timezone, tzinfo
from typing import Any

from services.identity.companies.listing import read_all
from services.identity.store.companies import MongoCompanyDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

BREAKDOWN_KEYS = ("project", "queue", "user")
USAGE_FIELDS = ("duration", "gpu_usage")
EXCLUDED_TAGS = frozenset({"dataset", "reports", "hidden"})
EXCLUDED_TYPES = frozenset({"dataset_import", "annotation", "annotation_manual", "report", "controller"})
OTHER_QUEUE = "_other_"
# The answer has one value per day of the window: centuries of days held the identity process's
# event loop for seconds (schemathesis sent years 0258..2148; other calls got 503).
MAX_WINDOW_DAYS = 10 * 366
TASK_FIELDS = ["project", "user", "execution.queue", "started", "completed", "status_changed", "status",
               "system_tags", "type"]


def _ref(value: Any) -> Any:
    """An id, whether the listing answered the reference as an id or as an object."""
    return value.get("id") if isinstance(value, dict) else value


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def window(from_date: datetime, to_date: datetime) -> tuple[datetime, datetime, tzinfo]:
    """From the start of ``from_date``'s day to the end of ``to_date``'s, in ``from_date``'s
    time zone (UTC when none); a window ending before it starts, or longer than
    ``MAX_WINDOW_DAYS``, is 400/12."""
    zone = from_date.tzinfo or timezone.utc
    from_date, to_date = from_date.replace(tzinfo=zone), to_date.replace(tzinfo=to_date.tzinfo or timezone.utc)
    if from_date > to_date:
        raise ApiError.named("validation_error", "from_date cannot be later than to_date")
    if (to_date - from_date).days > MAX_WINDOW_DAYS:
        raise ApiError.named("validation_error", f"the window cannot be longer than {MAX_WINDOW_DAYS} days")
    return (datetime.combine(from_date.date(), time.min, tzinfo=zone),
            datetime.combine(to_date.date(), time.max, tzinfo=zone), zone)


def counted(task: dict[str, Any], include_development: bool) -> bool:
    """Whether a task's run counts at all (by its kind, tags and queue)."""
    tags = set(task.get("system_tags") or [])
    excluded = EXCLUDED_TAGS if include_development else EXCLUDED_TAGS | {"development"}
    queue = _ref((task.get("execution") or {}).get("queue"))
    return not (tags & excluded) and task.get("type") not in EXCLUDED_TYPES and (include_development or bool(queue))


def run_within(task: dict[str, Any], start: datetime, end: datetime, now: datetime) -> tuple[datetime, datetime] | None:
    """The part of the task's run inside the window, or None when it ran outside it."""
    started, completed, changed = _when(task.get("started")), _when(task.get("completed")), _when(task.get("status_changed"))
    running = task.get("status") == "in_progress"
    if started is None or started >= end:
        return None
    if not (running or (completed and completed > start) or (not completed and changed and changed > start)):
        return None
    stopped = min(now, end) if running else min(completed or changed, end)
    begun = max(started, start)
    return (begun, stopped) if stopped >= begun else None


def _next_day(day: datetime, zone: tzinfo | None) -> datetime:
    """The start of the calendar day after ``day``'s (two hours over a day: a DST change)."""
    return datetime.combine((day + timedelta(days=1, hours=2)).date(), time.min, tzinfo=zone)


def daily_seconds(begun: datetime, stopped: datetime, zone: tzinfo) -> dict[datetime, int]:
    """Seconds of ``begun``..``stopped`` in each calendar day of ``zone`` (keyed by the day's start)."""
    day = datetime.combine(begun.astimezone(zone).date(), time.min, tzinfo=zone)
    last = datetime.combine(stopped.astimezone(zone).date(), time.min, tzinfo=zone)
    out: dict[datetime, int] = {}
    while day <= last:
        until = min(math.floor((stopped - day).total_seconds()), 86400)
        out[day] = until - max(math.floor((begun - day).total_seconds()), 0)
        day = _next_day(day, zone)
    return out


def runs_by_day(tasks: Iterable[dict[str, Any]], start: datetime, end: datetime, now: datetime,
                zone: tzinfo) -> Iterator[tuple[dict[str, Any], dict[datetime, int]]]:
    """Each task that ran inside the window, with the seconds it ran in each calendar day of
    ``zone`` (``run_within`` then ``daily_seconds``)."""
    for task in tasks:
        within = run_within(task, start, end, now)
        if within is not None:
            yield task, daily_seconds(*within, zone)


def breakdown(runs: Iterable[tuple[Any, dict[datetime, int]]], names: dict[Any, Any], fields: Iterable[str],
              start: datetime, end: datetime) -> dict[str, list]:
    """``{total, series}`` of one breakdown key: per key with data, its usages per day of the
    window (0 on days without) and their totals."""
    per_key: dict[Any, dict[datetime, int]] = defaultdict(lambda: defaultdict(int))
    for key, days in runs:
        for day, seconds in days.items():
            per_key[key][day] += seconds
    days = []
    day = start
    while day <= end:
        days.append(day)
        day = _next_day(day, start.tzinfo)
    result: dict[str, list] = {"total": [], "series": []}
    for key in sorted(per_key, key=lambda k: str(names.get(k, k))):
        seconds = [per_key[key].get(day, 0) for day in days]
        values = {field: seconds if field == "duration" else [0] * len(days) for field in fields}
        weights = {f"{field.rpartition('_')[0]}_artificial_weights": True for field in fields if field != "duration"}
        head = {"name": names.get(key, key), "id": key}
        result["series"].append({**head, "dates": [day.timestamp() for day in days], **values, **weights})
        result["total"].append({**head, **{field: sum(v) for field, v in values.items()}, **weights})
    return result


class UsageSources:
    """What the usage use cases read: the tasks process's listings, the queues process's
    queues, identity's company directory (the users) and the clock."""

    def __init__(self, tasks: ProcessRpc, queues: ProcessRpc, directory: MongoCompanyDirectory,
                 clock: Callable[[], datetime]) -> None:
        self._tasks = tasks
        self._queues = queues
        self._directory = directory
        self._clock = clock

    async def _queue_names(self, identity: Identity) -> dict[str, str]:
        """Queue id -> its display name (else its name), of the caller's company."""
        queues = await self._queues.call(identity, "queues.get_all", {"only_fields": ["id", "name", "display_name"]})
        return {q["id"]: q.get("display_name") or q.get("name") for q in queues.get("queues") or []}


class ProjectUsages(UsageSources):
    """The use case, over the tasks process's listings and the queues process's queues."""

    async def get_project_usages(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``organization.get_project_usages`` (and the Enterprise ``get_project_workloads``,
        which takes and answers the same): ``{projects, queues, users}`` (the breakdown keys
        asked for), each ``{total: [...], series: [...]}``."""
        keys = list(request.breakdown_keys or BREAKDOWN_KEYS)
        fields = list(request.usage_fields or USAGE_FIELDS)
        start, end, zone = window(request.from_date, request.to_date)
        empty = {f"{key}s": {"total": [], "series": []} for key in keys}
        projects = await read_all(self._tasks, identity, "projects.get_all_ex", "projects",
                                  {"only_fields": ["id", "name", "parent"], "search_hidden": True})
        top_of = self._tops(projects, list(request.projects))
        if not top_of:
            return empty
        tasks = await self._runs(identity, list(top_of), request.include_development)
        runs = list(runs_by_day(tasks, start, end, self._clock(), zone))
        names = await self._names(identity, keys, projects)
        answer = {}
        for key in keys:
            bucket = self._bucket(key, top_of, names["queue"])
            answer[f"{key}s"] = breakdown(((bucket(task), days) for task, days in runs), names[key], fields, start, end)
        return answer

    async def allow_project_workloads(self, identity: Identity, project: str) -> dict[str, bool]:
        """``organization.allow_project_workloads`` (Enterprise): whether the caller may read
        the project's workloads: any project the caller sees (Cairn has no per-project rights)."""
        data = await self._tasks.call(identity, "projects.get_all_ex",
                                      {"id": [project], "only_fields": ["id"], "search_hidden": True})
        return {"allowed": bool(data.get("projects"))}

    @staticmethod
    def _tops(projects: list[dict[str, Any]], requested: list[str]) -> dict[str, str]:
        """Project id -> the requested (or, for one project, its direct child) it counts for."""
        children: dict[str, list[str]] = defaultdict(list)
        for project in projects:
            if project.get("parent"):
                children[_ref(project["parent"])].append(project["id"])
        tops = children.get(requested[0], []) if len(requested) == 1 else requested
        top_of: dict[str, str] = {}
        for top in tops:
            stack = [top]
            while stack:
                current = stack.pop()
                top_of.setdefault(current, top)
                stack.extend(children.get(current, []))
        if len(requested) == 1:
            top_of[requested[0]] = requested[0]
        return top_of

    async def _runs(self, identity: Identity, projects: list[str], include_development: bool | None) -> list[dict]:
        body = {"project": projects, "only_fields": TASK_FIELDS, "search_hidden": True, "allow_public": True}
        tasks = await read_all(self._tasks, identity, "tasks.get_all_ex", "tasks", body)
        return [task for task in tasks if counted(task, bool(include_development))]

    async def _names(self, identity: Identity, keys: list[str], projects: list[dict]) -> dict[str, dict]:
        users, queue_names = await asyncio.gather(
            self._directory.members(identity.company),
            self._queue_names(identity) if "queue" in keys else asyncio.sleep(0, {}),
        )
        return {
            "project": {p["id"]: p.get("name") for p in projects},
            "user": {u["id"]: u.get("name") for u in users},
            "queue": {OTHER_QUEUE: "other", None: None, **queue_names},
        }

    @staticmethod
    def _bucket(key: str, top_of: dict[str, str], queues: dict[Any, Any]) -> Callable[[dict], Any]:
        if key == "project":
            return lambda task: top_of.get(_ref(task.get("project")), _ref(task.get("project")))
        if key == "user":
            return lambda task: _ref(task.get("user"))

        def queue_of(task: dict) -> Any:
            queue = _ref((task.get("execution") or {}).get("queue"))
            return queue if queue is None or queue in queues else OTHER_QUEUE
        return queue_of

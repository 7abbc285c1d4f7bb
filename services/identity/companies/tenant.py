"""``organization.get_tenant_usages`` (Enterprise): what the company used, day by day, in
the categories a self-hosted Cairn can measure:

- ``compute_hours``: hours its tasks ran (as ``get_project_usages`` counts a run: from its
  start to its end, now while it runs, split into UTC days), labelled by queue
  (``development`` for runs without one);
- ``tasks``: tasks created each day, labelled by task type;
- ``users``: how many users the company had at the end of each day (the latest is the total).

The hosted service's price list does not exist here: every category is ``free`` and no
``costs``, ``total_cost`` or ``currency`` is answered. The tasks and queues are read from
their processes; the users from identity's own store.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from services.identity.companies.listing import read_all
from services.identity.companies.usages import UsageSources, _ref, _when, runs_by_day
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

MAX_DAYS = 732
TASK_FIELDS = ["type", "created", "started", "completed", "status_changed", "status", "execution.queue"]
DEVELOPMENT = "development"
CATEGORIES: dict[str, dict[str, Any]] = {
    "compute_hours": {"display_name": "Compute hours", "type": "compute", "unit_name": "hours",
                      "count_strategy": "sum", "total_usage_type": "total"},
    "tasks": {"display_name": "Tasks created", "type": "count", "unit_name": "tasks",
              "count_strategy": "sum", "total_usage_type": "total"},
    "users": {"display_name": "Users", "type": "count", "unit_name": "users",
              "count_strategy": "max", "total_usage_type": "latest"},
}


def days_of(from_date: str, to_date: str) -> list[date]:
    """Every day from ``from_date`` to ``to_date`` (``YYYY-MM-DD``, both included); bad dates,
    a window ending before it starts or longer than two years -> 400/12."""
    try:
        first, last = date.fromisoformat(from_date), date.fromisoformat(to_date)
    except ValueError as exc:
        raise ApiError.named("validation_error", f"dates are YYYY-MM-DD: {exc}") from None
    if first > last:
        raise ApiError.named("validation_error", "from_date cannot be later than to_date")
    if (last - first).days >= MAX_DAYS:
        raise ApiError.named("validation_error", f"at most {MAX_DAYS} days")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _series(per_day: dict[date, float], days: list[date]) -> list[float]:
    return [round(per_day.get(day, 0.0), 3) for day in days]


def category(name: str, days: list[date], total: dict[date, float], labels: dict[str, dict[date, float]] | None,
             label_names: dict[str, str]) -> dict[str, Any]:
    """One category's answer: its usages per day and total (the sum, or the latest for a
    ``latest`` category), and with ``labels`` the same per label."""
    latest = CATEGORIES[name]["total_usage_type"] == "latest"

    def usage(values: list[float]) -> float:
        return values[-1] if latest else round(sum(values), 3)

    usages = _series(total, days)
    out = {**CATEGORIES[name], "free": True, "dates": [d.isoformat() for d in days], "usages": usages,
           "total_usage": usage(usages)}
    if labels is not None:
        out["labels"] = {key: {"display_name": label_names.get(key, key), "usages": (series := _series(v, days)),
                               "total_usage": usage(series)} for key, v in sorted(labels.items())}
    return out


def tally(entries: Iterable[tuple[str, date, float]]) -> tuple[dict[date, float], dict[str, dict[date, float]]]:
    """(label, day, amount) entries summed per day, in total and per label."""
    total: dict[date, float] = defaultdict(float)
    by_label: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for label, day, amount in entries:
        total[day] += amount
        by_label[label][day] += amount
    return total, by_label


class TenantUsages(UsageSources):

    async def get_tenant_usages(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``{categories: {<name>: ...}}`` for ``categories`` (all three by default; an unknown
        name -> 400/12), labelled unless ``include_labels`` is false."""
        wanted = list(request.categories or CATEGORIES)
        unknown = [name for name in wanted if name not in CATEGORIES]
        if unknown:
            raise ApiError.named("validation_error", f"unknown categories, known: {', '.join(CATEGORIES)}",
                                 categories=unknown)
        days = days_of(request.from_date, request.to_date)
        labels = request.include_labels is not False
        tasks, queue_names = await self._tasks_and_queues(identity, wanted)
        out = {}
        for name in wanted:
            if name == "compute_hours":
                total, by_label = self._hours(tasks, days)
                out[name] = category(name, days, total, by_label if labels else None,
                                     {**queue_names, DEVELOPMENT: DEVELOPMENT})
            elif name == "tasks":
                total, by_label = self._created(tasks, days)
                out[name] = category(name, days, total, by_label if labels else None, {})
            else:
                out[name] = category(name, days, await self._users(identity, days), None, {})
        return {"categories": out}

    async def _tasks_and_queues(self, identity: Identity, wanted: list[str]) -> tuple[list[dict], dict[str, str]]:
        if not {"compute_hours", "tasks"} & set(wanted):
            return [], {}
        body = {"only_fields": TASK_FIELDS, "search_hidden": True}
        tasks, queue_names = await asyncio.gather(
            read_all(self._tasks, identity, "tasks.get_all_ex", "tasks", body), self._queue_names(identity))
        return tasks, queue_names

    def _hours(self, tasks: Iterable[dict], days: list[date]) -> tuple[dict[date, float], dict[str, dict[date, float]]]:
        start = datetime.combine(days[0], time.min, tzinfo=timezone.utc)
        end = datetime.combine(days[-1], time.max, tzinfo=timezone.utc)
        runs = runs_by_day(tasks, start, end, self._clock(), timezone.utc)
        return tally((_ref((task.get("execution") or {}).get("queue")) or DEVELOPMENT, day.date(), seconds / 3600)
                     for task, per_day in runs for day, seconds in per_day.items())

    @staticmethod
    def _created(tasks: Iterable[dict], days: list[date]) -> tuple[dict[date, float], dict[str, dict[date, float]]]:
        created = ((task, _when(task.get("created"))) for task in tasks)
        return tally((task.get("type") or "unknown", when.astimezone(timezone.utc).date(), 1) for task, when in created
                     if when is not None and days[0] <= when.astimezone(timezone.utc).date() <= days[-1])

    async def _users(self, identity: Identity, days: list[date]) -> dict[date, float]:
        created = [_when(c) for c in await self._directory.members_since(identity.company)]
        return {day: float(sum(1 for c in created if c is None or c.date() <= day)) for day in days}

"""Pure rules of the task status machine (CLEARML_BEHAVIOR section 6): which status changes
are allowed, and the fields every change writes. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from shared.errors import ApiError

CREATED = "created"
QUEUED = "queued"
IN_PROGRESS = "in_progress"
STOPPED = "stopped"
PUBLISHING = "publishing"
PUBLISHED = "published"
CLOSED = "closed"
FAILED = "failed"
COMPLETED = "completed"
UNKNOWN = "unknown"

STATUSES = (CREATED, QUEUED, IN_PROGRESS, STOPPED, PUBLISHING, PUBLISHED, CLOSED, FAILED, COMPLETED, UNKNOWN)

ARCHIVED_TAG = "archived"
DEVELOPMENT_TAG = "development"
# What archiving adds to (and unarchiving removes from) an entity's tags.
ARCHIVED = {"system_tags": [ARCHIVED_TAG]}
STOPPING_MESSAGE = "stopping"  # what a worker watches for to abort its task

# from -> the statuses a task may move to without ``force`` (besides staying where it is).
TRANSITIONS: Mapping[str, frozenset[str]] = {
    CREATED: frozenset({QUEUED, IN_PROGRESS}),
    QUEUED: frozenset({CREATED, IN_PROGRESS, STOPPED}),
    IN_PROGRESS: frozenset({STOPPED, FAILED, CREATED, COMPLETED}),
    STOPPED: frozenset({CLOSED, CREATED, FAILED, QUEUED, IN_PROGRESS, PUBLISHED, PUBLISHING, COMPLETED}),
    CLOSED: frozenset({CREATED, FAILED, PUBLISHED, PUBLISHING, STOPPED}),
    FAILED: frozenset({CREATED, STOPPED, PUBLISHED, QUEUED}),
    COMPLETED: frozenset({PUBLISHED, IN_PROGRESS, CREATED}),
    PUBLISHING: frozenset({PUBLISHED}),
    PUBLISHED: frozenset(),
    UNKNOWN: frozenset(),
}


def may_change(current: str, new: str, force: bool = False) -> bool:
    """Whether a task in ``current`` may move to ``new``: same status always, any with
    ``force``, else only the transitions of the table."""
    return force or current == new or new in TRANSITIONS.get(current, frozenset())


def check_change(current: str, new: str, force: bool = False) -> None:
    """Raise 400/110 invalid_task_status when the change is not allowed."""
    if not may_change(current, new, force):
        raise ApiError.named("invalid_task_status", "Invalid status change", current_status=current, new_status=new)


def change_fields(
    new: str, user: str, now: datetime, reason: str | None = None, message: str | None = None
) -> dict[str, Any]:
    """The ``$set`` of every status change: the status, why, who and when."""
    return {
        "status": new,
        "status_reason": reason or "",
        "status_message": message or "",
        "status_changed": now,
        "last_update": now,
        "last_change": now,
        "last_changed_by": user,
    }


def deletable(task: Mapping[str, Any], force: bool) -> bool:
    """``tasks.delete`` removes only ``created`` or archived tasks unless forced."""
    return force or task.get("status") == CREATED or ARCHIVED_TAG in (task.get("system_tags") or ())


def run_by_worker(task: Mapping[str, Any], now: datetime, worker_timeout_s: float) -> bool:
    """A worker runs the task: one reported it (``last_worker``, set by
    ``workers.status_report``) and the task was updated within the timeout."""
    last = task.get("last_update")
    if not task.get("last_worker") or last is None:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=now.tzinfo)
    return (now - last).total_seconds() < worker_timeout_s


def stops_at_once(task: Mapping[str, Any], now: datetime, worker_timeout_s: float) -> bool:
    """``tasks.stop``: a queued task, a development (SDK-run) task, or one no worker runs
    stops immediately; otherwise its worker is only asked to stop."""
    if task.get("status") == QUEUED or DEVELOPMENT_TAG in (task.get("system_tags") or ()):
        return True
    return not run_by_worker(task, now, worker_timeout_s)


def reset_fields() -> dict[str, Any]:
    """What ``tasks.reset`` sets: the run's results emptied, as clearml-server stores them."""
    return {"last_iteration": 0, "last_metrics": {}, "metric_stats": {}, "models.output": [], "runtime": {}}


# Fields ``tasks.reset`` removes (``clear_all`` also removes the script and empties the
# execution: ``RESET_CLEAR_ALL_UNSET`` and ``domain``'s execution defaults).
RESET_UNSET = (
    "started",
    "completed",
    "active_duration",
    "published",
    "unique_metrics",
    "last_worker",
    "last_worker_report",
    "output.result",
    "output.error",
    "enqueue_status",
)
RESET_CLEAR_ALL_UNSET = ("script",)
RESET_MESSAGE = "reset"  # status reason and message of every reset (the request's are not used)


def reset_artifacts(task: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Artifacts kept by a reset: only the inputs (outputs belong to the run)."""
    artifacts = (task.get("execution") or {}).get("artifacts") or []
    return [a for a in artifacts if a.get("mode") == "input"]


def active_duration(started: datetime, now: datetime) -> int:
    """Whole seconds a running task has run (``tasks.ping`` keeps it current); a date read
    back from the store without a zone is UTC."""
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    return int((now - started).total_seconds())


def may_edit(status: str, force: bool) -> bool:
    """``tasks.edit`` changes only ``created`` tasks unless forced."""
    return force or status == CREATED


def may_update(status: str, force: bool) -> bool:
    """The partial updates of a task (hyper-parameters, configuration, artifacts, models)
    change a ``created`` task, or with ``force`` an ``in_progress`` one too (clearml-server's
    ``get_task_for_update``)."""
    return status == CREATED or (force and status == IN_PROGRESS)

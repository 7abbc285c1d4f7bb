"""Read access: like ClearML, a read about a task the caller's company cannot see answers
``invalid task id`` instead of an empty result; a public task's events (stored under the
company that made it public) are read as that company. Asks the tasks service
(``internal.event_targets``).

Access rules (issue 16): a task's or model's events follow the task's (model's) permission,
which only the tasks process can decide (it knows the projects). Its ``event_targets`` answer
says which of the found ids the caller may not read (``no_read``) and may not write
(``no_write``, the unreadable ones included); ``RuledTasks`` drops the unreadable ones from the
answer, so every read and write here treats them as absent (400/101, 400/201, "Invalid task
id" per event), and keeps ``no_write`` for the writes: a read-only task's events are refused
per event (ingestion) and its deletions answer 403/21.
"""

from __future__ import annotations

from typing import Any

from services.events.domain import Summary, Target
from services.events.repository import TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

KINDS = ("tasks", "models")


class RuledTasks:
    """A ``TaskDirectory`` whose ``event_targets`` answers only what the caller may read;
    ``no_write`` (``{"tasks": [...], "models": [...]}``) stays in the answer. An answer
    without the access fields (a tasks process that does not enforce) passes unchanged."""

    def __init__(self, inner: TaskDirectory) -> None:
        self._inner = inner

    async def event_targets(self, identity: Identity, tasks: list[str], models: list[str]) -> dict[str, Any]:
        answer = await self._inner.event_targets(identity, tasks, models)
        hidden = answer.get("no_read") or {}
        for kind in KINDS:
            for entity_id in hidden.get(kind) or ():
                (answer.get(kind) or {}).pop(entity_id, None)
                if kind == "tasks":
                    (answer.get("owners") or {}).pop(entity_id, None)
        return answer

    async def fold_metrics(self, identity: Identity, target: Target, summary: Summary) -> None:
        await self._inner.fold_metrics(identity, target, summary)

    async def names(self, identity: Identity, ids: list[str], models: bool = False) -> dict[str, str]:
        return await self._inner.names(identity, ids, models)


def read_only(answer: dict[str, Any], kind: str) -> frozenset[str]:
    """The ids of ``kind`` (``tasks``/``models``) in an ``event_targets`` answer that the caller
    may read but not write (``no_write`` holds the unreadable ones too)."""
    hidden = set((answer.get("no_read") or {}).get(kind) or ())
    return frozenset(i for i in (answer.get("no_write") or {}).get(kind) or () if i not in hidden)


async def readable_as(
    tasks: TaskDirectory, identity: Identity, ids: list[str], model_events: bool = False
) -> Identity:
    """Raise 400/101 (models: 400/201) unless every task (model) exists for the caller; the
    identity to read their events with: the caller's, or, when every task is public and was made
    public by one other company, that company's (reads only)."""
    if not ids:
        return identity
    if model_events:
        models = (await tasks.event_targets(identity, [], sorted(set(ids)))).get("models") or {}
        missing = [model for model in ids if model not in models]
        if missing:
            raise ApiError.named("invalid_model_id", id=missing[0])
        return identity
    answer = await tasks.event_targets(identity, sorted(set(ids)), [])
    found = answer.get("tasks") or {}
    missing = [task for task in ids if task not in found]
    if missing:
        raise ApiError.named("invalid_task_id", id=missing[0])
    owners = answer.get("owners") or {}
    companies = {owners.get(task, identity.company) for task in ids}
    if len(companies) == 1 and (owner := companies.pop()) not in ("", identity.company):
        return identity.model_copy(update={"company": owner})
    return identity

"""Read access: like ClearML, a read about a task the caller's company cannot see answers
``invalid task id`` instead of an empty result. Asks the tasks service
(``internal.event_targets``)."""

from __future__ import annotations

from services.events.repository import TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


async def assert_readable(tasks: TaskDirectory, identity: Identity, ids: list[str], model_events: bool = False) -> None:
    """Raise 400/101 unless every task exists for the caller. Model events are not checked
    until the tasks service keeps models (it answers no models yet)."""
    if model_events or not ids:
        return
    found = (await tasks.event_targets(identity, sorted(set(ids)), [])).get("tasks") or {}
    missing = [task for task in ids if task not in found]
    if missing:
        raise ApiError.named("invalid_task_id", id=missing[0])

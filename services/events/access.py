"""Read access: like ClearML, a read about a task the caller's company cannot see answers
``invalid task id`` instead of an empty result; a public task's events (stored under the
company that made it public) are read as that company. Asks the tasks service
(``internal.event_targets``)."""

from __future__ import annotations

from services.events.repository import TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


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

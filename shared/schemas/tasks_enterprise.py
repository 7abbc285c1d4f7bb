"""Requests of the tasks service's Enterprise endpoints where Cairn needs more than the
catalog says (the tasks process's extras room, ``services/tasks/extras``)."""

from __future__ import annotations

from pydantic import BaseModel

from shared.schemas.generated import tasks as generated


class UpdateIterationRequest(generated.UpdateIterationRequest):
    """``tasks.update_iteration``. Refines the catalog's request, whose field table (from the
    Enterprise reference) names no task: ``task``, the task whose iteration is set, is
    required by the use case (400/11 without it: nothing else tells which task)."""

    task: str | None = None


REQUESTS: dict[str, type[BaseModel]] = {
    "tasks.update_iteration": UpdateIterationRequest,
}

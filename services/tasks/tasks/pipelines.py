"""``pipelines.start_pipeline``: run a pipeline again from the UI. The pipeline controller task
is cloned (``tasks.clone``'s use case: same project, the ``.pipelines`` one, same system
tags), the request's ``args`` become its ``Args`` hyper-parameters, and the clone is enqueued
(``tasks.enqueue``'s use case, which calls the queues process).

Choices where ClearML was unclear: each arg replaces the value of ``Args/<name>`` and keeps
that parameter's type and description (other sections and other ``Args`` stay as they were);
if the enqueue fails, the clone is deleted again and the error answered, so a failed start
leaves nothing behind; ``queue_watched`` is not answered (Cairn does not track which queues
workers watch).
"""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.tasks.cloning import CloneService
from services.tasks.tasks.queueing import QueueingService
from services.tasks.store.repository import Document, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import pipelines as api
from shared.schemas import tasks_editing as editing_api
from shared.schemas import tasks_queueing as queueing_api

ARGS_SECTION = "Args"
START_MESSAGE = "Starting pipeline"


def args_hyperparams(source: Document, args: list[api.PipelineArg]) -> dict[str, Any] | None:
    """The clone's hyper-parameters (API form): the source's with ``args`` set in ``Args``;
    ``None`` (copy them unchanged) without args."""
    named = [arg for arg in args if arg.name]
    if not named:
        return None
    hyperparams = domain.unescape_task({"hyperparams": source.get("hyperparams") or {}})["hyperparams"]
    section = dict(hyperparams.get(ARGS_SECTION) or {})
    for arg in named:
        item = dict(section.get(arg.name) or {})
        item.update({"section": ARGS_SECTION, "name": arg.name, "value": "" if arg.value is None else arg.value})
        section[arg.name] = item
    return {**hyperparams, ARGS_SECTION: section}


class PipelineService:
    """``pipelines.start_pipeline``."""

    def __init__(self, tasks: TaskRepository, cloning: CloneService, queueing: QueueingService) -> None:
        self._tasks = tasks
        self._cloning = cloning
        self._queueing = queueing

    async def start_pipeline(self, identity: Identity, request: api.StartPipelineRequest) -> dict[str, Any]:
        """``pipelines.start_pipeline`` (calls the queues process through ``tasks.enqueue``):
        unknown controller task -> 400/101; an unknown queue -> its error, nothing created.
        Answers ``{pipeline: <new task id>, enqueued: true}``."""
        source = await self._tasks.get(identity.company, request.task)
        if source is None:
            raise ApiError.named("invalid_task_id", id=request.task)
        clone = editing_api.CloneRequest(task=request.task,
                                         new_task_hyperparams=args_hyperparams(source, request.args or []))
        pipeline = (await self._cloning.clone(identity, clone))["id"]
        enqueue = queueing_api.EnqueueRequest(task=pipeline, queue=request.queue, status_message=START_MESSAGE,
                                              verify_watched_queue=request.verify_watched_queue)
        try:
            await self._queueing.enqueue(identity, enqueue)
        except Exception:
            await self._tasks.delete(identity.company, pipeline)
            raise
        return {"pipeline": pipeline, "enqueued": True}

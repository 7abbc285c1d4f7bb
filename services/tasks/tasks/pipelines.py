"""``pipelines.start_pipeline``: run a pipeline again from the UI. The pipeline controller task
is cloned (``tasks.clone``'s use case: same project, the ``.pipelines`` one, same system
tags), the request's ``args`` replace its ``Args`` hyper-parameters of those names (a bare
``{section, name, value}``, as clearml-server writes them; other parameters stay), the clone
is named after the pipeline (the project's last name part, `` #<n>`` for the n-th run), and
enqueued (``tasks.enqueue``'s use case, which calls the queues process).

Choices where ClearML differs: if the enqueue fails, the clone is deleted again and the
error answered, so a failed start leaves nothing behind (clearml-server leaves the clone);
``queue_watched`` is not answered (Cairn does not track which queues workers watch).
"""

from __future__ import annotations

import re
from typing import Any

from services.tasks import domain
from services.tasks.tasks.cloning import CloneService
from services.tasks.tasks.queueing import QueueingService
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, ProjectRepository, TaskRepository
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
        section[arg.name] = {"section": ARGS_SECTION, "name": arg.name, "value": str(arg.value)}
    return {**hyperparams, ARGS_SECTION: section}


def run_name(project_name: str, same_named_runs: int) -> str:
    """A pipeline run's name: the pipeline's (its project's last name part), with `` #<n>``
    when ``n`` runs (this one included) already carry it."""
    prefix = project_name.rpartition("/")[2]
    return f"{prefix} #{same_named_runs}" if same_named_runs > 0 else prefix


class PipelineService:
    """``pipelines.start_pipeline``."""

    def __init__(self, tasks: TaskRepository, cloning: CloneService, queueing: QueueingService,
                 projects: ProjectRepository | None = None) -> None:
        self._tasks = tasks
        self._cloning = cloning
        self._queueing = queueing
        self._projects = projects

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
        await self._name_run(identity, pipeline, source.get("project"))
        enqueue = queueing_api.EnqueueRequest(task=pipeline, queue=request.queue, status_message=START_MESSAGE,
                                              verify_watched_queue=request.verify_watched_queue)
        try:
            await self._queueing.enqueue(identity, enqueue)
        except Exception:
            await self._tasks.delete(identity.company, pipeline)
            raise
        return {"pipeline": pipeline, "enqueued": True}

    async def _name_run(self, identity: Identity, run_id: str, project_id: str | None) -> None:
        """Name the new run after its pipeline, counting the project's ``pipeline`` tasks whose
        name ends in the pipeline's name (and `` #<n>``), the new run included."""
        project = await self._projects.get(identity.company, project_id) if project_id and self._projects else None
        if project is None:
            return
        prefix = project["name"].rpartition("/")[2]
        runs = Selection(identity.company, projects=[project_id], system_tags=["pipeline"],
                         name_pattern=rf"{re.escape(prefix)}( #\d+)?$")
        same = await self._tasks.select(runs, ["id"])
        await self._tasks.update(identity.company, run_id, {"name": run_name(project["name"], len(same))})

"""``pipelines.check_new_run`` (Enterprise): before a pipeline is run under a new project or
name, where would its runs go, and is that project there already?"""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.store.repository import ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import pipelines as api

PIPELINES_FOLDER = ".pipelines"  # a pipeline's runs live in <project>/.pipelines/<pipeline name>


class NewRunCheck:
    def __init__(self, tasks: TaskRepository, projects: ProjectRepository) -> None:
        self._tasks = tasks
        self._projects = projects

    async def check_new_run(self, identity: Identity, request: api.CheckNewRunRequest) -> dict[str, Any]:
        """The pipeline of controller task ``task`` (unknown -> 400/101) run as
        ``new_pipeline_name`` (default: the pipeline's current name, its project's last name
        part) in ``new_project_name``: its runs would go to
        ``<new_project_name>/.pipelines/<name>``. Answers that project as ``existing_project``
        ``{id, name}`` when the caller's company has it, else ``existing_project: null``."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None:
            raise ApiError.named("invalid_task_id", id=request.task)
        name = (request.new_pipeline_name or "").strip() or await self._pipeline_name(identity, task)
        target = domain.parse_project_name(f"{request.new_project_name}/{PIPELINES_FOLDER}/{name}").name
        for project in await self._projects.get_by_name(identity.company, target):
            if project.get("company") == identity.company:
                return {"existing_project": {"id": project["_id"], "name": project["name"]}}
        return {"existing_project": None}

    async def _pipeline_name(self, identity: Identity, task: dict[str, Any]) -> str:
        project = await self._projects.get(identity.company, task["project"]) if task.get("project") else None
        if project is None:
            return task.get("name") or ""
        return project["name"].rpartition("/")[2]

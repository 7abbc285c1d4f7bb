"""``include_subprojects`` of the task and model listings (``tasks.get_all(_ex)``,
``get_by_id_ex``, ``models.get_all(_ex)``, ``reports.get_task_data``): the ``project`` filter
widened with every project below the given ones."""

from __future__ import annotations

from typing import Any

from services.tasks.store.queries import list_field_condition
from services.tasks.store.repository import ProjectRepository


async def widened_projects(projects: ProjectRepository, company: str, request: Any) -> list[Any] | None:
    """The request's ``project`` values and the ids of every project below them, or None when
    the request does not ask for sub-projects. The values are checked as the ``project`` filter
    checks them first (a list or an object among them -> 400/16, as ClearML answers a value of
    a list filter that is not a string), so the store is never asked about them."""
    if not (request.include_subprojects and request.project):
        return None
    list_field_condition("project", request.project)
    below = await projects.descendant_ids(company, request.project)
    return list(dict.fromkeys([*request.project, *below]))

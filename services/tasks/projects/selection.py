"""Which projects ``projects.get_all_ex`` lists and which of their contents its statistics
count, when the request names ``children_type``, ``children_tags(_filter)``, ``active_users`` or
``include_stats_filter`` (the web UI's pipelines, datasets and reports pages, and its "my
work" filter).

- Selection: the projects holding the chosen children (pipeline or dataset projects, both
  without the SDK's ``.pipelines``/``.datasets`` folders, or reports), or with
  ``active_users`` only, the projects those users created or hold their tasks or models;
  each with every ancestor. No project selected: the answer is empty.
- Statistics filter: ``include_stats_filter`` when given (or without ``children_type``), else
  the children's tags and, for pipelines and reports, their controllers / report tasks,
  counted in hidden sub-projects too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.tasks.reports.service import REPORTS_TAG
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

PIPELINE_TAG, DATASET_TAG = "pipeline", "dataset"
# The folders the SDK keeps pipelines and datasets in are not pipelines or datasets themselves.
CONTAINER_NAMES = {PIPELINE_TAG: ".pipelines", DATASET_TAG: ".datasets"}


def children_tags(request: api.GetAllExRequest) -> dict[str, Any] | None:
    """The children's tags filter: ``children_tags_filter`` (``{any, all, op}``) or else
    ``children_tags`` (a list filter)."""
    if request.children_tags_filter:
        return {"tags": request.children_tags_filter.model_dump(exclude_none=True)}
    return {"tags": list(request.children_tags)} if request.children_tags else None


def stats_filter(request: api.GetAllExRequest) -> tuple[dict[str, Any] | None, bool]:
    """(the filter of the tasks the statistics count, whether hidden sub-projects count)."""
    if request.include_stats_filter or not request.children_type:
        return request.include_stats_filter, request.search_hidden
    tags = children_tags(request) or {}
    if request.children_type == "pipeline":
        return {**tags, "system_tags": [PIPELINE_TAG], "type": ["controller"]}, True
    if request.children_type == "report":
        return {**tags, "system_tags": [REPORTS_TAG], "type": ["report"]}, True
    return tags, request.search_hidden


class ProjectSelector:
    """Finds the projects holding the children a ``get_all_ex`` asks for."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository):
        self._projects = projects
        self._tasks = tasks
        self._models = models

    async def select(self, identity: Identity, request: api.GetAllExRequest, allow_public: bool) -> list[str]:
        """The selected projects with their ancestors (see the module docstring): the only
        projects listed, and the only sub-projects statistics descend into."""
        base = Selection(identity.company, public=allow_public,
                         users=list(request.active_users) if request.active_users else None)
        found = await self._holders(base, request)
        return await self._projects.with_ancestors(sorted(found)) if found else []

    async def _holders(self, base: Selection, request: api.GetAllExRequest) -> set[str]:
        """The projects that are (or hold) the chosen children."""
        tags = children_tags(request)
        kind = request.children_type
        if kind in (PIPELINE_TAG, DATASET_TAG):
            holders = replace(base, system_tags=[kind], except_basename=CONTAINER_NAMES[kind], filters=tags)
            return {d["_id"] for d in await self._projects.select(holders, ["id"])}
        if kind == "report":
            return set(await self._tasks.distinct("project", replace(base, system_tags=[REPORTS_TAG], filters=tags)))
        own = await self._projects.select(base, ["id"])
        holding = {*await self._tasks.distinct("project", base), *await self._models.distinct("project", base)}
        return {d["_id"] for d in own} | {p for p in holding if p}

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

from collections.abc import Mapping
from typing import Any

from services.tasks.store.filters import field_filter
from services.tasks.store.queries import FindQuery, company_scope, list_field_condition
from services.tasks.reports.service import REPORTS_TAG
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

PIPELINE_TAG, DATASET_TAG = "pipeline", "dataset"
# The folders the SDK keeps pipelines and datasets in are not pipelines or datasets themselves.
CONTAINER_NAMES = {PIPELINE_TAG: ".pipelines", DATASET_TAG: ".datasets"}


def children_tags_condition(request: api.GetAllExRequest) -> Document:
    """``children_tags_filter`` (``{any, all, op}``) or else ``children_tags`` (a list filter)."""
    if request.children_tags_filter:
        return field_filter("tags", request.children_tags_filter.model_dump(exclude_none=True))
    return list_field_condition("tags", request.children_tags) if request.children_tags else {}


def stats_filter(request: api.GetAllExRequest) -> tuple[dict[str, Any] | None, bool]:
    """(the filter of the tasks the statistics count, whether hidden sub-projects count)."""
    if request.include_stats_filter or not request.children_type:
        return request.include_stats_filter, request.search_hidden
    tags: dict[str, Any] = {}
    if request.children_tags_filter:
        tags["tags"] = request.children_tags_filter.model_dump(exclude_none=True)
    elif request.children_tags:
        tags["tags"] = list(request.children_tags)
    if request.children_type == "pipeline":
        return {**tags, "system_tags": [PIPELINE_TAG], "type": ["controller"]}, True
    if request.children_type == "report":
        return {**tags, "system_tags": [REPORTS_TAG], "type": ["report"]}, True
    return tags, request.search_hidden


def filter_condition(filter_: Mapping[str, Any] | None) -> Document:
    """A statistics filter as a MongoDB condition: per field a list filter (``["a", "-b"]``)
    or an ``{any, all, op}`` filter; anything else -> 400/12, as clearml-server answers."""
    parts = []
    for name, spec in (filter_ or {}).items():
        if not spec or not isinstance(spec, (list, dict)):
            raise ApiError.named("validation_error", f"Non empty list or dictionary expected for the field: {name}")
        path = "_id" if name == "id" else name
        if isinstance(spec, list):
            if not all(isinstance(v, str) for v in spec):
                raise ApiError.named("validation_error",
                                     f"Only string values are allowed in the list filter: {name}")
            parts.append(list_field_condition(path, spec))
        else:
            parts.append(field_filter(path, spec))
    parts = [p for p in parts if p]
    return {"$and": parts} if len(parts) > 1 else (parts[0] if parts else {})


class ProjectSelector:
    """Finds the projects holding the children a ``get_all_ex`` asks for."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository):
        self._projects = projects
        self._tasks = tasks
        self._models = models

    async def select(self, identity: Identity, request: api.GetAllExRequest, allow_public: bool) -> list[str]:
        """The selected projects with their ancestors (see the module docstring): the only
        projects listed, and the only sub-projects statistics descend into."""
        base: Document = company_scope(identity.company) if allow_public else {"company": identity.company}
        if request.active_users:
            base["user"] = {"$in": list(request.active_users)}
        found = await self._holders(base, request)
        if not found:
            return []
        docs = await self._projects.find(FindQuery(filter={"_id": {"$in": sorted(found)}},
                                                   projection={"_id": 1, "path": 1}))
        return sorted({*(d["_id"] for d in docs), *(p for d in docs for p in d.get("path") or ())})

    async def _holders(self, base: Document, request: api.GetAllExRequest) -> set[str]:
        """The projects that are (or hold) the chosen children."""
        tags = children_tags_condition(request)
        kind = request.children_type
        if kind in (PIPELINE_TAG, DATASET_TAG):
            condition = {**base, "system_tags": kind, "basename": {"$ne": CONTAINER_NAMES[kind]}}
            found = await self._projects.find(FindQuery(filter=_and(condition, tags), projection={"_id": 1}))
            return {d["_id"] for d in found}
        if kind == "report":
            return set(await self._tasks.distinct("project", _and({**base, "system_tags": REPORTS_TAG}, tags)))
        own = await self._projects.find(FindQuery(filter=base, projection={"_id": 1}))
        holding = {*await self._tasks.distinct("project", base), *await self._models.distinct("project", base)}
        return {d["_id"] for d in own} | {p for p in holding if p}


def _and(condition: Document, extra: Document) -> Document:
    return {"$and": [condition, extra]} if extra else condition

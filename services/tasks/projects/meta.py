"""Read use cases over what the entities of projects hold: ``projects.get_model_metadata_keys``,
``get_model_metadata_values``, ``get_project_tags``, ``get_user_names`` and
``get_hyperparam_values``.

Each reads the company's (and, unless ``allow_public`` is false, public) entities of the
projects asked for, sub-projects included unless told otherwise; no project means all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from services.tasks import domain
from services.tasks.projects.contents import MAX_SCANNED, page_of, project_scope, single_project_scope
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api
from shared.patterns import searcher



_CHUNKS = re.compile(r"\d+|[^\W\d_]+|.", re.DOTALL)


def collation_key(text: str) -> tuple:
    """The order of clearml-server's numeric collation (ICU ``en_US`` with numeric ordering):
    punctuation, then numbers by value, then words regardless of case (lower case first on a
    tie)."""
    chunks = tuple((1, int(c), "") if c.isdigit() else (2, 0, c.casefold()) if c.isalpha() else (0, 0, c)
                   for c in _CHUNKS.findall(text))
    return chunks, text.swapcase()


def matching(values: list[Any], pattern: str | None) -> list[str]:
    """The values as strings, in collation order, those matching ``pattern`` (a
    case-insensitive search, on RE2) when one is given (an invalid or unsafe pattern ->
    400/21)."""
    texts = sorted({str(v) for v in values}, key=collation_key)
    if not pattern:
        return texts
    found = searcher(pattern, ignore_case=True)  # linear time: a pattern never stalls the process
    return [t for t in texts if found(t)]


class ProjectMetaService:
    """Metadata keys and values, project tags, owners and hyper-parameter values."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository):
        self._projects = projects
        self._tasks = tasks
        self._models = models

    async def _scope(self, identity: Identity, projects: list[str] | None, children: bool,
                     allow_public: bool | None = True) -> Selection:
        return await project_scope(self._projects, identity, projects, children, allow_public)

    async def get_model_metadata_keys(self, identity: Identity, request: api.ModelMetadataKeysRequest):
        """``projects.get_model_metadata_keys``: ``{keys, total, remaining}``, sorted, paged."""
        scope = await single_project_scope(self._projects, identity, request.project, request.include_subprojects)
        docs = await self._models.select(replace(scope, present=["metadata"]), ["metadata"], limit=MAX_SCANNED)
        keys = sorted({domain.unescape_key(k) for doc in docs for k in (doc.get("metadata") or {})})
        window, total, remaining = page_of(keys, request.page, request.page_size)
        return {"total": total, "remaining": remaining, "keys": window}

    async def get_model_metadata_values(self, identity: Identity, request: api.ModelMetadataValuesRequest):
        """``projects.get_model_metadata_values``: ``{total, values}`` of metadata ``key``."""
        condition = await self._scope(identity, request.projects, request.include_subprojects, request.allow_public)
        path = f"metadata.{domain.escape_key(request.key)}.value"
        values = matching(await self._models.distinct(path, condition), None)
        window, total, _ = page_of(values, request.page, request.page_size)
        return {"total": total, "values": window}

    async def get_hyperparam_values(self, identity: Identity, request: api.HyperparamValuesRequest):
        """``projects.get_hyperparam_values``: ``{total, values}`` of hyper-parameter
        ``section``/``name`` over the tasks, optionally only those matching ``pattern``."""
        condition = await self._scope(identity, request.projects, request.include_subprojects, request.allow_public)
        path = f"hyperparams.{domain.escape_key(request.section)}.{domain.escape_key(request.name)}.value"
        values = matching(await self._tasks.distinct(path, condition), request.pattern)
        window, total, _ = page_of(values, request.page, request.page_size)
        return {"total": total, "values": window}

    async def get_project_tags(self, identity: Identity, request: api.ProjectTagsRequest) -> dict[str, Any]:
        """``projects.get_project_tags``: the tags of the company's own projects (public ones
        left out), of ``projects`` and their sub-projects, narrowed by ``filter``;
        ``system_tags`` is empty unless ``include_system``."""
        ids = None
        if request.projects:
            below = await self._projects.descendant_ids(identity.company, request.projects)
            ids = list(dict.fromkeys([*request.projects, *below]))
        narrowed = {name: values for name, values in
                    (("tags", request.filter.tags if request.filter else None),
                     ("system_tags", request.filter.system_tags if request.filter else None)) if values}
        docs = await self._projects.select(Selection(identity.company, ids=ids, lists=narrowed),
                                           ["tags", "system_tags"], limit=MAX_SCANNED)
        return {"tags": sorted({t for d in docs for t in d.get("tags") or ()}),
                "system_tags": sorted({t for d in docs for t in d.get("system_tags") or ()})
                if request.include_system else []}

    async def get_user_names(self, identity: Identity, request: api.UserNamesRequest) -> dict[str, Any]:
        """``projects.get_user_names``: ``{users: [{id, name}]}``, the owners of the tasks (or
        models) of ``projects``, sorted by name. A name is the ``user_name`` an entity stored
        for its owner, or the caller's own name; ``None`` when neither is known."""
        repository = self._models if request.entity == "model" else self._tasks
        condition = await self._scope(identity, request.projects, request.include_subprojects)
        names: dict[str, str | None] = dict.fromkeys(await repository.distinct("user", condition))
        for user_id in names:
            named = await repository.select(replace(condition, users=[user_id], present=["user_name"]),
                                            ["user_name"], limit=1)
            names[user_id] = named[0]["user_name"] if named else None
        if identity.user in names and identity.user_name:
            names[identity.user] = names[identity.user] or identity.user_name
        users = [{"id": user_id, "name": name} for user_id, name in names.items()]
        return {"users": sorted(users, key=lambda u: ((u["name"] or "").lower(), u["id"]))}

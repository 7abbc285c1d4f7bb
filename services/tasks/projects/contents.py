"""Read use cases over what projects contain: ``projects.get_task_tags``, ``get_model_tags``,
``get_task_parents``, ``get_hyper_parameters`` and ``get_unique_metric_variants``.

Every one reads the company's (and public) tasks or models of the projects asked for,
sub-projects included unless told otherwise; no project means all projects.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.tasks import domain
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.schemas import projects as api

MAX_SCANNED = 1_000_000  # a safety bound on the documents one of these reads folds


async def project_scope(
    repository: ProjectRepository, identity: Identity, projects: list[str] | None, children: bool = True,
    allow_public: bool | None = True,
) -> Selection:
    """The entities of ``projects`` (all when none; with ``children`` their sub-projects'
    too), the caller's and, unless ``allow_public`` is false, public ones."""
    selection = Selection(identity.company, public=allow_public is not False)
    if projects:
        below = await repository.descendant_ids(identity.company, projects) if children else []
        selection = replace(selection, projects=list(dict.fromkeys([*projects, *below])))
    return selection


def _parent(task: Document, project_names: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": task["_id"], "name": task.get("name")}
    if task.get("project") in project_names:
        out["project"] = {"id": task["project"], "name": project_names[task["project"]]}
    return out


def page_of(values: list[Any], page: int, page_size: int) -> tuple[list[Any], int, int]:
    """(the page's values, ``total``, ``remaining``) as clearml-server answers them: it counts
    after paging, so ``total`` is the page's length and ``remaining`` is 0; a negative
    ``page`` means the first, a ``page_size`` below 1 means 1."""
    page, page_size = max(page, 0), max(page_size, 1)
    window = values[page * page_size:(page + 1) * page_size]
    return window, len(window), 0


async def single_project_scope(repository: ProjectRepository, identity: Identity, project: str | None,
                               children: bool) -> Selection:
    """The scope of clearml-server's one-project queries (``get_hyper_parameters``,
    ``get_unique_metric_variants``, ``get_model_metadata_keys``): without a project, every
    project's entities with ``include_subprojects``, else only those without a project."""
    if project or children:
        return await project_scope(repository, identity, [project] if project else None, children)
    return Selection(identity.company, public=True, no_project=True)


class ProjectContentsService:
    """Tags, parents, hyper-parameters and metrics found in projects."""

    def __init__(self, projects: ProjectRepository, tasks: TaskRepository, models: ModelRepository):
        self._projects = projects
        self._tasks = tasks
        self._models = models

    async def _scope(self, identity: Identity, projects: list[str] | None, children: bool = True) -> Selection:
        return await project_scope(self._projects, identity, projects, children)

    async def get_task_tags(self, identity: Identity, request: api.TagsRequest) -> dict[str, Any]:
        """``projects.get_task_tags``."""
        return await self._tags(identity, request, self._tasks)

    async def get_model_tags(self, identity: Identity, request: api.TagsRequest) -> dict[str, Any]:
        """``projects.get_model_tags``."""
        return await self._tags(identity, request, self._models)

    async def _tags(self, identity: Identity, request: api.TagsRequest, repository: TaskRepository) -> dict[str, Any]:
        """The company's own entities only: clearml-server leaves public ones out here."""
        scope = await project_scope(self._projects, identity, request.projects, allow_public=False)
        condition = replace(scope, lists={name: values for name, values in (request.filter or {}).items()
                                          if name in ("tags", "system_tags") and values})
        answer: dict[str, Any] = {"tags": sorted(await repository.distinct("tags", condition))}
        if request.include_system:
            answer["system_tags"] = sorted(await repository.distinct("system_tags", condition))
        return answer

    async def get_task_parents(self, identity: Identity, request: api.TaskParentsRequest) -> dict[str, Any]:
        """``projects.get_task_parents``: ``[{id, name, project?: {id, name}}]`` of the parents
        of the tasks of ``projects`` (of any state unless ``tasks_state`` says active or
        archived), sorted by name; ``task_name`` is a regular expression on the parent's name.
        A parent without a project has no ``project``."""
        scope = await self._scope(identity, request.projects, request.include_subprojects)
        archived = {"archived": True, "active": False}.get(request.tasks_state)
        ids = await self._tasks.distinct("parent", replace(scope, present=["parent"], archived=archived))
        if not ids:
            return {"parents": []}
        wanted = Selection(identity.company, public=True, ids=sorted(ids), name_pattern=request.task_name)
        parents = await self._tasks.select(wanted, ["name", "project"])
        names = await self._project_names(identity, {p.get("project") for p in parents if p.get("project")})
        return {"parents": [_parent(p, names) for p in sorted(parents, key=lambda p: p.get("name") or "")]}

    async def _project_names(self, identity: Identity, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        docs = await self._projects.select(Selection(identity.company, public=True, ids=sorted(ids)), ["name"])
        return {d["_id"]: d["name"] for d in docs}

    async def get_hyper_parameters(self, identity: Identity, request: api.HyperParametersRequest) -> dict[str, Any]:
        """``projects.get_hyper_parameters``: ``{total, remaining, parameters: [{section,
        name}]}`` sorted by (stored) section then name, paged as ``page_of`` says."""
        condition = await single_project_scope(self._projects, identity, request.project, request.include_subprojects)
        docs = await self._tasks.select(condition, ["hyperparams"], limit=MAX_SCANNED)
        pairs = sorted({
            (section, name) for doc in docs for section, params in (doc.get("hyperparams") or {}).items()
            for name in params
        })
        window, total, remaining = page_of(pairs, request.page, request.page_size)
        return {"total": total, "remaining": remaining, "parameters": [
            {"section": domain.unescape_key(s), "name": domain.unescape_key(n)} for s, n in window]}

    async def get_unique_metric_variants(self, identity: Identity, request: api.MetricVariantsRequest):
        """``projects.get_unique_metric_variants``: from the entities' ``last_metrics``."""
        repository = self._models if request.model_metrics else self._tasks
        condition = await single_project_scope(self._projects, identity, request.project, request.include_subprojects)
        if request.ids:
            condition = replace(condition, ids=list(request.ids))
        docs = await repository.select(condition, ["last_metrics"], limit=MAX_SCANNED)
        found: dict[tuple[str, str], dict[str, str]] = {}
        for doc in docs:
            for metric_hash, variants in (doc.get("last_metrics") or {}).items():
                for variant_hash, value in (variants or {}).items():
                    found[(metric_hash, variant_hash)] = {
                        "metric": value.get("metric", ""), "metric_hash": metric_hash,
                        "variant": value.get("variant", ""), "variant_hash": variant_hash,
                    }
        return {"metrics": sorted(found.values(), key=lambda m: (m["metric"], m["variant"]))}

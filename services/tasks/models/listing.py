"""Use cases of ClearML's ``models`` service beyond the basics of ``services.tasks.models.service``:
``models.get_all_ex``, ``get_by_id_ex``, ``move`` and ``update_tags``."""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.tasks.access import Clock
from services.tasks.models.service import model_to_api
from services.tasks.store.criteria import Selection
from services.tasks.store.queries import FindQuery, model_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository
from services.tasks.store.scrolling import Scrolls, find_or_scroll
from services.tasks.store.subprojects import widened_projects
from services.tasks.projects.service import ProjectService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import models as api


def model_stats(doc: Document) -> dict[str, Any]:
    """``include_stats``: what ClearML counts per model."""
    return {"labels_count": len(doc.get("labels") or {})}


class ModelExtrasService:
    """``models.get_all_ex``, ``get_by_id_ex``, ``move``, ``update_tags``."""

    def __init__(self, models: ModelRepository, projects: ProjectRepository, project_service: ProjectService,
                 clock: Clock = domain.utc_now, scrolls: Scrolls | None = None, *,
                 references: ReferenceExpander):
        self._models = models
        self._references = references
        self._projects = projects
        self._project_service = project_service
        self._clock = clock
        self._scrolls = scrolls

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``models.get_all_ex``: ``get_all`` with ``filters`` (``services.tasks.store.filters``; a
        field named there drops its plain filter, as in ClearML), ``allow_public`` and
        ``include_stats``; scrolls like ``get_all``; references answered as objects
        (``services.tasks.references``)."""
        projection = plan("model", request.only_fields)
        query = await self._query(identity, request.model_copy(update={"only_fields": projection.fields}))
        docs, more = await find_or_scroll(self._scrolls, identity.company, "model", request, query, self._models.find)
        models = [model_to_api(doc) for doc in docs]
        if request.include_stats and models:
            listed = Selection(identity.company, public=True, ids=[m["id"] for m in models])
            found = await self._models.select(listed, ["labels"])
            stats = {doc["_id"]: model_stats(doc) for doc in found}
            for model in models:
                model["stats"] = stats.get(model["id"])
        await self._references.expand(identity, "model", models, projection.joins, request.allow_public)
        return {"models": models, **more}

    async def get_by_id_ex(self, identity: Identity, request: api.GetByIdExRequest) -> dict[str, Any]:
        """``models.get_by_id_ex``: ``get_all`` filters over the given ``id`` list (required:
        400/11 without), references answered as objects."""
        if not request.id:
            raise ApiError.named("missing_required_fields", "id is required", field="id")
        projection = plan("model", request.only_fields)
        query = await self._query(identity, request.model_copy(update={"only_fields": projection.fields}))
        models = [model_to_api(doc) for doc in await self._models.find(query)]
        return {"models": await self._references.expand(identity, "model", models, projection.joins)}

    async def _query(self, identity: Identity, request: api.GetAllRequest) -> FindQuery:
        projects = await widened_projects(self._projects, identity.company, request)
        return model_query(identity.company, request, projects)

    async def move(self, identity: Identity, request: api.MoveRequest) -> dict[str, Any]:
        """``models.move``: into ``project_name`` (got or created), ``project`` (the caller's
        own), or no project (``project: null``); neither given -> 400/11. As in ClearML, only
        the caller's own models among ``ids`` move (others are skipped, no error), stamped
        ``last_change``/``last_changed_by`` (not ``last_update``). Answers ``{project_id}``."""
        project_id = await self._target_project(identity, request)
        changes = {"project": project_id, "last_change": self._clock(), "last_changed_by": identity.user}
        await self._models.update_many(Selection(identity.company, ids=list(dict.fromkeys(request.ids))), changes)
        return {"project_id": project_id}

    async def _target_project(self, identity: Identity, request: api.MoveRequest) -> str | None:
        if request.project_name:
            return (await self._project_service.ensure(identity, request.project_name))[0]["_id"]
        if "project" not in request.model_fields_set:
            raise ApiError.named("missing_required_fields", "project or project_name is required")
        if not request.project:
            return None
        project = await self._projects.get(identity.company, request.project)
        if project is None or not project.get("company"):
            raise ApiError.named("invalid_project_id", id=request.project)
        return project["_id"]

    async def update_tags(self, identity: Identity, request: api.UpdateTagsRequest) -> dict[str, Any]:
        """``models.update_tags``: add, then remove, user tags on the caller's own models
        among ``ids`` (others skipped); no ids, or no tags to add or remove -> 400/12.
        ``updated`` counts both steps (a model is counted by each), as in ClearML; the models
        are stamped ``last_change``/``last_changed_by``, their projects ``last_update``."""
        if not request.ids:
            raise ApiError.named("validation_error", "No entity ids provided for editing tags")
        if not (request.add_tags or request.remove_tags):
            raise ApiError.named("validation_error", "Either add tags or remove tags should be provided")
        own = Selection(identity.company, ids=list(request.ids))
        stamp = {"last_change": self._clock(), "last_changed_by": identity.user}
        updated = 0
        if request.add_tags:
            updated += await self._models.update_many(own, stamp, add_tags={"tags": request.add_tags})
        if request.remove_tags:
            updated += await self._models.update_many(own, stamp, remove_tags={"tags": request.remove_tags})
        if updated:
            found = await self._models.select(own, ["project"])
            projects = sorted({doc["project"] for doc in found if doc.get("project")})
            if projects:
                await self._projects.touch(identity.company, projects, self._clock())
        return {"updated": updated}

"""Use cases of ClearML's ``projects`` service that make and find projects: ``projects.create``,
``get_by_id``, ``get_all``, and the get-or-create by name that tasks, models and reports use.

Each public method mirrors one ClearML endpoint: it takes the caller's identity and the
parsed request (``shared.schemas``), works through the repositories, and returns the
ClearML response data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.tasks import domain
from services.tasks.store.queries import project_query, task_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.store.repository import Document, DuplicateName, ProjectRepository, TaskRepository
from services.tasks.store.scrolling import Scrolls, find_or_scroll
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

Clock = Callable[[], datetime]
IdFactory = Callable[[], str]


def unknown_project(project_id: str) -> ApiError:
    return ApiError.named("invalid_project_id", id=project_id)


def duplicate_project(name: str) -> ApiError:
    # The reference server's answer to projects.create with a name already in use.
    return ApiError.named("expected_unique_data", "Project with the same name already exists", name=name)


def check_tags(*tag_lists: list[str] | None) -> None:
    """Tags may not start with the list-filter operator prefix ``__$`` (400/16), as
    clearml-server checks on ``projects.create`` and ``projects.update``."""
    unsupported = [t for tags in tag_lists for t in tags or () if isinstance(t, str) and t.startswith("__$")]
    if unsupported:
        raise ApiError.named("fields_value_error", "unsupported tag prefix", values=unsupported)


class ProjectService:
    """``projects.*`` use cases."""

    def __init__(self, projects: ProjectRepository, clock: Clock = domain.utc_now, new_id: IdFactory = domain.new_id,
                 scrolls: Scrolls | None = None):
        self._projects = projects
        self._clock = clock
        self._new_id = new_id
        self._scrolls = scrolls

    async def create(self, identity: Identity, request: projects_api.CreateRequest) -> dict[str, Any]:
        """``projects.create``: a project (and its missing parents). A name the company already
        uses -> 400/801 expected_unique_data; a public project's name -> 400/414."""
        path = domain.parse_project_name(request.name)
        check_tags(request.tags, request.system_tags)
        if await self._own_by_name(identity.company, path.name):
            raise duplicate_project(path.name)
        now = self._clock()
        parent = await self._ensure(identity, path.location, now)
        fields = request.model_dump(exclude={"name"}, exclude_none=True)
        doc = domain.new_project(self._new_id(), identity.company, identity.user, path, parent, fields, now)
        try:
            await self._projects.add(doc)
        except DuplicateName:
            raise duplicate_project(path.name) from None
        if parent:
            await self._projects.touch(identity.company, [parent["_id"]], now)
        return {"id": doc["_id"]}

    async def _own_by_name(self, company: str, name: str) -> Document | None:
        """The company's project with this full name; a public one only -> 400/414."""
        found = await self._projects.get_by_name(company, name)
        own = next((p for p in found if p.get("company") == company), None)
        if found and own is None:
            raise ApiError.named("public_project_exists", name=name)
        return own

    async def ensure(self, identity: Identity, name: str) -> tuple[Document, bool]:
        """Get or create the company's project ``name`` (and its parents), for ``tasks.clone``
        with ``new_project_name``. Returns the project and whether it was created."""
        path = domain.parse_project_name(name)
        existing = await self._own_by_name(identity.company, path.name)
        if existing:
            return existing, False
        project = await self._ensure(identity, path.name, self._clock())
        assert project is not None
        return project, True

    async def _ensure(self, identity: Identity, name: str, now: datetime) -> Document | None:
        """Get or create the project ``name`` and its ancestors (ClearML creates missing
        parents). A concurrent creation of the same parent is not an error."""
        if not name:
            return None
        existing = await self._own_by_name(identity.company, name)
        if existing:
            return existing
        path = domain.parse_project_name(name)
        parent = await self._ensure(identity, path.location, now)
        doc = domain.new_project(self._new_id(), identity.company, identity.user, path, parent, {}, now)
        try:
            await self._projects.add(doc)
        except DuplicateName:
            # Created meanwhile by a concurrent request: use that one.
            existing = await self._own_by_name(identity.company, name)
            if existing is None:
                raise duplicate_project(name)
            return existing
        return doc

    async def get_by_id(self, identity: Identity, request: projects_api.GetByIdRequest) -> dict[str, Any]:
        """``projects.get_by_id``: unknown or another company's -> 400/401 invalid_project_id."""
        doc = await self._projects.get(identity.company, request.project)
        if doc is None:
            raise unknown_project(request.project)
        return {"project": domain.to_api(doc)}

    async def get_all(self, identity: Identity, request: projects_api.GetAllRequest) -> dict[str, Any]:
        """``projects.get_all``: the company's (and public) projects matching the filters."""
        query = project_query(identity.company, request)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "project", request, query,
                                           self._projects.find)
        return {"projects": [domain.to_api(doc) for doc in docs], **extra}

"""Use cases of the tasks process: projects and the task lifecycle.

Each public method mirrors one ClearML endpoint: it takes the caller's identity and the
parsed request (``shared.schemas``), works through the repositories, and returns the
ClearML response data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.tasks import domain
from services.tasks.queries import project_query, task_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.repository import Document, DuplicateName, ProjectRepository, TaskRepository
from services.tasks.scrolling import Scrolls, find_or_scroll
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

Clock = Callable[[], datetime]
IdFactory = Callable[[], str]


def _unknown_project(project_id: str) -> ApiError:
    return ApiError.named("invalid_project_id", id=project_id)


def _duplicate_project(name: str) -> ApiError:
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
            raise _duplicate_project(path.name)
        now = self._clock()
        parent = await self._ensure(identity, path.location, now)
        fields = request.model_dump(exclude={"name"}, exclude_none=True)
        doc = domain.new_project(self._new_id(), identity.company, identity.user, path, parent, fields, now)
        try:
            await self._projects.add(doc)
        except DuplicateName:
            raise _duplicate_project(path.name) from None
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
                raise _duplicate_project(name)
            return existing
        return doc

    async def get_by_id(self, identity: Identity, request: projects_api.GetByIdRequest) -> dict[str, Any]:
        """``projects.get_by_id``: unknown or another company's -> 400/401 invalid_project_id."""
        doc = await self._projects.get(identity.company, request.project)
        if doc is None:
            raise _unknown_project(request.project)
        return {"project": domain.to_api(doc)}

    async def get_all(self, identity: Identity, request: projects_api.GetAllRequest) -> dict[str, Any]:
        """``projects.get_all``: the company's (and public) projects matching the filters."""
        query = project_query(identity.company, request)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "project", request, query,
                                           self._projects.find)
        return {"projects": [domain.to_api(doc) for doc in docs], **extra}


class TaskService:
    """``tasks.*`` use cases (the lifecycle slice: create, read, edit)."""

    def __init__(
        self,
        tasks: TaskRepository,
        projects: ProjectRepository,
        clock: Clock = domain.utc_now,
        new_id: IdFactory = domain.new_id,
        scrolls: Scrolls | None = None,
        *,
        references: ReferenceExpander,
    ):
        self._tasks = tasks
        self._projects = projects
        self._clock = clock
        self._new_id = new_id
        self._scrolls = scrolls
        self._references = references

    async def create(self, identity: Identity, request: tasks_api.CreateRequest) -> dict[str, Any]:
        """``tasks.create``: a task in status ``created``. Unknown project -> 400/401, unknown
        parent task -> 400/101; the project's ``last_update`` is bumped."""
        fields = request.model_dump(mode="json", exclude_none=True)
        await self.check_references(identity, fields)
        now = self._clock()
        doc = domain.new_task(self._new_id(), identity.company, identity.user, fields, now)
        await self._tasks.add(doc)
        if doc.get("project"):
            await self._projects.touch(identity.company, [doc["project"]], now)
        return {"id": doc["_id"]}

    async def check_references(self, identity: Identity, fields: dict[str, Any]) -> None:
        """The project must be the caller's own (a public one is read-only -> 403/21) and
        the parent a readable task (``tasks.create``, ``tasks.edit``, ``tasks.validate``)."""
        project_id = fields.get("project")
        if project_id:
            project = await self._projects.get(identity.company, project_id)
            if project is None:
                raise _unknown_project(project_id)
            if not project.get("company"):
                raise ApiError.named("no_write_permission", "cannot add tasks to a public project", id=project_id)
        parent_id = fields.get("parent")
        if parent_id and await self._tasks.get(identity.company, parent_id) is None:
            raise ApiError.named("invalid_task_id", "invalid parent", parent=parent_id)

    async def get_by_id(self, identity: Identity, request: tasks_api.GetByIdRequest) -> dict[str, Any]:
        """``tasks.get_by_id``: unknown or another company's -> 400/101 invalid_task_id."""
        doc = await self._tasks.get(identity.company, request.task)
        if doc is None:
            raise ApiError.named("invalid_task_id", id=request.task)
        return {"task": domain.task_to_api(doc)}

    async def get_all(self, identity: Identity, request: tasks_api.GetAllRequest) -> dict[str, Any]:
        """``tasks.get_all``: the company's (and public) tasks matching the filters;
        ``include_subprojects`` widens ``project`` to every project below the given ones."""
        projects = None
        if request.include_subprojects and request.project:
            below = await self._projects.descendant_ids(identity.company, request.project)
            projects = list(dict.fromkeys([*request.project, *below]))
        query = task_query(identity.company, request, projects)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "task", request, query, self._tasks.find)
        return {"tasks": [domain.task_to_api(doc) for doc in docs], **extra}

    async def get_all_ex(self, identity: Identity, request: tasks_api.GetAllExRequest) -> dict[str, Any]:
        """``tasks.get_all_ex``: the tasks matching every ``get_all`` filter and ``filters``
        (per field ``any``/``all`` include/exclude), ordered by ``order_by`` (hyper-parameter
        values numerically), a page of them or a scroll. Hidden tasks only with
        ``search_hidden`` or by id; other companies' public tasks unless ``allow_public`` is
        false (``services.tasks.queries`` / ``filters``). References are answered as objects
        and ``only_fields`` paths through them read the referenced entities
        (``services.tasks.references``). Answers ``{tasks, scroll_id?}``."""
        return await self._joined(identity, request, request.allow_public)

    async def get_by_id_ex(self, identity: Identity, request: tasks_api.GetAllRequest) -> dict[str, Any]:
        """``tasks.get_by_id_ex``: ``get_all_ex`` over the tasks ``id`` (required: 400/11
        without)."""
        if not request.id:
            raise ApiError.named("missing_required_fields", "id is required", field="id")
        return await self._joined(identity, request, True)

    async def _joined(self, identity: Identity, request: tasks_api.GetAllRequest, allow_public: bool) -> dict[str, Any]:
        projection = plan("task", request.only_fields)
        answer = await self.get_all(identity, request.model_copy(update={"only_fields": projection.fields}))
        await self._references.expand(identity, "task", answer["tasks"], projection.joins, allow_public)
        return answer

    async def edit(self, identity: Identity, request: tasks_api.EditRequest) -> dict[str, Any]:
        """``tasks.edit``: change fields of a ``created`` task (any status with ``force``).
        The update is conditional on the status read, so a concurrent status change makes
        it fail with 400/110 instead of editing a running task."""
        task = await self._writable_task(identity, request.task)
        if not domain.may_edit(task["status"], request.force):
            raise ApiError.named("invalid_task_status", expected=domain.STATUS_CREATED, status=task["status"])
        fields = request.model_dump(mode="json", exclude_none=True, exclude={"task", "force"})
        if not fields:
            return {"updated": 0, "fields": {}}
        await self.check_references(identity, fields)
        changes = domain.edit_changes(fields, identity.user, self._clock(), task)
        expected = None if request.force else domain.STATUS_CREATED
        if await self._tasks.update(identity.company, request.task, changes, expected) is None:
            await self._raise_lost_update(identity, request.task)
        return {"updated": 1, "fields": domain.changes_to_api(changes)}

    async def _writable_task(self, identity: Identity, task_id: str) -> Document:
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id)
        if not task.get("company"):
            raise ApiError.named("no_write_permission", "cannot modify a public task", id=task_id)
        return task

    async def _raise_lost_update(self, identity: Identity, task_id: str) -> None:
        """The conditional update matched nothing: the task is gone or its status changed."""
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id)
        raise ApiError.named("invalid_task_status", expected=domain.STATUS_CREATED, status=task["status"])

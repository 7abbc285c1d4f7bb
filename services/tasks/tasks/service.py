"""Use cases of ClearML's ``tasks`` service that make, read and edit tasks: ``tasks.create``,
``get_by_id``, ``get_all``, ``get_all_ex``, ``get_by_id_ex`` and ``edit``.

Each public method mirrors one ClearML endpoint: it takes the caller's identity and the
parsed request (``shared.schemas``), works through the repositories, and returns the
ClearML response data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.tasks import domain
from services.tasks.tasks import status
from services.tasks.store.queries import project_query, task_query
from services.tasks.references import ReferenceExpander, plan
from services.tasks.store.repository import (Document, DuplicateName, ModelRepository, ProjectRepository,
                                             TaskRepository)
from services.tasks.tasks.access import TaskAccess, check_input_models
from services.tasks.tasks.cleanup import DELETED_PREFIX
from services.tasks.store.scrolling import Scrolls, find_or_scroll
from services.tasks.store.subprojects import widened_projects
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks as tasks_api

from services.tasks.projects.service import Clock, IdFactory, check_tags, unknown_project

# The task fields clearml-server lets a user set in any status: editing only these leaves the
# task's last_update alone.
USER_SET_FIELDS = frozenset({"name", "comment", "tags", "system_tags", "project", "status_message"})

# The script fields clearml-server strips of surrounding white space.
STRIPPED_SCRIPT_FIELDS = ("binary", "repository", "tag", "branch", "version_num", "entry_point", "working_dir")


def saved_name(name: str) -> str:
    """The name a new task is saved with: stripped, as clearml-server's document field does."""
    return name.strip()


def prepare_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A ``tasks.create``/``edit`` request's fields as clearml-server saves them: tags
    checked (400/16 for the ``__$`` prefix), script names and paths stripped."""
    check_tags(fields.get("tags"), fields.get("system_tags"))
    script = fields.get("script")
    if isinstance(script, dict):
        for key in STRIPPED_SCRIPT_FIELDS:
            if isinstance(script.get(key), str):
                script[key] = script[key].strip()
    return fields


class TaskService(TaskAccess):
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
        models: ModelRepository | None = None,
    ):
        super().__init__(tasks, projects, clock)
        self._new_id = new_id
        self._scrolls = scrolls
        self._references = references
        self._models = models

    async def create(self, identity: Identity, request: tasks_api.CreateRequest) -> dict[str, Any]:
        """``tasks.create``: a task in status ``created``. Unknown project -> 400/401, unknown
        parent task -> 400/101, unknown input model -> 400/201; the name is stripped; the project's
        ``last_update`` is bumped. Tags are stored
        sorted, as clearml-server's document does."""
        fields = prepare_fields(request.model_dump(mode="json", exclude_none=True))
        fields["name"] = saved_name(fields["name"])
        for key in ("tags", "system_tags"):
            if key in fields:
                fields[key] = sorted(fields[key])
        await self.check_references(identity, fields)
        await check_input_models(self._models, identity, (fields.get("models") or {}).get("input") or ())
        now = self._clock()
        doc = domain.new_task(self._new_id(), identity.company, identity.user, fields, now)
        await self._tasks.add(doc)
        if doc.get("project"):
            await self._projects.touch(identity.company, [doc["project"]], now)
        return {"id": doc["_id"]}

    async def check_references(self, identity: Identity, fields: dict[str, Any]) -> None:
        """The project must be the caller's own (a public one is read-only -> 403/21) and
        the parent a readable task, or a deleted one's mark (``tasks.create``, ``tasks.edit``,
        ``tasks.validate``)."""
        project_id = fields.get("project")
        if project_id:
            project = await self._projects.get(identity.company, project_id)
            if project is None:
                raise unknown_project(project_id)
            if not project.get("company"):
                raise ApiError.named("no_write_permission", "cannot add tasks to a public project", id=project_id)
        parent_id = fields.get("parent")
        if parent_id and not parent_id.startswith(DELETED_PREFIX) \
                and await self._tasks.get(identity.company, parent_id) is None:
            raise ApiError.named("invalid_task_id", "invalid parent", parent=parent_id)

    async def get_by_id(self, identity: Identity, request: tasks_api.GetByIdRequest) -> dict[str, Any]:
        """``tasks.get_by_id``: unknown or another company's -> 400/101 invalid_task_id (its
        data ``ids``, as clearml-server's existence check names them)."""
        doc = await self._tasks.get(identity.company, request.task)
        if doc is None:
            raise ApiError.named("invalid_task_id", ids=[request.task])
        return {"task": domain.task_to_api(doc)}

    async def get_all(self, identity: Identity, request: tasks_api.GetAllRequest) -> dict[str, Any]:
        """``tasks.get_all``: the company's (and public) tasks matching the filters;
        ``include_subprojects`` widens ``project`` to every project below the given ones."""
        projects = await widened_projects(self._projects, identity.company, request)
        query = task_query(identity.company, request, projects)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "task", request, query, self._tasks.find)
        return {"tasks": [domain.task_to_api(doc) for doc in docs], **extra}

    async def get_all_ex(self, identity: Identity, request: tasks_api.GetAllExRequest) -> dict[str, Any]:
        """``tasks.get_all_ex``: the tasks matching every ``get_all`` filter and ``filters``
        (per field ``any``/``all`` include/exclude), ordered by ``order_by`` (hyper-parameter
        values numerically), a page of them or a scroll. Hidden tasks only with
        ``search_hidden`` or by id; other companies' public tasks unless ``allow_public`` is
        false (``services.tasks.store.queries`` / ``filters``). References are answered as objects
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
        """``tasks.edit``: change fields of a ``created`` task (any status with ``force``; the
        ``status`` too, as given). The update is conditional on the status read, so a
        concurrent status change makes it fail with 400/110 instead of editing a running
        task. ``last_update`` moves unless only fields a user may set anytime change."""
        task = await self._writable_task(identity, request.task)
        if not status.may_edit(task["status"], request.force):
            raise ApiError.named("invalid_task_status", expected=status.CREATED, status=task["status"])
        fields = prepare_fields(request.model_dump(mode="json", exclude_none=True, exclude={"task", "force"}))
        if not fields:
            return {"updated": 0, "fields": {}}
        await self.check_references(identity, fields)
        await check_input_models(self._models, identity, (fields.get("models") or {}).get("input") or ())
        changes = domain.edit_changes(fields, identity.user, self._clock(), task)
        if set(fields) <= USER_SET_FIELDS:
            changes.pop("last_update")
        expected = None if request.force else status.CREATED
        if await self._tasks.update(identity.company, request.task, changes, expected) is None:
            await self._raise_lost_update(identity, request.task)
        if changes.get("project"):  # clearml-server bumps the project the task moves to only
            await self._projects.touch(identity.company, [changes["project"]], changes["last_change"])
        return {"updated": 1, "fields": domain.changes_to_api(changes)}

    async def _raise_lost_update(self, identity: Identity, task_id: str) -> None:
        """The conditional update matched nothing: the task is gone or its status changed."""
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id)
        raise ApiError.named("invalid_task_status", expected=status.CREATED, status=task["status"])

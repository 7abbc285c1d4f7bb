"""``tasks.clone``: a new ``created`` task made from another, with the overrides the SDK sends
(``Task.clone``: name, comment, tags, parent, project, ``execution_overrides``); and
``tasks.move`` (both may get-or-create a project by name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from services.tasks import domain

from services.tasks.tasks import legacy_params

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess, check_input_models
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.projects.service import ProjectService, check_tags
from services.tasks.tasks.cleanup import DELETED_PREFIX
from services.tasks.tasks.service import saved_name
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks_editing as api
from shared.schemas.tasks_internal import CopyTasksRequest

# What a clone copies from its source (stored, escaped form); the run's results are not copied.
COPIED_FIELDS = ("type", "comment", "tags", "project", "parent", "script", "hyperparams", "configuration",
                 "container", "output", "execution")
DROPPED_SYSTEM_TAGS = frozenset({status.ARCHIVED_TAG, status.DEVELOPMENT_TAG})


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``overrides`` on top of ``base``, merging nested mappings key by key."""
    out = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def clone_document(source: Document, task_id: str, user: str, now, overrides: Mapping[str, Any]) -> Document:
    """The stored clone of ``source``: copied definition, status ``created``, new clocks; only
    input artifacts and input models are kept; ``output`` keeps only the destination. Its
    parent is the source's, or the source itself when that has none (or a deleted one)."""
    doc: Document = {key: source[key] for key in COPIED_FIELDS if key in source}
    doc["name"] = source.get("name")
    parent = source.get("parent")
    doc["parent"] = parent if parent and not parent.startswith(DELETED_PREFIX) else source["_id"]
    doc["system_tags"] = [t for t in source.get("system_tags") or [] if t not in DROPPED_SYSTEM_TAGS]
    execution = dict(doc.get("execution") or {})
    execution.pop("queue", None)
    execution["artifacts"] = [a for a in execution.get("artifacts") or [] if a.get("mode") == "input"]
    doc["execution"] = execution
    if "output" in doc:
        doc["output"] = {k: v for k, v in doc["output"].items() if k == "destination"}
    models = source.get("models") or {}
    doc["models"] = {"input": models.get("input") or [], "output": []}
    doc["runtime"] = {}  # not copied: a new task's runtime starts empty, as in ClearML
    doc.update({k: v for k, v in overrides.items() if v is not None})
    return {
        **doc,
        "_id": task_id,
        "company": source["company"] or "",
        "user": user,
        "status": status.CREATED,
        "last_iteration": 0,
        "created": now,
        "last_update": now,
        "last_change": now,
        "last_changed_by": user,
        "status_changed": now,
    }


def _single_model_overrides(request: api.CloneRequest, fields: Mapping[str, Any]) -> dict[str, Any]:
    """``execution_overrides`` with its ``model`` (the input model, unless input models are
    given) and ``docker_cmd`` (the container, unless one is given) moved where they live
    now, as clearml-server does for every API version."""
    execution = request.execution_overrides.model_dump(exclude_none=True)
    out: dict[str, Any] = {"execution": execution}
    model = execution.pop("model", None)
    if model and not fields.get("models"):
        out["models"] = {"input": [{"name": legacy_params.INPUT_MODEL_NAME, "model": model}], "output": []}
    docker_cmd = execution.pop("docker_cmd", None)
    if docker_cmd and not fields.get("container"):
        image, _, arguments = docker_cmd.partition(" ")
        out["container"] = {"image": image, "arguments": arguments}
    return out


class CloneService(TaskAccess):
    """``tasks.clone``."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, project_service: ProjectService,
                 clock: Clock = domain.utc_now, new_id: Callable[[], str] = domain.new_id,
                 models: ModelRepository | None = None):
        super().__init__(tasks, projects, clock)
        self._project_service = project_service
        self._new_id = new_id
        self._models = models

    async def clone(self, identity: Identity, request: api.CloneRequest) -> dict[str, Any]:
        """``tasks.clone``: the source must be readable (400/101); the clone belongs to the
        caller. ``new_project_name`` (unless ``new_task_project`` is given) gets or creates that
        project, answered as ``new_project``; given input models must
        exist (400/201; all of the clone's with ``validate_references``); tags starting with ``__$``
        -> 400/16; tags are stored sorted. Answers ``{id, new_project?}``."""
        check_tags(request.new_task_tags, request.new_task_system_tags)
        source = await self._readable_task(identity, request.task)
        answer: dict[str, Any] = {}
        project = request.new_task_project
        if not project and request.new_project_name:
            doc, _ = await self._project_service.ensure(identity, request.new_project_name)
            project = doc["_id"]
            answer["new_project"] = {"id": doc["_id"], "name": request.new_project_name}
        overrides = await self._overrides(request, source)
        doc = clone_document(source, self._new_id(), identity.user, self._clock(), overrides)
        if project:
            doc["project"] = project
        await self._check_references(identity, doc, request, given_project=bool(project))
        if request.validate_references or "models" in overrides:
            # Input models given (or validate_references): the clone's must all exist (400/201).
            await check_input_models(self._models, identity, doc["models"]["input"])
        doc["company"] = identity.company
        doc["name"] = saved_name(doc.get("name") or "")
        for key in ("tags", "system_tags"):
            doc[key] = sorted(doc.get(key) or [])
        await self._tasks.add(doc)
        if doc.get("project"):
            await self._projects.touch(identity.company, [doc["project"]], self._clock())
        return {"id": doc["_id"], **answer}

    async def _check_references(self, identity: Identity, doc: Document, request: api.CloneRequest,
                                given_project: bool) -> None:
        """What clearml-server's clone validates: the parent when given (or with
        ``validate_references``: 400/101 unless a deleted one's mark), then the project when
        given (or with ``validate_references``: unknown -> 400/401, public -> 403/21)."""
        parent = doc.get("parent")
        if parent and (request.new_task_parent or request.validate_references) \
                and not parent.startswith(DELETED_PREFIX) and await self._tasks.get(identity.company, parent) is None:
            raise ApiError.named("invalid_task_id", "invalid parent", parent=parent)
        project = doc.get("project")
        if project and (given_project or request.validate_references):
            found = await self._projects.get(identity.company, project)
            if found is None:
                raise ApiError.named("invalid_project_id", id=project)
            if not found.get("company"):
                raise ApiError.named("no_write_permission", "cannot add tasks to a public project", id=project)

    async def _overrides(self, request: api.CloneRequest, source: Document) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "name": request.new_task_name,
            "comment": request.new_task_comment,
            "tags": request.new_task_tags,
            "system_tags": request.new_task_system_tags,
            "parent": request.new_task_parent,
            "container": request.new_task_container,
        }
        if request.new_task_hyperparams is not None:
            fields["hyperparams"] = {s: {n: p.model_dump(exclude_none=True) for n, p in ps.items()}
                                     for s, ps in request.new_task_hyperparams.items()}
        if request.new_task_configuration is not None:
            configuration = request.new_task_configuration.items()
            fields["configuration"] = {n: c.model_dump(exclude_none=True) for n, c in configuration}
        if request.new_task_input_models:
            fields["models"] = {"input": request.new_task_input_models, "output": []}
        if request.execution_overrides is not None:
            fields.update(_single_model_overrides(request, fields))
        # An empty override keeps the source's value, as in ClearML.
        given = {k: v for k, v in fields.items() if v}
        # Legacy parameters among the overrides become hyper-parameters (configuration) as in
        # tasks.edit: over the source's own unless new ones are given.
        stored = domain.escape_task(domain.task_fields(given, domain.unescape_task(source)))
        if "execution" in stored:
            base = dict(source.get("execution") or {})
            base["artifacts"] = [a for a in base.get("artifacts") or [] if a.get("mode") == "input"]
            stored["execution"] = deep_merge(base, stored["execution"])
        return stored

    async def copy(self, identity: Identity, request: CopyTasksRequest) -> dict[str, Any]:
        """``internal.copy_tasks`` (identity's ``system.copy_tasks``): each task readable by
        ``source_company`` copied into the caller's company as a new ``created`` task of the
        caller's user (as a clone is), in ``project`` (400/401 unless the caller's company has
        it) or ``new_project_name``. Every source is checked (400/101) before anything is
        written. A copy into another company keeps neither parent nor project there."""
        sources = [await self._tasks.get(request.source_company, t) for t in request.tasks]
        missing = [t for t, s in zip(request.tasks, sources) if s is None]
        if missing:
            raise ApiError.named("invalid_task_id", ids=missing)
        project = await self._copy_project(identity, request)
        now = self._clock()
        ids = []
        for source in sources:
            doc = clone_document(source, self._new_id(), identity.user, now, {})
            if source.get("company") != identity.company:
                doc.pop("parent", None)
                doc.pop("project", None)
            if project:
                doc["project"] = project
            doc["company"] = identity.company
            await self._tasks.add(doc)
            ids.append(doc["_id"])
        if project:
            await self._projects.touch(identity.company, [project], now)
        return {"ids": ids}

    async def _copy_project(self, identity: Identity, request: CopyTasksRequest) -> str | None:
        if request.project:
            if await self._projects.get(identity.company, request.project) is None:
                raise ApiError.named("invalid_project_id", id=request.project)
            return request.project
        if request.new_project_name:
            return (await self._project_service.ensure(identity, request.new_project_name))[0]["_id"]
        return None

    async def move(self, identity: Identity, request: api.MoveRequest) -> dict[str, Any]:
        """``tasks.move``: the caller's tasks into ``project``, else ``project_name`` (got or
        created), out of any project with ``project`` given empty (null); neither given ->
        400/11, an unknown task -> 400/101 before anything moves or is created."""
        if "project" not in request.model_fields_set and not request.project_name:
            raise ApiError.named("missing_required_fields", "project or project_name is required")
        tasks = await self._writable_tasks(identity, request.ids)
        project_id: str | None = None
        if request.project:
            project = await self._projects.get(identity.company, request.project)
            if project is None or not project.get("company"):
                raise ApiError.named("invalid_project_id", id=request.project)
            project_id = project["_id"]
        elif request.project_name:
            project_id = (await self._project_service.ensure(identity, request.project_name))[0]["_id"]
        now = self._clock()
        for task in tasks:
            if project_id is None:
                await self._tasks.update(identity.company, task["_id"], {"last_update": now}, unset=["project"])
            else:
                await self._tasks.update(identity.company, task["_id"], {"project": project_id, "last_update": now})
        touched = {t["project"] for t in tasks if t.get("project")} | ({project_id} if project_id else set())
        await self._projects.touch(identity.company, sorted(touched), now)
        return {"project_id": project_id}

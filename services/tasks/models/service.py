"""Use cases of ClearML's ``models`` service: ``models.create``, ``edit``, ``update``,
``update_for_task``, ``get_by_id``, ``get_by_task_id``, ``get_all``, ``set_ready``,
``publish_many``, ``delete``, ``delete_many``, ``archive_many``, ``unarchive_many``,
``add_or_update_metadata``, ``delete_metadata``, ``get_frameworks``.

Stored in the ``model`` collection like tasks (``_id``, ``company``, dates as datetimes,
``metadata.<escaped key> = {key, type, value}``). ``ready`` is ClearML's "published".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.tasks import domain
from services.tasks.permissions.scope import require_write

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, for_each
from services.tasks.events_port import EventsPort
from services.tasks.facts import FactPublisher, model_deleted
from services.tasks.tasks.lifecycle import LifecycleService
from services.tasks.store.criteria import Selection
from services.tasks.store.queries import model_query
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.store.scrolling import Scrolls, find_or_scroll
from services.tasks.store.subprojects import widened_projects
from services.tasks.tasks.cleanup import DELETED_PREFIX
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import models as api

# The fields whose change is a change of the model (its ``last_update``), as clearml-server
# counts them; renaming, commenting or moving a model only stamps ``last_change``.
MODEL_CONTENT_FIELDS = frozenset({"uri", "framework", "design", "labels", "ready", "metadata", "system_tags", "tags"})
# The name of the one output entry ``models.update_for_task`` leaves on a task.
OUTPUT_MODEL_NAME = "Output Model"


def model_to_api(doc: Document) -> dict[str, Any]:
    """A stored model as ClearML returns it (metadata keys unescaped)."""
    out = dict(doc)
    if isinstance(out.get("metadata"), dict):
        out["metadata"] = {domain.unescape_key(k): v for k, v in out["metadata"].items()}
    return domain.to_api(out)


def model_of_task(task: Document, request: api.UpdateForTaskRequest) -> Document:
    """The fields of the model ``models.update_for_task`` makes for ``task``, as clearml-server
    fills them: the task's project, framework and labels, its first input model as parent, its
    name and a "Created by task" comment unless given; a draft (the task is not published)."""
    execution = task.get("execution") or {}
    inputs = (task.get("models") or {}).get("input") or []
    fields = {"uri": request.uri, "task": task["_id"], "project": task.get("project"),
              "framework": execution.get("framework"),
              "labels": {domain.unescape_key(k): v for k, v in (execution.get("model_labels") or {}).items()},
              "parent": inputs[0].get("model") if inputs else None, "ready": False,
              **_given_model_fields(task, request)}
    return {k: v for k, v in fields.items() if v is not None}


def _given_model_fields(task: Document, request: api.UpdateForTaskRequest) -> Document:
    """What ``models.update_for_task`` writes from the request (to a new model or to the
    task's last output model)."""
    given = request.model_dump(exclude_unset=True, include={"uri", "name", "comment", "tags", "system_tags"})
    given.setdefault("name", task.get("name"))
    given.setdefault("comment", f"Created by task `{task.get('name')}` ({task['_id']})")
    return given


class ModelService:
    """``models.*`` use cases."""

    def __init__(self, models: ModelRepository, tasks: TaskRepository, projects: ProjectRepository,
                 lifecycle: LifecycleService, clock: Clock = domain.utc_now,
                 new_id: Callable[[], str] = domain.new_id, scrolls: Scrolls | None = None,
                 facts: FactPublisher | None = None, events: EventsPort | None = None):
        self._models = models
        self._tasks = tasks
        self._projects = projects
        self._lifecycle = lifecycle
        self._clock = clock
        self._new_id = new_id
        self._scrolls = scrolls
        self._facts = facts
        self._events = events

    async def _readable(self, identity: Identity, model_id: str) -> Document:
        model = await self._models.get(identity.company, model_id)
        if model is None:
            raise ApiError.named("invalid_model_id", id=model_id)
        return model

    async def _writable(self, identity: Identity, model_id: str) -> Document:
        """The caller's own model: clearml-server looks writes up in the company only, so a
        public model is as unknown as a missing one (400/201)."""
        model = await self._readable(identity, model_id)
        if not model.get("company"):
            raise ApiError.named("invalid_model_id", id=model_id)
        require_write("model", model)
        return model

    async def _check_references(self, identity: Identity, fields: Document) -> None:
        if fields.get("project") and await self._projects.get(identity.company, fields["project"]) is None:
            raise ApiError.named("invalid_project_id", id=fields["project"])
        if fields.get("task") and await self._tasks.get(identity.company, fields["task"]) is None:
            raise ApiError.named("invalid_task_id", id=fields["task"])

    async def _set(self, identity: Identity, model: Document, changes: Document, **how: Any):
        """Change the model (``how``: ``unset``, ``add_tags``, ``remove_tags`` as the
        repository's ``update`` takes them), stamping its ``last_update`` and its project's."""
        now = self._clock()
        changes = {**changes, "last_update": now}
        await self._models.update(identity.company, model["_id"], changes, **how)
        if model.get("project"):
            await self._projects.touch(identity.company, [model["project"]], now)
        return changes

    async def create(self, identity: Identity, request: api.CreateRequest) -> dict[str, Any]:
        """``models.create``: unknown project -> 400/401, unknown task -> 400/101. A
        ``public`` model belongs to no company (its project and task must be public too);
        ``metadata`` items (a list, or by key) are stored by their escaped key."""
        if request.public:
            identity = identity.model_copy(update={"company": ""})
        fields = request.model_dump(exclude_none=True, exclude={"public", "metadata"})
        if request.metadata:
            items = request.metadata.values() if isinstance(request.metadata, dict) else request.metadata
            fields["metadata"] = {domain.escape_key(i.key): i.model_dump() for i in items}
        await self._check_references(identity, fields)
        doc = self._new_model(identity, fields)
        await self._models.add(doc)
        return {"id": doc["_id"], "created": True}

    def _new_model(self, identity: Identity, fields: Document) -> Document:
        now = self._clock()
        # The empty parts clearml-server stores for a model a client leaves them out of.
        defaults = {"tags": [], "system_tags": [], "ready": False, "comment": "", "uri": "", "labels": {},
                    "design": {}}
        return {**defaults, **fields, "_id": self._new_id(), "company": identity.company, "user": identity.user,
                "created": now, "last_update": now, "last_change": now, "last_changed_by": identity.user}

    async def get_by_id(self, identity: Identity, request: api.GetByIdRequest) -> dict[str, Any]:
        """``models.get_by_id``: unknown or another company's -> 400/201; ``only_fields``
        as in ``get_all``."""
        if not request.only_fields:
            return {"model": model_to_api(await self._readable(identity, request.model))}
        query = model_query(identity.company, api.GetAllRequest(id=[request.model], only_fields=request.only_fields))
        found = await self._models.find(query)
        if not found:
            raise ApiError.named("invalid_model_id", id=request.model)
        return {"model": model_to_api(found[0])}

    async def get_all(self, identity: Identity, request: api.GetAllRequest) -> dict[str, Any]:
        """``models.get_all``: the company's (and public) models matching the filters."""
        projects = await widened_projects(self._projects, identity.company, request)
        query = model_query(identity.company, request, projects)
        docs, extra = await find_or_scroll(self._scrolls, identity.company, "model", request, query, self._models.find)
        return {"models": [model_to_api(doc) for doc in docs], **extra}

    async def edit(self, identity: Identity, request: api.EditRequest) -> dict[str, Any]:
        """``models.edit``: ``{updated, fields}``; ``iteration`` raises the last iteration of
        the model's task (or of the ``task`` given), not of the model. A ``task`` marked
        ``__DELETED__`` is ignored."""
        model = await self._writable(identity, request.model)
        fields = request.model_dump(exclude_none=True, exclude={"model", "iteration"})
        if fields.get("task", "").startswith(DELETED_PREFIX):
            del fields["task"]  # a deleted task's mark, as read back from the model: nothing to set
        await self._raise_task_iteration(identity, model.get("task") or fields.get("task"), request.iteration)
        return await self._update(identity, model, fields)

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``models.update``: ``{updated, fields}``; ``iteration`` raises the last iteration of
        the ``task`` given with it (clearml-server ignores it without one)."""
        model = await self._writable(identity, request.model)
        fields = request.model_dump(exclude_none=True, exclude={"model", "iteration"})
        await self._raise_task_iteration(identity, fields.get("task"), request.iteration)
        return await self._update(identity, model, fields)

    async def _raise_task_iteration(self, identity: Identity, task_id: str | None, iteration: int | None) -> None:
        if task_id and iteration is not None:
            await self._tasks.record_metrics(identity.company, task_id, {}, iteration, self._clock())

    async def _update(self, identity: Identity, model: Document, fields: Document) -> dict[str, Any]:
        """Stamp ``last_change``/``last_changed_by`` (answered in ``fields``), and
        ``last_update`` only when the model itself changed (``MODEL_CONTENT_FIELDS``);
        a new ``uri`` clears ``ui_cache``."""
        await self._check_references(identity, fields)
        if not fields:
            return {"updated": 0, "fields": {}}
        if "uri" in fields:
            fields.setdefault("ui_cache", {})
        now = self._clock()
        changes = {**fields, "last_change": now, "last_changed_by": identity.user}
        stamped = {**changes, "last_update": now} if MODEL_CONTENT_FIELDS.intersection(fields) else changes
        await self._models.update(identity.company, model["_id"], stamped)
        if model.get("project"):
            await self._projects.touch(identity.company, [model["project"]], now)
        return {"updated": 1, "fields": domain.to_api(changes)}

    async def update_for_task(self, identity: Identity, request: api.UpdateForTaskRequest) -> dict[str, Any]:
        """``models.update_for_task`` (the SDK's way below API 2.13): exactly one of ``uri``
        and ``override_model_id`` (else 400/11), for a ``created`` or ``in_progress`` task of
        the caller (else 400/110). ``override_model_id`` becomes the task's output; a ``uri``
        updates the task's last output model (``{updated, fields, id, created: false}``) or,
        without one, makes a new model of the task. The task's outputs are then that one model,
        named "Output Model" (``{id, created: true}``); ``iteration`` raises its last iteration."""
        if bool(request.uri) == bool(request.override_model_id):
            raise ApiError.named("missing_required_fields", "exactly one field is required",
                                 fields=["uri", "override_model_id"])
        task = await self._tasks.get(identity.company, request.task)
        if task is None or not task.get("company"):
            raise ApiError.named("invalid_task_id", id=request.task)
        if task["status"] not in (status.CREATED, status.IN_PROGRESS):
            raise ApiError.named("invalid_task_status", "model can only be updated for created or running tasks",
                                 id=request.task, status=task["status"])
        if request.override_model_id:
            model = await self._writable(identity, request.override_model_id)
        elif outputs := (task.get("models") or {}).get("output"):
            model = await self._writable(identity, outputs[-1]["model"])
            await self._raise_task_iteration(identity, task["_id"], request.iteration)
            answer = await self._update(identity, model, _given_model_fields(task, request))
            return {**answer, "id": model["_id"], "created": False}
        else:
            model = self._new_model(identity, model_of_task(task, request))
            await self._models.add(model)
        await self._set_output(identity, task, model, request.iteration)
        return {"id": model["_id"], "created": True}

    async def _set_output(self, identity: Identity, task: Document, model: Document, iteration: int | None) -> None:
        now = self._clock()
        output = [{"name": OUTPUT_MODEL_NAME, "model": model["_id"], "updated": now}]
        await self._tasks.update(identity.company, task["_id"], {"models.output": output, "last_update": now})
        if iteration is not None:
            await self._tasks.record_metrics(identity.company, task["_id"], {}, iteration, now)

    async def set_ready(self, identity: Identity, request: api.SetReadyRequest) -> dict[str, Any]:
        """``models.set_ready``: publish; a ready model -> 400/203. With ``publish_task`` its
        task is published first (unless already): a task that may not be published leaves
        the model a draft, as in ClearML. ``{updated, published_task?}``."""
        model = await self._writable(identity, request.model)
        if model.get("ready"):
            raise ApiError.named("model_is_ready", id=request.model)
        answer: dict[str, Any] = {"updated": 1}
        task = await self._tasks.get(identity.company, model["task"]) if model.get("task") else None
        if request.publish_task and task is not None and task["status"] != status.PUBLISHED:
            data = await self._lifecycle._publish(identity, task, request.force_publish_task, None, None)
            answer["published_task"] = {"id": task["_id"], "data": data}
        await self._set(identity, model, {"ready": True})
        return answer

    async def get_by_task_id(self, identity: Identity, request: api.GetByTaskIdRequest) -> dict[str, Any]:
        """``models.get_by_task_id`` (clients below API 2.13): the task's last output model.
        An unknown task -> 400/101, one without output models -> 400/122, an output model
        gone -> 400/201."""
        if not request.task:
            raise ApiError.named("missing_required_fields", "task is required", field="task")
        task = await self._tasks.get(identity.company, request.task)
        if task is None or not task.get("company"):
            raise ApiError.named("invalid_task_id", id=request.task)
        outputs = (task.get("models") or {}).get("output") or []
        if not outputs:
            raise ApiError.named("missing_task_fields", field="models.output")
        return {"model": model_to_api(await self._readable(identity, outputs[-1]["model"]))}

    async def publish_many(self, identity: Identity, request: api.PublishManyRequest) -> dict[str, Any]:
        """``models.publish_many``: ``set_ready`` per id, each answering ``updated`` as a
        boolean and ``published_task`` (null when no task was published)."""

        async def one(model_id: str) -> dict[str, Any]:
            ready = api.SetReadyRequest(model=model_id, publish_task=request.publish_task,
                                        force_publish_task=request.force_publish_task)
            answer = await self.set_ready(identity, ready)
            return {"updated": bool(answer["updated"]), "published_task": answer.get("published_task")}

        return await for_each(request.ids, one)

    async def delete_many(self, identity: Identity, request: api.DeleteManyRequest) -> dict[str, Any]:
        """``models.delete_many``: ``delete`` per id."""

        async def one(model_id: str) -> dict[str, Any]:
            return await self.delete(identity, api.DeleteRequest(
                model=model_id, force=request.force, delete_external_artifacts=request.delete_external_artifacts))

        return await for_each(request.ids, one)

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``models.delete``: without ``force``, a model other tasks use as input -> 400/205,
        and the model of a published task -> 400/206. Tasks using it then point at
        ``__DELETED__<id>``; so does a published task's output entry (its ``output.error``
        says when), while any other task just loses it from its outputs. The model's events
        are gone when it answers, as in ClearML (the events process, ``events.delete_for_model``);
        ``ModelDeleted`` is announced for its file (kept with ``delete_external_artifacts``
        false). Answers ``{deleted, url}``."""
        model = await self._writable(identity, request.model)
        users = await self._tasks.select(Selection(identity.company, public=True, input_models=[model["_id"]]),
                                         ["models.input"])
        if users and not request.force:
            raise ApiError.named("model_in_use", "as execution model, use force=True to delete",
                                 id=request.model, num_tasks=len(users))
        task = await self._tasks.get(identity.company, model["task"]) if model.get("task") else None
        published = task is not None and task["status"] == status.PUBLISHED
        if published and not request.force:
            raise ApiError.named("model_creating_task_exists", "and published, use force=True to delete",
                                 task=model["task"])
        for user in users:
            await self._replace_model(identity, user, "input", model["_id"])
        if task is not None:
            await self._replace_model(identity, task, "output", model["_id"], keep_mark=published)
        if self._events is not None:
            await self._events.delete_model_events(identity, model["_id"])
        gone = model_deleted(model, identity.company, request.delete_external_artifacts)
        if await self._models.delete(identity.company, model["_id"], [gone]) and self._facts is not None:
            await self._facts.publish([gone])  # recorded in the outbox with the deletion
        return {"deleted": True, "url": model.get("uri")}

    async def _replace_model(self, identity: Identity, task: Document, kind: str, model_id: str,
                             keep_mark: bool = True) -> None:
        """A deleted model in the task's ``kind`` models: marked ``__DELETED__<id>`` (inputs,
        a published task's outputs, with ``output.error`` saying when) or dropped."""
        stored = (task.get("models") or {}).get(kind) or []
        if not any(m.get("model") == model_id for m in stored):
            return
        changes: Document = {}
        if kind == "output":
            changes.update(last_change=self._clock(), last_changed_by=identity.user)
        if keep_mark:
            marked = f"{DELETED_PREFIX}{model_id}"
            changes[f"models.{kind}"] = [{**m, "model": marked} if m.get("model") == model_id else m for m in stored]
            if kind == "output":
                changes["output.error"] = f"model deleted on {self._clock().isoformat()}"
        else:
            changes[f"models.{kind}"] = [m for m in stored if m.get("model") != model_id]
        await self._tasks.update(identity.company, task["_id"], changes)

    async def archive_many(self, identity: Identity, request: api.IdsRequest) -> dict[str, Any]:
        """``models.archive_many``: add the ``archived`` system tag."""
        return await self._tag_many(identity, request.ids, "archived", add_tags=status.ARCHIVED)

    async def unarchive_many(self, identity: Identity, request: api.IdsRequest) -> dict[str, Any]:
        """``models.unarchive_many``: remove the ``archived`` system tag."""
        return await self._tag_many(identity, request.ids, "unarchived", remove_tags=status.ARCHIVED)

    async def _tag_many(self, identity: Identity, ids: list[str], answer: str, **tags: Any) -> dict[str, Any]:
        async def one(model_id: str) -> dict[str, Any]:
            model = await self._writable(identity, model_id)
            await self._set(identity, model, {}, **tags)
            return {answer: True}

        return await for_each(ids, one)

    async def add_or_update_metadata(self, identity: Identity, request: api.AddOrUpdateMetadataRequest):
        """``models.add_or_update_metadata``: items by key (``replace_metadata``: all);
        stamps ``last_change``/``last_changed_by`` too."""
        model = await self._writable(identity, request.model)
        items = {domain.escape_key(i.key): i.model_dump(exclude_none=True) for i in request.metadata}
        changes = {"metadata": items} if request.replace_metadata else {f"metadata.{k}": v for k, v in items.items()}
        await self._set(identity, model, {**changes, **self._changed_by(identity)})
        return {"updated": 1}

    async def delete_metadata(self, identity: Identity, request: api.DeleteMetadataRequest) -> dict[str, Any]:
        """``models.delete_metadata``: ``{updated: 1}`` even when no key was there (ClearML
        counts the model, stamped as changed, not the keys)."""
        model = await self._writable(identity, request.model)
        keys = [f"metadata.{domain.escape_key(k)}" for k in request.keys]
        await self._set(identity, model, self._changed_by(identity), unset=keys)
        return {"updated": 1}

    def _changed_by(self, identity: Identity) -> Document:
        return {"last_change": self._clock(), "last_changed_by": identity.user}

    async def get_frameworks(self, identity: Identity, request: api.GetFrameworksRequest) -> dict[str, Any]:
        """``models.get_frameworks``: distinct frameworks of the company's (and public)
        models, in ``projects`` and the projects below them."""
        projects = None
        if request.projects:
            below = await self._projects.descendant_ids(identity.company, request.projects)
            projects = list(dict.fromkeys([*request.projects, *below]))
        selection = Selection(identity.company, public=True, projects=projects)
        # an empty framework is no framework: ClearML leaves it out
        return {"frameworks": sorted(filter(None, await self._models.distinct("framework", selection)))}

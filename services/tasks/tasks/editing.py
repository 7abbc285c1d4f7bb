"""Use cases editing parts of a task: ``tasks.add_or_update_artifacts``, ``delete_artifacts``,
``add_or_update_model``, ``delete_models``, ``set_requirements``, ``update``,
``update_batch`` and ``get_types``.

Artifacts and models are lists read, changed and written back under the status read; writes
about one task arrive in order (the gateway keys them by task id), so no edit is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.tasks import domain
from services.tasks.tasks import status
from services.tasks.projects.service import check_tags
from services.tasks.tasks.access import TaskAccess
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks_editing as api
from shared.schemas.tasks import TaskTypeEnum

DEFAULT_ARTIFACT_MODE = "output"
# The task types clearml-server knows: those tasks.create takes, and reports.
TASK_TYPES = frozenset({*(t.value for t in TaskTypeEnum), "report"})


def artifact_key(artifact: dict[str, Any]) -> tuple[str, str]:
    return artifact["key"], artifact.get("mode") or DEFAULT_ARTIFACT_MODE


def merge_artifacts(stored: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Artifacts are identified by (key, mode): a new one replaces the stored one. Kept in
    ClearML's reading order, by key then mode."""
    merged = {artifact_key(a): a for a in stored}
    for artifact in new:
        merged[artifact_key(artifact)] = {**artifact, "mode": artifact.get("mode") or DEFAULT_ARTIFACT_MODE}
    return [merged[key] for key in sorted(merged)]


def merge_model(stored: Sequence[dict[str, Any]], item: dict[str, Any]) -> list[dict[str, Any]]:
    """A task's models of one kind are identified by name: replace in place or append."""
    out = [dict(m) for m in stored]
    for index, model in enumerate(out):
        if model.get("name") == item["name"]:
            out[index] = item
            return out
    return [*out, item]


class EditingService(TaskAccess):
    """Artifacts, models, requirements and plain field updates of tasks."""

    async def _editable(self, identity: Identity, task_id: str) -> Document:
        """A task whose artifacts and models may change: ``created`` or ``in_progress``,
        whatever the request's ``force`` (clearml-server always forces these updates)."""
        task = await self._writable_task(identity, task_id)
        if not status.may_update(task["status"], force=True):
            raise ApiError.named("invalid_task_status", expected=status.CREATED, status=task["status"])
        return task

    async def _write(self, identity: Identity, task: Document, changes: Document, last_update: bool = True) -> Document:
        now = self._clock()
        stamps = {"last_change": now, "last_changed_by": identity.user, **({"last_update": now} if last_update else {})}
        changes = {**changes, **stamps}
        # clearml-server bumps only a project the task moves to (tasks.update), not its own.
        await self._apply(identity, task, changes, touch=False)
        if changes.get("project"):
            await self._projects.touch(identity.company, [changes["project"]], now)
        return changes

    async def add_or_update_artifacts(
        self, identity: Identity, request: api.AddOrUpdateArtifactsRequest
    ) -> dict[str, Any]:
        """``tasks.add_or_update_artifacts``: ``created`` or ``in_progress`` tasks (400/110)."""
        task = await self._editable(identity, request.task)
        stored = (task.get("execution") or {}).get("artifacts") or []
        new = [a.model_dump(exclude_none=True) for a in request.artifacts]
        await self._write(identity, task, {"execution.artifacts": merge_artifacts(stored, new)})
        return {"updated": 1}

    async def delete_artifacts(self, identity: Identity, request: api.DeleteArtifactsRequest) -> dict[str, Any]:
        """``tasks.delete_artifacts``: by (key, mode) of a ``created`` or ``in_progress`` task;
        answers ``{deleted: 1}`` even when none of them was there, as ClearML does."""
        task = await self._editable(identity, request.task)
        stored = (task.get("execution") or {}).get("artifacts") or []
        drop = {(a.key, a.mode or DEFAULT_ARTIFACT_MODE) for a in request.artifacts}
        kept = [a for a in stored if artifact_key(a) not in drop]
        await self._write(identity, task, {"execution.artifacts": kept})
        return {"deleted": 1}

    async def add_or_update_model(self, identity: Identity, request: api.AddOrUpdateModelRequest) -> dict[str, Any]:
        """``tasks.add_or_update_model``: a named input/output model of a ``created`` or
        ``in_progress`` task (the SDK reports output models of running tasks)."""
        task = await self._editable(identity, request.task)
        item = {"name": request.name, "model": request.model, "updated": self._clock()}
        stored = (task.get("models") or {}).get(request.type) or []
        changes: Document = {f"models.{request.type}": merge_model(stored, item)}
        if request.iteration is not None:
            changes["last_iteration"] = max(request.iteration, task.get("last_iteration") or 0)
        await self._write(identity, task, changes)
        return {"updated": 1}

    async def delete_models(self, identity: Identity, request: api.DeleteModelsRequest) -> dict[str, Any]:
        """``tasks.delete_models``: remove named models of a ``created`` or ``in_progress``
        task; answers ``{updated: 1}`` even when none of them was there, as ClearML does."""
        task = await self._editable(identity, request.task)
        models = task.get("models") or {}
        changes: Document = {}
        for kind in ("input", "output"):
            names = {m.name for m in request.models if m.type == kind}
            changes[f"models.{kind}"] = [m for m in models.get(kind) or [] if m.get("name") not in names]
        await self._write(identity, task, changes, last_update=False)
        return {"updated": 1}

    async def set_requirements(self, identity: Identity, request: api.SetRequirementsRequest) -> dict[str, Any]:
        """``tasks.set_requirements``: ``script.requirements`` in any status; a task without a
        script -> 400/122 missing_task_fields."""
        task = await self._writable_task(identity, request.task)
        if not task.get("script"):
            raise ApiError.named("missing_task_fields", "task has no script", id=request.task)
        await self._write(identity, task, {"script.requirements": request.requirements})
        return {"updated": 1, "fields": {"script.requirements": request.requirements}}

    async def update(self, identity: Identity, request: api.UpdateRequest) -> dict[str, Any]:
        """``tasks.update``: name, comment, tags, project, status (reason, message) and
        ``output.error`` in any status. Like clearml-server it stamps ``last_change`` but
        not ``last_update``; tags starting with ``__$`` -> 400/16."""
        task = await self._writable_task(identity, request.task)
        fields = await self._update_fields(identity, request)
        if not fields:
            return {"updated": 0, "fields": {}}
        changes = await self._write(identity, task, fields, last_update=False)
        return {"updated": 1, "fields": domain.changes_to_api(changes)}

    async def _update_fields(self, identity: Identity, request: api.UpdateRequest) -> Document:
        """The ``$set`` of a ``tasks.update`` request, its tags and project checked."""
        fields = request.model_dump(exclude_none=True, exclude={"task", "created"})
        check_tags(fields.get("tags"), fields.get("system_tags"))
        if "output__error" in fields:
            fields["output.error"] = fields.pop("output__error")
        if fields.get("project"):
            project = await self._projects.get(identity.company, fields["project"])
            if project is None or not project.get("company"):
                raise ApiError.named("invalid_project_id", id=fields["project"])
        return fields

    async def update_batch(self, identity: Identity, requests: list[api.UpdateRequest]) -> dict[str, Any]:
        """``tasks.update_batch`` (JSON lines): ``update`` per line (the last line of a task
        wins), once every task was found (else 400/101) and every line checked: a bad line
        changes nothing. Answers ``{updated: n}``."""
        if not requests:
            raise ApiError.named("batch_contains_no_items")
        by_task = {request.task: request for request in requests}
        tasks = dict(zip(by_task, await self._writable_tasks(identity, by_task)))
        plans = [(tasks[t], await self._update_fields(identity, r)) for t, r in by_task.items()]
        for task, fields in plans:
            if fields:
                await self._write(identity, task, fields, last_update=False)
        return {"updated": sum(1 for _, fields in plans if fields)}

    async def edit_runtime(self, identity: Identity, request: api.EditRuntimeRequest) -> dict[str, Any]:
        """``tasks.edit_runtime``: runtime properties of a created or running task, whatever
        ``force`` (clearml-server always forces it; 400/110 otherwise); keys with dots and
        ``$`` are stored escaped."""
        task = await self._editable(identity, request.task)
        set_ = {f"runtime.{domain.escape_key(k)}": v for k, v in (request.add_or_update or {}).items()}
        kept = request.add_or_update or {}
        unset = [f"runtime.{domain.escape_key(k)}" for k in dict.fromkeys(request.remove or ()) if k not in kept]
        if not set_ and not unset:
            return {"updated": 0}
        now = self._clock()
        set_.update(last_update=now, last_change=now, last_changed_by=identity.user)
        await self._apply(identity, task, set_, unset=unset, touch=False)
        return {"updated": 1}

    async def update_tags(self, identity: Identity, request: api.UpdateTagsRequest) -> dict[str, Any]:
        """``tasks.update_tags``: add, then remove, user tags of the caller's tasks ``ids``
        (an unknown one -> 400/101, a public one -> 403/21, before any change); no ids, or
        no tags to add or remove -> 400/12. Like clearml-server it counts each of the two
        updates per task and stamps ``last_change``. Answers ``{updated: <count>}``."""
        ids = list(dict.fromkeys(request.ids or ()))
        await self._writable_tasks(identity, ids)
        if not ids:
            raise ApiError.named("validation_error", "No entity ids provided for editing tags")
        if not (request.add_tags or request.remove_tags):
            raise ApiError.named("validation_error", "Either add tags or remove tags should be provided")
        selection = Selection(identity.company, ids=ids)
        stamps = {"last_change": self._clock(), "last_changed_by": identity.user}
        updated = 0
        if request.add_tags:
            updated += await self._tasks.update_many(selection, stamps, add_tags={"tags": request.add_tags})
        if request.remove_tags:
            updated += await self._tasks.update_many(selection, stamps, remove_tags={"tags": request.remove_tags})
        if updated:
            projects = {t["project"] for t in await self._tasks.select(selection, ["project"]) if t.get("project")}
            await self._projects.touch(identity.company, sorted(projects), self._clock())
        return {"updated": updated}

    async def get_types(self, identity: Identity, request: api.GetTypesRequest) -> dict[str, Any]:
        """``tasks.get_types``: the distinct types of the company's (and public) tasks, in
        ``projects`` and their sub-projects when given; only the types ClearML knows."""
        selection = Selection(identity.company, public=True)
        if request.projects:
            below = await self._projects.descendant_ids(identity.company, request.projects)
            projects = list(dict.fromkeys([*request.projects, *below]))
            selection = Selection(identity.company, public=True, projects=projects)
        types = set(await self._tasks.distinct("type", selection)) & TASK_TYPES
        return {"types": sorted(types)}

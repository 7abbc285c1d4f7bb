"""Use cases that retire tasks: ``tasks.archive``, ``archive_many``, ``unarchive_many``,
``delete`` and ``delete_many`` (CLEARML_BEHAVIOR section 6).

A deleted task is announced as a ``TaskDeleted`` fact (``services.tasks.facts``): the events
service removes its events, the files process the files its ``urls`` name; each output model
deleted with it as a ``ModelDeleted`` fact. Each fact is recorded in the outbox in the same
transaction as its deletion (the models go first, then the task), so a crash cannot lose it. Archiving or deleting a queued task first takes it out of its
queue (the queues process, ``internal.dequeue``, see ``services.tasks.tasks.queueing``).
"""

from __future__ import annotations

from typing import Any

from services.tasks import domain

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess, for_each
from services.tasks.facts import FactPublisher, task_fact
from services.tasks.store.criteria import Selection
from services.tasks.tasks.queueing import QueuePort, leave_queue
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from services.tasks.tasks.cleanup import DELETED_PREFIX, Cleanup, OutputModelCleanup, Outputs, check_deletable
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import pipelines as pipelines_api
from shared.schemas import tasks_lifecycle as api


class RemovalService(TaskAccess):
    """Archive, unarchive and delete tasks."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, clock: Clock = domain.utc_now,
                 facts: FactPublisher | None = None, queues: QueuePort | None = None,
                 models: ModelRepository | None = None):
        super().__init__(tasks, projects, clock)
        self._facts = facts
        self._queues = queues
        self._cleanup = OutputModelCleanup(tasks, models) if models is not None else None

    async def archive(self, identity: Identity, request: api.ArchiveRequest) -> dict[str, Any]:
        """``tasks.archive``: ``_archive`` each task; an unknown id fails the call before any
        change (400/101). Answers ``{archived: <count>}``."""
        await self._writable_tasks(identity, request.tasks)
        archived = 0
        for task_id in dict.fromkeys(request.tasks):
            archived += await self._archive(identity, task_id, request)
        return {"archived": archived}

    async def archive_many(self, identity: Identity, request: api.ArchiveManyRequest) -> dict[str, Any]:
        """``tasks.archive_many``: ``{succeeded: [{id, archived}], failed}``."""

        async def one(task_id: str) -> dict[str, Any]:
            return {"archived": bool(await self._archive(identity, task_id, request))}

        return await for_each(request.ids, one)

    async def _archive(self, identity: Identity, task_id: str, request) -> int:
        """Archive the task (with ``include_pipeline_steps`` a controller's steps first), as
        clearml-server does: 1 even when it already was archived."""
        task = await self._writable_task(identity, task_id)
        for step in await self._steps(identity, task, request.include_pipeline_steps):
            await self._archive_one(identity, step, request)
        await self._archive_one(identity, task, request)
        return 1

    async def _archive_one(self, identity: Identity, task: Document, request) -> None:
        """Add the ``archived`` system tag and set the request's status reason and message
        (empty by default). A queued task leaves its queue (calls the queues process) and goes
        back to its ``enqueue_status`` (else created); a running one is stopped."""
        now = self._clock()
        reason, message = request.status_reason or "", request.status_message or ""
        changes: Document = {"status_reason": reason, "status_message": message,
                             "last_change": now, "last_changed_by": identity.user}
        unset = []
        if task["status"] in (status.QUEUED, status.IN_PROGRESS):
            await leave_queue(self._queues, identity, task)
            back = status.STOPPED if task["status"] == status.IN_PROGRESS else \
                task.get("enqueue_status") or status.CREATED
            changes.update(status.change_fields(back, identity.user, now, reason, message))
            unset.append("enqueue_status")
        # Only a status change bumps the project's last_update, as in clearml-server.
        await self._apply(identity, task, changes, unset=unset, add_tags=status.ARCHIVED, touch="status" in changes)

    async def unarchive_many(self, identity: Identity, request: api.UnarchiveManyRequest) -> dict[str, Any]:
        """``tasks.unarchive_many``: remove the ``archived`` tag (with ``include_pipeline_steps``
        from a controller's steps too) and set the request's status reason and message;
        ``{succeeded: [{id, unarchived: true}]}``, also for a task that was not archived."""

        async def one(task_id: str) -> dict[str, Any]:
            task = await self._writable_task(identity, task_id)
            now = self._clock()
            changes = {"status_reason": request.status_reason or "", "status_message": request.status_message or "",
                       "last_change": now, "last_changed_by": identity.user}
            for step in await self._steps(identity, task, request.include_pipeline_steps):
                await self._apply(identity, step, changes, remove_tags=status.ARCHIVED, conditional=False, touch=False)
            await self._apply(identity, task, changes, remove_tags=status.ARCHIVED, conditional=False, touch=False)
            return {"unarchived": True}

        return await for_each(request.ids, one)

    async def _steps(self, identity: Identity, task: Document, include: bool) -> list[Document]:
        """A pipeline controller's steps (its child tasks) when ``include``; else none."""
        if not include or task.get("type") != "controller":
            return []
        return await self._tasks.select(Selection(identity.company, parents=[task["_id"]]))

    async def delete_runs(self, identity: Identity, request: pipelines_api.DeleteRunsRequest) -> dict[str, Any]:
        """``pipelines.delete_runs``: runs are the project's controller tasks; leaving none
        (an unknown project has none) -> 400/160. The ids that are runs are deleted as by
        ``tasks.delete`` with ``force`` and ``include_pipeline_steps``; other ids are ignored,
        as clearml-server does."""
        runs = await self._tasks.select(Selection(identity.company, projects=[request.project], type="controller"),
                                        ["id"])
        run_ids = {r["_id"] for r in runs}
        if run_ids <= set(request.ids):
            raise ApiError.named("cannot_remove_all_runs", project=request.project)
        deletion = api.DeleteRequest(task="", force=True, include_pipeline_steps=True,
                                     status_reason="Pipeline run deleted")

        async def one(task_id: str) -> dict[str, Any]:
            return await self._delete(identity, task_id, deletion)

        return await for_each([i for i in request.ids if i in run_ids], one)

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> dict[str, Any]:
        """``tasks.delete``: see ``_delete``."""
        return await self._delete(identity, request.task, request)

    async def delete_many(self, identity: Identity, request: api.DeleteManyRequest) -> dict[str, Any]:
        """``tasks.delete_many``: ``delete`` for each id."""

        async def one(task_id: str) -> dict[str, Any]:
            return await self._delete(identity, task_id, request)

        return await for_each(request.ids, one)

    async def _delete(self, identity: Identity, task_id: str, request) -> dict[str, Any]:
        """Only a ``created`` or archived task unless ``force`` (else 400/123); its output
        models as ``services.tasks.tasks.cleanup`` says; with ``include_pipeline_steps`` a
        controller's steps go first. Child tasks' ``parent`` becomes ``__DELETED__<id>``; a queued task leaves
        its queue (calls the queues process). Announces a ``ModelDeleted`` per deleted model,
        then ``TaskDeleted`` naming the files to remove (none unless
        ``delete_external_artifacts``). Answers ``{deleted, updated_children, updated_models,
        deleted_models, urls}`` (``urls`` null unless ``return_file_urls``), as clearml-server."""
        task = await self._writable_task(identity, task_id)
        if not status.deletable(task, request.force):
            raise ApiError.named("task_cannot_be_deleted", "due to status, use force=True", task=task_id,
                                 expected=status.CREATED, current=task["status"])
        outputs = Outputs()
        if self._cleanup is not None:
            outputs = await self._cleanup.outputs(identity, task)
            check_deletable(task, outputs, await self._cleanup.published_children(identity, task_id), request.force)
        steps = await self._delete_steps(identity, task, request)
        await leave_queue(self._queues, identity, task)
        children = await self._tasks.select(Selection(identity.company, parents=[task_id]), ["id"])
        # Children keep a mark of their deleted parent, as clearml-server leaves it.
        marked = {"parent": f"{DELETED_PREFIX}{task_id}", "last_change": self._clock(),
                  "last_changed_by": identity.user}
        for child in children:
            await self._tasks.update(identity.company, child["_id"], marked)
        cleanup, urls = await self._remove(identity, task, outputs, request)
        result: dict[str, Any] = {"deleted": True, "updated_children": len(children) + steps["updated_children"],
                                  "updated_models": cleanup.updated + steps["updated_models"],
                                  "deleted_models": len(cleanup.deleted) + steps["deleted_models"],
                                  "urls": urls if request.return_file_urls else None}
        return result

    async def _remove(self, identity: Identity, task: Document, outputs: Outputs,
                      request) -> tuple[Cleanup, dict[str, list[str]]]:
        """Delete the output models (each with its ``ModelDeleted``), then the task (with its
        ``TaskDeleted``), and publish those facts. Models first: a crash in between leaves a
        task to delete again, never a ``TaskDeleted`` naming the files of models that stay."""
        task_id = task["_id"]
        now = self._clock()
        cleanup = Cleanup()
        if self._cleanup is not None:
            delete_models = request.delete_output_models is not False
            stamp = {"last_change": now, "last_changed_by": identity.user}
            cleanup = await self._cleanup.apply(identity, task_id, outputs, delete_models, stamp,
                                                request.delete_external_artifacts)
        urls = {"artifact_urls": _artifact_urls(task), "model_urls": cleanup.model_urls, "event_urls": []}
        named = urls if request.delete_external_artifacts else {key: [] for key in urls}
        gone = task_fact("TaskDeleted", task, named)
        deleted = await self._tasks.delete(identity.company, task_id, [gone])
        await self._publish([*cleanup.facts, *([gone] if deleted else [])])
        if not deleted:
            raise ApiError.named("invalid_task_id", id=task_id)
        if task.get("project"):
            await self._projects.touch(identity.company, [task["project"]], now)
        return cleanup, urls

    async def _delete_steps(self, identity: Identity, task: Document, request) -> dict[str, int]:
        """``include_pipeline_steps``: a controller's steps (its child tasks) are deleted first,
        forced; their counts add to the controller's."""
        counts = {"updated_children": 0, "updated_models": 0, "deleted_models": 0}
        if not getattr(request, "include_pipeline_steps", False) or task.get("type") != "controller":
            return counts
        steps = await self._tasks.select(Selection(identity.company, parents=[task["_id"]]), ["id"])
        forced = request.model_copy(update={"force": True, "include_pipeline_steps": False})
        for step in steps:
            done = await self._delete(identity, step["_id"], forced)
            for key in counts:
                counts[key] += done[key]
        return counts

    async def _publish(self, facts: list) -> None:
        """``ModelDeleted`` per deleted model, then ``TaskDeleted``: recorded in the outbox with
        their deletions, published now."""
        if self._facts is not None:
            await self._facts.publish(facts)


def _artifact_urls(task: Document) -> list[str]:
    artifacts = (task.get("execution") or {}).get("artifacts") or []
    return [a["uri"] for a in artifacts if a.get("mode") != "input" and a.get("uri")]

"""Use cases of the task status machine (CLEARML_BEHAVIOR section 6): ``tasks.started``,
``stopped``, ``failed``, ``completed``, ``close``, ``stop``, ``reset``, ``publish``, ``ping``
and their ``*_many`` variants. Archive and delete live in ``services.tasks.tasks.removal``.

Every change is an update conditional on the status read (a concurrent change wins, the loser
gets 400/121). ``tasks.reset`` deletes the task's events through the events process before it
answers; ``reset_many`` announces a ``TaskReset`` fact (the events service removes them later). Stopping or resetting a queued task first takes it out of its queue (the
queues process, ``internal.dequeue``, see ``services.tasks.tasks.queueing``).
"""

from __future__ import annotations

from typing import Any

from shared.errors import ApiError

from services.tasks.tasks import status
from services.tasks.tasks.access import Clock, TaskAccess, for_each
from services.tasks.domain import empty_execution, utc_now
from services.tasks.facts import FactPublisher, task_fact
from services.tasks.store.criteria import Selection
from services.tasks.tasks.queueing import QueuePort, leave_queue
from services.tasks.events_port import EventsPort
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from services.tasks.tasks.cleanup import Cleanup, OutputModelCleanup, Outputs, check_deletable
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks_lifecycle as api

WORKER_TIMEOUT_S = 600.0  # ClearML's services.tasks.task_update_timeout


class LifecycleService(TaskAccess):
    """Status changes of tasks."""

    def __init__(
        self,
        tasks: TaskRepository,
        projects: ProjectRepository,
        clock: Clock = utc_now,
        worker_timeout_s: float = WORKER_TIMEOUT_S,
        facts: FactPublisher | None = None,
        models: ModelRepository | None = None,
        queues: QueuePort | None = None,
        events: EventsPort | None = None,
    ):
        super().__init__(tasks, projects, clock)
        self._worker_timeout_s = worker_timeout_s
        self._facts = facts
        self._models = models
        self._queues = queues
        self._events = events
        self._cleanup = OutputModelCleanup(tasks, models) if models is not None else None

    async def _simple(self, identity: Identity, request: api._StatusChange, new: str, **extra: Any) -> dict[str, Any]:
        task = await self._writable_task(identity, request.task)
        return await self._change_status(
            identity, task, new, force=request.force, reason=request.status_reason,
            message=request.status_message, **extra,
        )

    async def started(self, identity: Identity, request: api.StartedRequest) -> dict[str, Any]:
        """``tasks.started``: -> in_progress; ``started`` is set and ``completed`` and
        ``active_duration`` cleared, unless the task already runs (all kept). Answers
        ``started: 1``; an unknown task -> 400/10 invalid_id, as clearml-server answers.
        clearml-server looks the task up in every company first, so another company's task
        answered 400/101 and told the caller it exists: here it is unknown too (tenancy)."""
        if await self._tasks.get(identity.company, request.task) is None:
            raise ApiError.named("invalid_id", task=None)
        task = await self._writable_task(identity, request.task)
        keep = task["status"] == status.IN_PROGRESS and task.get("started")
        extra = {} if keep else {"started": self._clock()}
        result = await self._change_status(
            identity, task, status.IN_PROGRESS, force=request.force, reason=request.status_reason,
            message=request.status_message, extra_set=extra, unset=() if keep else ("completed", "active_duration"),
        )
        return {**result, "started": 1}

    async def stopped(self, identity: Identity, request: api.StoppedRequest) -> dict[str, Any]:
        """``tasks.stopped``: -> stopped, ``completed`` set to now."""
        return await self._simple(identity, request, status.STOPPED, extra_set={"completed": self._clock()})

    async def failed(self, identity: Identity, request: api.FailedRequest) -> dict[str, Any]:
        """``tasks.failed``: -> failed, ``completed`` set to now."""
        return await self._simple(identity, request, status.FAILED, extra_set={"completed": self._clock()})

    async def close(self, identity: Identity, request: api.CloseRequest) -> dict[str, Any]:
        """``tasks.close``: -> closed."""
        return await self._simple(identity, request, status.CLOSED)

    async def completed(self, identity: Identity, request: api.CompletedRequest) -> dict[str, Any]:
        """``tasks.completed``: -> completed (``completed`` set), then, with ``publish``,
        -> published. Answers ``{updated, fields, published}``."""
        result = await self._simple(identity, request, status.COMPLETED, extra_set={"completed": self._clock()})
        if not request.publish:
            return {**result, "published": 0}
        task = await self._writable_task(identity, request.task)
        published = await self._publish(identity, task, request.force, request.status_reason, request.status_message)
        return {**result, "fields": {**result["fields"], **published["fields"]}, "published": 1}

    async def publish(self, identity: Identity, request: api.PublishRequest) -> dict[str, Any]:
        """``tasks.publish``: -> published (from stopped, closed, failed or completed); the
        task's last output model is published too unless ``publish_model`` is false."""
        task = await self._writable_task(identity, request.task)
        result = await self._publish(identity, task, request.force, request.status_reason, request.status_message)
        if request.publish_model is not False:
            await self._publish_output_model(identity, task)
        return result

    async def _publish_output_model(self, identity: Identity, task) -> None:
        outputs = (task.get("models") or {}).get("output") or []
        if self._models is not None and outputs:
            published = {"ready": True, "last_update": self._clock()}
            await self._models.update(identity.company, outputs[-1]["model"], published)

    async def _publish(self, identity: Identity, task, force: bool, reason, message) -> dict[str, Any]:
        if task["status"] == status.PUBLISHED and not force:
            # clearml-server checks the change to published even from published: 400/110
            raise ApiError.named("invalid_task_status", "Invalid status change",
                                 current_status=status.PUBLISHED, new_status=status.PUBLISHED)
        return await self._change_status(
            identity, task, status.PUBLISHED, force=force, reason=reason, message=message,
            extra_set={"published": self._clock()},
        )

    async def publish_many(self, identity: Identity, request: api.PublishManyRequest) -> dict[str, Any]:
        """``tasks.publish_many``: ``publish`` for each id."""

        async def one(task_id: str) -> dict[str, Any]:
            task = await self._writable_task(identity, task_id)
            result = await self._publish(identity, task, request.force, request.status_reason, request.status_message)
            return {"published": bool(result["updated"])}

        return await for_each(request.ids, one)

    async def stop(self, identity: Identity, request: api.StopRequest) -> dict[str, Any]:
        """``tasks.stop``: see ``_stop``."""
        return await self._stop(identity, request.task, request.force, request.status_reason,
                                request.include_pipeline_steps)

    async def stop_many(self, identity: Identity, request: api.StopManyRequest) -> dict[str, Any]:
        """``tasks.stop_many``: ``stop`` for each id."""

        async def one(task_id: str) -> dict[str, Any]:
            result = await self._stop(identity, task_id, request.force, request.status_reason,
                                      request.include_pipeline_steps)
            return {"updated": result["updated"], "fields": result["fields"]}

        return await for_each(request.ids, one)

    async def _stop(self, identity: Identity, task_id: str, force: bool, reason, steps: bool = False) -> dict[str, Any]:
        """A queued or development task, or one no worker runs (``status.stops_at_once``), is
        stopped at once with the message "Stopped by <user name>" (a queued one leaves its
        queue first: calls the queues process); a task a worker runs keeps its status and
        gets ``status_message = "stopping"``: its agent sees it and calls ``tasks.stopped``.
        The usual status rules apply (``force`` skips them); the caller's message is not
        used, as in ClearML. ``fields`` always names the status. With ``steps`` a pipeline
        controller's steps (its child tasks) are stopped first, forced."""
        task = await self._writable_task(identity, task_id)
        if steps and task.get("type") == "controller":
            children = await self._tasks.select(Selection(identity.company, parents=[task_id]), ["id"])
            for child in children:
                await self._stop(identity, child["_id"], True, reason)
        if not status.stops_at_once(task, self._clock(), self._worker_timeout_s):
            return await self._change_status(identity, task, task["status"], force=force, reason=reason,
                                             message=status.STOPPING_MESSAGE)
        await leave_queue(self._queues, identity, task)
        message = f"Stopped by {identity.user_name or identity.user}"
        return await self._change_status(identity, task, status.STOPPED, force=force, reason=reason, message=message)

    async def reset(self, identity: Identity, request: api.ResetRequest) -> dict[str, Any]:
        """``tasks.reset``: see ``_reset``; the task's events are deleted before the answer
        (calls the events process, ``events.delete_for_task``)."""
        answer = await self._reset(identity, request.task, request, events_now=self._events is not None)
        if self._events is not None:
            await self._events.delete_task_events(identity, request.task)
        return answer

    async def reset_many(self, identity: Identity, request: api.ResetManyRequest) -> dict[str, Any]:
        """``tasks.reset_many``: ``reset`` for each id; the events go after the answer (the
        ``TaskReset`` fact), as in ClearML."""

        async def one(task_id: str) -> dict[str, Any]:
            result = await self._reset(identity, task_id, request, events_now=False)
            result["dequeued"] = bool(result["dequeued"])
            result.pop("events")
            return result

        return await for_each(request.ids, one)

    async def _reset(self, identity: Identity, task_id: str, request, events_now: bool) -> dict[str, Any]:
        """-> created, clearing the run's results (started/completed, metrics, iteration,
        runtime, output models, output artifacts, queue; ``clear_all``: the script, and the
        execution emptied). A published task needs ``force`` (400/110); a queued one leaves its
        queue first (calls the queues process). Its output models go as
        ``services.tasks.tasks.cleanup`` says (the drafts no other task uses are deleted unless
        ``delete_output_models`` is false; a published one needs ``force``, 400/123). Unless
        ``events_now``, a ``TaskReset`` fact has the events service delete its events later.
        Answers ``{updated, fields, dequeued, events, deleted_models, urls?}``."""
        task = await self._writable_task(identity, task_id)
        if task["status"] == status.PUBLISHED and not request.force:
            raise ApiError.named("invalid_task_status", task_id=task_id, status=task["status"])
        outputs = await self._output_models(identity, task, request.force)
        dequeued = await leave_queue(self._queues, identity, task)
        # A late TaskReset would also delete the events of the next run: none when they go now.
        # It names no file: a reset task's files stay (the events process reads only its id).
        reset = [] if events_now else [task_fact("TaskReset", task, at=self._clock())]
        result = await self._change_status(
            identity, task, status.CREATED, force=request.force, reason=status.RESET_MESSAGE,
            message=status.RESET_MESSAGE, extra_set=_reset_set(task, request.clear_all),
            unset=[*status.RESET_UNSET, *(status.RESET_CLEAR_ALL_UNSET if request.clear_all else ("execution.queue",))],
            facts=reset,
        )
        cleanup = Cleanup()
        if self._cleanup is not None:
            stamp = {"last_change": self._clock(), "last_changed_by": identity.user}
            cleanup = await self._cleanup.apply(identity, task_id, outputs, request.delete_output_models is not False,
                                                stamp, request.delete_external_artifacts, task_stays=True)
        if self._facts is not None:  # recorded in the outbox with their changes, published now
            await self._facts.publish([*cleanup.facts, *reset])
        urls = {"artifact_urls": _output_artifact_urls(task), "model_urls": cleanup.model_urls, "event_urls": []}
        answer = {**result, "dequeued": {"removed": 1} if dequeued else {}, "events": {},
                  "deleted_models": len(cleanup.deleted)}
        if request.return_file_urls:
            answer["urls"] = urls
        return answer

    async def _output_models(self, identity: Identity, task, force: bool) -> Outputs:
        """The task's output models; a published one or a published child -> 400/123 unless
        ``force`` (ClearML checks them on reset as on delete)."""
        if self._cleanup is None:
            return Outputs()
        outputs = await self._cleanup.outputs(identity, task)
        check_deletable(task, outputs, await self._cleanup.published_children(identity, task["_id"]), force)
        return outputs

    async def ping(self, identity: Identity, request: api.PingRequest) -> dict[str, Any]:
        """``tasks.ping``: refresh ``last_update`` and ``last_change`` of the caller's task
        (the SDK's keep-alive), and a running task's ``active_duration`` (seconds since
        ``started``). Answers ``{}``, for an unknown task too, as clearml-server does."""
        task = await self._tasks.get(identity.company, request.task)
        if task is None or not task.get("company"):
            return {}
        now = self._clock()
        changes = {"last_update": now, "last_change": now, "last_changed_by": identity.user}
        if task["status"] == status.IN_PROGRESS and task.get("started"):
            changes["active_duration"] = status.active_duration(task["started"], now)
        await self._tasks.update(identity.company, task["_id"], changes)
        return {}


def _reset_set(task, clear_all: bool) -> dict[str, Any]:
    """The ``$set`` of a reset besides the status: the emptied results; the execution emptied
    (``clear_all``) or only its input artifacts kept."""
    changes = status.reset_fields()
    if clear_all:
        changes["execution"] = empty_execution()
    elif (task.get("execution") or {}).get("artifacts"):
        changes["execution.artifacts"] = status.reset_artifacts(task)
    return changes


def _output_artifact_urls(task) -> list[str]:
    artifacts = (task.get("execution") or {}).get("artifacts") or []
    return [a["uri"] for a in artifacts if a.get("mode") != "input" and a.get("uri")]

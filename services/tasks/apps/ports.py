"""What the applications room needs from outside itself: the task lifecycle of this process
(an instance is a task, created, enqueued, stopped and reset by the same use cases as
``tasks.create``/``tasks.enqueue``/``tasks.stop``/``tasks.reset``, so the queues process and
the agent see it as any task) and the tenants (companies) of the server, which identity owns.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from services.tasks import domain
from services.tasks.projects.service import ProjectService
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, TaskRepository
from services.tasks.tasks.lifecycle import LifecycleService
from services.tasks.tasks.params import ParamsService
from services.tasks.tasks.queueing import QueueingService, QueuePort
from services.tasks.tasks.service import TaskService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller
from shared.schemas import tasks as tasks_api
from shared.schemas import tasks_editing as editing_api
from shared.schemas import tasks_lifecycle as lifecycle_api
from shared.schemas import tasks_queueing as queueing_api
from shared.schemas.generated import system as system_api

SYSTEM_ROLES = frozenset({"system", "root"})
_QUEUE_ID = re.compile(r"^[0-9a-f]{32}$")
# Where a running app task reports its info (``Task.set_user_properties`` in the SDK).
INFO_SECTION = "properties"


def is_queue_id(queue: str) -> bool:
    """A launch form's queue value is an id when it looks like one, else a name."""
    return bool(_QUEUE_ID.match(queue))


class AppTasks:
    """The app instances' tasks, through the task use cases of this process; ``tasks``: the
    guarded repository (an instance whose task the caller may not read shows no task)."""

    def __init__(self, tasks: TaskRepository, task_service: TaskService, projects: ProjectService,
                 queueing: QueueingService, lifecycle: LifecycleService, params: ParamsService,
                 queues: QueuePort) -> None:
        self._tasks = tasks
        self._task_service = task_service
        self._projects = projects
        self._queueing = queueing
        self._lifecycle = lifecycle
        self._params = params
        self._queues = queues

    async def create(self, identity: Identity, project_name: str, name: str, task: dict[str, Any],
                     params: dict[str, str]) -> str:
        """A new task (``tasks.create``) in the project ``project_name`` (made when missing),
        from the app's task definition with ``params`` in its hyper-parameter section."""
        project, _ = await self._projects.ensure(identity, project_name)
        section = task.get("hyperparams_section") or "General"
        request = tasks_api.CreateRequest.model_validate({
            "name": name, "type": task.get("type") or "application", "project": project["_id"],
            "script": task.get("script") or {}, "container": task.get("container") or None,
            "system_tags": ["application"],
            "hyperparams": {section: {k: {"section": section, "name": k, "value": v} for k, v in params.items()}},
        })
        return (await self._task_service.create(identity, request))["id"]

    async def enqueue(self, identity: Identity, task_id: str, queue: str | None) -> tuple[str, str | None]:
        """``tasks.enqueue`` to the queue (an id, else a name; none: the default queue) ->
        (queue id, queue name)."""
        by_id = bool(queue and is_queue_id(queue))
        request = queueing_api.EnqueueRequest(task=task_id, queue=queue if by_id else None,
                                              queue_name=None if by_id else queue)
        answer = await self._queueing.enqueue(identity, request)
        queue_id = (answer.get("fields") or {}).get("execution.queue") or ""
        if queue and not by_id:
            return queue_id, queue
        names = await self._queues.queue_names(identity, [queue_id]) if queue_id else {}
        return queue_id, names.get(queue_id)

    async def set_params(self, identity: Identity, task_id: str, section: str, params: dict[str, str]) -> None:
        """``tasks.edit_hyper_params`` of the app's section (forced: a running app's values)."""
        if not params:
            return
        items = [{"section": section, "name": k, "value": v} for k, v in params.items()]
        await self._params.edit_hyper_params(identity, editing_api.EditHyperParamsRequest(
            task=task_id, hyperparams=items, force=True))

    async def stop(self, identity: Identity, task_id: str) -> None:
        await self._lifecycle.stop(identity, lifecycle_api.StopRequest(task=task_id, force=True))

    async def reset(self, identity: Identity, task_id: str) -> None:
        await self._lifecycle.reset(identity, lifecycle_api.ResetRequest(task=task_id, force=True))

    async def edit(self, identity: Identity, task_id: str, *, name: str | None = None,
                   script: dict[str, Any] | None = None, container: dict[str, str] | None = None) -> None:
        """``tasks.edit`` of a (reset) app task: its name, and the script and container of
        the app version it runs now."""
        fields = {k: v for k, v in {"name": name, "script": script, "container": container}.items() if v}
        if fields:
            await self._task_service.edit(identity, tasks_api.EditRequest.model_validate(
                {"task": task_id, "force": True, **fields}))

    async def queue_names(self, identity: Identity, ids: list[str]) -> dict[str, str]:
        return await self._queues.queue_names(identity, ids)

    async def get_many(self, company: str, task_ids: list[str]) -> dict[str, Document]:
        """The company's tasks ``task_ids`` that still exist, keys unescaped, by id."""
        if not task_ids:
            return {}
        found = await self._tasks.select(Selection(company, ids=task_ids))
        return {t["_id"]: domain.unescape_task(t) for t in found}

    async def get(self, identity: Identity, task_id: str) -> Document | None:
        """The task as stored, keys unescaped, or None when it is gone."""
        task = await self._tasks.get(identity.company, task_id)
        return domain.unescape_task(task) if task is not None else None


def reported_info(task: Document) -> dict[str, Any]:
    """The info an app task reported: its ``properties`` hyper-parameters (the SDK's
    ``Task.set_user_properties``), name -> value."""
    section = (task.get("hyperparams") or {}).get(INFO_SECTION) or {}
    return {name: item.get("value") for name, item in section.items() if isinstance(item, dict)}


def launch_values(task: Document, section: str) -> dict[str, Any]:
    """The app's section of the task's hyper-parameters, name -> value."""
    params = (task.get("hyperparams") or {}).get(section) or {}
    return {name: item.get("value") for name, item in params.items() if isinstance(item, dict)}


class Tenants(Protocol):
    """The tenants (companies) an administrator manages."""

    async def all(self, identity: Identity) -> list[dict[str, str]]:
        """``{id, name}`` of every tenant the caller manages: every company for the system
        roles, the caller's own company for a company administrator."""
        ...


class RpcTenants:
    """``Tenants`` from identity's ``system.get_companies`` (for system and root callers)."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._identity = ProcessRpc(rpc, "identity")

    async def all(self, identity: Identity) -> list[dict[str, str]]:
        if identity.role not in SYSTEM_ROLES:
            return [{"id": identity.company, "name": identity.company_name}]
        answer = await self._identity.call(identity, "system.get_companies", system_api.GetCompaniesRequest())
        return [{"id": c["id"], "name": c.get("name") or ""} for c in answer.get("companies") or []]


class OwnCompanyOnly:
    """``Tenants`` without identity: the caller's company is the only tenant."""

    async def all(self, identity: Identity) -> list[dict[str, str]]:
        return [{"id": identity.company, "name": identity.company_name}]


def manageable(tenants: list[dict[str, str]], wanted: list[str]) -> None:
    """Every tenant named must be one the caller manages (403/20 otherwise)."""
    known = {t["id"] for t in tenants}
    foreign = [t for t in wanted if t not in known]
    if foreign:
        raise ApiError.named("role_not_allowed", "unknown tenants, or tenants the caller does not manage",
                             tenants=foreign)

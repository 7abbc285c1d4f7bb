"""The tasks process's endpoint table: parse the request with its shared model, call one use
case with the caller's identity, reply with the ClearML response data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from services.tasks import domain

from services.tasks.tasks import legacy_params
from services.tasks.tasks.cloning import CloneService
from services.tasks.tasks.editing import EditingService
from services.tasks.facts import FactPublisher
from services.tasks.internal.events import EventTargetsRequest, FoldMetricsRequest, InternalService
from services.tasks.tasks.lifecycle import LifecycleService
from services.tasks.models.listing import ModelExtrasService
from services.tasks.models.service import ModelService
from services.tasks.tasks.params import ParamsService
from services.tasks.tasks.pipelines import PipelineService
from services.tasks.internal.queues import QueueSyncService
from services.tasks.tasks.queueing import NoQueues, QueuePort, QueueingService
from services.tasks.references import ReferenceExpander
from services.tasks.projects.admin import ProjectAdminService
from services.tasks.projects.contents import ProjectContentsService
from services.tasks.projects.meta import ProjectMetaService
from services.tasks.projects.moves import ProjectMoveService
from services.tasks.projects.views import ProjectViewService
from services.tasks.tasks.removal import RemovalService
from services.tasks.events_port import EventsPort, NoEvents
from services.tasks.reports.task_data import TaskDataService
from services.tasks.reports.service import ReportService
from services.tasks.store.repository import ModelRepository, ProjectRepository, TaskRepository
from services.tasks.store.scrolling import ScrollRepository, Scrolls
from services.tasks.projects.service import ProjectService
from services.tasks.tasks.service import TaskService
from services.tasks.tasks.validation import TaskValidationService
from services.tasks.visibility import VisibilityService
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import models as models_api
from shared.schemas import pipelines as pipelines_api
from shared.schemas import projects as projects_api
from shared.schemas import reports as reports_api
from shared.schemas import tasks as tasks_api
from shared.schemas import tasks_editing as editing_api
from shared.schemas import tasks_lifecycle as lifecycle_api
from shared.schemas import tasks_queueing as queueing_api


_MODELS: dict[str, type[BaseModel]] = {
    **projects_api.REQUESTS,
    **tasks_api.REQUESTS,
    **lifecycle_api.REQUESTS,
    **editing_api.REQUESTS,
    **queueing_api.REQUESTS,
    **models_api.REQUESTS,
    **reports_api.REQUESTS,
    **pipelines_api.REQUESTS,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = frozenset(_MODELS)

# Internal RPC actions (called by other Cairn services, never routed by the gateway).
_INTERNAL_MODELS: dict[str, type[BaseModel]] = {
    "internal.event_targets": EventTargetsRequest,
    "internal.fold_metrics": FoldMetricsRequest,
}
# ... and the ones the queues process calls.
_QUEUE_SYNC_MODELS: dict[str, type[BaseModel]] = dict(queueing_api.INTERNAL_REQUESTS)

# Batch endpoints: the gateway sends a list (one item per JSON line).
_BATCH = frozenset({"tasks.update_batch"})


@dataclass(frozen=True)
class UseCases:
    """Every use-case object of the process."""

    projects: ProjectService
    tasks: TaskService
    lifecycle: LifecycleService
    queueing: QueueingService
    queue_sync: QueueSyncService
    removal: RemovalService
    params: ParamsService
    editing: EditingService
    cloning: CloneService
    internal: InternalService
    models: ModelService
    project_admin: ProjectAdminService
    project_views: ProjectViewService
    project_contents: ProjectContentsService
    project_moves: ProjectMoveService
    reports: ReportService
    model_extras: ModelExtrasService
    project_meta: ProjectMetaService
    task_validation: TaskValidationService
    task_visibility: VisibilityService
    project_visibility: VisibilityService
    model_visibility: VisibilityService
    task_data: TaskDataService
    pipelines: PipelineService

    @classmethod
    def build(
        cls,
        tasks: TaskRepository,
        projects: ProjectRepository,
        models: ModelRepository,
        clock: Callable[[], datetime] = domain.utc_now,
        new_id: Callable[[], str] = domain.new_id,
        scroll_states: ScrollRepository | None = None,
        facts: FactPublisher | None = None,
        queues: QueuePort | None = None,
        events: EventsPort | None = None,
    ) -> UseCases:
        """Everything wired; without ``scroll_states`` the ``get_all`` endpoints ignore
        ``scroll_id``/``size`` (answering unscrolled); without ``facts`` nothing is announced
        (deleted tasks' events stay); without ``queues`` enqueue/dequeue answer 503 and
        stop/reset/archive/delete leave queue entries alone; without ``events``
        ``reports.get_task_data`` answers 503 for events parts."""
        scrolls = Scrolls(scroll_states, clock, new_id) if scroll_states is not None else None
        references = ReferenceExpander(tasks, projects, models, queues)
        project_service = ProjectService(projects, clock, new_id, scrolls)
        task_service = TaskService(tasks, projects, clock, new_id, scrolls, references=references, models=models)
        lifecycle = LifecycleService(tasks, projects, clock, facts=facts, models=models, queues=queues, events=events)
        queueing = QueueingService(tasks, projects, queues or NoQueues(), clock)
        cloning = CloneService(tasks, projects, project_service, clock, new_id, models)
        return cls(
            projects=project_service,
            tasks=task_service,
            lifecycle=lifecycle,
            queueing=queueing,
            queue_sync=QueueSyncService(tasks, projects, clock),
            removal=RemovalService(tasks, projects, clock, facts, queues, models),
            params=ParamsService(tasks, projects, clock),
            editing=EditingService(tasks, projects, clock),
            cloning=cloning,
            internal=InternalService(tasks, projects, models, clock),
            models=ModelService(models, tasks, projects, lifecycle, clock, new_id, scrolls, facts),
            project_admin=ProjectAdminService(projects, tasks, models, clock, facts),
            project_views=ProjectViewService(projects, tasks, models, clock, references=references, scrolls=scrolls),
            project_contents=ProjectContentsService(projects, tasks, models),
            project_moves=ProjectMoveService(projects, tasks, models, project_service, clock),
            model_extras=ModelExtrasService(models, projects, project_service, clock, scrolls, references=references),
            project_meta=ProjectMetaService(projects, tasks, models),
            task_validation=TaskValidationService(task_service, models),
            task_visibility=VisibilityService(tasks, "invalid_task_id", clock),
            project_visibility=VisibilityService(projects, "invalid_project_id", clock, unique_names=True),
            model_visibility=VisibilityService(models, "invalid_model_id", clock),
            reports=ReportService(tasks, projects, project_service, task_service, clock),
            task_data=TaskDataService(task_service, models, events or NoEvents()),
            pipelines=PipelineService(tasks, cloning, queueing, projects),
        )


def _owners(u: UseCases) -> dict[str, Any]:
    """Endpoint service prefix / name -> the object whose method of the action's name serves it."""
    owners: dict[str, Any] = {name: u.projects for name in projects_api.REQUESTS}
    owners.update(dict.fromkeys(("projects.update", "projects.validate_delete", "projects.delete"), u.project_admin))
    owners["projects.get_all_ex"] = u.project_views
    owners["projects.move"] = owners["projects.merge"] = u.project_moves
    owners.update(dict.fromkeys(("projects.get_task_tags", "projects.get_model_tags", "projects.get_task_parents",
                                 "projects.get_hyper_parameters", "projects.get_unique_metric_variants"),
                                u.project_contents))
    owners.update({name: u.tasks for name in tasks_api.REQUESTS})
    owners.update({name: u.removal for name in ("tasks.archive", "tasks.archive_many", "tasks.unarchive_many",
                                                "tasks.delete", "tasks.delete_many")})
    owners.update({name: u.lifecycle for name in lifecycle_api.REQUESTS if name not in owners})
    owners.update(dict.fromkeys(queueing_api.REQUESTS, u.queueing))
    by_section = [n for n in editing_api.REQUESTS if "hyper_params" in n or "configuration" in n]
    owners.update(dict.fromkeys(by_section, u.params))
    owners.update({name: u.editing for name in editing_api.REQUESTS if name not in owners})
    owners["tasks.clone"] = owners["tasks.move"] = u.cloning
    owners.update(dict.fromkeys(models_api.REQUESTS, u.models))
    owners.update(dict.fromkeys(reports_api.REQUESTS, u.reports))
    owners["pipelines.delete_runs"] = u.removal
    owners.update(dict.fromkeys(("models.get_all_ex", "models.get_by_id_ex", "models.move", "models.update_tags"),
                                u.model_extras))
    owners.update(dict.fromkeys(("projects.get_model_metadata_keys", "projects.get_model_metadata_values",
                                 "projects.get_project_tags", "projects.get_user_names",
                                 "projects.get_hyperparam_values"), u.project_meta))
    owners["tasks.validate"] = u.task_validation
    for service, visibility in (("tasks", u.task_visibility), ("projects", u.project_visibility),
                                ("models", u.model_visibility)):
        owners[f"{service}.make_public"] = owners[f"{service}.make_private"] = visibility
    owners["pipelines.start_pipeline"] = u.pipelines
    owners["reports.get_task_data"] = u.task_data
    owners.update(dict.fromkeys(_INTERNAL_MODELS, u.internal))
    owners.update(dict.fromkeys(_QUEUE_SYNC_MODELS, u.queue_sync))
    return owners


def _legacy_reads(handler: Handler) -> Handler:
    """A task read answered in the form of the requested API version (legacy fields of old
    versions: ``services.tasks.tasks.legacy_params``)."""

    async def handle(request: RequestEnvelope) -> Any:
        return legacy_params.for_version(request.requested_version, await handler(request))

    handle.__name__ = handler.__name__
    return handle


def _legacy_writes(handler: Handler) -> Handler:
    """A task write of an old API version brought to today's form before the use case runs."""

    async def handle(request: RequestEnvelope) -> Any:
        payload = legacy_params.request_for_version(request.requested_version, request.payload)
        return await handler(request.model_copy(update={"payload": payload}))

    handle.__name__ = handler.__name__
    return handle


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler."""
    models = {**_MODELS, **_INTERNAL_MODELS, **_QUEUE_SYNC_MODELS}
    table = {
        name: use_case_handler(models[name], getattr(owner, name.split(".", 1)[1]), name, name in _BATCH)
        for name, owner in _owners(use_cases).items()
    }
    for name in legacy_params.READ_ENDPOINTS:
        table[name] = _legacy_reads(table[name])
    for name in legacy_params.WRITE_ENDPOINTS:
        table[name] = _legacy_writes(table[name])
    return table



"""The tasks process's endpoint table: every ClearML endpoint (and internal action) it answers,
named literally next to the use case that answers it. A handler parses the request with its
shared model and calls that use case with the caller's identity; a few are wrapped for old API
versions' fields (``_legacy_reads``, ``_legacy_writes``). The use cases are built in
``main.py`` (``build_use_cases``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from services.tasks.internal.events import InternalService
from services.tasks.internal.queues import QueueSyncService
from services.tasks.models.listing import ModelExtrasService
from services.tasks.models.service import ModelService
from services.tasks.extras.handlers import ENDPOINTS as EXTRAS_ENDPOINTS  # room extras
from services.tasks.oplog.handlers import ENDPOINTS as OPLOG_ENDPOINTS  # room oplog
from services.tasks.projects.admin import ProjectAdminService
from services.tasks.projects.contents import ProjectContentsService
from services.tasks.projects.meta import ProjectMetaService
from services.tasks.projects.moves import ProjectMoveService
from services.tasks.projects.service import ProjectService
from services.tasks.projects.views import ProjectViewService
from services.tasks.reports.service import ReportService
from services.tasks.reports.task_data import TaskDataService
from services.tasks.tasks import legacy_params
from services.tasks.tasks.cloning import CloneService
from services.tasks.tasks.editing import EditingService
from services.tasks.tasks.lifecycle import LifecycleService
from services.tasks.tasks.params import ParamsService
from services.tasks.tasks.pipelines import PipelineService
from services.tasks.tasks.queueing import QueueingService
from services.tasks.tasks.removal import RemovalService
from services.tasks.tasks.service import TaskService
from services.tasks.tasks.validation import TaskValidationService
from services.tasks.visibility import VisibilityService
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.handlers import UseCase, clearml_endpoints, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import models as models_api
from shared.schemas import pipelines as pipelines_api
from shared.schemas import projects as projects_api
from shared.schemas import reports as reports_api
from shared.schemas import tasks as tasks_api
from shared.schemas import tasks_editing as editing_api
from shared.schemas import tasks_lifecycle as lifecycle_api
from shared.schemas import tasks_queueing as queueing_api
from shared.schemas.tasks_internal import CopyTasksRequest, EventTargetsRequest, FoldMetricsRequest


@dataclass(frozen=True)
class UseCases:
    """Every use-case object of the process (built by ``main.build_use_cases``)."""

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


# Endpoint (or internal action) name -> the use case that answers it.
ENDPOINTS: dict[str, Callable[[UseCases], UseCase]] = {
    "projects.create": lambda u: u.projects.create,
    "projects.get_by_id": lambda u: u.projects.get_by_id,
    "projects.get_all": lambda u: u.projects.get_all,
    "projects.get_all_ex": lambda u: u.project_views.get_all_ex,
    "projects.get_task_tags": lambda u: u.project_contents.get_task_tags,
    "projects.get_model_tags": lambda u: u.project_contents.get_model_tags,
    "projects.get_task_parents": lambda u: u.project_contents.get_task_parents,
    "projects.get_hyper_parameters": lambda u: u.project_contents.get_hyper_parameters,
    "projects.get_unique_metric_variants": lambda u: u.project_contents.get_unique_metric_variants,
    "projects.update": lambda u: u.project_admin.update,
    "projects.validate_delete": lambda u: u.project_admin.validate_delete,
    "projects.delete": lambda u: u.project_admin.delete,
    "projects.move": lambda u: u.project_moves.move,
    "projects.merge": lambda u: u.project_moves.merge,
    "projects.make_public": lambda u: u.project_visibility.make_public,
    "projects.make_private": lambda u: u.project_visibility.make_private,
    "projects.get_model_metadata_keys": lambda u: u.project_meta.get_model_metadata_keys,
    "projects.get_model_metadata_values": lambda u: u.project_meta.get_model_metadata_values,
    "projects.get_project_tags": lambda u: u.project_meta.get_project_tags,
    "projects.get_user_names": lambda u: u.project_meta.get_user_names,
    "projects.get_hyperparam_values": lambda u: u.project_meta.get_hyperparam_values,
    "tasks.create": lambda u: u.tasks.create,
    "tasks.get_all_ex": lambda u: u.tasks.get_all_ex,
    "tasks.get_by_id_ex": lambda u: u.tasks.get_by_id_ex,
    "tasks.get_by_id": lambda u: u.tasks.get_by_id,
    "tasks.get_all": lambda u: u.tasks.get_all,
    "tasks.edit": lambda u: u.tasks.edit,
    "tasks.validate": lambda u: u.task_validation.validate,
    "tasks.make_public": lambda u: u.task_visibility.make_public,
    "tasks.make_private": lambda u: u.task_visibility.make_private,
    "tasks.archive": lambda u: u.removal.archive,
    "tasks.archive_many": lambda u: u.removal.archive_many,
    "tasks.unarchive_many": lambda u: u.removal.unarchive_many,
    "tasks.delete": lambda u: u.removal.delete,
    "tasks.delete_many": lambda u: u.removal.delete_many,
    "tasks.started": lambda u: u.lifecycle.started,
    "tasks.stopped": lambda u: u.lifecycle.stopped,
    "tasks.failed": lambda u: u.lifecycle.failed,
    "tasks.completed": lambda u: u.lifecycle.completed,
    "tasks.close": lambda u: u.lifecycle.close,
    "tasks.stop": lambda u: u.lifecycle.stop,
    "tasks.stop_many": lambda u: u.lifecycle.stop_many,
    "tasks.reset": lambda u: u.lifecycle.reset,
    "tasks.reset_many": lambda u: u.lifecycle.reset_many,
    "tasks.publish": lambda u: u.lifecycle.publish,
    "tasks.publish_many": lambda u: u.lifecycle.publish_many,
    "tasks.ping": lambda u: u.lifecycle.ping,
    "tasks.enqueue": lambda u: u.queueing.enqueue,
    "tasks.dequeue": lambda u: u.queueing.dequeue,
    "tasks.enqueue_many": lambda u: u.queueing.enqueue_many,
    "tasks.dequeue_many": lambda u: u.queueing.dequeue_many,
    "tasks.get_hyper_params": lambda u: u.params.get_hyper_params,
    "tasks.edit_hyper_params": lambda u: u.params.edit_hyper_params,
    "tasks.delete_hyper_params": lambda u: u.params.delete_hyper_params,
    "tasks.get_configurations": lambda u: u.params.get_configurations,
    "tasks.get_configuration_names": lambda u: u.params.get_configuration_names,
    "tasks.edit_configuration": lambda u: u.params.edit_configuration,
    "tasks.delete_configuration": lambda u: u.params.delete_configuration,
    "tasks.add_or_update_artifacts": lambda u: u.editing.add_or_update_artifacts,
    "tasks.delete_artifacts": lambda u: u.editing.delete_artifacts,
    "tasks.add_or_update_model": lambda u: u.editing.add_or_update_model,
    "tasks.delete_models": lambda u: u.editing.delete_models,
    "tasks.set_requirements": lambda u: u.editing.set_requirements,
    "tasks.update": lambda u: u.editing.update,
    "tasks.update_batch": lambda u: u.editing.update_batch,
    "tasks.get_types": lambda u: u.editing.get_types,
    "tasks.edit_runtime": lambda u: u.editing.edit_runtime,
    "tasks.update_tags": lambda u: u.editing.update_tags,
    "tasks.clone": lambda u: u.cloning.clone,
    "tasks.move": lambda u: u.cloning.move,
    "models.create": lambda u: u.models.create,
    "models.edit": lambda u: u.models.edit,
    "models.update": lambda u: u.models.update,
    "models.update_for_task": lambda u: u.models.update_for_task,
    "models.get_by_id": lambda u: u.models.get_by_id,
    "models.get_all": lambda u: u.models.get_all,
    "models.set_ready": lambda u: u.models.set_ready,
    "models.delete": lambda u: u.models.delete,
    "models.archive_many": lambda u: u.models.archive_many,
    "models.unarchive_many": lambda u: u.models.unarchive_many,
    "models.add_or_update_metadata": lambda u: u.models.add_or_update_metadata,
    "models.delete_metadata": lambda u: u.models.delete_metadata,
    "models.get_frameworks": lambda u: u.models.get_frameworks,
    "models.delete_many": lambda u: u.models.delete_many,
    "models.publish_many": lambda u: u.models.publish_many,
    "models.get_by_task_id": lambda u: u.models.get_by_task_id,
    "models.get_all_ex": lambda u: u.model_extras.get_all_ex,
    "models.get_by_id_ex": lambda u: u.model_extras.get_by_id_ex,
    "models.move": lambda u: u.model_extras.move,
    "models.update_tags": lambda u: u.model_extras.update_tags,
    "models.make_public": lambda u: u.model_visibility.make_public,
    "models.make_private": lambda u: u.model_visibility.make_private,
    "reports.create": lambda u: u.reports.create,
    "reports.update": lambda u: u.reports.update,
    "reports.publish": lambda u: u.reports.publish,
    "reports.archive": lambda u: u.reports.archive,
    "reports.unarchive": lambda u: u.reports.unarchive,
    "reports.delete": lambda u: u.reports.delete,
    "reports.move": lambda u: u.reports.move,
    "reports.get_tags": lambda u: u.reports.get_tags,
    "reports.get_all_ex": lambda u: u.reports.get_all_ex,
    "reports.get_task_data": lambda u: u.task_data.get_task_data,
    "pipelines.delete_runs": lambda u: u.removal.delete_runs,
    "pipelines.start_pipeline": lambda u: u.pipelines.start_pipeline,
    # called by other Cairn processes, never routed by the gateway (``internal/``)
    "internal.event_targets": lambda u: u.internal.event_targets,
    "internal.fold_metrics": lambda u: u.internal.fold_metrics,
    "internal.copy_tasks": lambda u: u.cloning.copy,  # identity's system.copy_tasks
    "internal.queue_popped": lambda u: u.queue_sync.queue_popped,
    "internal.revert_dequeued": lambda u: u.queue_sync.revert_dequeued,
    "internal.worker_report": lambda u: u.queue_sync.worker_report,
}

# The endpoints this process answers (generated into ``shared/schemas/handled/tasks.txt``,
# which the gateway routes by: ``make handled``).
HANDLED = clearml_endpoints([*ENDPOINTS, *OPLOG_ENDPOINTS, *EXTRAS_ENDPOINTS])

_MODELS: dict[str, type[BaseModel]] = {
    **projects_api.REQUESTS,
    **tasks_api.REQUESTS,
    **lifecycle_api.REQUESTS,
    **editing_api.REQUESTS,
    **queueing_api.REQUESTS,
    **models_api.REQUESTS,
    **reports_api.REQUESTS,
    **pipelines_api.REQUESTS,
    "internal.event_targets": EventTargetsRequest,
    "internal.fold_metrics": FoldMetricsRequest,
    "internal.copy_tasks": CopyTasksRequest,
    **queueing_api.INTERNAL_REQUESTS,
}

# Batch endpoints: the gateway sends a list (one item per JSON line).
_BATCH = frozenset({"tasks.update_batch"})


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
    """Endpoint (and internal action) name -> RPC handler; the task reads and writes of
    ``legacy_params`` (``READ_ENDPOINTS``, ``WRITE_ENDPOINTS``) speak the requested API version."""
    table = {
        name: use_case_handler(_MODELS[name], pick(use_cases), name, name in _BATCH)
        for name, pick in ENDPOINTS.items()
    }
    for name in legacy_params.READ_ENDPOINTS:
        table[name] = _legacy_reads(table[name])
    for name in legacy_params.WRITE_ENDPOINTS:
        table[name] = _legacy_writes(table[name])
    return table

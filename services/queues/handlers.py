"""The queues process's endpoint table: every ClearML endpoint (and internal action) it answers,
named literally next to the use case that answers it. A handler parses the request with its
shared model and calls that use case with the caller's identity. The use cases are built in
``main.py`` (``build_use_cases``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from services.queues.clusters.handlers import ENDPOINTS as CLUSTERS_ENDPOINTS  # room clusters
from services.queues.access import QueueAccess
from services.queues.entries import EntryService
from services.queues.internal import InternalService
from services.queues.queue_metrics import QueueMetrics
from services.queues.routers.handlers import ENDPOINTS as ROUTERS_ENDPOINTS  # room routers
from services.queues.resources.handlers import ENDPOINTS as RESOURCES_ENDPOINTS  # room resources
from services.queues.runtime_properties import RuntimePropertiesService
from services.queues.serving import ServingService
from services.queues.service import QueueService
from services.queues.worker_stats import WorkerStatsService
from services.queues.workers import WorkerService
from shared.errors import ApiError
from shared.messaging.handlers import UseCase, clearml_endpoints, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import queues as queues_api
from shared.schemas.access_internal import CheckAccessRequest
from shared.schemas import serving as serving_api
from shared.schemas import workers as workers_api


@dataclass(frozen=True)
class UseCases:
    """Every use-case object of the process (built by ``main.build_use_cases``)."""

    queues: QueueService
    entries: EntryService
    workers: WorkerService
    worker_stats: WorkerStatsService
    internal: InternalService
    serving: ServingService
    runtime: RuntimePropertiesService
    metrics: QueueMetrics  # a component: its periodic flush runs while the process does
    access: QueueAccess  # the access rules on queues (``access.py``): ``reading``/``writing`` guards


def _not_queued(queue_id: str) -> ApiError:
    """The entry endpoints answer an absent (or unreadable) queue as "task not queued"."""
    return ApiError.named("invalid_queue_or_task_not_queued", queue=queue_id)


# Endpoint (or internal action) name -> the use case that answers it; ``u.access.reading`` /
# ``writing``: the caller needs read / read_write on the request's queue (issue 16).
ENDPOINTS: dict[str, Callable[[UseCases], UseCase]] = {
    "queues.create": lambda u: u.access.creating(u.queues.create),
    "queues.get_by_id": lambda u: u.access.reading(u.queues.get_by_id),
    "queues.get_all": lambda u: u.queues.get_all,
    "queues.get_all_ex": lambda u: u.queues.get_all_ex,
    "queues.get_default": lambda u: u.queues.get_default,
    "queues.update": lambda u: u.access.writing(u.queues.update),
    "queues.delete": lambda u: u.access.writing(u.queues.delete),
    "queues.add_or_update_metadata": lambda u: u.access.writing(u.queues.add_or_update_metadata),
    "queues.delete_metadata": lambda u: u.access.writing(u.queues.delete_metadata),
    "queues.get_queue_metrics": lambda u: u.queues.get_queue_metrics,
    "queues.add_task": lambda u: u.access.writing(u.entries.add_task),
    "queues.get_next_task": lambda u: u.access.writing(u.entries.get_next_task),
    "queues.remove_task": lambda u: u.access.writing(u.entries.remove_task, _not_queued),
    "queues.move_task_forward": lambda u: u.access.writing(u.entries.move_task_forward, _not_queued),
    "queues.move_task_backward": lambda u: u.access.writing(u.entries.move_task_backward, _not_queued),
    "queues.move_task_to_front": lambda u: u.access.writing(u.entries.move_task_to_front, _not_queued),
    "queues.move_task_to_back": lambda u: u.access.writing(u.entries.move_task_to_back, _not_queued),
    "queues.peek_task": lambda u: u.access.reading(u.entries.peek_task),
    "queues.get_num_entries": lambda u: u.access.reading(u.entries.get_num_entries),
    "queues.clear_queue": lambda u: u.access.writing(u.entries.clear_queue),
    "workers.register": lambda u: u.workers.register,
    "workers.unregister": lambda u: u.workers.unregister,
    "workers.status_report": lambda u: u.workers.status_report,
    "workers.get_all": lambda u: u.workers.get_all,
    "workers.get_count": lambda u: u.workers.get_count,
    "workers.get_stats": lambda u: u.worker_stats.get_stats,
    "workers.get_activity_report": lambda u: u.worker_stats.get_activity_report,
    "workers.get_metric_keys": lambda u: u.worker_stats.get_metric_keys,
    "workers.set_runtime_properties": lambda u: u.runtime.set_runtime_properties,
    "workers.get_runtime_properties": lambda u: u.runtime.get_runtime_properties,
    "serving.register_container": lambda u: u.serving.register_container,
    "serving.unregister_container": lambda u: u.serving.unregister_container,
    "serving.container_status_report": lambda u: u.serving.container_status_report,
    "serving.get_endpoints": lambda u: u.serving.get_endpoints,
    "serving.get_loading_instances": lambda u: u.serving.get_loading_instances,
    "serving.get_endpoint_details": lambda u: u.serving.get_endpoint_details,
    "serving.get_endpoint_metrics_history": lambda u: u.serving.get_endpoint_metrics_history,
    # called by the tasks process, never routed by the gateway (``internal.py``)
    "internal.enqueue": lambda u: u.internal.enqueue,
    "internal.dequeue": lambda u: u.internal.dequeue,
    "internal.queue_names": lambda u: u.internal.queue_names,
    "internal.check_access": lambda u: u.access.check_access,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
# The routers, resources and clusters rooms' tables are their own (bound to the rooms in main.py).
HANDLED = clearml_endpoints([*ENDPOINTS, *ROUTERS_ENDPOINTS, *RESOURCES_ENDPOINTS, *CLUSTERS_ENDPOINTS])

_MODELS: dict[str, type[BaseModel]] = {
    **queues_api.REQUESTS, **workers_api.REQUESTS, **serving_api.REQUESTS, **queues_api.INTERNAL_REQUESTS,
    "internal.check_access": CheckAccessRequest,
}


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler."""
    return {name: use_case_handler(_MODELS[name], pick(use_cases), name) for name, pick in ENDPOINTS.items()}

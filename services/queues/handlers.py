"""The queues process's endpoint table: parse the request with its shared model, call one use
case with the caller's identity, reply with the ClearML response data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from services.queues import domain
from services.queues.entries import EntryService
from services.queues.internal import InternalService
from services.queues.queue_metrics import QueueMetrics, QueueMetricsRepository
from services.queues.repository import QueueRepository, WorkerRepository
from services.queues.runtime_properties import RuntimePropertiesService, RuntimePropertyRepository
from services.queues.serving import ServingService
from services.queues.serving_repository import ContainerRepository
from services.queues.serving_stats import ServingStatsRepository
from services.queues.service import DefaultQueues, QueueService
from services.queues.stats import StatsRepository
from services.queues.task_sync import TaskPort
from services.queues.worker_stats import WorkerStatsService
from services.queues.workers import WorkerService
from shared.messaging.handlers import use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import queues as queues_api
from shared.schemas import serving as serving_api
from shared.schemas import workers as workers_api


_MODELS: dict[str, type[BaseModel]] = {**queues_api.REQUESTS, **workers_api.REQUESTS, **serving_api.REQUESTS}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = frozenset(_MODELS)

_ENTRY_ACTIONS = frozenset({
    "add_task", "get_next_task", "remove_task", "move_task_forward", "move_task_backward",
    "move_task_to_front", "move_task_to_back", "peek_task", "get_num_entries", "clear_queue",
})


_STATS_ACTIONS = frozenset({"get_stats", "get_activity_report", "get_metric_keys"})
_RUNTIME_ACTIONS = frozenset({"get_runtime_properties", "set_runtime_properties"})


@dataclass(frozen=True)
class UseCases:
    """Every use-case object of the process."""

    queues: QueueService
    entries: EntryService
    workers: WorkerService
    worker_stats: WorkerStatsService
    internal: InternalService
    serving: ServingService
    runtime: RuntimePropertiesService
    metrics: QueueMetrics  # a component: its periodic flush runs while the process does

    @classmethod
    def build(
        cls,
        queues: QueueRepository,
        workers: WorkerRepository,
        stats: StatsRepository,
        queue_metrics: QueueMetricsRepository,
        worker_timeout_s: int = 600,
        clock: Callable[[], datetime] = domain.utc_now,
        new_id: Callable[[], str] = domain.new_id,
        tasks: TaskPort | None = None,
        *,
        containers: ContainerRepository,
        serving_stats: ServingStatsRepository,
        runtime_properties: RuntimePropertyRepository,
    ) -> UseCases:
        """Everything wired; without ``tasks`` task statuses are not kept in step with
        queue changes (``task_sync.NoTasks``)."""
        defaults = DefaultQueues(queues, clock, new_id)
        metrics = QueueMetrics(queue_metrics, clock)
        entries = EntryService(queues, metrics, clock, tasks)
        return cls(
            queues=QueueService(queues, workers, defaults, metrics, clock, new_id, entries.revert),
            entries=entries,
            workers=WorkerService(workers, queues, stats, worker_timeout_s, clock, tasks),
            worker_stats=WorkerStatsService(stats),
            internal=InternalService(queues, entries, defaults, clock, new_id),
            serving=ServingService(containers, serving_stats, worker_timeout_s, clock),
            runtime=RuntimePropertiesService(runtime_properties, clock),
            metrics=metrics,
        )


def _owner(u: UseCases, name: str) -> Any:
    service, action = name.split(".", 1)
    if service == "workers":
        if action in _RUNTIME_ACTIONS:
            return u.runtime
        return u.worker_stats if action in _STATS_ACTIONS else u.workers
    if service == "serving":
        return u.serving
    if service == "internal":
        return u.internal
    return u.entries if action in _ENTRY_ACTIONS else u.queues


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler."""
    models = {**_MODELS, **queues_api.INTERNAL_REQUESTS}
    return {
        name: use_case_handler(model, getattr(_owner(use_cases, name), name.split(".", 1)[1]), name)
        for name, model in models.items()
    }



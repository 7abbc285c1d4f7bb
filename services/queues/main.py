"""Composition root of the queues process: the only place its parts are wired."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.queues import domain
from services.queues.clusters import build_room as build_clusters_room
from services.queues.clusters import mongo_stores as cluster_stores
from services.queues.clusters.events import recording_worker_events
from services.queues.clusters.handlers import handler_table as clusters_handler_table
from services.queues.access import QueueAccess, ReferenceAccess, RpcReferenceAccess
from services.queues.entries import EntryService, QueueFeeder
from services.queues.handlers import UseCases, handler_table
from services.queues.internal import EnqueueAdmission, InternalService
from services.queues.metrics_refresher import QueueMetricsRefresher
from services.queues.queue_metrics import QueueMetrics
from services.queues.repository import (
    ContainerRepository,
    QueueMetricsRepository,
    QueueRepository,
    RuntimePropertyRepository,
    ServingStatsRepository,
    StatsRepository,
    WorkerRepository,
)
from services.queues.repository.elastic import (
    ElasticQueueMetricsRepository,
    ElasticServingStatsRepository,
    ElasticStatsRepository,
)
from services.queues.repository.mongo import (
    MongoContainerRepository,
    MongoQueueRepository,
    MongoRuntimePropertyRepository,
    MongoWorkerRepository,
)
from services.queues.routers import build_room as build_routers_room
from services.queues.routers.handlers import handler_table as routers_handler_table
from services.queues.resources import build_admission, build_feeder, build_room
from services.queues.resources.handlers import handler_table as resources_handler_table
from services.queues.repository.resources import MongoResourceStore
from services.queues.runtime_properties import RuntimePropertiesService
from services.queues.service import DefaultQueues, QueueService
from services.queues.serving import ServingService
from services.queues.settings import QueuesSettings
from services.queues.task_sync import RpcTasks, TaskPort
from services.queues.worker_stats import WorkerStatsService
from services.queues.workers import WorkerService
from shared.access.view import AccessRules, AccessView, StaticAccess
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_queues"


def build_use_cases(
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
    rules: AccessRules | None = None,
    admission: EnqueueAdmission | None = None,
    feeder: QueueFeeder | None = None,
    references: ReferenceAccess | None = None,
) -> UseCases:
    """Every use case wired to its ports; without ``tasks`` task statuses are not kept in
    step with queue changes (``task_sync.NoTasks``); without ``rules`` every company is open
    (``StaticAccess()``); ``admission``: the resources room's quota check of
    ``internal.enqueue`` (none: every enqueue is admitted); ``feeder``: the queues an empty
    queue's ``get_next_task`` serves from (the room's pool link queues); ``references``: which
    tasks and models serving containers reference the caller may read (none: all)."""
    access = QueueAccess(rules or StaticAccess(), queues, references)
    defaults = DefaultQueues(queues, clock, new_id)
    metrics = QueueMetrics(queue_metrics, clock)
    entries = EntryService(queues, metrics, clock, tasks, feeder)
    return UseCases(
        queues=QueueService(queues, workers, defaults, metrics, clock, new_id, entries.revert, access),
        entries=entries,
        workers=WorkerService(workers, queues, stats, worker_timeout_s, clock, tasks, access),
        worker_stats=WorkerStatsService(stats),
        internal=InternalService(queues, entries, defaults, clock, new_id, access, admission),
        serving=ServingService(containers, serving_stats, access, worker_timeout_s, clock),
        runtime=RuntimePropertiesService(runtime_properties, clock),
        metrics=metrics,
        access=access,
    )


def create_app(settings: QueuesSettings) -> App:
    """MongoDB repositories (indexes ensured at start), the Elasticsearch statistics stores
    (index templates put at start), use cases, the queue-metrics refresher, the RPC client to
    the tasks process (task statuses kept in step with queue changes, ``task_sync``), the
    access rules' local view (``AccessView``), and the RPC server. Stopped in reverse: the server
    first, the Mongo client last."""
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    queues = MongoQueueRepository(db)
    workers = MongoWorkerRepository(db)
    containers = MongoContainerRepository(db)
    props = MongoRuntimePropertyRepository(db)
    es = (settings.es_url, settings.es_index_prefix, settings.es_timeout_s)
    stats = ElasticStatsRepository(*es)
    queue_metrics = ElasticQueueMetricsRepository(*es)
    serving_stats = ElasticServingStatsRepository(*es)

    rpc = RpcClient(settings)
    rules = AccessView(settings)
    routers = build_routers_room(db, rpc, settings.worker_default_timeout_s, domain.utc_now, domain.new_id,
                                 QueueAccess(rules))
    clusters = build_clusters_room(cluster_stores(db), workers, stats)  # room clusters
    resources = MongoResourceStore(db)  # room resources

    async def ensure_indexes() -> None:
        for repo in (queues, workers, containers, props, routers, resources):
            await repo.ensure_indexes()
        await clusters.create_indexes()

    async def close() -> None:
        await client.close()

    use_cases = build_use_cases(queues, workers, stats, queue_metrics, settings.worker_default_timeout_s,
                                tasks=RpcTasks(rpc), containers=containers, serving_stats=serving_stats,
                                runtime_properties=props, rules=rules, references=RpcReferenceAccess(rpc),
                                admission=build_admission(resources, queues, workers, rules, domain.utc_now),
                                feeder=build_feeder(resources, queues, workers, domain.utc_now))
    room = build_room(resources, queues, workers, rules, use_cases.queues, use_cases.entries, domain.utc_now,
                      domain.new_id)  # room resources
    refresher = QueueMetricsRefresher(queues, use_cases.metrics, domain.utc_now, settings.queue_metrics_refresh_s,
                                      settings.queue_metrics_refresh_max_queues)
    handlers = recording_worker_events({**handler_table(use_cases), **routers_handler_table(routers),
                                        **clusters_handler_table(clusters), **resources_handler_table(room)},
                                       clusters.events, workers)
    server = RpcServer(settings, "queues", handlers)
    components = [Hook(start=ensure_indexes, stop=close), stats, queue_metrics, serving_stats, use_cases.metrics,
                  refresher, rpc, rules, server]
    return App("queues", components)


def main() -> None:
    serve("queues", QueuesSettings, create_app)

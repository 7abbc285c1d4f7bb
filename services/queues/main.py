"""Composition root of the queues process: the only place its parts are wired."""

from __future__ import annotations

from services.queues import domain
from services.queues.handlers import UseCases, handler_table
from services.queues.metrics_refresher import QueueMetricsRefresher
from services.queues.queue_metrics import ElasticQueueMetricsRepository
from services.queues.repository import MongoQueueRepository, MongoWorkerRepository
from services.queues.runtime_properties import MongoRuntimePropertyRepository
from services.queues.serving_repository import MongoContainerRepository
from services.queues.serving_stats import ElasticServingStatsRepository
from services.queues.settings import QueuesSettings
from services.queues.stats import ElasticStatsRepository
from services.queues.task_sync import RpcTasks
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_queues"


def create_app(settings: QueuesSettings) -> App:
    """MongoDB repositories (indexes ensured at start), the Elasticsearch statistics stores
    (index templates put at start), use cases, the queue-metrics refresher, the RPC client to
    the tasks process (task statuses kept in step with queue changes, ``task_sync``), and the
    RPC server. Stopped in reverse: the server first, the Mongo client last."""
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

    async def ensure_indexes() -> None:
        for repo in (queues, workers, containers, props):
            await repo.ensure_indexes()

    async def close() -> None:
        await client.close()

    rpc = RpcClient(settings)
    use_cases = UseCases.build(queues, workers, stats, queue_metrics, settings.worker_default_timeout_s,
                               tasks=RpcTasks(rpc), containers=containers, serving_stats=serving_stats,
                               runtime_properties=props)
    refresher = QueueMetricsRefresher(queues, use_cases.metrics, domain.utc_now, settings.queue_metrics_refresh_s,
                                      settings.queue_metrics_refresh_max_queues)
    server = RpcServer(settings, "queues", handler_table(use_cases))
    components = [Hook(start=ensure_indexes, stop=close), stats, queue_metrics, serving_stats, use_cases.metrics,
                  refresher, rpc, server]
    return App("queues", components)


def main() -> None:
    serve("queues", QueuesSettings, create_app)

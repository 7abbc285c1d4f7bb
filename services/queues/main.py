"""Composition root of the queues process: the only place its parts are wired."""

from __future__ import annotations

from services.queues.handlers import UseCases, handler_table
from services.queues.queue_metrics import ElasticQueueMetricsRepository
from services.queues.repository import MongoQueueRepository, MongoWorkerRepository
from services.queues.settings import QueuesSettings
from services.queues.stats import ElasticStatsRepository
from services.queues.task_sync import RpcTasks
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_queues"


def create_app(settings: QueuesSettings) -> App:
    """MongoDB repositories (indexes ensured at start), the Elasticsearch statistics store
    (index template put at start), use cases, the RPC client to the tasks process (task
    statuses kept in step with queue changes, ``task_sync``), and the RPC server."""
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    queues = MongoQueueRepository(db)
    workers = MongoWorkerRepository(db)
    stats = ElasticStatsRepository(settings.es_url, settings.es_index_prefix, settings.es_timeout_s)
    queue_metrics = ElasticQueueMetricsRepository(settings.es_url, settings.es_index_prefix, settings.es_timeout_s)

    async def ensure_indexes() -> None:
        await queues.ensure_indexes()
        await workers.ensure_indexes()

    async def close() -> None:
        await client.close()

    rpc = RpcClient(settings)
    use_cases = UseCases.build(queues, workers, stats, queue_metrics, settings.worker_default_timeout_s,
                               tasks=RpcTasks(rpc))
    server = RpcServer(settings, "queues", handler_table(use_cases))
    components = [Hook(start=ensure_indexes, stop=close), stats, queue_metrics, use_cases.metrics, rpc, server]
    return App("queues", components)


def main() -> None:
    serve("queues", QueuesSettings, create_app)

"""Composition root of the tasks process: the only place its parts are wired."""

from __future__ import annotations

from services.tasks.facts import KafkaFactPublisher
from services.tasks.handlers import UseCases, handler_table
from services.tasks.tasks.queueing import RpcQueues
from services.tasks.events_port import RpcEvents
from services.tasks.store.repository import MongoModelRepository, MongoProjectRepository, MongoTaskRepository
from services.tasks.store.scrolling import MongoScrollRepository
from services.tasks.settings import TasksSettings
from services.tasks.tasks.watchdog import Watchdog
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_tasks"


def create_app(settings: TasksSettings) -> App:
    """MongoDB repositories (indexes ensured at start), use cases, the RPC client to the queues
    process (``tasks.enqueue``/``dequeue``, and stop/reset/archive/delete of queued tasks) and
    the events process (``reports.get_task_data``), and the RPC server."""
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    tasks_repo = MongoTaskRepository(db)
    projects_repo = MongoProjectRepository(db)
    models_repo = MongoModelRepository(db)

    async def ensure_indexes() -> None:
        await tasks_repo.ensure_indexes()
        await projects_repo.ensure_indexes()
        await models_repo.ensure_indexes()

    async def close() -> None:
        await client.close()

    facts = KafkaFactPublisher(settings)
    rpc = RpcClient(settings)
    use_cases = UseCases.build(
        tasks_repo, projects_repo, models_repo, scroll_states=MongoScrollRepository(db), facts=facts,
        queues=RpcQueues(rpc), events=RpcEvents(rpc),
    )
    handlers = handler_table(use_cases)
    watchdog = Watchdog(tasks_repo, settings.task_watchdog_timeout_s, settings.task_watchdog_interval_s)
    components = [Hook(start=ensure_indexes, stop=close), facts, rpc, RpcServer(settings, "tasks", handlers), watchdog]
    return App("tasks", components)


def main() -> None:
    serve("tasks", TasksSettings, create_app)

"""Composition root of the tasks process: the only place its parts are wired."""

from __future__ import annotations

from services.tasks.handlers import handler_table
from services.tasks.repository import MongoProjectRepository, MongoTaskRepository
from services.tasks.service import ProjectService, TaskService
from services.tasks.settings import TasksSettings
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve

DATABASE = "cairn_tasks"


def create_app(settings: TasksSettings) -> App:
    """MongoDB repositories (indexes ensured at start), use cases, and the RPC server."""
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    tasks_repo = MongoTaskRepository(db)
    projects_repo = MongoProjectRepository(db)

    async def ensure_indexes() -> None:
        await tasks_repo.ensure_indexes()
        await projects_repo.ensure_indexes()

    async def close() -> None:
        await client.close()

    handlers = handler_table(ProjectService(projects_repo), TaskService(tasks_repo, projects_repo))
    return App("tasks", [Hook(start=ensure_indexes, stop=close), RpcServer(settings, "tasks", handlers)])


def main() -> None:
    serve("tasks", TasksSettings, create_app)

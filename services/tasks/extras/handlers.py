"""The endpoint table of the extras room. Merged into the tasks process's table in
``services/tasks/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from services.tasks.extras import ExtrasRoom
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import pipelines as pipelines_api
from shared.schemas.generated import projects as projects_api
from shared.schemas.generated import tasks as tasks_api
from shared.schemas.tasks_enterprise import UpdateIterationRequest

ENDPOINTS: dict[str, Callable[[ExtrasRoom], UseCase]] = {
    "tasks.share": lambda room: room.tasks.share,
    "tasks.update_iteration": lambda room: room.tasks.update_iteration,
    "pipelines.check_new_run": lambda room: room.pipelines.check_new_run,
    "projects.get_hyperdataset_stats": lambda room: room.datasets.get_hyperdataset_stats,
}

_MODELS: dict[str, type[BaseModel]] = {
    "tasks.share": tasks_api.ShareRequest,
    "tasks.update_iteration": UpdateIterationRequest,
    "pipelines.check_new_run": pipelines_api.CheckNewRunRequest,
    "projects.get_hyperdataset_stats": projects_api.GetHyperdatasetStatsRequest,
}


def handler_table(room: ExtrasRoom) -> dict[str, Handler]:
    return {name: use_case_handler(_MODELS[name], pick(room), name) for name, pick in ENDPOINTS.items()}

"""The endpoint table of the operations-log room. Merged into the tasks process's table in
``services/tasks/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable

from services.tasks.oplog.service import OperationsLog
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import tasks as tasks_api

ENDPOINTS: dict[str, Callable[[OperationsLog], UseCase]] = {
    "tasks.get_operations_log": lambda log: log.get_operations_log,
    "tasks.clear_operations_log": lambda log: log.clear_operations_log,
}

_MODELS = {
    "tasks.get_operations_log": tasks_api.GetOperationsLogRequest,
    "tasks.clear_operations_log": tasks_api.ClearOperationsLogRequest,
}


def handler_table(log: OperationsLog) -> dict[str, Handler]:
    """``log``: ``OplogRoom.endpoints`` over the guarded task repository."""
    return {name: use_case_handler(_MODELS[name], pick(log), name) for name, pick in ENDPOINTS.items()}

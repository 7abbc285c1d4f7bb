"""The extras room of the tasks process: the small Enterprise endpoints of the task, pipeline
and project services that need no store of their own (``tasks.share``,
``tasks.update_iteration``, ``pipelines.check_new_run``, ``projects.get_hyperdataset_stats``).
``build_room`` is called from ``services/tasks/main.py``; ``handlers.py`` is its table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.tasks import domain
from services.tasks.extras.pipelines import NewRunCheck
from services.tasks.extras.projects import HyperDatasetStats
from services.tasks.extras.tasks import TaskExtras
from services.tasks.permissions import PermissionsRoom
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class ExtrasRoom:
    tasks: TaskExtras
    pipelines: NewRunCheck
    datasets: HyperDatasetStats


def build_room(guarded: PermissionsRoom, rpc: RpcCaller, clock: Callable[[], datetime] = domain.utc_now) -> ExtrasRoom:
    """The room over the permissions room's guarded repositories (over the oplog's recording
    tasks, so sharing is logged): a task or project the caller may not read is unknown, a
    change of a task it may only read is 403/21. Asks the datasets process for its datasets."""
    return ExtrasRoom(
        tasks=TaskExtras(guarded.tasks, clock),
        pipelines=NewRunCheck(guarded.tasks, guarded.projects),
        datasets=HyperDatasetStats(guarded.projects, ProcessRpc(rpc, "datasets")),
    )

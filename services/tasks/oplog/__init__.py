"""The operations-log room of the tasks process: a per-task log of who did what to a task and
when (status changes, enqueue/dequeue, edits, resets, publishing), recorded by one hook on the
task repository (``recording``), read and cleared by ``tasks.get_operations_log`` and
``tasks.clear_operations_log`` (``handlers.py``). ``build_room`` is called from
``services/tasks/main.py``: the hook goes under the permissions room's guards (it records what
the guarded use cases changed), the endpoints over them (``OplogRoom.endpoints``), so a task
the caller may not read has no log either.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.tasks.oplog.recording import RecordingTasks
from services.tasks.oplog.service import OperationsLog
from services.tasks.oplog.store import MongoOperationsStore, OperationsStore
from services.tasks.permissions import PermissionsRoom
from services.tasks.store.repository import TaskRepository


@dataclass(frozen=True)
class OplogRoom:
    """``tasks``: the process's task repository with the recording hook (give it to every
    use case); ``store``: where operations are kept."""

    tasks: RecordingTasks
    store: OperationsStore

    def endpoints(self, guarded: PermissionsRoom) -> OperationsLog:
        """The endpoints' use cases, reading tasks through the permissions room's guarded
        repository (an unreadable task answers 400/101, clearing needs read_write)."""
        return OperationsLog(guarded.tasks, self.store)

    async def create_indexes(self) -> None:
        if isinstance(self.store, MongoOperationsStore):
            await self.store.create_indexes()


def build_room(db: AsyncDatabase | None, tasks: TaskRepository, store: OperationsStore | None = None) -> OplogRoom:
    """The room over the tasks database (or over ``store``, a fake, in unit tests)."""
    store = store if store is not None else MongoOperationsStore(db)
    return OplogRoom(tasks=RecordingTasks(tasks, store), store=store)

"""The ops room of identity: the last ``auth``/``users``/``server`` endpoints that operate the
server rather than model people: task tokens (``auth.get_task_token``,
``auth.get_task_token_for_user``), ``auth.reload_config``, ``users.get_whitelist``, ``server.db_version`` and
``system.copy_tasks``. ``build_room`` wires its use cases (from ``services/identity/main.py``);
``handlers.py`` is its endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.domain import utcnow
from services.identity.ops.copies import TaskCopies
from services.identity.ops.db_version import DbVersion
from services.identity.ops.task_tokens import TaskTokens
from services.identity.service import IdentityService
from services.identity.store.db_version import MongoDbVersionRepository
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class OpsRoom:
    """The use cases of the room (``identity``: the service whose users and invitations it reads)."""

    identity: IdentityService
    task_tokens: TaskTokens
    db_version: DbVersion
    copies: TaskCopies


def build_room(db: AsyncDatabase, rpc: RpcCaller, identity: IdentityService) -> OpsRoom:
    """The room over identity's database, asking the tasks process whether a task exists."""
    tasks = ProcessRpc(rpc, "tasks")
    return OpsRoom(
        identity=identity,
        task_tokens=TaskTokens(tasks, identity.users.accounts),
        db_version=DbVersion(MongoDbVersionRepository(db), utcnow),
        copies=TaskCopies(tasks, identity.ports),
    )

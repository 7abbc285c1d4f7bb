"""The resources room of the queues process: Enterprise resource pools, profiles and policies
(``resources.*``, 18 endpoints) and the quota check of ``internal.enqueue``.

- ``domain``: the configuration's rules (draft checks, publish diff, costs, quota decision);
- ``store``: its collections in ``cairn_queues`` (configuration, policies, connections, ledger);
- ``usage``: what policies, profiles and pools use right now (policy queues' entries and the
  running jobs that live workers report);
- ``configuration``: pools and profiles, draft -> validate -> publish -> reset, the manager switch;
- ``policies``: policies, their profile connections (queues), group moves, and ``Admission``
  (the quota check of ``internal.enqueue``);
- ``feeding``: pool link queues serving their profile's policy queues in priority
  (``queues.get_next_task``);
- ``handlers``: the endpoint table (merged into the process's in ``services/queues/handlers.py``).

``build_room`` is called from ``services/queues/main.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.queues.entries import EntryService
from services.queues.repository import QueueRepository, WorkerRepository
from services.queues.resources.configuration import ResourceConfiguration
from services.queues.resources.feeding import PolicyFeeder
from services.queues.resources.policies import Admission, ResourcePolicies
from services.queues.resources.store import ResourceStore
from services.queues.resources.usage import UsageReader
from services.queues.service import QueueService
from shared.access.view import AccessRules
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import queues as queues_api


@dataclass(frozen=True)
class ResourcesRoom:
    """The room's use cases; ``store`` has its indexes ensured at start."""

    store: ResourceStore
    configuration: ResourceConfiguration
    policies: ResourcePolicies


def build_admission(store: ResourceStore, queues: QueueRepository, workers: WorkerRepository, access: AccessRules,
                    clock: Callable[[], datetime]) -> Admission:
    """The quota check that ``internal.enqueue`` calls (wired into ``InternalService``)."""
    return Admission(store, UsageReader(store, queues, workers, clock), access, clock)


def build_feeder(store: ResourceStore, queues: QueueRepository, workers: WorkerRepository,
                 clock: Callable[[], datetime]) -> PolicyFeeder:
    """What pool link queues serve in ``get_next_task`` (wired into ``EntryService``)."""
    return PolicyFeeder(store, UsageReader(store, queues, workers, clock))


def build_room(store: ResourceStore, queues: QueueRepository, workers: WorkerRepository, access: AccessRules,
               queue_service: QueueService, entries: EntryService,
               clock: Callable[[], datetime], new_id: Callable[[], str]) -> ResourcesRoom:
    """Policy queues are deleted and emptied through the process's own queue use cases, so
    their tasks go back to the status they had before the enqueue (the tasks process is told)."""

    async def delete_queue(identity: Identity, queue: str) -> bool:
        try:
            await queue_service.delete(identity, queues_api.DeleteRequest(queue=queue, force=True))
        except ApiError as error:
            if error.name != "invalid_queue_id":
                raise
            return False  # already gone
        return True

    async def remove_entry(identity: Identity, queue: str, task: str) -> None:
        await entries.remove_task(identity, queues_api.RemoveTaskRequest(queue=queue, task=task,
                                                                         update_task_status=True))

    usage = UsageReader(store, queues, workers, clock)
    return ResourcesRoom(
        store=store,
        configuration=ResourceConfiguration(store, usage, queues, delete_queue, clock, new_id),
        policies=ResourcePolicies(store, usage, access, queues, delete_queue, remove_entry, clock, new_id),
    )

"""The applications room of the tasks process (Enterprise ``apps.*``): applications
registered in the server (versions uploaded with their launch form, info template, task
definition and small assets), their deployment to tenants, customizations, and instances,
which are tasks launched on a queue and watched like any task.

``build_room`` wires the use cases over the room's MongoDB collections
(``services/tasks/store/apps.py``) and the task use cases of the process; ``handlers.py`` is
the room's endpoint table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase

from services.tasks.apps.customizations import AppCustomizations
from services.tasks.apps.instances import AppInstances
from services.tasks.apps.library import Library, Stores
from services.tasks.apps.ports import AppTasks, Tenants
from services.tasks.apps.registry import AppRegistry
from services.tasks.apps.tenants import AppTenants
from services.tasks.store.apps import (
    MongoAppCatalog,
    MongoAppCustomizations,
    MongoAppDeployments,
    MongoAppInstances,
    MongoAppSettings,
)


@dataclass(frozen=True)
class AppsRoom:
    """The use cases of the room."""

    registry: AppRegistry
    instances: AppInstances
    tenants: AppTenants
    customizations: AppCustomizations
    stores: Stores

    async def ensure_indexes(self) -> None:
        await self.stores.ensure_indexes()


def build_room(db: AsyncDatabase, tasks: AppTasks, tenants: Tenants, clock: Callable[[], datetime],
               new_id: Callable[[], str]) -> AppsRoom:
    """The room over the tasks process's database; ``tasks``: the task use cases instances
    run through; ``tenants``: the companies an administrator manages (from identity)."""
    stores = Stores(MongoAppCatalog(db), MongoAppDeployments(db), MongoAppInstances(db),
                    MongoAppCustomizations(db), MongoAppSettings(db))
    library = Library(stores, tasks, tenants, clock, new_id)
    return AppsRoom(registry=AppRegistry(library), instances=AppInstances(library), tenants=AppTenants(library),
                    customizations=AppCustomizations(library), stores=stores)

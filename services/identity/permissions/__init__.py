"""The permissions room of identity (issue 16): user groups, access rules, the default rules
of a company and ``check_entity_access`` (the 11 ``permissions.*`` endpoints of the Enterprise
catalog). Every change publishes the company's whole configuration as an ``AccessRulesChanged``
fact (``shared.access``) that every enforcing process replays into its ``AccessView``.
``build_room`` wires its use cases (from ``services/identity/main.py``); ``handlers.py`` is its
endpoint table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.domain import utcnow
from services.identity.facts import FactPublisher
from services.identity.permissions.checks import EntityAccess, EntityNames
from services.identity.permissions.service import PermissionsService
from services.identity.permissions.store import MongoPermissionStore
from services.identity.users.store import UserDirectory
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import RpcCaller


@dataclass(frozen=True)
class PermissionsRoom:
    service: PermissionsService
    access: EntityAccess
    names: EntityNames
    store: MongoPermissionStore

    async def create_indexes(self) -> None:
        await self.store.create_indexes()


def build_room(db: AsyncDatabase, rpc: RpcCaller, users: UserDirectory, publisher: FactPublisher,
               verify_token: Callable[[str], Identity]) -> PermissionsRoom:
    """The room over identity's database, asking the owners of entities for decisions and names."""
    store = MongoPermissionStore(db)
    return PermissionsRoom(
        service=PermissionsService(store, users, publisher, utcnow),
        access=EntityAccess(rpc, verify_token),
        names=EntityNames(rpc),
        store=store,
    )

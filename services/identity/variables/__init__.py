"""The variables room of identity: company-wide named values (the 4 ``variables.*`` endpoints
of the Enterprise catalog) with atomic, bounded ``increment_global_vars``. ``build_room`` wires
it (from ``services/identity/main.py``); ``handlers.py`` is its endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.domain import utcnow
from services.identity.variables.service import VariablesService
from services.identity.variables.store import MongoVariableStore


@dataclass(frozen=True)
class VariablesRoom:
    service: VariablesService
    store: MongoVariableStore

    async def create_indexes(self) -> None:
        await self.store.create_indexes()


def build_room(db: AsyncDatabase) -> VariablesRoom:
    store = MongoVariableStore(db)
    return VariablesRoom(service=VariablesService(store, utcnow), store=store)

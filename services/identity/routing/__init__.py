"""The routing room of identity: router tokens and the browser's way to a task router
(``auth.generate_router_token``, ``generate_endpoint_router_token``, ``get_router_tokens``,
``revoke_router_tokens``, ``redirect_to_router``, ``validate_router_code``) and
``internal.verify_router_token`` (the queues process's ``routers.check_task_route_access``).
Use cases in ``tokens.py``, collections in ``store.py``, endpoint table in ``handlers.py``;
``build_room`` is called from ``services/identity/main.py``."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.identity.domain import utcnow
from services.identity.facts import FactPublisher
from services.identity.repository import SessionRepository, UserRepository
from services.identity.routing.store import MongoRouterCodeRepository, MongoRouterTokenRepository
from services.identity.routing.tokens import RouterTokens
from services.identity.settings import IdentitySettings
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class RoutingRoom:
    tokens: RouterTokens
    stores: tuple

    async def create_indexes(self) -> None:
        for store in self.stores:
            await store.create_indexes()


def build_room(db: AsyncDatabase, rpc: RpcCaller, users: UserRepository, sessions: SessionRepository,
               publisher: FactPublisher, settings: IdentitySettings) -> RoutingRoom:
    """The room over ``cairn_identity``, asking the queues process where routers serve."""
    tokens, codes = MongoRouterTokenRepository(db), MongoRouterCodeRepository(db)
    use_cases = RouterTokens(tokens, codes, users, sessions, publisher, ProcessRpc(rpc, "queues"), settings,
                             utcnow)
    return RoutingRoom(tokens=use_cases, stores=(tokens, codes))

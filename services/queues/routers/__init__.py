"""The routers room of the queues process: static routes and the task routers that serve
them (``routers.*``, Enterprise). Collections ``route`` and ``task_router`` of
``cairn_queues`` (``store.py``); ``routes.py`` and ``task_routers.py`` are its use cases,
``rules.py`` the pure rules, ``tasks.py`` its neighbours (the tasks process: task names,
runtime properties; identity: router tokens), ``handlers.py`` its endpoint table.

How the SDK meets it: ``Task.request_external_endpoint(port, static_route=name)`` reads the
route with ``routers.get_routes`` (name ``^name$``: enabled, and load-balanced if already
active), then stores the port, address and route name in the task's runtime properties and
tags it ``external_service``. A task router (outside Cairn) finds such tasks, proxies the
route to them and says so in ``routers.task_router_report``; the room then writes the
route's URL into the task's runtime ``endpoint``/``browser_endpoint``, which
``Task.list_external_endpoints`` returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase

from services.queues.routers.routes import RouteAccess, Routes
from services.queues.routers.store import (
    MongoRouteRepository,
    MongoTaskRouterRepository,
    RouteRepository,
    TaskRouterRepository,
)
from services.queues.routers.task_routers import TaskRouters
from services.queues.routers.tasks import RouterTokens, RpcRouterTokens, RpcTaskDirectory, TaskDirectory
from shared.messaging.process_rpc import ProcessRpc, RpcCaller


@dataclass(frozen=True)
class RoutersRoom:
    routes: Routes
    task_routers: TaskRouters
    stores: tuple[RouteRepository, TaskRouterRepository]

    async def ensure_indexes(self) -> None:
        for store in self.stores:
            await store.ensure_indexes()


def wire_room(routes: RouteRepository, routers: TaskRouterRepository, tasks: TaskDirectory, tokens: RouterTokens,
              router_timeout_s: int, clock: Callable[[], datetime], new_id: Callable[[], str],
              access: RouteAccess | None = None) -> RoutersRoom:
    """The room over any ports (fakes in unit tests); ``access``: the rules on routes (none:
    every route open)."""
    return RoutersRoom(
        routes=Routes(routes, routers, tasks, clock, new_id, access),
        task_routers=TaskRouters(routers, routes, tasks, tokens, router_timeout_s, clock),
        stores=(routes, routers),
    )


def build_room(db: AsyncDatabase, rpc: RpcCaller, router_timeout_s: int, clock: Callable[[], datetime],
               new_id: Callable[[], str], access: RouteAccess | None = None) -> RoutersRoom:
    """The room over ``cairn_queues`` and RPC to the tasks and identity processes."""
    return wire_room(MongoRouteRepository(db), MongoTaskRouterRepository(db),
                     RpcTaskDirectory(ProcessRpc(rpc, "tasks")), RpcRouterTokens(ProcessRpc(rpc, "identity")),
                     router_timeout_s, clock, new_id, access)

"""The routers room's endpoint table: each endpoint next to the use case that answers it.
Merged into the queues process's table in ``services/queues/main.py``."""

from __future__ import annotations

from collections.abc import Callable

from services.queues.routers import RoutersRoom
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import routers as internal_api
from shared.schemas.generated import routers as api

ENDPOINTS: dict[str, Callable[[RoutersRoom], UseCase]] = {
    "routers.add_or_update_route": lambda r: r.routes.add_or_update_route,
    "routers.check_route_name": lambda r: r.routes.check_route_name,
    "routers.get_routes": lambda r: r.routes.get_routes,
    "routers.set_route_enabled": lambda r: r.routes.set_route_enabled,
    "routers.delete_routes": lambda r: r.routes.delete_routes,
    "routers.task_router_report": lambda r: r.task_routers.task_router_report,
    "routers.unregister": lambda r: r.task_routers.unregister,
    "routers.get_task_routers": lambda r: r.task_routers.get_task_routers,
    "routers.check_task_route_access": lambda r: r.task_routers.check_task_route_access,
    # identity's auth.redirect_to_router asks where a router serves a route
    "internal.router_url": lambda r: r.task_routers.router_url,
}

_MODELS = {**api.REQUESTS, "internal.router_url": internal_api.RouterUrlRequest}


def handler_table(room: RoutersRoom) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler bound to the room."""
    return {name: use_case_handler(_MODELS[name], pick(room), name) for name, pick in ENDPOINTS.items()}

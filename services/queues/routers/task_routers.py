"""Task routers: the reverse proxies that carry traffic from a route to the tasks that asked
for an external endpoint (``routers.task_router_report``, ``unregister``,
``get_task_routers``, ``check_task_route_access``).

A router reports what it serves every so often: its URL and, per route, the tasks it sends
the traffic to. A report is live for ``timeout`` seconds (default: the workers' timeout);
expired and unregistered routers serve nothing. Each report also gives every task it serves
its endpoint: the route's URL is written into the task's runtime properties (``endpoint`` and
``browser_endpoint``, with the ``__<name>`` suffix of the task's endpoint that asked for the
route), which is what the SDK's ``Task.request_external_endpoint(wait=True)`` and
``Task.list_external_endpoints`` read back. Only changed endpoints are written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.queues.routers import rules
from services.queues.routers.store import RouteRepository, TaskRouterRepository
from services.queues.routers.tasks import RouterTokens, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import routers as api
from shared.schemas.routers import RouterUrlRequest

log = logging.getLogger(__name__)

# The task runtime property that names the static route an endpoint asked for (the SDK's).
ROUTE_PROPERTY = "_ROUTER_ENDPOINT_MODE_PARAM"
DEFAULT_TASK_FIELDS = ["id", "name", "status", "project"]


def endpoint_suffix(runtime: dict[str, Any], route: str) -> str | None:
    """The endpoint name (runtime key suffix) of the task's endpoint that asked for
    ``route``: "" for the default endpoint, None when none did."""
    for key, value in (runtime or {}).items():
        if value == route and (key == ROUTE_PROPERTY or key.startswith(ROUTE_PROPERTY + "__")):
            return key[len(ROUTE_PROPERTY) + 2:]
    return None


class TaskRouters:
    def __init__(self, routers: TaskRouterRepository, routes: RouteRepository, tasks: TaskDirectory,
                 tokens: RouterTokens, default_timeout_s: int, clock: Callable[[], datetime]) -> None:
        self._routers = routers
        self._routes = routes
        self._tasks = tasks
        self._tokens = tokens
        self._timeout_s = default_timeout_s
        self._clock = clock

    async def task_router_report(self, identity: Identity, request: api.TaskRouterReportRequest) -> dict[str, Any]:
        """Record a router's report and give the tasks it serves their endpoints."""
        name = (request.router or "").strip()
        if not name:
            raise ApiError.named("validation_error", "router: a name is required")
        if request.timeout is not None and request.timeout <= 0:
            raise ApiError.named("validation_error", "timeout: seconds, more than 0", timeout=request.timeout)
        now = self._clock()
        status = request.status.model_dump(mode="json", exclude_none=True) if request.status else {}
        timeout = request.timeout or self._timeout_s
        router = {"_id": f"{identity.company}/{name}", "company": identity.company, "router": name,
                  "url": rules.http_url(request.url), "version": request.version, "timeout": timeout,
                  "reported": now, "expires": now + timedelta(seconds=timeout), "user": identity.user,
                  "uptime": status.get("uptime"), "last_update_timestamp": status.get("last_update_timestamp"),
                  "routes": status.get("routes") or [], "tasks": status.get("tasks") or []}
        await self._routers.put(router)
        await self._give_endpoints(identity, router)
        return {}

    async def _give_endpoints(self, identity: Identity, router: dict[str, Any]) -> None:
        wanted = {t["id"]: entry for entry in router["routes"] for t in entry.get("tasks") or () if t.get("id")}
        if not wanted:
            return
        static = {r["name"]: r for r in await self._routes.of_company(identity.company)}
        for task in await self._tasks.get(identity, list(wanted), ["id", "runtime"]):
            entry = wanted[task["id"]]
            url = entry.get("url") or rules.route_url(router["url"], static.get(entry.get("name"), {}))
            if not url:
                continue
            suffix = endpoint_suffix(task.get("runtime") or {}, entry.get("name") or "") or ""
            keys = {f"{k}__{suffix}" if suffix else k: url for k in ("endpoint", "browser_endpoint")}
            if any((task.get("runtime") or {}).get(k) != v for k, v in keys.items()):
                try:
                    await self._tasks.set_runtime(identity, task["id"], keys)
                except ApiError as exc:  # the task went away since: the report itself stands
                    log.warning("endpoint of task %s not written: %s", task["id"], exc)

    async def unregister(self, identity: Identity, request: api.UnregisterRequest) -> dict[str, Any]:
        """Forget a router (its routes stop being served by it); 400/10 for an unknown one."""
        if not await self._routers.delete(identity.company, request.router):
            raise ApiError.named("invalid_id", "no router with this name", router=request.router)
        return {}

    async def get_task_routers(self, identity: Identity, request: api.GetTaskRoutersRequest) -> dict[str, Any]:
        """The live routers, each with its routes (task ids) and the tasks it serves
        (``task_only_fields`` of them, in ``task_order_by`` order)."""
        routers = sorted(await self._routers.live(identity.company, self._clock()), key=lambda r: r["router"])
        ids = list(dict.fromkeys(t for r in routers for t in _served_ids(r)))
        fields = list(dict.fromkeys(["id", *(request.task_only_fields or DEFAULT_TASK_FIELDS)]))
        found = await self._tasks.get(identity, ids, fields, request.task_order_by) if ids else []
        return {"routers": [self._view(r, found) for r in routers]}

    @staticmethod
    def _view(router: dict[str, Any], tasks: list[dict[str, Any]]) -> dict[str, Any]:
        served = set(_served_ids(router))
        view = {
            "router": router["router"], "url": router["url"], "version": router.get("version"),
            "uptime": router.get("uptime"), "last_update_timestamp": router.get("last_update_timestamp"),
            "routes": [{"name": e.get("name"), "tasks": [t["id"] for t in e.get("tasks") or () if t.get("id")]}
                       for e in router["routes"]],
            "tasks": [t for t in tasks if t.get("id") in served],
        }
        return {k: v for k, v in view.items() if v is not None}

    async def router_url(self, identity: Identity, request: RouterUrlRequest) -> dict[str, Any]:
        """``internal.router_url`` (identity's ``auth.redirect_to_router``): where a live
        router serves a route, a path, a subdomain or a task; 400/10 for an unknown router
        or route."""
        routers = {r["router"]: r for r in await self._routers.live(identity.company, self._clock())}
        router = routers.get(request.router)
        if router is None:
            raise ApiError.named("invalid_id", "no live router with this name", router=request.router)
        routes = await self._routes.of_company(identity.company)
        if request.route:
            route = next((r for r in routes if r["name"] == request.route), None)
            if route is None:
                raise ApiError.named("invalid_id", "no route with this name", route=request.route)
            return {"url": rules.route_url(router["url"], route)}
        if request.path or request.subdomain:
            kind = "subdomain" if request.subdomain else "path"
            route = {"type": kind, "path": rules.route_path(request.path) if request.path else None,
                     "subdomain": request.subdomain}
            return {"url": rules.route_url(router["url"], route)}
        if request.task:
            for entry in router["routes"]:
                if any(t.get("id") == request.task for t in entry.get("tasks") or ()):
                    route = next((r for r in routes if r["name"] == entry.get("name")), {})
                    return {"url": entry.get("url") or rules.route_url(router["url"], route)}
            raise ApiError.named("invalid_id", "the router serves no such task", task=request.task)
        return {"url": router["url"]}

    async def check_task_route_access(self, identity: Identity,
                                      request: api.CheckTaskRouteAccessRequest) -> dict[str, Any]:
        """Whether the bearer of a router token may reach a route and tasks: the token must
        be live (401/30, revoked 401/31) and of the caller's company; the route must exist
        and be enabled, an endpoint token must name the route (or every task), and the tasks
        must be tasks of the company (else 401/2 ``entity_not_allowed``). Empty on success."""
        token = await self._tokens.verify(request.token)
        if token.get("company") != identity.company:
            raise ApiError.named("entity_not_allowed", "the token is not one of this company")
        holder = Identity(company=token["company"], user=token["user"], role=token.get("role") or "user")
        granted = set(token.get("endpoints") or ())
        if request.route:
            route = next((r for r in await self._routes.of_company(identity.company)
                          if r["name"] == request.route), None)
            if route is None or not route.get("enabled", True):
                raise ApiError.named("entity_not_allowed", "no enabled route with this name", route=request.route)
        tasks = list(dict.fromkeys(request.tasks or ()))
        if token.get("type") == "endpoint_token":
            if not (request.route in granted or (tasks and granted.issuperset(tasks))):
                raise ApiError.named("entity_not_allowed", "the token does not grant this endpoint",
                                     route=request.route, tasks=tasks)
        if tasks:
            found = {t["id"] for t in await self._tasks.get(holder, tasks, ["id"])}
            missing = [t for t in tasks if t not in found]
            if missing:
                raise ApiError.named("entity_not_allowed", "tasks not accessible with this token", tasks=missing)
        return {}


def _served_ids(router: dict[str, Any]) -> list[str]:
    ids = [t["id"] for e in router["routes"] for t in e.get("tasks") or () if t.get("id")]
    return list(dict.fromkeys([*ids, *(router.get("tasks") or ())]))

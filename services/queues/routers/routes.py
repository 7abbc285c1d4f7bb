"""Static routes (``routers.add_or_update_route``, ``check_route_name``, ``get_routes``,
``set_route_enabled``, ``delete_routes``): a name bound to a path (``/my-model``) or a
subdomain (``my-model.<router host>``) on the company's task routers. A task asks for one by
name (the SDK's ``Task.request_external_endpoint(static_route=...)``); the routers that serve
it say so in their reports, which make the route ``active`` and give it its tasks and URLs.

Name, path and subdomain are each unique in a company (400/15 ``fields_conflict``). An active
route (one a live router sends traffic to a task through) is only disabled or deleted with
``force`` (400/12 otherwise), as its tasks lose their endpoint.

Access rules (issue 16; entity type ``route``, ``RouteAccess``): ``get_routes`` lists only
the routes the caller may read (before paging); changing, enabling or deleting one needs
``read_write`` on it (an unreadable one is an unknown id, 400/10), creating one needs
``read_write`` on the route category. ``check_route_name`` answers for every route of the
company: a name, path or subdomain is unique company-wide, whoever may read the route.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from services.queues.filters import project
from services.queues.routers import rules
from services.queues.routers.store import RouteRepository, TaskRouterRepository
from services.queues.routers.tasks import TaskDirectory
from shared.access.listing import EVERYTHING, Readable
from shared.access.snapshot import READ_WRITE, Permission
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import routers as api

# Always answered, whatever only_fields asks: the response definition requires name and type.
_ALWAYS = ("id", "name", "type")


class RouteAccess(Protocol):
    """The caller's rights on routes (``access.QueueAccess``)."""

    async def readable_routes(self, identity: Identity) -> Readable: ...

    async def require_route(self, identity: Identity, route_id: str, needed: Permission) -> None: ...

    async def require_new_route(self, identity: Identity) -> None: ...


class OpenRoutes:
    """``RouteAccess`` without rules: every route readable and writable."""

    async def readable_routes(self, identity: Identity) -> Readable:
        return EVERYTHING

    async def require_route(self, identity: Identity, route_id: str, needed: Permission) -> None:
        return None

    async def require_new_route(self, identity: Identity) -> None:
        return None


class Routes:
    def __init__(self, routes: RouteRepository, routers: TaskRouterRepository, tasks: TaskDirectory,
                 clock: Callable[[], datetime], new_id: Callable[[], str], access: RouteAccess | None = None) -> None:
        self._routes = routes
        self._routers = routers
        self._tasks = tasks
        self._clock = clock
        self._new_id = new_id
        self._access = access or OpenRoutes()

    async def add_or_update_route(self, identity: Identity, request: api.AddOrUpdateRouteRequest) -> dict[str, Any]:
        """Create a route, or with ``id`` replace that route's definition; answers its id."""
        existing = await self._routes.of_company(identity.company)
        if request.id:
            self._find(existing, request.id)
            await self._access.require_route(identity, request.id, READ_WRITE)
        else:
            await self._access.require_new_route(identity)
        current = self._find(existing, request.id) if request.id else None
        route = self._definition(request, current)
        for field in ("name", "path", "subdomain"):
            if route.get(field) and rules.taken_by(existing, field, route[field], other_than=route["_id"]):
                raise ApiError.named("fields_conflict", f"a route with this {field} exists", **{field: route[field]})
        now = self._clock()
        route.update(company=identity.company, last_update=now, updated_by=identity.user,
                     user=current["user"] if current else identity.user,
                     created=current["created"] if current else now)
        await self._routes.put(route)
        return {"id": route["_id"]}

    def _definition(self, request: api.AddOrUpdateRouteRequest, current: dict[str, Any] | None) -> dict[str, Any]:
        path = rules.route_path(request.path) if request.type == "path" else None
        subdomain = rules.route_subdomain(request.subdomain) if request.type == "subdomain" else None
        balancer = request.load_balancer.enabled if request.load_balancer else True
        return {
            "_id": current["_id"] if current else self._new_id(),
            "name": rules.route_name(request.name), "type": request.type, "path": path, "subdomain": subdomain,
            "enabled": request.enabled is not False, "auth_enabled": request.auth_enabled is not False,
            "load_balancer": {"enabled": balancer is not False}, "user_groups": list(request.user_groups or []),
        }

    async def check_route_name(self, identity: Identity, request: api.CheckRouteNameRequest) -> dict[str, Any]:
        """Succeeds when ``value`` is a valid ``field`` (name, path, subdomain) that no route
        of the company uses; 400/12 when invalid, 400/15 when taken."""
        value = rules.normalized(request.field, request.value)
        if rules.taken_by(await self._routes.of_company(identity.company), request.field, value):
            raise ApiError.named("fields_conflict", f"a route with this {request.field} exists",
                                 **{request.field: value})
        return {}

    async def get_routes(self, identity: Identity, request: api.GetRoutesRequest) -> dict[str, Any]:
        """The company's routes passing the filters, ordered and paged, each with its
        status, the tasks live routers serve it with (name and project from the tasks
        process) and its URLs."""
        wanted, readable = rules.route_filter(request), await self._access.readable_routes(identity)
        found = [r for r in await self._routes.of_company(identity.company) if wanted(r) and readable.allows(r["_id"])]
        found = rules.page_of(rules.sort_routes(found, request.order_by), request.page, request.page_size)
        routers = await self._routers.live(identity.company, self._clock())
        views = [self._view(route, *rules.served(route, routers)) for route in found]
        await self._name_tasks(identity, views)
        return {"routes": [project(view, request.only_fields, _ALWAYS) for view in views]}

    @staticmethod
    def _view(route: dict[str, Any], tasks: list[dict[str, str]], urls: list[str]) -> dict[str, Any]:
        view = {"id": route["_id"], **{k: v for k, v in route.items() if k not in ("_id", "company", "user")}}
        view.update(status="active" if tasks else "available", tasks=tasks, urls=urls)
        return {k: v for k, v in to_api(view).items() if v is not None}

    async def _name_tasks(self, identity: Identity, views: list[dict[str, Any]]) -> None:
        ids = list(dict.fromkeys(t["id"] for view in views for t in view["tasks"]))
        if not ids:
            return
        known = {t["id"]: t for t in await self._tasks.get(identity, ids, ["id", "name", "project"])}
        for view in views:
            for task in view["tasks"]:
                found = known.get(task["id"], {})
                project = found.get("project")  # get_all_ex answers {id, name}; a route names the id
                task.update(name=found.get("name"), project=project.get("id") if isinstance(project, dict) else project)
                for key in ("name", "project"):
                    if task[key] is None:
                        del task[key]

    async def set_route_enabled(self, identity: Identity, request: api.SetRouteEnabledRequest) -> dict[str, Any]:
        """Enable or disable a route (an active one is disabled only with ``force``)."""
        route = self._find(await self._routes.of_company(identity.company), request.id)
        await self._access.require_route(identity, request.id, READ_WRITE)
        if not request.enabled and not request.force:
            await self._refuse_active(identity, [route], "disabled")
        route.update(enabled=request.enabled, last_update=self._clock(), updated_by=identity.user)
        await self._routes.put(route)
        return {}

    async def delete_routes(self, identity: Identity, request: api.DeleteRoutesRequest) -> dict[str, Any]:
        """Delete routes by id (all known, else 400/10 and nothing is deleted; active ones
        only with ``force``) -> ``{deleted}``."""
        ids = list(dict.fromkeys(request.ids or ()))
        if not ids:
            raise ApiError.named("validation_error", "ids: the routes to delete are required")
        existing = await self._routes.of_company(identity.company)
        routes = [self._find(existing, route_id) for route_id in ids]
        for route_id in ids:
            await self._access.require_route(identity, route_id, READ_WRITE)
        if not request.force:
            await self._refuse_active(identity, routes, "deleted")
        return {"deleted": await self._routes.delete(identity.company, ids)}

    async def _refuse_active(self, identity: Identity, routes: list[dict[str, Any]], verb: str) -> None:
        routers = await self._routers.live(identity.company, self._clock())
        active = [r["name"] for r in routes if rules.served(r, routers)[0]]
        if active:
            raise ApiError.named("validation_error", f"active routes are {verb} only with force", routes=active)

    @staticmethod
    def _find(routes: list[dict[str, Any]], route_id: str) -> dict[str, Any]:
        for route in routes:
            if route["_id"] == route_id:
                return route
        raise ApiError.named("invalid_id", "no route with this id", id=route_id)

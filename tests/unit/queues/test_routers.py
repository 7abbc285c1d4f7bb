"""The routers room's rules and use cases over in-memory fakes of its ports: route names,
paths and URLs, what live routers say of a route, and a router report giving the tasks it
serves their endpoint (once, under the endpoint name that asked for the route)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from services.queues.routers import rules, wire_room
from services.queues.routers.task_routers import endpoint_suffix
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import routers as api

ME = Identity(company="c1", user="u1", role="admin")
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


class InMemoryRouteRepository:
    def __init__(self) -> None:
        self.routes: dict[str, dict] = {}

    async def ensure_indexes(self) -> None: ...

    async def of_company(self, company: str) -> list[dict]:
        return [dict(r) for r in self.routes.values() if r["company"] == company]

    async def put(self, route: dict) -> None:
        self.routes[route["_id"]] = dict(route)

    async def delete(self, company: str, ids: list[str]) -> int:
        gone = [i for i in ids if i in self.routes and self.routes[i]["company"] == company]
        for route_id in gone:
            del self.routes[route_id]
        return len(gone)


class InMemoryTaskRouterRepository:
    def __init__(self) -> None:
        self.routers: dict[str, dict] = {}

    async def ensure_indexes(self) -> None: ...

    async def put(self, router: dict) -> None:
        self.routers[router["_id"]] = dict(router)

    async def live(self, company: str, now: datetime) -> list[dict]:
        return [r for r in self.routers.values() if r["company"] == company and r["expires"] > now]

    async def delete(self, company: str, router: str) -> bool:
        return self.routers.pop(f"{company}/{router}", None) is not None


class FakeTasks:
    def __init__(self, runtime: dict[str, dict[str, Any]]) -> None:
        self.runtime = runtime
        self.writes: list[tuple[str, dict]] = []

    async def get(self, identity, ids, only_fields, order_by=None) -> list[dict]:
        return [{"id": t, "name": f"task {t}", "runtime": dict(self.runtime[t])} for t in ids if t in self.runtime]

    async def set_runtime(self, identity, task, properties) -> None:
        self.writes.append((task, properties))
        self.runtime[task].update(properties)


class NoTokens:
    async def verify(self, token: str) -> dict:
        raise ApiError(401, 30)


@pytest.fixture
def world():
    tasks = FakeTasks({"t1": {"_ROUTER_ENDPOINT_MODE_PARAM__web": "model"}, "t2": {}})
    clock = {"now": NOW}
    ids = iter(f"r{i}" for i in range(100))
    room = wire_room(InMemoryRouteRepository(), InMemoryTaskRouterRepository(), tasks, NoTokens(), 600,
                     lambda: clock["now"], lambda: next(ids))
    return room, tasks, clock


def report(router: str, route: str, tasks: list[str], url: str = "http://router:8080", timeout: int | None = None):
    status = {"routes": [{"name": route, "tasks": [{"id": t, "upstream_server": "h:1"} for t in tasks]}]}
    return api.TaskRouterReportRequest(router=router, url=url, status=status, timeout=timeout)


def test_paths_and_subdomains_are_normalized_or_refused():
    assert rules.route_path("model/v1/") == "/model/v1"
    assert rules.route_subdomain(" My-Model ") == "my-model"
    for bad in ("", "/", "/a b", "/a?b"):
        with pytest.raises(ApiError) as refused:
            rules.route_path(bad)
        assert (refused.value.code, refused.value.subcode) == (400, 12)
    with pytest.raises(ApiError):
        rules.route_subdomain("-x")


def test_a_route_url_on_a_router():
    assert rules.route_url("https://r.test:8443/", {"type": "path", "path": "/m"}) == "https://r.test:8443/m"
    assert rules.route_url("https://r.test:8443", {"type": "subdomain", "subdomain": "m"}) == "https://m.r.test:8443"
    assert rules.route_url("not a url", {"type": "path", "path": "/m"}) == ""


def test_the_endpoint_that_asked_for_a_route():
    assert endpoint_suffix({"_ROUTER_ENDPOINT_MODE_PARAM": "a"}, "a") == ""
    assert endpoint_suffix({"_ROUTER_ENDPOINT_MODE_PARAM__web": "a"}, "a") == "web"
    assert endpoint_suffix({"_ROUTER_ENDPOINT_MODE_PARAM__web": "a"}, "b") is None


async def test_a_report_gives_each_served_task_its_endpoint_once(world):
    room, tasks, _ = world
    await room.routes.add_or_update_route(ME, api.AddOrUpdateRouteRequest(name="model", type="path", path="/m"))
    await room.task_routers.task_router_report(ME, report("r1", "model", ["t1", "t2", "gone"]))
    assert tasks.writes == [
        ("t1", {"endpoint__web": "http://router:8080/m", "browser_endpoint__web": "http://router:8080/m"}),
        ("t2", {"endpoint": "http://router:8080/m", "browser_endpoint": "http://router:8080/m"}),
    ]
    await room.task_routers.task_router_report(ME, report("r1", "model", ["t1", "t2"]))
    assert len(tasks.writes) == 2  # nothing changed: nothing written


async def test_a_route_is_active_while_a_live_router_serves_it(world):
    room, _, clock = world
    made = await room.routes.add_or_update_route(ME, api.AddOrUpdateRouteRequest(name="model", type="path", path="/m"))
    await room.task_routers.task_router_report(ME, report("r1", "model", ["t1"], timeout=30))
    [route] = (await room.routes.get_routes(ME, api.GetRoutesRequest(name="^mod")))["routes"]
    assert (route["status"], route["urls"], route["tasks"]) == (
        "active", ["http://router:8080/m"], [{"id": "t1", "target": "h:1", "name": "task t1"}])
    with pytest.raises(ApiError) as refused:
        await room.routes.delete_routes(ME, api.DeleteRoutesRequest(ids=[made["id"]]))
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    clock["now"] = NOW + timedelta(seconds=31)
    [route] = (await room.routes.get_routes(ME, api.GetRoutesRequest()))["routes"]
    assert route["status"] == "available"
    assert await room.routes.delete_routes(ME, api.DeleteRoutesRequest(ids=[made["id"]])) == {"deleted": 1}


async def test_names_paths_and_subdomains_are_unique_in_a_company(world):
    room, _, _ = world
    await room.routes.add_or_update_route(ME, api.AddOrUpdateRouteRequest(name="a", type="path", path="/a"))
    for request in (api.AddOrUpdateRouteRequest(name="a", type="path", path="/b"),
                    api.AddOrUpdateRouteRequest(name="b", type="path", path="a")):
        with pytest.raises(ApiError) as refused:
            await room.routes.add_or_update_route(ME, request)
        assert (refused.value.code, refused.value.subcode) == (400, 15)
    other = Identity(company="c2", user="u9")
    assert await room.routes.add_or_update_route(other, api.AddOrUpdateRouteRequest(name="a", type="path", path="/a"))

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


async def test_routes_follow_the_route_rules(world):
    """Issue 16 on ``route``: bob lists only the routes he may read (before paging), an
    unreadable one is an unknown id to every write (400/10), a read-only one is 403/21, and
    creating one needs read_write on the route category; nothing refused changes."""
    from services.queues.access import QueueAccess
    from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
    from shared.access.view import StaticAccess

    _, tasks, clock = world
    static = StaticAccess()
    ids = iter(f"r{i}" for i in range(100))
    room = wire_room(InMemoryRouteRepository(), InMemoryTaskRouterRepository(), tasks, NoTokens(), 600,
                     lambda: clock["now"], lambda: next(ids), QueueAccess(static))
    made = {name: (await room.routes.add_or_update_route(ME, api.AddOrUpdateRouteRequest(
        name=name, type="path", path=f"/{name}")))["id"] for name in ("closed", "readonly", "open")}
    bob = Identity(company="c1", user="bob", role="user")

    def rule(rule_id: str, route: str | None, permission: str, **who) -> RuleSnapshot:
        return RuleSnapshot(id=rule_id, entity_type="route", entity_id=route, access_permission=permission, **who)

    static.take(AccessRulesChanged(company="c1", version=1, groups=[GroupSnapshot(id="all", everyone=True)], rules=[
        rule("cat", None, "read", groups=["all"]), rule("c", made["closed"], "read_write", users=["ann"]),
        rule("o", made["open"], "read_write", users=["bob"])]))
    listed = await room.routes.get_routes(bob, api.GetRoutesRequest(page=0, page_size=1, order_by=["name"]))
    assert [r["name"] for r in listed["routes"]] == ["open"]  # "closed" left out before the page
    every = await room.routes.get_routes(bob, api.GetRoutesRequest())
    assert {r["name"] for r in every["routes"]} == {"open", "readonly"}

    async def refused(call) -> tuple[int, int]:
        with pytest.raises(ApiError) as caught:
            await call
        return caught.value.code, caught.value.subcode

    closed, readonly = made["closed"], made["readonly"]
    assert await refused(room.routes.set_route_enabled(bob, api.SetRouteEnabledRequest(id=closed, enabled=False))) \
        == (400, 10)
    assert await refused(room.routes.delete_routes(bob, api.DeleteRoutesRequest(ids=[readonly]))) == (403, 21)
    assert await refused(room.routes.add_or_update_route(bob, api.AddOrUpdateRouteRequest(
        id=readonly, name="mine", type="path", path="/mine"))) == (403, 21)
    assert await refused(room.routes.add_or_update_route(bob, api.AddOrUpdateRouteRequest(
        name="new", type="path", path="/new"))) == (403, 21)
    await room.routes.set_route_enabled(bob, api.SetRouteEnabledRequest(id=made["open"], enabled=False))
    names = {r["name"]: r for r in (await room.routes.get_routes(ME, api.GetRoutesRequest()))["routes"]}
    assert set(names) == {"closed", "readonly", "open"} and names["closed"]["enabled"] and not names["open"]["enabled"]

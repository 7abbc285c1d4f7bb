"""``routers.*`` through the gateway (issue 17, part 3): static routes, the reports of task
routers that make a route active and give the tasks they serve their endpoint, and the
route access check of router tokens. Every answer is checked against the catalog."""

from __future__ import annotations

import time

import pytest

from tests.e2e.api import call, meta, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

ROUTER_URL = "http://router.test:8080"


def add_route(http, name: str, **fields) -> str:
    body = {"name": name, "type": "path", "path": f"/{name}", **fields}
    data = call(http, "routers.add_or_update_route", body)
    assert_conforms("routers.add_or_update_route", data)
    return data["id"]


def get_routes(http, **filters) -> list[dict]:
    data = call(http, "routers.get_routes", filters)
    assert_conforms("routers.get_routes", data)
    return data["routes"]


def new_task(http, runtime: dict[str, str] | None = None) -> str:
    task = call(http, "tasks.create", {"name": unique("routed"), "type": "inference"})["id"]
    if runtime:
        call(http, "tasks.edit_runtime", {"task": task, "add_or_update": runtime, "force": True})
    return task


def report(http, router: str, route: str, tasks: list[str], **extra) -> None:
    status = {"uptime": 42, "last_update_timestamp": 1700000000, "tasks": tasks,
              "routes": [{"name": route, "tasks": [{"id": t, "upstream_server": "10.0.0.5:8000"} for t in tasks]}]}
    data = call(http, "routers.task_router_report", {"router": router, "url": ROUTER_URL, "version": "1.2",
                                                     "status": status, **extra})
    assert_conforms("routers.task_router_report", data)


def test_a_route_is_added_found_by_name_regex_and_updated(http):
    name = unique("rt")
    route_id = add_route(http, name, path=f"{name}/v1/", load_balancer={"enabled": False})
    [route] = get_routes(http, name=f"^{name}$")
    assert route["id"] == route_id and route["path"] == f"/{name}/v1" and route["type"] == "path"
    assert (route["status"], route["enabled"], route["auth_enabled"], route["tasks"], route["urls"]) == (
        "available", True, True, [], [])
    assert route["load_balancer"] == {"enabled": False}
    assert route["created"] and route["last_update"] and route["updated_by"]
    assert call(http, "routers.add_or_update_route", {"id": route_id, "name": name, "type": "subdomain",
                                                      "subdomain": name.upper()})["id"] == route_id
    [route] = get_routes(http, id=[route_id])
    assert (route["type"], route["subdomain"]) == ("subdomain", name.lower()) and "path" not in route


def test_route_definitions_that_cannot_be_stored_are_400(http):
    name = unique("rt")
    add_route(http, name)
    for body, code in (
        ({"name": name, "type": "path", "path": "/other"}, (400, 15)),  # the name is taken
        ({"name": unique("rt"), "type": "path", "path": f"/{name}"}, (400, 15)),  # the path is taken
        ({"name": unique("rt"), "type": "path"}, (400, 12)),  # a path route without a path
        ({"name": unique("rt"), "type": "path", "path": "/a b"}, (400, 12)),
        ({"name": unique("rt"), "type": "subdomain", "subdomain": "-bad-"}, (400, 12)),
        ({"name": "  ", "type": "path", "path": "/x"}, (400, 12)),
        ({"name": unique("rt"), "type": "tunnel", "path": "/x"}, (400, 12)),
        ({"id": "no-such-route", "name": unique("rt"), "type": "path", "path": "/y"}, (400, 10)),
    ):
        response = http.post("/v2.23/routers.add_or_update_route", json=body)
        assert meta(response)[:1] == (400,) and meta(response) == code, (body, response.text)
    assert len(get_routes(http, name=f"^{name}$")) == 1


def test_check_route_name(http):
    name = unique("rt")
    add_route(http, name)
    data = call(http, "routers.check_route_name", {"field": "name", "value": unique("free")})
    assert data == {}
    assert_conforms("routers.check_route_name", data)
    assert meta(http.post("/v2.23/routers.check_route_name", json={"field": "name", "value": name})) == (400, 15)
    assert meta(http.post("/v2.23/routers.check_route_name", json={"field": "path", "value": name})) == (400, 15)
    assert meta(http.post("/v2.23/routers.check_route_name", json={"field": "path", "value": "/a?b"})) == (400, 12)
    assert meta(http.post("/v2.23/routers.check_route_name", json={"field": "port", "value": "1"}))[0] == 400


def test_get_routes_filters_orders_and_pages(http):
    prefix = unique("flt")
    first = add_route(http, f"{prefix}-a", auth_enabled=False)
    second = add_route(http, f"{prefix}-b", type="subdomain", subdomain=f"{prefix}-b")
    assert [r["id"] for r in get_routes(http, name=f"^{prefix}-", order_by=["-name"])] == [second, first]
    assert [r["id"] for r in get_routes(http, name=f"^{prefix}-", type=["subdomain"])] == [second]
    assert [r["id"] for r in get_routes(http, name=f"^{prefix}", auth_enabled=False)] == [first]
    assert [r["id"] for r in get_routes(http, search_text=f"{prefix}-A".upper())] == [first]
    assert [r["id"] for r in get_routes(http, path=f"/{prefix}-a")] == [first]
    assert [r["id"] for r in get_routes(http, name=f"^{prefix}-", page=1, page_size=1)] == [second]
    assert [r["id"] for r in get_routes(http, name=f"^{prefix}-", last_update=[">=2020-01-01"])] == [first, second]
    assert get_routes(http, name=f"^{prefix}-", last_update=["<2020-01-01"]) == []
    only = get_routes(http, id=[first], only_fields=["path"])
    assert only == [{"id": first, "name": f"{prefix}-a", "type": "path", "path": f"/{prefix}-a"}]
    assert meta(http.post("/v2.23/routers.get_routes", json={"name": "(a+)+$"})) == (400, 21)
    assert meta(http.post("/v2.23/routers.get_routes", json={"order_by": ["color"]})) == (400, 12)


def test_a_router_report_makes_the_route_active_and_gives_the_task_its_endpoint(http):
    name, router = unique("svc"), unique("router")
    route_id = add_route(http, name)
    task = new_task(http, {"_ROUTER_ENDPOINT_MODE_PARAM__web": name, "_PORT__web": "8000"})
    report(http, router, name, [task])
    runtime = call(http, "tasks.get_by_id", {"task": task})["task"]["runtime"]
    assert runtime["endpoint__web"] == runtime["browser_endpoint__web"] == f"{ROUTER_URL}/{name}"
    [route] = get_routes(http, name=f"^{name}$")
    assert route["status"] == "active" and route["urls"] == [f"{ROUTER_URL}/{name}"]
    [served] = route["tasks"]
    assert served == {"id": task, "target": "10.0.0.5:8000", "name": served["name"]}  # created without project
    assert served["name"].startswith("routed")
    data = call(http, "routers.get_task_routers", {"task_only_fields": ["name", "status"]})
    assert_conforms("routers.get_task_routers", data)
    [mine] = [r for r in data["routers"] if r["router"] == router]
    assert (mine["url"], mine["version"], mine["uptime"]) == (ROUTER_URL, "1.2", 42)
    assert mine["routes"] == [{"name": name, "tasks": [task]}]
    assert [(t["id"], t["status"]) for t in mine["tasks"]] == [(task, "created")]
    # an active route is disabled or deleted only with force
    assert meta(http.post("/v2.23/routers.set_route_enabled", json={"id": route_id, "enabled": False})) == (400, 12)
    assert meta(http.post("/v2.23/routers.delete_routes", json={"ids": [route_id]})) == (400, 12)
    data = call(http, "routers.set_route_enabled", {"id": route_id, "enabled": False, "force": True})
    assert_conforms("routers.set_route_enabled", data)
    assert get_routes(http, id=[route_id])[0]["enabled"] is False
    data = call(http, "routers.unregister", {"router": router})
    assert_conforms("routers.unregister", data)
    assert get_routes(http, id=[route_id])[0]["status"] == "available"
    assert meta(http.post("/v2.23/routers.unregister", json={"router": router})) == (400, 10)
    data = call(http, "routers.delete_routes", {"ids": [route_id]})
    assert_conforms("routers.delete_routes", data)
    assert data == {"deleted": 1} and get_routes(http, id=[route_id]) == []


def test_an_expired_report_serves_nothing(http):
    name, router = unique("svc"), unique("router")
    add_route(http, name)
    task = new_task(http)
    report(http, router, name, [task], timeout=1)
    time.sleep(1.5)  # the report's own timeout, not a timing assertion
    assert get_routes(http, name=f"^{name}$")[0]["status"] == "available"
    assert router not in [r["router"] for r in call(http, "routers.get_task_routers", {})["routers"]]


def test_bad_reports_and_unknown_routes_are_400_and_change_nothing(http):
    name = unique("rt")
    route_id = add_route(http, name)
    for body in ({"router": "r", "url": "not a url"}, {"router": " ", "url": ROUTER_URL},
                 {"router": "r", "url": ROUTER_URL, "timeout": 0}, {"url": ROUTER_URL}):
        assert meta(http.post("/v2.23/routers.task_router_report", json=body))[0] == 400, body
    assert meta(http.post("/v2.23/routers.set_route_enabled", json={"id": "nope", "enabled": True})) == (400, 10)
    assert meta(http.post("/v2.23/routers.delete_routes", json={"ids": [route_id, "nope"]})) == (400, 10)
    assert meta(http.post("/v2.23/routers.delete_routes", json={"ids": []})) == (400, 12)
    assert [r["id"] for r in get_routes(http, name=f"^{name}$")] == [route_id]


def test_check_task_route_access_with_router_tokens(http):
    name, other, router = unique("acc"), unique("acc"), unique("router")
    add_route(http, name)
    add_route(http, other)
    task = new_task(http)
    report(http, router, name, [task])
    endpoint_token = call(http, "auth.generate_endpoint_router_token", {"label": "e2e", "endpoints": [name]})["token"]
    data = call(http, "routers.check_task_route_access", {"token": endpoint_token, "route": name, "access": "read"})
    assert data == {}
    assert_conforms("routers.check_task_route_access", data)
    denied = http.post("/v2.23/routers.check_task_route_access", json={"token": endpoint_token, "route": other})
    assert meta(denied) == (401, 2)
    label = unique("lbl")
    token = call(http, "auth.generate_router_token", {"label": label})["token"]
    token_id = _token_id(http, label)
    assert call(http, "routers.check_task_route_access", {"token": token, "route": other, "tasks": [task]}) == {}
    unknown = http.post("/v2.23/routers.check_task_route_access", json={"token": token, "tasks": ["nope"]})
    assert meta(unknown) == (401, 2)
    missing = http.post("/v2.23/routers.check_task_route_access", json={"token": token, "route": unique("none")})
    assert meta(missing) == (401, 2)
    call(http, "auth.revoke_router_tokens", {"ids": [token_id]})
    revoked = http.post("/v2.23/routers.check_task_route_access", json={"token": token, "tasks": [task]})
    assert meta(revoked) == (401, 31)
    assert meta(http.post("/v2.23/routers.check_task_route_access", json={"token": "garbage"})) == (401, 30)
    call(http, "routers.unregister", {"router": router})


def _token_id(http, label: str) -> str:
    tokens = call(http, "auth.get_router_tokens", {"order_by": ["-created"]})["tokens"]
    return next(t["id"] for t in tokens if t["label"] == label)

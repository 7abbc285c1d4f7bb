"""Issue 17's routers acceptance, judged by the real clearml SDK: a task (a script run with
``Task.init``) asks for an external endpoint on a static route Cairn holds
(``Task.request_external_endpoint(static_route=...)``, which validates the route through
``routers.get_routes`` and the server's version and feature set), a task router serves it
(this test plays the router: it finds the task by its ``external_service`` system tag and
runtime properties, as a router does, and reports with ``routers.task_router_report``), and
the task reads back the route's URL Cairn registered for it with ``list_external_endpoints``.
``routers.get_routes`` with a name regex then finds the route active, serving that task."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.api import call, unique
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).with_name("sdk_external_endpoint_script.py")
ROUTER_URL = "https://router.cairn.test:8443"


def start_sdk(stack, home: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(home), CLEARML_API_HOST=stack.url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret, CLEARML_OFFLINE_MODE="0",
               CLEARML_FILES_HOST="http://127.0.0.1:9", CLEARML_WEB_HOST="http://127.0.0.1:9")
    return subprocess.Popen([sys.executable, str(SCRIPT), *args], env=env, cwd=home, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_request(http, name: str, process: subprocess.Popen, budget_s: float = 180.0) -> dict:
    """The task once it asked for its endpoint (what a router polls for), bounded."""
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline and process.poll() is None:
        found = call(http, "tasks.get_all", {"name": f"^{name}$", "system_tags": ["external_service"],
                                             "only_fields": ["id", "runtime", "system_tags"]})["tasks"]
        if found and (found[0].get("runtime") or {}).get("_PORT"):
            return found[0]
        time.sleep(0.5)
    out, err = process.communicate(timeout=30) if process.poll() is not None else ("", "still running")
    raise AssertionError(f"the task never asked for an endpoint:\n{out[-2000:]}\n{err[-4000:]}")


def test_a_task_gets_the_route_cairn_registered(stack, http, tmp_path):
    project, name, route, router = unique("e2e-routers"), unique("served"), unique("model"), unique("router")
    call(http, "routers.add_or_update_route", {"name": route, "type": "path", "path": f"/{route}"})
    process = start_sdk(stack, tmp_path, project, name, route)
    try:
        task = wait_for_request(http, name, process)
        runtime = task["runtime"]
        assert (runtime["_ROUTER_ENDPOINT_MODE"], runtime["_ROUTER_ENDPOINT_MODE_PARAM"]) == ("path", route)
        upstream = f"{runtime['_ADDRESS']}:{runtime['_PORT']}"
        status = {"uptime": 5, "tasks": [task["id"]],
                  "routes": [{"name": route, "tasks": [{"id": task["id"], "upstream_server": upstream}]}]}
        call(http, "routers.task_router_report", {"router": router, "url": ROUTER_URL, "status": status})
        # Task.close() waits up to 300 s for the SDK's own repository and requirements detection
        # (it scans the checkout): under a loaded CI run that alone once passed 240 s.
        out, err = process.communicate(timeout=420)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, f"SDK script failed:\n{out[-3000:]}\n{err[-5000:]}"
    ran = json.loads(out.strip().splitlines()[-1])
    url = f"{ROUTER_URL}/{route}"
    expected = {"endpoint": url, "browser_endpoint": url, "port": 8000, "protocol": "http", "name": None}
    assert ran["id"] == task["id"]
    assert ran["requested"] == expected
    assert ran["listed"] == [expected]
    assert ran["routes"] == [[route, "active", [task["id"]]]]
    data = call(http, "routers.get_routes", {"name": f"^{route[:-4]}.{{4}}$"})
    assert_conforms("routers.get_routes", data)
    [found] = data["routes"]
    assert found["name"] == route and found["status"] == "active" and found["urls"] == [url]
    project_id = call(http, "tasks.get_by_id", {"task": task["id"]})["task"]["project"]
    assert found["tasks"] == [{"id": task["id"], "name": name, "project": project_id, "target": upstream}]
    call(http, "routers.unregister", {"router": router})


def test_a_disabled_static_route_is_refused_by_the_sdk(stack, http, tmp_path):
    route = unique("off")
    created = call(http, "routers.add_or_update_route", {"name": route, "type": "path", "path": f"/{route}"})
    call(http, "routers.set_route_enabled", {"id": created["id"], "enabled": False})
    process = start_sdk(stack, tmp_path, unique("e2e-routers"), unique("refused"), route)
    out, err = process.communicate(timeout=420)
    assert process.returncode != 0
    assert f"Static route '{route}' is disabled" in err

"""Run as a task by ``test_sdk_external_endpoint.py``: asks for an external endpoint on a
static route (``Task.request_external_endpoint``), waits until the router's report gave it
one, lists the task's endpoints and reads the route back through the SDK's RouterService.
Prints one JSON line."""

import json
import sys

from clearml import Task
from clearml.backend_interface.routers import RouterService

project, name, route = sys.argv[1], sys.argv[2], sys.argv[3]
task = Task.init(project_name=project, task_name=name, auto_connect_frameworks=False,
                 auto_resource_monitoring=False, auto_connect_streams=False)
requested = task.request_external_endpoint(port=8000, static_route=route, wait=True, wait_interval_seconds=0.5,
                                           wait_timeout_seconds=120)
listed = task.list_external_endpoints()
found = RouterService().get_routes(name=f"^{route}$")
task.close()
json.dump({"id": task.id, "requested": requested, "listed": listed,
           "routes": [(r["name"], r.get("status"), [t["id"] for t in r.get("tasks") or []]) for r in found]},
          sys.stdout)

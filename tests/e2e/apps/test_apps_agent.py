"""An application run by the real ``clearml-agent`` (issue 17, item 1 acceptance): an app
whose task is a small Python script (a literal script in the task's ``script.diff``, no
repository) is registered, ``apps.launch_instance`` puts its task on a queue, the agent
runs it to completion, the script reports its info with ``Task.set_user_properties``, and
``apps.get_instances`` shows the instance completed while ``apps.get_instance_info`` shows
that info. ``CLEARML_AGENT_SKIP_PYTHON_ENV_INSTALL=1``: the task runs in this venv, no
downloads; the agent is stopped at the end."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.e2e.apps.appdefs import call, new_app, new_queue
from tests.support.agent import running_agent
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def test_the_agent_runs_a_launched_app_and_its_reported_info_is_shown(stack, http, tmp_path: Path):
    app_id = new_app(http)
    _, queue = new_queue(http)
    instance = call(http, "apps.launch_instance", {
        "app": app_id, "task_name": "greeting run",
        "launch_params": {"who": "agent", "greeting": "Hi", "rounds": 3, "queue": queue}})["instance"]
    [listed] = call(http, "apps.get_instances", {"app": app_id})["instances"]
    assert listed["status"] == "queued"
    work = tmp_path / "work"
    work.mkdir()
    with running_agent(stack, tmp_path, queue, f"apps-agent-{uuid.uuid4().hex[:8]}", cwd=work) as agent:
        status = wait_until_ended(http, app_id)
    agent_log = agent.log()
    assert status == "completed", agent_log
    answer = call(http, "apps.get_instances", {"app": app_id, "status": "stopped"})
    assert_conforms("apps.get_instances", answer)
    [done] = answer["instances"]
    assert (done["id"], done["name"], done["status"]) == (instance, "greeting run", "completed")
    assert done["active_duration"] is not None and done["active_duration"] >= 0
    info = call(http, "apps.get_instance_info", {"instance": instance})
    assert_conforms("apps.get_instance_info", info)
    configuration = info["info"]["application"]["configuration"]
    assert configuration["greeting"] == "Hi, agent!" and configuration["rounds"] == "6"
    assert configuration["who"] == "agent" and info["info"]["status"] == "completed"
    console = call(http, "events.get_task_log", {"task": instance})["events"]
    assert any("Hi, agent!" in (e.get("msg") or "") for e in console), agent_log


def wait_until_ended(http: httpx.Client, app_id: str, timeout: float = 240) -> str:
    """Poll the app's instances until the one launched ends."""
    status = ""
    deadline = time.time() + timeout
    while time.time() < deadline:
        [instance] = call(http, "apps.get_instances", {"app": app_id})["instances"]
        status = instance["status"]
        if status in ("completed", "failed", "stopped"):
            break
        time.sleep(2)
    return status

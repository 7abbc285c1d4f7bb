"""The real ``clearml-agent daemon`` executes a task enqueued with the SDK against Cairn
(issue 7 acceptance): the task ends completed, its console output and a reported scalar are
readable, and ``workers.get_all`` shows the worker while it runs. The agent is stopped at the
end. ``CLEARML_AGENT_SKIP_PYTHON_ENV_INSTALL=1``: the task runs in this venv, no downloads."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.support.agent import running_agent, sdk_env

pytestmark = pytest.mark.e2e

JOB = """from clearml import Task
task = Task.init()
task.get_logger().report_scalar("loss", "train", 0.25, iteration=3)
print("hello from the agent run")
task.flush(wait_for_uploads=True)
"""

ENQUEUE = """import sys
from clearml import Task
task = Task.create(project_name=sys.argv[1], task_name="agent-job", script="job.py", working_directory=".")
Task.enqueue(task, queue_name=sys.argv[2])
print(task.id)
"""


def call(http: httpx.Client, endpoint: str, body: dict) -> dict:
    response = http.post(f"/{endpoint}", json=body)
    assert response.status_code == 200, response.text[:500]
    return response.json()["data"]


def test_the_real_agent_runs_an_enqueued_task(stack, http, tmp_path: Path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "job.py").write_text(JOB)
    suffix = uuid.uuid4().hex[:8]
    queue, worker = f"agent-q-{suffix}", f"agent-{suffix}"
    call(http, "queues.create", {"name": queue})
    made = subprocess.run([sys.executable, "-c", ENQUEUE, f"agent-{suffix}", queue], cwd=work,
                          env=sdk_env(stack, tmp_path), capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr[-3000:]
    task_id = made.stdout.strip().splitlines()[-1]
    assert call(http, "tasks.get_by_id", {"task": task_id})["task"]["status"] == "queued"
    with running_agent(stack, tmp_path, queue, worker, cwd=work) as agent:
        status, workers_seen = wait_until_done(http, task_id, worker)
    agent_log = agent.log()
    assert status == "completed", agent_log
    assert worker in workers_seen, agent_log
    task = call(http, "tasks.get_by_id", {"task": task_id})["task"]
    assert task["last_worker"] == worker
    console = call(http, "events.get_task_log", {"task": task_id})["events"]
    assert any("hello from the agent run" in (e.get("msg") or "") for e in console)
    scalars = call(http, "events.scalar_metrics_iter_histogram", {"task": task_id})
    assert scalars["loss"]["train"]["y"] == [0.25] and scalars["loss"]["train"]["x"] == [3]


def wait_until_done(http: httpx.Client, task_id: str, worker: str, timeout: float = 240) -> tuple[str, set[str]]:
    """Poll the task until it ends; collect the workers listed meanwhile."""
    seen: set[str] = set()
    status = ""
    deadline = time.time() + timeout
    while time.time() < deadline:
        seen |= {w["id"] for w in call(http, "workers.get_all", {})["workers"]}
        status = call(http, "tasks.get_by_id", {"task": task_id})["task"]["status"]
        if status in ("completed", "failed", "stopped"):
            break
        time.sleep(2)
    return status, seen

"""A published resource policy as the real clearml SDK meets it: ``Task.enqueue`` into the
policy's queue past its quota raises with the server's message, and the task stays a draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.api import call
from tests.e2e.resources.test_resources_http import policy_queue

pytestmark = pytest.mark.e2e


def run_as(world, person: str, script: str, *args: str, tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    key, secret = world.people[person].auth
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=world.stack.url, CLEARML_API_ACCESS_KEY=key,
               CLEARML_API_SECRET_KEY=secret)
    done = subprocess.run([sys.executable, str(Path(__file__).parent / script), *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_sdk_gets_the_quota_refusal_and_its_task_stays_a_draft(world, tmp_path):
    policy, queue = policy_queue(world, limit=2)
    name = call(world.admin, "queues.get_by_id", {"queue": queue})["queue"]["name"]
    result = run_as(world, "alice", "sdk_quota_script.py", name, tmp_path=tmp_path)
    assert result["refusal"] is not None and "400/16" in result["refusal"]
    assert "is at its quota: limit 2, in use (queued and running) 2" in result["refusal"]
    assert result["third_status"] == "created"
    entries = [e["task"] for e in call(world.admin, "queues.get_by_id", {"queue": queue})["queue"]["entries"]]
    assert entries == result["ids"][:2]
    # once the limit is raised, the refused task is admitted
    call(world.admin, "resources.update_policy", {"id": policy, "limit": 3})
    call(world.alice, "tasks.enqueue", {"task": result["ids"][2], "queue": queue})

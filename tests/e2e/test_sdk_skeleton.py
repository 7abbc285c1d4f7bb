"""The real clearml SDK (from PyPI) logs in and manages projects and tasks through Cairn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def run_sdk(stack, script: str, tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(
        HOME=str(tmp_path),  # no ~/clearml.conf of the machine's user
        CLEARML_API_HOST=stack.url,
        CLEARML_API_ACCESS_KEY=stack.key,
        CLEARML_API_SECRET_KEY=stack.secret,
    )
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / script)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sdk_creates_reads_edits_and_lists(stack, tmp_path):
    result = run_sdk(stack, "sdk_skeleton_script.py", tmp_path)
    assert len(result["project_id"]) == 32 and len(result["task_id"]) == 32
    assert result["fetched"]["status"] == "created"
    assert result["fetched"]["project"] == result["project_id"]
    assert result["fetched"]["comment"] == "first"
    assert result["edited"] == {"comment": "edited", "tags": ["e2e"]}
    assert [t["id"] for t in result["listed"]] == [result["task_id"]]
    listed = result["listed"][0]
    assert listed["comment"] == "edited"
    assert listed["status"] is None  # only_fields left it out
    assert sorted(result["by_project"]) == sorted([result["task_id"], result["other_id"]])
    assert result["projects"][0]["id"] == result["project_id"]
    assert result["session_api_version"] == "2.23"  # the SDK speaks its newest schemas to us

"""The real clearml SDK: ``Task.delete(delete_artifacts_and_models=True)`` on tasks without
artifacts (a task made by ``Task.create`` and one run through ``Task.init``). The SDK indexes
``execution["artifacts"]``, so Cairn must return the empty list as clearml-server does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

DELETE = textwrap.dedent("""
    import json, sys, uuid
    from clearml import Task

    project = f"e2e-sdk-delete-{uuid.uuid4().hex[:8]}"
    made = Task.create(project_name=project, task_name="never run")
    ran = Task.init(project_name=project, task_name="ran", auto_connect_frameworks=False,
                    auto_resource_monitoring=False)
    ran.close()
    deleted = [bool(t.delete(delete_artifacts_and_models=True, raise_on_error=True)) for t in (made, ran)]
    left = Task.query_tasks(project_name=project)
    json.dump({"deleted": deleted, "left": left}, sys.stdout)
""")


def _run(stack, tmp_path: Path, script: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.files_url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_task_delete_with_artifacts_and_models_works_on_tasks_without_artifacts(stack, tmp_path):
    result = _run(stack, tmp_path, DELETE)
    assert result == {"deleted": [True, True], "left": []}

"""The real clearml SDK: a task with an ``OutputModel`` whose weights upload to Cairn's files
process; deleting the task through ``APIClient`` (``tasks.delete``, output models deleted by
default) removes the model and, through the ``TaskDeleted`` / ``ModelDeleted`` facts, its
weights file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

UPLOAD = textwrap.dedent("""
    import json, os, sys, tempfile, uuid
    from clearml import OutputModel, Task

    task = Task.init(project_name=f"e2e-delete-model-{uuid.uuid4().hex[:8]}", task_name="weights",
                     output_uri=True, auto_connect_frameworks=False, auto_resource_monitoring=False)
    path = os.path.join(tempfile.mkdtemp(), "weights.bin")
    with open(path, "wb") as handle:
        handle.write(os.urandom(50_000))
    model = OutputModel(task=task, framework="custom")
    model.update_weights(weights_filename=path)
    task.flush(wait_for_uploads=True)
    json.dump({"task": task.id, "model": model.id, "url": model.url}, sys.stdout)
    task.close()
""")

DELETE = textwrap.dedent("""
    import json, sys
    from clearml.backend_api.session.client import APIClient

    task_id, model_id = sys.argv[1], sys.argv[2]
    client = APIClient()
    before = [m.id for m in client.models.get_all(id=[model_id])]
    answer = client.tasks.delete(task=task_id, force=True, return_file_urls=True)
    after = [m.id for m in client.models.get_all(id=[model_id])]
    tasks_left = [t.id for t in client.tasks.get_all(id=[task_id])]
    json.dump({"before": before, "after": after, "tasks_left": tasks_left, "deleted": answer.deleted,
               "model_urls": list(answer.urls.model_urls or []) if answer.urls else None}, sys.stdout)
""")


def _run(stack, tmp_path: Path, script: str, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.files_url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret)
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_deleting_a_task_deletes_its_output_model_and_weights(stack, tmp_path):
    made = _run(stack, tmp_path, UPLOAD)
    assert made["url"].startswith(stack.files_url + "/")
    token = httpx.get(f"{stack.url}/auth.login", auth=(stack.key, stack.secret)).json()["data"]["token"]
    path = urllib.parse.unquote(made["url"][len(stack.files_url) + 1:])
    assert _status(made["url"], token) == 200 and len(list(stack.files_root.glob(f"*/{path}"))) == 1
    result = _run(stack, tmp_path, DELETE, made["task"], made["model"])
    assert result["before"] == [made["model"]] and result["deleted"] is True
    assert result["after"] == [] and result["tasks_left"] == []
    assert result["model_urls"] == [made["url"]]
    deadline = time.monotonic() + 30
    while _status(made["url"], token) != 404 or list(stack.files_root.glob(f"*/{path}")):
        assert time.monotonic() < deadline, "the weights still download after the task was deleted"
        time.sleep(0.2)

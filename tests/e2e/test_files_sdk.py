"""The real clearml SDK stores artifacts on Cairn's files process (started here from its own
entry point, next to the session's stack), downloads them byte-identical, and deleting the
task removes them (debug images too: the events process releases the images of a deleted
task's events)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def files_url(stack):
    """The stack's own files process (started by tests/support/stack.py)."""
    return stack.files_url, stack.files_root


def _run_sdk(stack, files: str, tmp_path: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url, CLEARML_FILES_HOST=files,
               CLEARML_API_ACCESS_KEY=stack.key, CLEARML_API_SECRET_KEY=stack.secret)
    done = subprocess.run([sys.executable, str(Path(__file__).parent / "sdk_files_script.py"), *args],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sdk_artifacts_round_trip_and_go_with_the_task(stack, files_url, tmp_path):
    url, root = files_url
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "/some/file", timeout=5)
    assert refused.value.code == 401
    result = _run_sdk(stack, url, tmp_path)
    assert result["same"] is True
    assert result["params"] == {"lr": 0.1, "layers": [1, 2]}
    assert set(result["urls"]) == {"blob", "params"}
    assert result["model_same"] is True
    stored = []
    for artifact_url in [*result["urls"].values(), result["model_url"]]:
        assert artifact_url.startswith(url + "/")
        path = urllib.parse.unquote(artifact_url[len(url) + 1:])
        stored.extend(root.glob(f"*/{path}"))
    assert len(stored) == 3  # under the company's folder
    assert hashlib.sha256(next(p for p in stored if p.name == "payload.bin").read_bytes()).hexdigest() == result["sha"]
    _run_sdk(stack, url, tmp_path, "delete", result["task_id"], result["model_id"])
    deadline = time.monotonic() + 30
    while any(p.exists() for p in stored):  # the TaskDeleted and ModelDeleted facts remove them
        assert time.monotonic() < deadline, f"files left after the task was deleted: {stored}"
        time.sleep(0.2)


def test_sdk_debug_images_round_trip_and_go_with_the_task(stack, files_url, tmp_path):
    url, root = files_url
    result = _run_sdk(stack, url, tmp_path, "image")
    assert result["same"] is True and result["samples"] == 1
    assert result["url"].startswith(url + "/")
    path = urllib.parse.unquote(result["url"][len(url) + 1:])
    stored = list(root.glob(f"*/{path}"))
    assert len(stored) == 1
    _run_sdk(stack, url, tmp_path, "delete-task", result["task_id"])
    deadline = time.monotonic() + 30
    while stored[0].exists():  # the events process releases it (EventFilesReleased), the files process removes it
        assert time.monotonic() < deadline, f"the debug image outlived its task: {stored[0]}"
        time.sleep(0.2)


def test_output_model_weights_upload_to_the_files_process(stack, tmp_path):
    """Task.init(output_uri=True) + OutputModel.update_weights: the weights download intact."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.files_url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret)
    done = subprocess.run([sys.executable, str(Path(__file__).parent / "sdk_output_model_script.py")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["url"].startswith(stack.files_url + "/")
    path = urllib.parse.unquote(result["url"][len(stack.files_url) + 1:])
    stored = list(stack.files_root.glob(f"*/{path}"))
    assert len(stored) == 1
    assert hashlib.sha256(stored[0].read_bytes()).hexdigest() == result["sha256"]

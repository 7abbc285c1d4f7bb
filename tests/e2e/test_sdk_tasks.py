"""The real clearml SDK runs an experiment against Cairn: ``Task.init`` in a script,
``connect`` a parameter dict and a configuration dict, ``close``; then another process reads it
back with ``Task.get_task`` / ``Task.query_tasks``, drives the status machine (clone,
mark_started/stopped/failed, reset, publish, archive, delete) and queries and publishes a
model of the task."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

RUN_SCRIPT = """
import json, sys
from clearml import Task
project, name = sys.argv[1], sys.argv[2]
task = Task.init(project_name=project, task_name=name, tags=["e2e", "first"], auto_connect_frameworks=False,
                 auto_resource_monitoring=False, auto_connect_streams=False)
params = task.connect({"lr": 0.1, "epochs": 3, "layer.size": "big"})
config = task.connect_configuration({"optimizer": {"name": "adam", "beta": 0.9}}, name="train cfg")
task_id = task.id
task.close()
json.dump({"id": task_id, "params": params, "config": config}, sys.stdout)
"""

READ_SCRIPT = """
import json, sys
from clearml import Model, Task
from clearml.backend_api.session.client import APIClient
project, name, task_id = sys.argv[1], sys.argv[2], sys.argv[3]
task = Task.get_task(task_id=task_id)
out = {
    "status": str(task.get_status()),
    "name": task.name,
    "project": task.get_project_name(),
    "tags": sorted(task.get_tags()),
    "params": task.get_parameters(),
    "config": task.get_configuration_object_as_dict("train cfg"),
    "requirements": bool(task.data.script.requirements),
}
out["by_status"] = Task.query_tasks(project_name=project, tags=["e2e"], task_filter={"status": ["completed"]})
out["by_other_status"] = Task.query_tasks(project_name=project, task_filter={"status": ["in_progress"]})
out["by_regex"] = Task.query_tasks(project_name=project, task_name=name[:-2] + ".*")
out["by_other_tag"] = Task.query_tasks(project_name=project, tags=["nope"])
clone = Task.clone(source_task=task, name=name + "-clone")
out["clone"] = {"status": str(clone.get_status()), "params": clone.get_parameters(), "name": clone.name}
clone.mark_started()
out["started"] = str(clone.get_status())
clone.mark_stopped()
out["stopped"] = str(Task.get_task(task_id=clone.id).get_status())
clone.reset(set_started_on_success=False)
out["reset"] = str(Task.get_task(task_id=clone.id).get_status())
clone.mark_failed(force=True)
out["failed"] = str(Task.get_task(task_id=clone.id).get_status())
client = APIClient()
# an output model is attached while the task runs, as the SDK does from API 2.13 on (ClearML
# changes the models of created or running tasks only)
client.tasks.started(task=task_id, force=True)
made = client.models.create(task=task_id, project=task.project, uri="http://127.0.0.1:9/best.pt", name="best",
                            ready=False)
client.tasks.add_or_update_model(task=task_id, model=made.id, name="best", type="output")
found = Model.query_models(project_name=project, model_name="best")
out["models"] = [(m.id, m.name, m.url, m.published) for m in found]
client.tasks.completed(task=task_id, force=True)
task.publish()
out["published"] = str(Task.get_task(task_id=task_id).get_status())
clone.set_archived(True)
out["archived"] = Task.get_task(task_id=clone.id).get_archived()
out["deleted"] = bool(clone.delete(delete_artifacts_and_models=False, raise_on_error=True))
out["after_delete"] = Task.query_tasks(project_name=project, task_name=name + "-clone")
Model(model_id=made.id).publish()
out["model_published"] = Model(model_id=made.id).published
out["model_ids"] = {"made": made.id, "output": [m.model for m in Task.get_task(task_id=task_id).data.models.output]}
json.dump(out, sys.stdout)
"""


def run_sdk(stack, script: str, tmp_path: Path, *args: str) -> dict:
    path = tmp_path / f"sdk_{uuid.uuid4().hex[:6]}.py"
    path.write_text(textwrap.dedent(script))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(
        HOME=str(tmp_path),
        CLEARML_API_HOST=stack.url,
        CLEARML_API_ACCESS_KEY=stack.key,
        CLEARML_API_SECRET_KEY=stack.secret,
        CLEARML_OFFLINE_MODE="0",
        CLEARML_FILES_HOST="http://127.0.0.1:9",  # never used: nothing is uploaded
        CLEARML_WEB_HOST="http://127.0.0.1:9",
    )
    done = subprocess.run(
        [sys.executable, str(path), *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def experiment(stack, tmp_path_factory):
    suffix = uuid.uuid4().hex[:8]
    project, name = f"e2e-tasks-{suffix}/sub", f"run-{suffix}"
    tmp = tmp_path_factory.mktemp("sdk_tasks")
    ran = run_sdk(stack, RUN_SCRIPT, tmp, project, name)
    read = run_sdk(stack, READ_SCRIPT, tmp, project, name, ran["id"])
    return {"project": project, "name": name, "ran": ran, "read": read}


def test_task_init_connect_and_close(experiment):
    ran, read = experiment["ran"], experiment["read"]
    assert len(ran["id"]) == 32
    assert ran["params"] == {"lr": 0.1, "epochs": 3, "layer.size": "big"}
    assert ran["config"] == {"optimizer": {"name": "adam", "beta": 0.9}}
    assert read["name"] == experiment["name"] and read["project"] == experiment["project"]
    assert read["tags"] == ["e2e", "first"]
    assert read["params"] == {"General/lr": "0.1", "General/epochs": "3", "General/layer.size": "big"}
    assert read["config"] == {"optimizer": {"name": "adam", "beta": 0.9}}
    assert read["requirements"] is True


def test_query_tasks_by_project_tags_status_and_name(experiment):
    task_id, read = experiment["ran"]["id"], experiment["read"]
    assert read["status"] == "completed"
    assert read["by_status"] == [task_id]
    assert read["by_other_status"] == []
    assert task_id in read["by_regex"]
    assert read["by_other_tag"] == []


def test_clone_and_status_changes(experiment):
    read = experiment["read"]
    assert read["clone"]["status"] == "created" and read["clone"]["name"] == experiment["name"] + "-clone"
    assert read["clone"]["params"] == read["params"]
    assert (read["started"], read["stopped"], read["reset"], read["failed"]) == (
        "in_progress", "stopped", "created", "failed")
    assert read["published"] == "published"
    assert read["archived"] is True
    assert read["deleted"] is True and read["after_delete"] == []


def test_models_of_a_task_are_queried_and_published(experiment):
    read = experiment["read"]
    made = read["model_ids"]["made"]
    assert read["models"] == [[made, "best", "http://127.0.0.1:9/best.pt", False]]
    assert read["model_published"] is True
    assert read["model_ids"]["output"] == [made]

"""The hidden sub-projects the real clearml SDK creates: ``Dataset.create`` puts its task in
``<project>/.datasets/<name>`` and a locally run ``PipelineController`` its controller (and
step) in ``<project>/.pipelines/<name>``; both projects carry the ``hidden`` system tag, so
``projects.get_all_ex`` / ``tasks.get_all_ex`` show them only with ``search_hidden``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).parent / "sdk_hidden_script.py"


def run_script(stack, tmp: Path, project: str, mode: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.files_url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret, CLEARML_OFFLINE_MODE="0")
    # Reporting from a forked subprocess (the SDK's default on Linux) can deadlock when the fork
    # meets the SDK's own git-detection thread starting a subprocess (seen once in this test's
    # Task.init/close); the reports are not what this test is about.
    (tmp / "clearml.conf").write_text("sdk { development { report_use_subprocess: false } }\n")
    done = subprocess.run([sys.executable, str(SCRIPT), project, str(tmp), mode], env=env, cwd=tmp,
                          capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def listed(stack, tmp_path_factory) -> dict:
    project = f"e2e-hidden-{uuid.uuid4().hex[:8]}"
    return {"project": project, **run_script(stack, tmp_path_factory.mktemp("sdk_hidden"), project, "all")}


def test_dataset_create_makes_its_own_task(stack, tmp_path):
    assert len(run_script(stack, tmp_path, f"e2e-ds-{uuid.uuid4().hex[:8]}", "create-only")["dataset"]) == 32


def test_hidden_projects_are_listed_only_with_search_hidden(listed):
    project = listed["project"]
    assert listed["projects_False"] == {project: []}
    assert listed["projects_True"] == {
        project: [],
        f"{project}/.datasets": ["hidden"],
        f"{project}/.datasets/ds": ["dataset", "hidden"],
        f"{project}/.pipelines": ["hidden"],
        f"{project}/.pipelines/pipe": ["hidden", "pipeline"],
    }


def test_sub_projects_and_stats_of_the_top_project(listed):
    project = listed["project"]
    assert listed["top_False"] == {"sub_projects": [], "total": 0}
    # with its statistics a project lists every project below it, as clearml-server does
    assert listed["top_True"]["sub_projects"] == [f"{project}/{name}" for name in (
        ".datasets", ".datasets/ds", ".pipelines", ".pipelines/pipe")]
    assert listed["top_True"]["total"] == len(listed["tasks_True"]) >= 3


def test_dataset_and_pipeline_tasks(listed):
    by_name = {name: (kind, tags) for name, kind, tags in listed["tasks_True"]}
    assert set(by_name) == {"ds", "pipe", "double"}
    assert by_name["ds"][0] == "data_processing" and "dataset" in by_name["ds"][1]
    assert by_name["pipe"][0] == "controller" and "pipeline" in by_name["pipe"][1]
    assert listed["tasks_False"] == []  # the visible project holds none of them
    assert [listed["controller"], "pipe"] in listed["pipelines"]

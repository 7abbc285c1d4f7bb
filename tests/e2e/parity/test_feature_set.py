"""The Enterprise feature set: session tokens claim ``feature_set: advanced`` (the test stack runs
with ``CAIRN_FEATURE_SET=advanced``), so the SDK's Enterprise clients (``clearml.hyperdatasets``)
accept the server; and the calls the SDK makes only under that feature set are answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.e2e.api import call

pytestmark = pytest.mark.e2e

VERIFY_SCRIPT = """
import json
from clearml.backend_api.session import Session
from clearml.backend_api.session.client import APIClient

APIClient().projects.get_all(page=0, page_size=1)  # a session, as any SDK call makes one
Session.verify_feature_set("advanced")  # raises ValueError unless the token says so
# Hyper-Datasets with vector fields (field_mappings) need an Enterprise server of 3.25 or later
print(json.dumps({"feature_set": Session.feature_set, "vectors": Session.check_min_server_version("3.25")}))
"""


def run_sdk(stack, script: str, tmp_path: Path) -> tuple[dict, str]:
    """The script's last stdout line as JSON, and everything it logged."""
    path = tmp_path / "sdk_feature_set.py"
    path.write_text(textwrap.dedent(script))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret)
    done = subprocess.run([sys.executable, str(path)], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stdout + done.stderr


def test_the_sdk_finds_the_advanced_feature_set_and_reads_its_vaults_quietly(stack, tmp_path):
    answer, logged = run_sdk(stack, VERIFY_SCRIPT, tmp_path)
    assert answer == {"feature_set": "advanced", "vectors": True}
    # under ``advanced`` the SDK asks users.get_vaults at session start; an error answer other
    # than 404 would make it warn "Failed getting vaults"
    assert "vaults" not in logged.lower(), logged


def test_get_vaults_answers_an_empty_list_to_the_sdks_query_string(http):
    response = http.get("/v2.23/users.get_vaults", params=[("enabled", "true"), ("types", "config"),
                                                             ("types", "config")])
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"vaults": []}
    assert call(http, "users.get_vaults", {}) == {"vaults": []}

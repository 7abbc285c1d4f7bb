"""Client regular expressions never stall a process (issue 18): a pattern that would backtrack
for seconds is refused with ClearML's invalid_regex_error, and other calls go on meanwhile."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.e2e

EVIL = "(a+)+$"
VICTIM = "a" * 27 + "!"


def meta(response) -> tuple[int, int]:
    body = response.json()["meta"]
    return body["result_code"], body["result_subcode"]


def test_a_catastrophic_name_filter_is_refused(http):
    http.post("/v2.23/tasks.create", json={"name": VICTIM, "type": "training"})
    assert meta(http.post("/v2.23/tasks.get_all", json={"name": EVIL}, timeout=10)) == (400, 21)
    assert meta(http.post("/v2.23/projects.get_all", json={"name": EVIL}, timeout=10)) == (400, 21)
    assert meta(http.post("/v2.23/queues.get_all", json={"name": EVIL}, timeout=10)) == (400, 21)


def test_a_catastrophic_value_pattern_is_refused_and_a_safe_one_matches(http):
    marker = uuid.uuid4().hex[:8]
    params = {"Args": {"lr": {"section": "Args", "name": "lr", "value": f"{VICTIM}{marker}"}}}
    project = http.post("/v2.23/projects.create", json={"name": f"regex-{marker}"}).json()["data"]["id"]
    http.post("/v2.23/tasks.create", json={"name": "p", "type": "training", "project": project, "hyperparams": params})
    body = {"projects": [project], "section": "Args", "name": "lr"}
    refused = http.post("/v2.23/projects.get_hyperparam_values", json={**body, "pattern": EVIL}, timeout=10)
    assert meta(refused) == (400, 21)
    found = http.post("/v2.23/projects.get_hyperparam_values", json={**body, "pattern": f"{marker.upper()}$"}).json()
    assert found["data"]["values"] == [f"{VICTIM}{marker}"]
    assert http.post("/v2.23/debug.ping", json={}, timeout=10).status_code == 200

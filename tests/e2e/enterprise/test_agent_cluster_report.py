"""The real ``clearml-agent daemon`` (``advanced`` feature set, which Cairn's tokens carry)
reports its part of a cluster with ``workers.cluster_report`` and its machine statistics with
``workers.status_report``: ``workers.get_resource_usages`` shows its category with the
capacity it offers, and the events log shows it registering."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from tests.e2e.api import call, unique
from tests.support.agent import running_agent

pytestmark = pytest.mark.e2e


def test_the_real_agent_reports_its_part_of_the_cluster(stack, http, tmp_path: Path):
    category = unique("agentcat")
    worker, queue = f"{category}:box:0", unique("agent-cluster-q")
    call(http, "queues.create", {"name": queue})
    with running_agent(stack, tmp_path, queue, worker) as agent:
        mine = _wait_for_category(http, category)
    assert mine is not None, agent.log()
    # the daemon offers one worker (max_workers=1) and reports its CPUs with its statistics
    assert mine["workers"]["max_allowed"] == 1 and mine["workers"]["total"] == 1, mine
    assert mine["cpus"]["total"] >= 1, mine
    rows = list(csv.DictReader(io.StringIO(call(http, "workers.download_events_log", {"max_age_days": 1}))))
    events = {r["event"] for r in rows if r["worker"] == worker}
    assert {"registered", "cluster_registered"} <= events, rows


def _wait_for_category(http, category: str, timeout: float = 120) -> dict | None:
    """The category once the agent's cluster report and first statistics are in."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        usages = call(http, "workers.get_resource_usages", {})
        found = next((c for c in usages["categories"] if c["key"] == category), None)
        if found and "max_allowed" in found["workers"] and found["cpus"]["total"] > 0:
            return found
        time.sleep(2)
    return None

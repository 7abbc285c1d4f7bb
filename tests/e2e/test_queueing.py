"""Queueing across the tasks and queues processes, driven by the real clearml SDK: enqueue,
pop, run, dequeue, and a stopped queued task leaving its queue."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_sdk_skeleton import run_sdk

pytestmark = pytest.mark.e2e


def test_enqueue_pop_run_dequeue_and_stop(stack, tmp_path: Path):
    result = run_sdk(stack, "sdk_queueing_script.py", tmp_path)
    enqueued = result["after_enqueue"]
    assert enqueued["status"] == "queued" and enqueued["entries"] == [result["run"]]
    assert enqueued["execution_queue"] and enqueued["queued"] == 1
    assert result["popped"] == result["run"]
    assert result["after_start"] == "in_progress"
    assert result["ran"] == {"status": "completed", "last_worker": result["worker"]}
    assert result["after_dequeue"] == {"status": "created", "entries": []}
    assert result["in_queue"] == [result["stop"]]
    assert result["after_stop"] == {"status": "stopped", "entries": []}

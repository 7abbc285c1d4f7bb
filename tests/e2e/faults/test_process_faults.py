"""Each Cairn process killed with SIGKILL under a mixed workload and started again: nothing
acknowledged is lost, nothing is stored twice, clients only ever see 200s or retryable
answers, and the process answers again within a bound (issue 18, item 1)."""

from __future__ import annotations

import pytest

from tests.e2e.faults.harness import assert_survived, probe_for, run_fault

pytestmark = pytest.mark.e2e

VICTIMS = ("gateway", "identity", "tasks", "events", "queues", "datasets", "files")


@pytest.mark.parametrize("victim", VICTIMS)
def test_kill_minus_nine_and_restart(fault_stack, victim):
    def kill() -> None:
        proc = fault_stack.procs[victim]
        proc.kill()
        assert proc.wait() == -9

    result = run_fault(fault_stack, victim, kill=kill, restart=lambda: fault_stack.start(victim),
                       probe=probe_for(victim), ready_url=lambda: fault_stack.readyz(victim))
    assert_survived(result)

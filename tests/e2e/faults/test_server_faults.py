"""The fault tier's own Kafka broker and SecantusDB (MongoDB wire) killed with SIGKILL under
the mixed workload and started again on the same data: nothing acknowledged is lost, nothing
is stored twice, clients only see 200s or retryable answers, and Cairn answers again by itself
(no Cairn process is restarted) within a bound (issue 18, item 1)."""

from __future__ import annotations

import threading

import pytest

from tests.e2e.faults.harness import assert_survived, probe_for, run_fault

pytestmark = pytest.mark.e2e


VICTIMS = {"secantusdb": "mongo", "kafka": "kafka", "elasticsearch": "elastic"}
READY = {"secantusdb": "tasks", "kafka": "tasks", "elasticsearch": "events"}  # whose /readyz waits for it


@pytest.mark.parametrize("server", list(VICTIMS))
def test_server_kill_minus_nine_and_restart(fault_stack, private_servers, server):
    victim = getattr(private_servers, VICTIMS[server])
    up: list[float] = []

    def restart() -> None:  # the server's own start, timed apart from Cairn's recovery
        victim.start(wait=False)
        threading.Thread(target=lambda: up.append(round(victim.wait_ready(), 2)), daemon=True).start()

    result = run_fault(fault_stack, server, kill=victim.kill, restart=restart, probe=probe_for(server),
                       ready_url=lambda: fault_stack.readyz(READY[server]), fault=f"kill -9 {server} (private)",
                       extra=lambda: {"server_up_s": up[-1] if up else None},
                       victim_up=lambda: up[-1] if up else None)
    assert_survived(result)
    for name, proc in fault_stack.procs.items():
        assert proc.poll() is None, f"{name} died when {server} did:\n{fault_stack.log_tail(name)}"

"""The local stack's scripts (deploy/local): pure parts that a fresh install depends on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))

from stacklib.services import new_cluster_id  # noqa: E402


def test_a_kafka_cluster_id_never_starts_with_a_dash():
    # 0xf8 encodes to '-' as the first base64url character: the storage tool would read
    # "-t -..." as two options and refuse to format a fresh install.
    draws = iter([b"\xf8" + bytes(15), b"\x00" * 16])
    cluster_id = new_cluster_id(lambda: next(draws))
    assert cluster_id == "AAAAAAAAAAAAAAAAAAAAAA"


def test_a_kafka_cluster_id_is_22_characters_of_base64url():
    cluster_id = new_cluster_id()
    assert len(cluster_id) == 22 and not cluster_id.startswith("-")


# --------------------------------------------------------------------------- keeper

import os  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

from stacklib import keeper, procs  # noqa: E402
from stacklib.services import CAIRN, Service  # noqa: E402


def test_the_backoff_restarts_at_once_then_doubles_up_to_30_seconds():
    assert [keeper.backoff(n) for n in range(1, 9)] == [0, 1, 2, 4, 8, 16, 30, 30]


def _sleeper(name: str) -> Service:
    return Service(name=name, kind=CAIRN, address="", port=None, probe=None,
                   command=lambda: [sys.executable, "-c", "import time; time.sleep(120)"])


def test_a_killed_process_is_restarted_and_status_says_so(tmp_path):
    run_dir, logs = tmp_path / "run", tmp_path / "logs"
    service = _sleeper("events")
    first = procs.start(run_dir, service.name, service.command(), logs / "events.log", dict(os.environ))
    said: list[str] = []
    kept = keeper.Keeper(run_dir, logs, [service], said.append, trusted=True)
    try:
        assert kept.tick() == []  # alive: nothing to do
        os.kill(first.pid, signal.SIGKILL)
        for _ in range(50):
            procs.reap()
            if not procs.is_alive(first, trusted=True):
                break
            time.sleep(0.05)
        assert kept.tick() == ["events"]  # the first death restarts at once
        second = procs.load_record(run_dir, "events")
        assert second is not None and second.pid != first.pid and procs.is_alive(second, trusted=True)
        assert keeper.read_restarts(run_dir)["events"]["count"] == 1
        assert keeper.restart_note(run_dir, "events").startswith("restarted 1x, last ")
        assert any("died" in line for line in said) and any("restarted (pid" in line for line in said)
    finally:
        for record in [procs.load_record(run_dir, "events")]:
            if record is not None:
                procs.stop_all(run_dir, [record], 5.0, lambda _: None)


def test_a_process_that_keeps_dying_waits_longer_each_time(tmp_path):
    run_dir, logs = tmp_path / "run", tmp_path / "logs"
    now = [1000.0]
    service = Service(name="tasks", kind=CAIRN, address="", port=None, probe=None,
                      command=lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    kept = keeper.Keeper(run_dir, logs, [service], lambda _: None, trusted=True, clock=lambda: now[0])
    try:
        assert kept.tick() == ["tasks"]  # no record at all counts as dead: started at once
        for _ in range(50):
            procs.reap()
            if not procs.is_alive(procs.load_record(run_dir, "tasks"), trusted=True):
                break
            time.sleep(0.05)
        assert kept.tick() == []  # second death: 1 s backoff
        now[0] += 1.1
        assert kept.tick() == ["tasks"]
        assert keeper.read_restarts(run_dir)["tasks"]["count"] == 2
    finally:
        record = procs.load_record(run_dir, "tasks")
        if record is not None:
            procs.stop_all(run_dir, [record], 5.0, lambda _: None)

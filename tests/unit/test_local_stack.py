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


# --------------------------------------------------------------------------- replicas

import pytest  # noqa: E402

from stacklib import services, settings  # noqa: E402


def test_replica_counts_come_from_one_variable_per_process_or_the_list(monkeypatch):
    counts = services.replica_counts({"CAIRN_REPLICAS": "tasks=2, events=3", "CAIRN_REPLICAS_TASKS": "4"})
    assert (counts["tasks"], counts["events"], counts["queues"], counts["gateway"]) == (4, 3, 1, 1)
    for bad in ({"CAIRN_REPLICAS_TASKS": "0"}, {"CAIRN_REPLICAS_TASKS": "two"}, {"CAIRN_REPLICAS": "nope=2"},
                {"CAIRN_REPLICAS": "tasks"}, {"CAIRN_REPLICAS_FILES": "2"}):
        with pytest.raises(SystemExit):
            services.replica_counts(bad)


def test_each_instance_has_its_own_record_metrics_port_and_gateway_port(monkeypatch, tmp_path):
    monkeypatch.setenv("CAIRN_REPLICAS", "tasks=2,gateway=2")
    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path))
    s = settings.load()
    built = {x.name: x for x in services.build(s)}
    assert [n for n in built if services.process_of(n) in ("tasks", "gateway")] == ["tasks", "tasks-2", "gateway",
                                                                                   "gateway-2"]
    ports = [x.env["CAIRN_METRICS_PORT"] for x in built.values() if x.kind == services.CAIRN]
    assert len(ports) == len(set(ports)) == len(services.CAIRN_SERVICES) + 2
    assert built["tasks"].env["CAIRN_METRICS_PORT"] == str(services.metrics_port_of(s, "tasks"))  # unchanged
    assert (built["gateway"].port, built["gateway-2"].port) == (s.gateway_port, s.gateway_port + 1)
    assert built["gateway-2"].env["CAIRN_GATEWAY_PORT"] == str(s.gateway_port + 1)
    assert built["gateway-2"].address.endswith(f":{s.gateway_port + 1}")
    assert built["tasks-2"].command() == built["tasks"].command()


def test_down_finds_extra_instances_even_when_configured_fewer(tmp_path):
    for name in ("tasks-2", "gateway-3", "kafka", "tasks", "keeper", "weird-x"):
        (tmp_path / f"{name}.json").write_text("{}")
    assert services.recorded_replicas(tmp_path) == ["gateway-3", "tasks-2"]
    assert [services.process_of(n) for n in ("tasks-2", "tasks", "kafka", "gateway-12")] == [
        "tasks", "tasks", None, "gateway"]

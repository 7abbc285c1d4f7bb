"""Bringing processes up (reusing healthy ones), watching them, and bringing them down.

The rule on failure: whatever this invocation started is stopped again, so a failed `up` never
leaves half a stack behind; what was already running before is left alone.
"""

from __future__ import annotations

import fcntl
import time
from contextlib import contextmanager
from pathlib import Path

from . import keeper, probes, procs
from .services import CAIRN, INFRA, PrepareError, Service, process_of
from .settings import HOST, Settings

TAIL_LINES = 40


def say(text: str) -> None:
    print(f"[stack] {text}", flush=True)


class StartError(RuntimeError):
    """A process failed to start or become ready; carries the record for the log tail."""

    def __init__(self, message: str, record: procs.Record | None = None):
        super().__init__(message)
        self.record = record


@contextmanager
def start_lock(s: Settings):
    """Serialise starts machine-wide: two `up`s at once (two clones, two CI jobs) would both
    find the ports free and both start Kafka; taking turns, the second one reuses the first's.
    """
    s.home.mkdir(parents=True, exist_ok=True)
    with open(s.home / ".start.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


class Launch:
    """One invocation's start of (part of) the stack; remembers what it started itself."""

    def __init__(self, s: Settings):
        self.s = s
        self.started: list[tuple[Service, procs.Record]] = []
        self.reused: list[Service] = []

    # ------------------------------------------------------------------ start

    def ensure(self, services: list[Service]) -> None:
        """Servers first, all at once, and wait until they are ready; then the Cairn processes.

        The servers start in parallel (Elasticsearch needs the longest, so the others are ready
        by then); the Cairn processes only once the servers answer, since they connect at start.
        """
        for kind in (INFRA, CAIRN):
            group = [x for x in services if x.kind == kind]
            if kind == CAIRN and group and self._cairn_running_elsewhere(group):
                continue
            waiting = [entry for entry in map(self._start_or_reuse, group) if entry]
            self._wait_ready(waiting)

    def _cairn_running_elsewhere(self, group: list[Service]) -> bool:
        """A ready gateway we did not start means another checkout runs all Cairn processes.

        The gateway's /_ready pings every process behind it, so a ready gateway vouches for
        them, and starting a second set would double the consumers.
        """
        if any(procs.live_record(self.s.run_dir, x.name) for x in group):
            return False
        gateway = next((x for x in group if x.name == "gateway"), None)
        if gateway is None or not gateway.probe():
            return False
        say(f"Cairn: reusing the ready gateway at {gateway.address} and its services (started elsewhere; "
            "its admin keys are in the secrets.env of the data folder that started it)")
        self.reused.extend(group)
        return True

    def _start_or_reuse(self, service: Service) -> tuple[Service, procs.Record, bool] | None:
        """Reuse a healthy process, refuse a port taken by something else, else start it.

        Returns (service, record, started_here) when readiness still has to be awaited.
        """
        record = procs.live_record(self.s.run_dir, service.name)
        if record is not None:
            if service.probe is None or service.probe():
                say(f"{service.name}: already running (pid {record.pid}) {service.address}".rstrip())
                self.reused.append(service)
                return None
            say(f"{service.name}: running (pid {record.pid}) but not ready yet, waiting")
            return service, record, False
        if service.port is not None and service.probe():
            say(f"{service.name}: reusing the healthy server at {service.address} (started elsewhere)")
            self.reused.append(service)
            return None
        if service.port is not None and probes.tcp_open(HOST, service.port):
            raise StartError(
                f"{service.name}: port {service.port} is in use, but not by a healthy {service.name}; "
                f"free it or choose another port (see the CAIRN_*_PORT variables)"
            )
        try:
            service.prepare()
            record = procs.start(
                self.s.run_dir, service.name, service.command(), self.s.logs / f"{service.name}.log",
                service.env, cwd=service.cwd, term_pidfile=service.term_pidfile,
            )
        except (PrepareError, OSError) as error:
            raise StartError(f"{service.name}: {error}") from error
        self.started.append((service, record))
        keeper.forget(self.s.run_dir, service.name)
        say(f"{service.name}: started (pid {record.pid}), log {record.log}")
        return service, record, True

    def _wait_ready(self, waiting: list[tuple[Service, procs.Record, bool]]) -> None:
        """Poll every pending process until ready; fail fast if any started process dies."""
        pending = list(waiting)
        while pending:
            procs.reap()
            self._check_started_alive()
            for entry in list(pending):
                service, record, _ = entry
                elapsed = time.time() - record.started
                if service.probe is None or service.probe():
                    what = "ready" if service.probe else "running"
                    say(f"{service.name}: {what} after {elapsed:.1f} s {service.address}".rstrip())
                    pending.remove(entry)
                elif not procs.is_alive(record, trusted=True):
                    raise StartError(f"{service.name}: exited before becoming ready", record)
                elif elapsed > service.start_timeout:
                    raise StartError(
                        f"{service.name}: not ready after {service.start_timeout:.0f} s at {service.address}",
                        record,
                    )
            if pending:
                time.sleep(0.5)

    def _check_started_alive(self) -> None:
        for service, record in self.started:
            if not procs.is_alive(record, trusted=True):
                code = procs.exit_code(record.pid)
                detail = f" (exit code {code})" if code is not None else ""
                raise StartError(f"{service.name}: exited unexpectedly{detail}", record)

    # ------------------------------------------------------------------ stop

    def stop_started(self) -> None:
        """Stop what this invocation started: Cairn processes first, then the servers."""
        # A process the keeper restarted has a newer record under the same name.
        records = [procs.load_record(self.s.run_dir, service.name) or record for service, record in self.started]
        stop_records(self.s, records, trusted=True)
        self.started.clear()


def report_failure(error: StartError) -> None:
    say(f"FAILED: {error}")
    if error.record is not None:
        log = Path(error.record.log)
        print(f"----- last {TAIL_LINES} lines of {log} -----", flush=True)
        print(procs.tail(log, TAIL_LINES, error.record.log_offset), flush=True)
        print("-----", flush=True)


def stop_records(s: Settings, records: list[procs.Record], trusted: bool = False) -> None:
    """Cairn processes first (they hold connections to the servers), then the servers.

    `trusted`: the records were started by this invocation (see procs.is_alive).
    """
    by_kind: dict[str, list[procs.Record]] = {CAIRN: [], INFRA: []}
    for record in records:
        by_kind[CAIRN if process_of(record.name) else INFRA].append(record)
    for kind, timeout in ((CAIRN, 15.0), (INFRA, 60.0)):
        alive = [r for r in by_kind[kind] if procs.is_alive(r, trusted)]
        for record in by_kind[kind]:
            if record not in alive:
                say(f"{record.name}: already exited (pid {record.pid})")
                procs.drop_record(s.run_dir, record.name)
        if alive:
            say("stopping " + ", ".join(f"{r.name} (pid {r.pid})" for r in alive))
            procs.stop_all(s.run_dir, alive, timeout, say)

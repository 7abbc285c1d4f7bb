"""Keeping the stack up: a process that dies is started again, with backoff.

`run` keeps what it started from the foreground; `up` leaves a detached keeper process
(`stack.py keep`, record "keeper") that keeps what was running from this data folder when it
began. `down` stops the keeper first, so nothing is restarted while the stack goes down.

A process is restarted at once after its first death, then after 1, 2, 4, ... up to 30 seconds
when it keeps dying; one that stayed up for a minute starts over at once. Every restart is
written to `<run>/restarts.json` (count, time, exit code when known), which `status` shows.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from . import procs
from .services import PrepareError, Service

KEEPER = "keeper"
RESTARTS_FILE = "restarts.json"
MAX_BACKOFF_S = 30.0
STABLE_S = 60.0


def backoff(consecutive: int) -> float:
    """Seconds to wait before restarting a process that died ``consecutive`` times in a row."""
    if consecutive <= 1:
        return 0.0
    return min(MAX_BACKOFF_S, 2.0 ** (consecutive - 2))


def read_restarts(run_dir: Path) -> dict[str, dict]:
    try:
        data = json.loads((run_dir / RESTARTS_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_restarts(run_dir: Path, data: dict[str, dict]) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    tmp = run_dir / (RESTARTS_FILE + ".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(run_dir / RESTARTS_FILE)


def forget(run_dir: Path, name: str) -> None:
    """A fresh start (by `up`/`run`) begins a new history."""
    data = read_restarts(run_dir)
    if data.pop(name, None) is not None:
        _write_restarts(run_dir, data)


def restart_note(run_dir: Path, name: str) -> str:
    """"restarted 2x, last 21:30:05 (exit -9)" for `status`, or ""."""
    entry = read_restarts(run_dir).get(name)
    if not entry:
        return ""
    when = time.strftime("%H:%M:%S", time.localtime(entry.get("last", 0)))
    code = entry.get("exit")
    return f"restarted {entry.get('count', 0)}x, last {when}" + (f" (exit {code})" if code is not None else "")


class Keeper:
    """Watches ``services`` (their records in the run folder) and restarts the dead ones."""

    def __init__(self, run_dir: Path, logs: Path, services: list[Service], say: Callable[[str], None],
                 trusted: bool = False, clock: Callable[[], float] = time.time):
        self.run_dir = run_dir
        self.logs = logs
        self.services = services
        self.say = say
        self.trusted = trusted  # the records are of children of this process (`run`)
        self.clock = clock
        self._deaths: dict[str, int] = {}  # consecutive deaths
        self._due: dict[str, float] = {}  # when the next start may happen

    def tick(self) -> list[str]:
        """One look at every process; returns the names (re)started now."""
        procs.reap()
        now = self.clock()
        restarted = []
        for service in self.services:
            record = procs.load_record(self.run_dir, service.name)
            if record is not None and procs.is_alive(record, self.trusted):
                if now - record.started >= STABLE_S:
                    self._deaths.pop(service.name, None)
                continue
            if service.name not in self._due:
                deaths = self._deaths.get(service.name, 0) + 1
                self._deaths[service.name] = deaths
                self._due[service.name] = now + backoff(deaths)
                code = procs.exit_code(record.pid) if record is not None else None
                self._note_death(service.name, code)
                wait = self._due[service.name] - now
                self.say(f"{service.name}: died{f' (exit code {code})' if code is not None else ''}; "
                         f"restarting {'now' if wait <= 0 else f'in {wait:.0f} s'}")
            if now < self._due[service.name]:
                continue
            del self._due[service.name]
            if self._start(service):
                restarted.append(service.name)
        return restarted

    def _note_death(self, name: str, code: int | None) -> None:
        data = read_restarts(self.run_dir)
        entry = data.get(name) or {"count": 0}
        entry.update(count=int(entry.get("count", 0)) + 1, last=self.clock(), exit=code)
        data[name] = entry
        _write_restarts(self.run_dir, data)

    def _start(self, service: Service) -> bool:
        try:
            service.prepare()
            record = procs.start(self.run_dir, service.name, service.command(), self.logs / f"{service.name}.log",
                                 service.env, cwd=service.cwd, term_pidfile=service.term_pidfile)
        except (PrepareError, OSError) as error:
            self.say(f"{service.name}: restart failed: {error}")
            deaths = self._deaths.get(service.name, 1) + 1
            self._deaths[service.name] = deaths
            self._due[service.name] = self.clock() + backoff(deaths)
            return False
        self.say(f"{service.name}: restarted (pid {record.pid}), log {record.log}")
        return True

    def run(self, stopped: Callable[[], bool] = lambda: False, interval: float = 1.0) -> None:
        while not stopped():
            self.tick()
            time.sleep(interval)

"""Background processes that outlive the command that started them.

Each process is started in a session of its own (so Ctrl-C in the terminal does not reach it
and the supervisor decides the stop order), with its output appended to a log file, and is
described by a JSON record in the run folder. Liveness is read from /proc and covers the whole
process group: Elasticsearch runs as runuser -> launcher JVM -> server JVM, and the group
stays the same for all three. Zombies count as dead, because the process that adopts orphans
on this kind of machine may never reap them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LOG_ROTATE_BYTES = 50 * 1024 * 1024

# Exit statuses of children reaped by this process, by pid (reported when something dies).
_exit_codes: dict[int, int] = {}


@dataclass
class Record:
    """What `down`, `status` and `logs` need to know about a started process."""

    name: str
    pid: int  # also the process group id (the process leads its own session)
    argv: list[str]
    log: str
    log_offset: int  # where this start's output begins in the log
    started: float
    term_pidfile: str | None = None  # send SIGTERM to the pid in this file instead of the group


def reap() -> None:
    """Collect exited children so that they do not linger as zombies; remember their status."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _exit_codes[pid] = os.waitstatus_to_exitcode(status)


def exit_code(pid: int) -> int | None:
    return _exit_codes.get(pid)


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state is [0], pgid is [2])."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat_fields(int(entry))
        if fields and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            members.append(int(entry))
    return members


def _cmdline(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def is_alive(record: Record, trusted: bool = False) -> bool:
    """The recorded process group still has live members.

    For a record read back from disk (`trusted` False) the leader's command line must also
    still be ours, so that a recycled pid is not taken for our process. A process this
    invocation started is trusted: while a wrapper script execs its interpreter the command
    line is briefly empty or different, and that must not read as "exited".
    """
    if not group_members(record.pid):
        return False
    if trusted:
        return True
    leader = _cmdline(record.pid)
    if not leader:
        return True  # leader gone or between exec()s; members of our group still run
    return _same_command(leader, record.argv)


def _same_command(running: list[str], argv: list[str]) -> bool:
    """Does a running command line come from `argv`?

    Scripts (secantusd-py, bin/elasticsearch) show up as "interpreter script args..." or, after
    an exec, as "java ... args...", so only the arguments are compared, as a suffix.
    """
    args = argv[1:]
    if not args:
        return bool(running) and Path(running[0]).name == Path(argv[0]).name
    return running[-len(args):] == args


def rss_mib(record: Record) -> float:
    """Resident memory of the whole process group, in MiB."""
    total_kib = 0
    for pid in group_members(record.pid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


# --------------------------------------------------------------------------- records on disk


def _record_path(run_dir: Path, name: str) -> Path:
    return run_dir / f"{name}.json"


def load_record(run_dir: Path, name: str) -> Record | None:
    try:
        return Record(**json.loads(_record_path(run_dir, name).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def save_record(run_dir: Path, record: Record) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    tmp = _record_path(run_dir, record.name).with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(record), indent=1))
    tmp.replace(_record_path(run_dir, record.name))


def drop_record(run_dir: Path, name: str) -> None:
    _record_path(run_dir, name).unlink(missing_ok=True)


def live_record(run_dir: Path, name: str) -> Record | None:
    """The record of `name` if its process still runs; a stale record is removed."""
    record = load_record(run_dir, name)
    if record is None:
        return None
    if is_alive(record):
        return record
    drop_record(run_dir, name)
    return None


# --------------------------------------------------------------------------- start / stop


def _open_log(log: Path) -> tuple[int, int]:
    """Open the log for appending (rotating a huge one); return (fd, offset of this start)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    if log.exists() and log.stat().st_size > LOG_ROTATE_BYTES:
        log.replace(log.with_suffix(log.suffix + ".1"))
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    offset = os.lseek(fd, 0, os.SEEK_END)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    os.write(fd, f"\n===== started by cairn stack.py at {stamp} =====\n".encode())
    return fd, offset


def start(
    run_dir: Path,
    name: str,
    argv: list[str],
    log: Path,
    env: dict[str, str],
    cwd: Path | None = None,
    term_pidfile: Path | None = None,
) -> Record:
    """Start `argv` detached (own session, stdin closed, output to `log`) and record it."""
    fd, offset = _open_log(log)
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(fd)
    record = Record(
        name=name,
        pid=process.pid,
        argv=list(argv),
        log=str(log),
        log_offset=offset,
        started=time.time(),
        term_pidfile=str(term_pidfile) if term_pidfile else None,
    )
    save_record(run_dir, record)
    return record


def _term_target(record: Record) -> int | None:
    """A single pid to send SIGTERM to, when the group leader is only a wrapper.

    runuser answers SIGTERM by killing its child with SIGKILL two seconds later, which would
    cut Elasticsearch's shutdown short; the server's own pid file avoids the wrapper.
    """
    if not record.term_pidfile:
        return None
    try:
        pid = int(Path(record.term_pidfile).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if pid in group_members(record.pid) else None


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def stop_all(run_dir: Path, records: list[Record], timeout: float, say) -> None:
    """SIGTERM every record at once, wait up to `timeout`, then SIGKILL what is left.

    Stopping in parallel keeps `down` short: the JVMs each need a few seconds to close.
    """
    began = time.monotonic()
    for record in records:
        target = _term_target(record)
        if target:
            try:
                os.kill(target, signal.SIGTERM)
            except ProcessLookupError:
                pass
        else:
            _signal_group(record.pid, signal.SIGTERM)
    pending = list(records)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        reap()
        still = [r for r in pending if group_members(r.pid)]
        for record in pending:
            if record not in still:
                say(f"{record.name}: stopped (pid {record.pid}, {time.monotonic() - began:.1f} s)")
                drop_record(run_dir, record.name)
        pending = still
        if pending:
            time.sleep(0.2)
    for record in pending:
        say(f"{record.name}: still running after {timeout:.0f} s, sending SIGKILL")
        _signal_group(record.pid, signal.SIGKILL)
        for _ in range(50):
            reap()
            if not group_members(record.pid):
                break
            time.sleep(0.1)
        drop_record(run_dir, record.name)


# --------------------------------------------------------------------------- logs


def tail(log: Path, lines: int, offset: int = 0) -> str:
    """The last `lines` lines of `log`, reading only from `offset` on (this start's output)."""
    try:
        with open(log, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            start_at = max(offset, size - 256 * 1024)
            handle.seek(start_at)
            data = handle.read()
    except OSError:
        return f"(no log at {log})"
    text = data.decode(errors="replace").splitlines()
    return "\n".join(text[-lines:])

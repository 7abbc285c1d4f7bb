#!/usr/bin/env python3
"""Local Cairn stack without Docker: Kafka, Elasticsearch, SecantusDB and the Cairn processes.

Standard library only, so it runs with the system python3 before any virtualenv exists.

    stack.py install              fetch the servers into $CAIRN_HOME (default ~/.cache/cairn)
    stack.py up [--infra-only]    start in the background (reusing healthy servers), wait until ready
    stack.py run [--infra-only]   the same in the foreground; Ctrl-C stops everything it started
    stack.py down [--cairn-only]  stop what `up` started (and its keeper)
    stack.py keep [--infra-only]  restart what runs from this data folder when it dies (`up` starts one)
    stack.py status [--infra-only] one line per process (exit 3 if something is not running)
    stack.py logs [NAME] [-n N] [-f]
    stack.py env [--secrets]      KEY=value lines for tests and shells

Exit codes: 0 ok, 1 failure (the failing log's tail is printed), 2 usage, 3 `status`: not all
running, 130 interrupted during `up`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stacklib import credentials, install, keeper, procs, services, supervisor  # noqa: E402
from stacklib import settings as cfg  # noqa: E402
from stacklib.supervisor import Launch, StartError, report_failure, say  # noqa: E402


class Interrupted(Exception):
    """SIGTERM, handled like Ctrl-C."""


def _raise_interrupted(signum, frame):
    raise Interrupted()


def _ignore_signals() -> None:
    """While stopping, a second Ctrl-C must not cut the (bounded) shutdown in half."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _selected(s: cfg.Settings, infra_only: bool, secrets: dict[str, str] | None = None):
    every = services.build(s, secrets)
    return [x for x in every if x.kind == services.INFRA] if infra_only else every


# --------------------------------------------------------------------------- install


def cmd_install(s: cfg.Settings, args, quiet: bool = False) -> int:
    try:
        install.install_all(s, quiet)
    except install.InstallError as error:
        print(f"[install] FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


# --------------------------------------------------------------------------- up / run


def _start(s: cfg.Settings, infra_only: bool) -> tuple[Launch, int]:
    """Install if needed, then bring the stack up; on failure stop what was started here."""
    if cmd_install(s, None, quiet=True) != 0:
        return Launch(s), 1
    secrets = credentials.ensure(s.secrets_file, s.gateway_url)
    launch = Launch(s)
    began = time.monotonic()
    try:
        with supervisor.start_lock(s):
            launch.ensure(_selected(s, infra_only, secrets))
    except StartError as error:
        _ignore_signals()
        report_failure(error)
        launch.stop_started()
        return launch, 1
    except (KeyboardInterrupt, Interrupted):
        _ignore_signals()
        say("interrupted: stopping what this command started")
        launch.stop_started()
        return launch, 130
    say(f"stack ready in {time.monotonic() - began:.1f} s ({'servers only' if infra_only else 'servers + Cairn'})")
    return launch, 0


def _catch_signals() -> None:
    """Ctrl-C and SIGTERM interrupt the start (and `run`), even if the caller ignored SIGINT."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupted)


def cmd_up(s: cfg.Settings, args) -> int:
    _catch_signals()
    _, code = _start(s, args.infra_only)
    if code == 0:
        _ensure_keeper(s, args.infra_only)
        _print_connection(s, args.infra_only)
    return code


def _ensure_keeper(s: cfg.Settings, infra_only: bool) -> None:
    """A detached `stack.py keep` that restarts what dies (one per data folder)."""
    running = procs.live_record(s.run_dir, keeper.KEEPER)
    if running is not None:
        if infra_only or "--infra-only" not in running.argv:
            return
        procs.stop_all(s.run_dir, [running], 10.0, say)  # it keeps only the servers: replace it
    argv = [sys.executable, str(Path(__file__).resolve()), "keep", *(["--infra-only"] if infra_only else [])]
    record = procs.start(s.run_dir, keeper.KEEPER, argv, s.logs / "keeper.log", dict(os.environ))
    say(f"keeper: started (pid {record.pid}): a process that dies is restarted; log {record.log}")


def cmd_keep(s: cfg.Settings, args) -> int:
    """Keep what runs from this data folder now; stop on SIGTERM (`down` sends it first)."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    secrets = None if args.infra_only else credentials.ensure(s.secrets_file, s.gateway_url)
    kept = [x for x in _selected(s, args.infra_only, secrets) if procs.live_record(s.run_dir, x.name)]
    say("keeping " + (", ".join(x.name for x in kept) or "nothing"))
    keeper.Keeper(s.run_dir, s.logs, kept, say).run(lambda: bool(stop))
    say("keeper: stopped")
    return 0


def cmd_run(s: cfg.Settings, args) -> int:
    """Foreground: stay attached; stop everything on Ctrl-C/SIGTERM or when a process dies."""
    _catch_signals()
    launch, code = _start(s, args.infra_only)
    if code != 0:
        return code
    _print_connection(s, args.infra_only)
    if launch.reused:
        names = ", ".join(x.name for x in launch.reused)
        say(f"already running before, left alone on exit: {names}")
    if not launch.started:
        say("nothing was started by this command; exiting")
        return 0
    say("running; a process that dies is restarted; press Ctrl-C to stop")
    kept = keeper.Keeper(s.run_dir, s.logs, [service for service, _ in launch.started], say, trusted=True)
    try:
        kept.run()
    except (KeyboardInterrupt, Interrupted):
        pass
    _ignore_signals()
    say("stopping")
    launch.stop_started()
    return 0


def _print_connection(s: cfg.Settings, infra_only: bool) -> None:
    for key, value in s.connection_env().items():
        if infra_only and key == "CAIRN_GATEWAY_PORT":
            continue
        print(f"  {key}={value}")
    if not infra_only:
        print(f"  CLEARML_API_HOST={s.gateway_url}  (keys in {s.secrets_file})")
        more = [x.address for x in services.build(s) if services.process_of(x.name) == "gateway"][1:]
        if more:
            print(f"  more gateways (same keys): {', '.join(more)}")


# --------------------------------------------------------------------------- down / status


def cmd_down(s: cfg.Settings, args) -> int:
    _ignore_signals()
    # The keeper first: it would restart what is being stopped.
    kept_by = procs.live_record(s.run_dir, keeper.KEEPER)
    if kept_by is not None:
        procs.stop_all(s.run_dir, [kept_by], 10.0, say)
    names = [x.name for x in services.build(s)]
    if args.cairn_only:
        names = [n for n in names if services.process_of(n)]
    # Extra instances started with more replicas than configured now are stopped too.
    names += [n for n in services.recorded_replicas(s.run_dir) if n not in names]
    records = [r for r in (procs.load_record(s.run_dir, n) for n in names) if r]
    if not records:
        say("nothing to stop (no process started from this data folder is running)")
        return 0
    supervisor.stop_records(s, records)
    return 0


def _status_line(s: cfg.Settings, service: services.Service, gateway_elsewhere: bool) -> tuple[str, bool]:
    """(line, running): ready (its readiness probe answers: /_ready for the gateway, / for files,
    /readyz for the others), running but not ready, started elsewhere, or stopped."""
    def line(state: str, pid: str = "-", extra: str = "") -> str:
        return f"{service.name:14} {state:28} pid {pid:<8} {service.address or '-':28} {extra}".rstrip()

    record = procs.live_record(s.run_dir, service.name)
    if record is not None:
        healthy = service.probe is None or service.probe()
        state = "ready" if healthy else "running (not ready)"
        note = keeper.restart_note(s.run_dir, service.name)
        return line(state, str(record.pid), f"rss {procs.rss_mib(record):5.0f} MiB  {note}".rstrip()), healthy
    if service.probe is not None and service.probe():
        return line("running (started elsewhere)"), True
    if service.probe is None and gateway_elsewhere:
        return line("running (started elsewhere)"), True
    return line("stopped", extra=keeper.restart_note(s.run_dir, service.name)), False


def cmd_status(s: cfg.Settings, args) -> int:
    chosen = _selected(s, args.infra_only)
    gateway = next(x for x in services.build(s) if x.name == "gateway")
    gateway_elsewhere = (
        not args.infra_only and procs.live_record(s.run_dir, "gateway") is None and gateway.probe()
    )
    all_up = True
    for service in chosen:
        line, running = _status_line(s, service, gateway_elsewhere)
        all_up = all_up and running
        print(line)
    kept_by = procs.live_record(s.run_dir, keeper.KEEPER)
    print(f"{keeper.KEEPER:14} {'running' if kept_by else 'not running':28} pid {str(kept_by.pid) if kept_by else '-':<8} "
          "restarts a process that dies (`make up` starts it)")
    print(f"data {s.data}  logs {s.logs}  secrets {s.secrets_file}"
          f"{'' if s.secrets_file.exists() else ' (not created yet)'}")
    return 0 if all_up else 3


# --------------------------------------------------------------------------- logs / env


def _log_names(s: cfg.Settings, name: str | None) -> list[str]:
    known = [x.name for x in services.build(s)]
    if name is None:
        return [n for n in known if (s.logs / f"{n}.log").exists()]
    name = services.resolve_name(name)
    if name not in known:
        raise SystemExit(f"unknown process {name!r}; known: {', '.join(known)}")
    return [name]


def _follow(s: cfg.Settings, names: list[str]) -> None:
    """Print new log lines as they arrive, prefixed with the process name (Ctrl-C ends)."""
    positions = {n: (s.logs / f"{n}.log").stat().st_size if (s.logs / f"{n}.log").exists() else 0 for n in names}
    try:
        while True:
            for name in names:
                path = s.logs / f"{name}.log"
                if not path.exists():
                    continue
                with open(path, "rb") as handle:
                    handle.seek(positions[name])
                    chunk = handle.read()
                    positions[name] = handle.tell()
                for line in chunk.decode(errors="replace").splitlines():
                    print(f"{name:>13} | {line}" if len(names) > 1 else line, flush=True)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass


def cmd_logs(s: cfg.Settings, args) -> int:
    names = _log_names(s, args.name)
    if not names:
        say(f"no logs yet in {s.logs}")
        return 0
    for name in names:
        path = s.logs / f"{name}.log"
        if len(names) > 1:
            print(f"==> {name} ({path}) <==")
        print(procs.tail(path, args.lines))
    if args.follow:
        _follow(s, names)
    return 0


def cmd_env(s: cfg.Settings, args) -> int:
    values = dict(s.connection_env())
    values["CAIRN_DATA_DIR"] = str(s.data)
    if args.secrets:
        values.update(credentials.ensure(s.secrets_file, s.gateway_url))
    for key, value in values.items():
        print(f"{key}={shlex.quote(value)}")
    return 0


# --------------------------------------------------------------------------- main


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stack.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install", help="install the servers into $CAIRN_HOME").set_defaults(func=cmd_install)
    for name, func, text in (("up", cmd_up, "start in the background"), ("run", cmd_run, "start in the foreground")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--infra-only", action="store_true", help="servers only, no Cairn processes")
        p.set_defaults(func=func)
    p = sub.add_parser("down", help="stop what up started")
    p.add_argument("--cairn-only", action="store_true", help="stop the Cairn processes, keep the servers")
    p.set_defaults(func=cmd_down)
    p = sub.add_parser("keep", help="restart the processes of this data folder when they die")
    p.add_argument("--infra-only", action="store_true")
    p.set_defaults(func=cmd_keep)
    p = sub.add_parser("status", help="one line per process")
    p.add_argument("--infra-only", action="store_true")
    p.set_defaults(func=cmd_status)
    p = sub.add_parser("logs", help="show the end of the logs")
    p.add_argument("name", nargs="?", help="kafka, elasticsearch (es), secantusdb (mongo), identity, tasks, gateway")
    p.add_argument("-n", "--lines", type=int, default=40)
    p.add_argument("-f", "--follow", action="store_true")
    p.set_defaults(func=cmd_logs)
    p = sub.add_parser("env", help="print the connection variables as KEY=value")
    p.add_argument("--secrets", action="store_true", help="also the secrets (created if missing)")
    p.set_defaults(func=cmd_env)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    return args.func(cfg.load(), args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

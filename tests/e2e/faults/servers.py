"""Private, throwaway servers for the fault tier: a Kafka broker (KRaft) and a SecantusDB
(MongoDB wire) on free ports with their data in a temp folder, started from the same software
and the same recipes as ``make servers`` (``deploy/local/stacklib``), so that a fault test may
kill them with SIGKILL without touching the servers every other test run on the machine shares.

Elasticsearch is not among them: it takes a minute and a gigabyte to start here; its fault is
not killed here (see ``tests/e2e/faults/__init__.py``).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.stack import ROOT, free_port

sys.path.insert(0, str(ROOT / "deploy" / "local"))
from stacklib import probes  # noqa: E402
from stacklib import services as recipes  # noqa: E402
from stacklib import settings as stack_settings  # noqa: E402

START_BOUND_S = 120.0


class PrivateServer:
    """One server process of ours: ``start`` (and wait until it answers), ``kill`` (SIGKILL)."""

    def __init__(self, name: str, command: list[str], ready: Callable[[], bool], log: Path, cwd: Path) -> None:
        self.name, self.command, self.ready, self.log, self.cwd = name, command, ready, log, cwd
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> None:
        handle = open(self.log, "ab")
        self.proc = subprocess.Popen(self.command, cwd=self.cwd, stdout=handle, stderr=handle,
                                     stdin=subprocess.DEVNULL)
        handle.close()
        if wait:
            self.wait_ready()

    def wait_ready(self, bound: float = START_BOUND_S) -> float:
        started = time.monotonic()
        while time.monotonic() - started < bound:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"private {self.name} exited with {self.proc.returncode}: see {self.log}")
            if self.ready():
                return time.monotonic() - started
            time.sleep(0.2)
        raise RuntimeError(f"private {self.name} not ready within {bound}s: see {self.log}")

    def kill(self) -> None:
        """SIGKILL to our own process (by its id), then reaped."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class PrivateServers:
    """A private Kafka and SecantusDB (or only one of them); ``env`` is what the Cairn processes
    need to use them."""

    def __init__(self, kafka: bool = True, mongo: bool = True) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="cairn-faults-servers-"))
        base = stack_settings.load()
        self.settings = dataclasses.replace(
            base, data=self.folder, kafka_port=free_port(), kafka_controller_port=free_port(), mongo_port=free_port())
        s = self.settings
        host = stack_settings.HOST
        s.logs.mkdir(parents=True, exist_ok=True)
        self.kafka = self.mongo = None
        if kafka:
            recipes._prepare_kafka(s)  # config from deploy/local/kafka, storage formatted
            self.kafka = PrivateServer("kafka", recipes._kafka_command(s),
                                       lambda: probes.kafka_ready(host, s.kafka_port),
                                       s.logs / "private-kafka.log", s.data / "kafka")
        if mongo:
            recipes._prepare_secantusdb(s)
            self.mongo = PrivateServer("secantusdb", recipes._secantus_command(s),
                                       lambda: probes.mongo_ready(host, s.mongo_port),
                                       s.logs / "private-secantusdb.log", s.data / "secantusdb")

    @property
    def env(self) -> dict[str, str]:
        env = {}
        if self.kafka:
            env["CAIRN_KAFKA_BOOTSTRAP"] = self.settings.kafka_bootstrap
        if self.mongo:
            env["CAIRN_MONGO_URI"] = self.settings.mongo_uri
        return env

    def start(self) -> None:
        if self.kafka:
            self.kafka.start(wait=False)  # both at once: the broker is the slow one
        if self.mongo:
            self.mongo.start()
        if self.kafka:
            self.kafka.wait_ready()

    def stop(self) -> None:
        for server in (self.mongo, self.kafka):
            if server is not None:
                server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

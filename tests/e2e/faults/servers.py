"""Private, throwaway servers for the fault tier: a Kafka broker (KRaft), a SecantusDB
(MongoDB wire) and an Elasticsearch node on free ports with their data in temp folders,
started from the same software and the same recipes as ``make servers``
(``deploy/local/stacklib``), so that a fault test may kill them with SIGKILL without touching
the servers every other test run on the machine shares. Each runs in a process group of its
own: Elasticsearch is a launcher and a server JVM (under ``runuser`` when root), and a kill
must reach them all.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
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

    def __init__(self, name: str, command: list[str], ready: Callable[[], bool], log: Path, cwd: Path,
                 env: dict[str, str] | None = None) -> None:
        self.name, self.command, self.ready, self.log, self.cwd, self.env = name, command, ready, log, cwd, env
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> None:
        handle = open(self.log, "ab")
        self.proc = subprocess.Popen(self.command, cwd=self.cwd, stdout=handle, stderr=handle,
                                     stdin=subprocess.DEVNULL, env=self.env, start_new_session=True)
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
        """SIGKILL to our own process group (the server and whatever it started), then reaped."""
        assert self.proc is not None
        self._signal_group(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.proc.wait()
        if self.proc is not None:
            self._signal_group(signal.SIGKILL)  # a child the leader left behind

    def _signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


class PrivateServers:
    """A private Kafka, SecantusDB and Elasticsearch (or some of them); ``env`` is what the
    Cairn processes need to use them."""

    def __init__(self, kafka: bool = True, mongo: bool = True, elastic: bool = False) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="cairn-faults-servers-"))
        base = stack_settings.load()
        self.settings = dataclasses.replace(
            base, data=self.folder, kafka_port=free_port(), kafka_controller_port=free_port(), mongo_port=free_port(),
            es_port=free_port(), es_transport_port=free_port(), es_data=stack_settings._default_es_data(self.folder))
        s = self.settings
        host = stack_settings.HOST
        s.logs.mkdir(parents=True, exist_ok=True)
        self.kafka = self.mongo = self.elastic = None
        if elastic:
            recipes._prepare_elasticsearch(s)
            command = recipes._es_command(s)
            at = command.index("-p")
            del command[at:at + 2]  # no pid file: a killed node's stale one would stop the next start
            self.elastic = PrivateServer("elasticsearch", command,
                                         lambda: probes.elasticsearch_ready(host, s.es_port, timeout=2.0),
                                         s.logs / "private-elasticsearch.log", s.es_data, env=recipes._es_env(s))
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
        if self.elastic:
            env["CAIRN_ES_URL"] = self.settings.es_url
        return env

    def start(self) -> None:
        for slow in (self.elastic, self.kafka):  # all at once: the JVMs are the slow ones
            if slow:
                slow.start(wait=False)
        if self.mongo:
            self.mongo.start()
        for slow in (self.kafka, self.elastic):
            if slow:
                slow.wait_ready()

    def stop(self) -> None:
        for server in (self.mongo, self.kafka, self.elastic):
            if server is not None:
                server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.elastic:
            shutil.rmtree(self.settings.es_data, ignore_errors=True)  # outside the folder when root

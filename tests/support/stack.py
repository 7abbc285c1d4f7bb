"""The Cairn processes of one test run, started from the project's own entry points.

Every run isolates itself by names: a topic prefix and a database prefix unique to the run,
a free port chosen by the OS, its own secrets. Processes can be stopped and started again
(the outage tests do that).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import secrets
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from shared.endpoints import SERVICE_PROCESSES
from tests.support.servers import ES, KAFKA, MONGO

ROOT = Path(__file__).resolve().parents[2]
# Every RPC service, the files server (plain HTTP, no RPC), then the gateway.
PROCESSES = (*SERVICE_PROCESSES, "files", "gateway")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def access_key() -> str:
    return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(30))


@dataclass
class Stack:
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    port: int = field(default_factory=free_port)
    key: str = field(default_factory=access_key)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # The admin's web UI password (the login room's password model); the admin's name is Admin.
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    token_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    log_dir: Path = field(default_factory=lambda: ROOT / ".test-logs")
    files_port: int = field(default_factory=free_port)
    files_root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="cairn-files-")))
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    gateways: list[subprocess.Popen] = field(default_factory=list)
    # The HTTP port of each extra gateway instance (record name -> port), kept across restarts.
    replica_ports: dict[str, int] = field(default_factory=dict)
    # Settings every process of this run gets on top of the defaults (e.g. CAIRN_RPC_TIMEOUT_S).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def topic_prefix(self) -> str:
        return f"t{self.run_id}."

    @property
    def db_prefix(self) -> str:
        return f"t{self.run_id}_"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def files_url(self) -> str:
        return f"http://127.0.0.1:{self.files_port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
        env.update(
            CAIRN_KAFKA_BOOTSTRAP=KAFKA,
            CAIRN_MONGO_URI=MONGO,
            CAIRN_ES_URL=ES,
            CAIRN_TOPIC_PREFIX=self.topic_prefix,
            CAIRN_DB_PREFIX=self.db_prefix,
            CAIRN_AUTH_TOKEN_SECRET=self.token_secret,
            CAIRN_ADMIN_ACCESS_KEY=self.key,
            CAIRN_ADMIN_SECRET_KEY=self.secret,
            CAIRN_ADMIN_PASSWORD=self.password,
            CAIRN_GATEWAY_PORT=str(self.port),
            CAIRN_FILES_PORT=str(self.files_port),
            CAIRN_FILES_ROOT=str(self.files_root),
            CAIRN_FILES_URL=self.files_url,
            CAIRN_RPC_TIMEOUT_S="5",
            # the Enterprise feature set: the SDK's Hyper-Datasets refuse any other
            CAIRN_FEATURE_SET="advanced",
        )
        env.update(self.settings)
        env.update(extra)
        return env

    def start(self, name: str, record: str | None = None, **extra: str) -> subprocess.Popen:
        """Process ``name``, recorded (and logged) as ``record`` (default: its name)."""
        record = record or name
        self.log_dir.mkdir(exist_ok=True)
        log = open(self.log_dir / f"{self.run_id}-{record}.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", f"services.{name}"], cwd=ROOT, env=self.env(**extra), stdout=log, stderr=log
        )
        self.procs[record] = proc
        return proc

    def start_replica(self, name: str, index: int = 2) -> str:
        """Instance ``index`` of process ``name`` (record ``<name>-<index>``), next to the first:
        a service instance joins its process's consumer group, a gateway gets an HTTP port of
        its own (the same one when started again). Returns the record name; not waited for
        (``wait_ready`` for a gateway, ``url_of`` gives its address)."""
        record = f"{name}-{index}"
        port = self.replica_ports.setdefault(record, free_port())
        # A gateway's HTTP port; a service's /metrics, /livez and /readyz (``wait_replica``).
        extra = {"CAIRN_GATEWAY_PORT" if name == "gateway" else "CAIRN_METRICS_PORT": str(port)}
        self.start(name, record, **extra)
        return record

    def url_of(self, record: str) -> str:
        """The HTTP address of a gateway instance (``gateway`` or ``gateway-<n>``), or of the
        probes of another instance started by ``start_replica``."""
        port = self.port if record == "gateway" else self.replica_ports[record]
        return f"http://127.0.0.1:{port}"

    def wait_replica(self, record: str, timeout: float = 90.0) -> None:
        """Until an instance started by ``start_replica`` is ready: a gateway pings every
        process, a service has its share of its consumer group's partitions (``/readyz``)."""
        path = "/_ready" if record.startswith("gateway-") else "/readyz"
        self.wait_ready(self.url_of(record), timeout=timeout, path=path)

    def stop(self, name: str, timeout: float = 15.0) -> None:
        """SIGTERM, then SIGKILL if the process has not exited after ``timeout`` seconds."""
        proc = self.procs.pop(name, None)
        if proc is not None:
            _terminate(proc, timeout)

    def start_all(self) -> None:
        """Every process, ready; if one does not come up, the ones started are stopped."""
        try:
            for name in PROCESSES:
                self.start(name)
            self.wait_ready(self.url)
            self.wait_ready(self.files_url, path="/")
        except BaseException:
            self.stop_all()
            raise

    def start_extra_gateway(self) -> str:
        """A second gateway instance on another port (for reply-isolation tests)."""
        port = free_port()
        log = open(self.log_dir / f"{self.run_id}-gateway-{port}.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.gateway"],
            cwd=ROOT,
            env=self.env(CAIRN_GATEWAY_PORT=str(port)),
            stdout=log,
            stderr=log,
        )
        self.gateways.append(proc)
        url = f"http://127.0.0.1:{port}"
        self.wait_ready(url)
        return url

    def wait_ready(self, url: str, timeout: float = 90.0, path: str = "/_ready") -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited with {proc.returncode}:\n{self.log_tail(name)}")
            try:
                with urllib.request.urlopen(f"{url}{path}", timeout=5) as resp:
                    if resp.status == 200:
                        return
            except OSError as exc:
                last = str(exc)
            time.sleep(0.3)
        tails = "\n".join(f"--- {n}\n{self.log_tail(n)}" for n in self.procs)
        raise RuntimeError(f"Cairn not ready at {url} within {timeout}s ({last}):\n{tails}")

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.log_dir / f"{self.run_id}-{name}.log"
        if not path.exists():
            return "(no log)"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop_all(self) -> None:
        for proc in self.gateways:
            _terminate(proc)
        for name in reversed(list(self.procs)):
            self.stop(name)
        self.clean_up()

    def clean_up(self) -> None:
        """Remove what this run made in the shared servers: its databases, indices, topics."""
        shutil.rmtree(self.files_root, ignore_errors=True)
        for step in (self._drop_databases, self._delete_indices, self._delete_topics):
            try:
                step()
            except Exception as exc:  # noqa: BLE001 - cleanup must not hide the test result
                print(f"stack cleanup: {step.__name__} failed: {exc}")

    def _drop_databases(self) -> None:
        from pymongo import MongoClient

        with MongoClient(MONGO, serverSelectionTimeoutMS=5000) as client:
            for name in client.list_database_names():
                if name.startswith(self.db_prefix):
                    client.drop_database(name)

    def _delete_indices(self) -> None:
        prefix = self.db_prefix.lower()  # the index prefix the services derive from it
        for kind in ("_index_template", ""):
            path = f"{ES}/{kind}/{prefix}cairn-*" if kind else f"{ES}/{prefix}cairn-*"
            request = urllib.request.Request(path.replace("//_", "/_"), method="DELETE")
            try:
                urllib.request.urlopen(request, timeout=30).close()
            except urllib.error.HTTPError as exc:
                if exc.code != 404:
                    raise

    def _delete_topics(self) -> None:
        import asyncio

        from aiokafka.admin import AIOKafkaAdminClient

        async def delete() -> None:
            admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
            await admin.start()
            try:
                mine = [t for t in await admin.list_topics() if t.startswith(self.topic_prefix)]
                if mine:
                    await admin.delete_topics(mine)
            finally:
                await admin.close()

        asyncio.run(delete())


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    """``stack`` with every process started and ready; stopped and cleaned up afterwards."""
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


def _terminate(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

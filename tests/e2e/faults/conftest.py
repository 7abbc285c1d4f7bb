"""The fault tier: its own Cairn processes (every one serving /readyz on a port of its own),
killed with SIGKILL and started again while a workload runs (see ``workload.py``)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field

import httpx
import pytest

from tests.e2e.faults.servers import PrivateServers
from tests.support.stack import Stack, free_port


@dataclass
class FaultStack(Stack):
    """A Stack whose processes serve /metrics, /livez and /readyz (``CAIRN_METRICS_PORT``), and
    whose server addresses may point at private servers (``servers``: CAIRN_* overrides)."""

    servers: dict[str, str] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)
    results: list[dict] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        return super().env(**{**self.servers, **extra})

    def start(self, name: str, **extra: str):
        port = self.metrics_ports.setdefault(name, free_port())
        return super().start(name, CAIRN_METRICS_PORT=str(port), PYTHONUNBUFFERED="1", **extra)

    def clean_up(self) -> None:
        """The private servers go with their folder; only the indices are in a shared server."""
        if not self.servers:
            return super().clean_up()
        shutil.rmtree(self.files_root, ignore_errors=True)
        try:
            self._delete_indices()
        except Exception as exc:  # noqa: BLE001 - cleanup must not hide the test result
            print(f"stack cleanup: deleting indices failed: {exc}")

    def readyz(self, name: str) -> str:
        return f"http://127.0.0.1:{self.metrics_ports[name]}/readyz"

    def record(self, result: dict) -> None:
        """One fault's result, printed and kept in ``<log_dir>/<run_id>-faults.json``."""
        self.results.append(result)
        self.log_dir.mkdir(exist_ok=True)
        (self.log_dir / f"{self.run_id}-faults.json").write_text(json.dumps(self.results, indent=1))


@pytest.fixture(scope="package")
def private_servers():
    """Kafka, SecantusDB and Elasticsearch of the fault tier's own (the shared ones are never
    killed)."""
    servers = PrivateServers(elastic=True)
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()


@pytest.fixture(scope="package")
def fault_stack(private_servers):
    cairn = FaultStack(servers=private_servers.env)
    try:
        cairn.start_all()
        yield cairn
    finally:
        cairn.stop_all()
        if cairn.results:
            print(f"\nfault results: {cairn.log_dir / f'{cairn.run_id}-faults.json'}")


@pytest.fixture
def admin_http(fault_stack):
    with httpx.Client(base_url=fault_stack.url, auth=(fault_stack.key, fault_stack.secret), timeout=60) as client:
        yield client

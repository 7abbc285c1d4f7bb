"""Every process serves /metrics, /livez and /readyz on CAIRN_METRICS_PORT (issue 19, item 5):
the request series move with the requests, readiness follows the process's dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import httpx
import pytest

from shared.endpoints import SERVICE_PROCESSES
from tests.e2e.api import call, unique
from tests.support.stack import ROOT, Stack, free_port
from tests.support.servers import require_servers

pytestmark = pytest.mark.e2e

PROCESSES = (*SERVICE_PROCESSES, "files", "gateway")


@pytest.fixture(scope="module")
def observed():
    """A stack of its own whose every process serves its probes on a port of its own."""
    require_servers(kafka=True, mongo=True, es=True)
    ports = {name: free_port() for name in PROCESSES}
    cairn = Stack()
    try:
        for name in SERVICE_PROCESSES:
            cairn.start(name, CAIRN_METRICS_PORT=str(ports[name]))
        cairn.start("files", CAIRN_METRICS_PORT=str(ports["files"]))
        cairn.start("gateway", CAIRN_METRICS_PORT=str(ports["gateway"]))
        cairn.wait_ready(cairn.url)
        yield cairn, ports
    finally:
        cairn.stop_all()


def _get(port: int, path: str) -> httpx.Response:
    return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10)


def _value(text: str, series: str, **labels: str) -> float:
    """The sum of the samples of ``series`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(series + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def _ready(port: int, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        answer = _get(port, "/readyz")
        if answer.status_code == 200 or time.monotonic() > deadline:
            return answer.json()
        time.sleep(0.3)


@pytest.mark.parametrize("process", PROCESSES)
def test_every_process_is_alive_ready_and_exposes_its_series(observed, process):
    _, ports = observed
    assert _get(ports[process], "/livez").status_code == 200
    ready = _ready(ports[process])
    assert ready["ready"] is True and ready["process"] == process, ready
    text = _get(ports[process], "/metrics").text
    for series in ("cairn_requests_total", "cairn_request_seconds", "cairn_rpc_timeouts_total",
                   "cairn_kafka_consumer_lag", "cairn_es_bulk_documents", "cairn_es_refresh_wait_seconds"):
        assert f"# TYPE {series.removesuffix('_total')}" in text, series
    expected = {"gateway": {"kafka-replies"}, "files": set(), "identity": {"mongodb", "kafka-requests"},
                "tasks": {"mongodb", "kafka-requests"}, "events": {"elasticsearch", "kafka-requests"},
                "queues": {"mongodb", "elasticsearch", "kafka-requests"},
                "datasets": {"mongodb", "elasticsearch", "kafka-requests"}}[process]
    assert expected <= set(ready["checks"]), ready


def test_requests_are_counted_per_endpoint_by_the_gateway_and_the_owning_service(observed):
    cairn, ports = observed
    with httpx.Client(base_url=cairn.url, auth=(cairn.key, cairn.secret), timeout=30) as http:
        before_gw = _value(_get(ports["gateway"], "/metrics").text, "cairn_requests_total", endpoint="projects.create",
                           code="200")
        before_tasks = _value(_get(ports["tasks"], "/metrics").text, "cairn_requests_total",
                              endpoint="projects.create", code="200")
        for _ in range(3):
            call(http, "projects.create", {"name": unique("metrics"), "description": "m"})
        bad = http.post("/v2.23/projects.get_by_id", json={"project": "no-such-project"})
        assert bad.status_code == 400
    gateway = _get(ports["gateway"], "/metrics").text
    tasks = _get(ports["tasks"], "/metrics").text
    assert _value(gateway, "cairn_requests_total", endpoint="projects.create", code="200") == before_gw + 3
    assert _value(tasks, "cairn_requests_total", endpoint="projects.create", code="200") == before_tasks + 3
    assert _value(tasks, "cairn_requests_total", endpoint="projects.get_by_id", code="400") >= 1
    assert _value(gateway, "cairn_request_seconds_count", endpoint="projects.create") >= 3


def test_a_process_whose_store_is_unreachable_is_alive_but_not_ready(observed):
    """An identity process pointed at a MongoDB that is not there: /livez 200, /readyz 503
    naming mongodb (identity waits up to a minute for its store before it takes requests, so
    it never joins the group meanwhile)."""
    cairn, _ = observed
    port = free_port()
    env = cairn.env(CAIRN_METRICS_PORT=str(port), CAIRN_MONGO_URI=f"mongodb://127.0.0.1:{free_port()}",
                    CAIRN_MONGO_TIMEOUT_MS="300")
    proc = subprocess.Popen([sys.executable, "-m", "services.identity"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = _get(port, "/readyz")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the probe server never answered"
                time.sleep(0.3)
        assert _get(port, "/livez").status_code == 200
        assert answer.status_code == 503 and answer.json()["checks"]["mongodb"] is False
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()

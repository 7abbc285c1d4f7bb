"""What every process tells Prometheus, and its liveness and readiness (issue 19, item 5).

``shared.runtime.serve`` starts a small HTTP server on ``CAIRN_METRICS_PORT`` (when set; the
local stack and the Helm chart set it) that answers:

- ``GET /metrics``: the Prometheus text format. Series (every one labelled ``process``):
  ``cairn_requests_total{endpoint,code}`` and ``cairn_request_seconds{endpoint}`` (the RPC
  requests a service answered; the HTTP requests the gateway answered), ``cairn_rpc_timeouts_total
  {target}`` (calls to another process that got no answer in time), ``cairn_kafka_consumer_lag
  {topic}`` (messages not yet read by this process's consumers, computed at scrape time),
  ``cairn_es_bulk_documents`` (documents per Elasticsearch bulk request) and
  ``cairn_es_refresh_wait_seconds`` (time spent waiting for an index refresh).
- ``GET /livez``: 200 while the event loop runs (the probe is answered by it).
- ``GET /readyz``: 200 when every dependency the process registered answers (its Kafka
  consumers have partitions or a reachable broker, MongoDB pings, Elasticsearch pings), else
  503 with which one did not; the body is JSON either way.

Dependencies register themselves where they are created (``shared.mongo``, ``shared.elastic``,
the RPC server), so no process's composition root lists them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

log = logging.getLogger(__name__)

REGISTRY = CollectorRegistry()
_process = "cairn"

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("cairn_requests", "Requests answered, by endpoint and result code.",
                   ["process", "endpoint", "code"], registry=REGISTRY)
LATENCY = Histogram("cairn_request_seconds", "Time to answer a request, by endpoint.",
                    ["process", "endpoint"], buckets=_LATENCY_BUCKETS, registry=REGISTRY)
RPC_TIMEOUTS = Counter("cairn_rpc_timeouts", "Calls to another process that were not answered in time.",
                       ["process", "target"], registry=REGISTRY)
CONSUMER_LAG = Gauge("cairn_kafka_consumer_lag", "Messages on the topic not yet read by this process.",
                     ["process", "topic"], registry=REGISTRY)
BULK_DOCUMENTS = Histogram("cairn_es_bulk_documents", "Documents per Elasticsearch bulk request.",
                           ["process"], buckets=(1, 10, 50, 100, 500, 1000, 5000, 10000, 50000), registry=REGISTRY)
REFRESH_WAIT = Histogram("cairn_es_refresh_wait_seconds", "Time spent waiting for an Elasticsearch refresh.",
                         ["process"], buckets=_LATENCY_BUCKETS, registry=REGISTRY)

Check = Callable[[], Awaitable[bool]]
_checks: dict[str, Check] = {}
_consumers: dict[int, tuple[str, Any]] = {}


def configure(process: str) -> None:
    global _process
    _process = process


def process() -> str:
    return _process


# -- recording --------------------------------------------------------------------------------

def observe_request(endpoint: str, code: int, seconds: float) -> None:
    REQUESTS.labels(_process, endpoint, str(code)).inc()
    LATENCY.labels(_process, endpoint).observe(seconds)


def rpc_timeout(target: str) -> None:
    RPC_TIMEOUTS.labels(_process, target).inc()


def bulk_documents(count: int) -> None:
    BULK_DOCUMENTS.labels(_process).observe(count)


def refresh_waited(seconds: float) -> None:
    REFRESH_WAIT.labels(_process).observe(seconds)


def track_consumer(topic: str, consumer: Any) -> None:
    """An aiokafka consumer whose lag ``/metrics`` reports (until ``untrack_consumer``)."""
    _consumers[id(consumer)] = (topic, consumer)


def untrack_consumer(consumer: Any) -> None:
    _consumers.pop(id(consumer), None)


def register_check(name: str, check: Check) -> None:
    """A dependency ``/readyz`` asks (``name``: e.g. ``mongodb``, ``elasticsearch``, ``kafka``)."""
    _checks[name] = check


async def _lag(consumer: Any) -> int:
    total = 0
    for tp in consumer.assignment():
        high = consumer.highwater(tp)
        if high is None:
            continue
        try:
            position = await consumer.position(tp)
        except Exception:  # noqa: BLE001 - a partition being revoked right now
            continue
        total += max(0, high - position)
    return total


async def refresh_lag() -> None:
    lags: dict[str, int] = {}
    for topic, consumer in list(_consumers.values()):
        lags[topic] = lags.get(topic, 0) + await _lag(consumer)
    for topic, lag in lags.items():
        CONSUMER_LAG.labels(_process, topic).set(lag)


async def readiness(timeout: float = 2.0) -> dict[str, bool]:
    async def one(check: Check) -> bool:
        try:
            return bool(await asyncio.wait_for(check(), timeout))
        except Exception:  # noqa: BLE001 - not ready, whatever the reason
            return False

    names = sorted(_checks)
    return dict(zip(names, await asyncio.gather(*(one(_checks[n]) for n in names))))


def exposition() -> bytes:
    return generate_latest(REGISTRY)


# -- the probe server (ASGI) ------------------------------------------------------------------

class ProbeApp:
    """``/metrics``, ``/livez``, ``/readyz`` (served by ``shared.http_server.HttpServer``)."""

    def __init__(self) -> None:
        self.started = time.time()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        path = scope.get("path", "")
        if path == "/metrics":
            await refresh_lag()
            await _send(send, 200, exposition(), CONTENT_TYPE_LATEST)
        elif path == "/livez":
            await _send(send, 200, orjson.dumps({"process": _process, "alive": True}), "application/json")
        elif path == "/readyz":
            checks = await readiness()
            ok = all(checks.values())
            await _send(send, 200 if ok else 503, orjson.dumps({"process": _process, "ready": ok, "checks": checks}),
                        "application/json")
        else:
            await _send(send, 404, b"not found", "text/plain")


async def _send(send, status: int, body: bytes, content_type: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

"""One trace from the gateway through Kafka into the service and its stores (issue 19, item 4).

The gateway, tasks and events processes run here as their ``create_app`` wires them, over the
real servers, with spans collected in memory: ``tasks.get_by_id`` and ``events.add_batch`` each
leave one trace id on the gateway's HTTP span, the Kafka producer span, the owning service's
span and its MongoDB (PyMongo instrumentation) or Elasticsearch (the client's own tracing) spans.
"""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from services.events.main import create_app as events_app
from services.events.settings import EventsSettings
from services.gateway.main import create_app as gateway_app
from services.gateway.settings import GatewaySettings
from services.tasks.main import create_app as tasks_app
from services.tasks.settings import TasksSettings
from shared.messaging.envelopes import Identity
from shared.telemetry import instrument_stores, uninstrument_stores
from shared.tokens import issue_token
from tests.support.servers import ES, KAFKA, MONGO, require_servers
from tests.support.stack import free_port

pytestmark = pytest.mark.integration

SECRET = "tracing-test-token-secret-long-enough-for-hs256"


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    """Spans of every app in this process (the provider is global and set once per process)."""
    memory = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider), "another test installed a tracer provider of its own"
    provider.add_span_processor(SimpleSpanProcessor(memory))
    instrument_stores()
    yield memory
    # The rest of this pytest process keeps no spans and no MongoDB instrumentation.
    memory.shutdown()
    uninstrument_stores()


@pytest.fixture
async def gateway(exporter):
    require_servers(kafka=True, mongo=True, es=True)
    run = uuid.uuid4().hex[:10]
    common = dict(kafka_bootstrap=KAFKA, mongo_uri=MONGO, es_url=ES, topic_prefix=f"tr{run}.",
                  db_prefix=f"test_tr{run}_", rpc_partitions=1, auth_token_secret=SECRET)
    port = free_port()
    apps = [tasks_app(TasksSettings(**{k: v for k, v in common.items() if k != "auth_token_secret"})),
            events_app(EventsSettings(**common)),
            gateway_app(GatewaySettings(**common, gateway_port=port))]
    for app in apps:
        await app.start()
    token = issue_token(SECRET, Identity(company=f"c{run}", user="u1", role="admin"), "s1", 600, "2.23", "3.26.0")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        yield http
    for app in reversed(apps):
        await app.stop()


def _trace_of(exporter: InMemorySpanExporter, endpoint: str):
    (api,) = [s for s in exporter.get_finished_spans()
              if s.name == "api call" and s.attributes.get("clearml.endpoint") == endpoint]
    return api.context.trace_id, [s for s in exporter.get_finished_spans() if s.context.trace_id == api.context.trace_id]


async def _call(http: httpx.AsyncClient, endpoint: str, body) -> dict:
    answer = await http.post(f"/v2.23/{endpoint}", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


async def test_get_by_id_is_one_trace_from_the_gateway_into_mongodb(gateway, exporter):
    task = (await _call(gateway, "tasks.create", {"name": "traced", "type": "training"}))["id"]
    exporter.clear()
    await _call(gateway, "tasks.get_by_id", {"task": task})
    trace_id, spans = _trace_of(exporter, "tasks.get_by_id")
    kinds = {(s.name, s.kind) for s in spans}
    assert ("send tasks.get_by_id", SpanKind.PRODUCER) in kinds  # into Kafka
    assert ("rpc tasks", SpanKind.SERVER) in kinds  # out of Kafka, in the tasks process
    mongo = [s for s in spans if s.attributes.get("db.system") == "mongodb"]
    assert mongo and all(s.context.trace_id == trace_id for s in mongo)
    server = next(s for s in spans if s.name == "rpc tasks")
    assert any(s.parent and s.parent.span_id == server.context.span_id for s in mongo) or \
        any(s.parent for s in mongo)  # a command span sits under the request's span


async def test_add_batch_is_one_trace_from_the_gateway_into_elasticsearch(gateway, exporter):
    task = (await _call(gateway, "tasks.create", {"name": "traced-events", "type": "training"}))["id"]
    exporter.clear()
    events = [{"type": "training_stats_scalar", "task": task, "metric": "loss", "variant": "v", "iter": i,
               "value": 1.0 / (i + 1), "timestamp": 1700000000000 + i} for i in range(5)]
    body = "\n".join(json.dumps(e) for e in events)
    answer = await gateway.post("/v2.23/events.add_batch", content=body,
                              headers={"Content-Type": "application/json-lines"})
    assert answer.status_code == 200 and answer.json()["data"]["added"] == 5, answer.text
    trace_id, spans = _trace_of(exporter, "events.add_batch")
    names = {s.name for s in spans}
    assert "send events.add_batch" in names  # the gateway's publish to the ingest topic
    assert {"events ingest check", "events ingest index", "events ingest fold"} <= names
    elastic = [s for s in spans if s.attributes.get("db.system.name") == "elasticsearch"]
    assert "bulk" in {s.attributes.get("db.operation.name") for s in elastic}, sorted(s.name for s in spans)
    assert any(s.attributes.get("db.system") == "mongodb" for s in spans)  # the fold into the task

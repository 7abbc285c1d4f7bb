"""The events process's multi-task reads, log download and file releases, as ``create_app``
wires it, over real Kafka and Elasticsearch, with a stand-in tasks service answering
``internal.event_targets`` / ``internal.fold_metrics`` and the names (``tasks.get_all`` /
``models.get_all``)."""

from __future__ import annotations

import asyncio
import json
import uuid

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from services.events.main import create_app
from services.events.settings import EventsSettings
from services.gateway.envelope import raw_body
from shared.errors import ApiError
from shared.messaging.admin import delete_topics
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.messaging.signing import HEADER_SIGNATURE, sign
from shared.messaging.topics import changes_topic, events_ingest_topic, rpc_topic
from tests.integration.events.conftest import drop_prefix
from tests.support.servers import ES, KAFKA, require_servers

pytestmark = pytest.mark.integration

ALICE = Identity(company="acme", user="alice")
EVE = Identity(company="evil", user="eve")
NAMES = {"ta": "first run", "tb": "second run", "gone": "deleted soon"}
MODELS = {"m1": "a model"}
BASE_MS = 1_764_400_000_000


class TasksStandIn:
    """What the tasks service answers the events process."""

    async def event_targets(self, request: RequestEnvelope):
        known = NAMES if request.identity.company == "acme" else {}
        return {"tasks": {t: "in_progress" for t in request.payload["tasks"] if t in known},
                "models": {m: {"ready": False} for m in request.payload["models"] if m in MODELS}}

    async def fold_metrics(self, request: RequestEnvelope):
        return {"updated": 1}

    async def get_all(self, request: RequestEnvelope):
        assert request.payload["only_fields"] == ["id", "name"]
        known = NAMES if request.identity.company == "acme" else {}
        return {"tasks": [{"id": i, "name": known[i]} for i in request.payload["id"] if i in known]}

    async def models_get_all(self, request: RequestEnvelope):
        known = MODELS if request.identity.company == "acme" else {}
        return {"models": [{"id": i, "name": known[i]} for i in request.payload["id"] if i in known]}


@pytest.fixture(scope="module")
async def events_process():
    require_servers(kafka=True, mongo=False, es=True)
    run = uuid.uuid4().hex[:10]
    settings = EventsSettings(kafka_bootstrap=KAFKA, es_url=ES, topic_prefix=f"it{run}.", db_prefix=f"IT{run}_",
                              rpc_partitions=2, rpc_fetch_wait_ms=50,
                              auth_token_secret="integration-test-token-secret-integration-test")
    stand_in = TasksStandIn()
    tasks = RpcServer(settings, "tasks", {
        "internal.event_targets": stand_in.event_targets, "internal.fold_metrics": stand_in.fold_metrics,
        "tasks.get_all": stand_in.get_all, "models.get_all": stand_in.models_get_all})
    app, client = create_app(settings), RpcClient(settings)
    for part in (tasks, app, client):
        await part.start()
    try:
        yield client, settings
    finally:
        for part in (client, app, tasks):
            await part.stop()
        topics = [rpc_topic(settings.topic_prefix, p) for p in ("tasks", "events")]
        topics += [changes_topic(settings.topic_prefix, p) for p in ("tasks", "events")]
        ingest_topic = events_ingest_topic(settings.topic_prefix)
        await delete_topics(KAFKA, [*topics, ingest_topic, f"{ingest_topic}.dead"])
        await drop_prefix(settings.es_index_prefix)


async def ingest(client, settings, events):
    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", identity=ALICE, payload=events)
    return await client.call("events", envelope, key=events[0].get("task"), timeout=30,
                             topic=events_ingest_topic(settings.topic_prefix),
                             sign=lambda value: [(HEADER_SIGNATURE, sign(settings.auth_token_secret, value))])


async def read(client, endpoint, payload, identity=ALICE):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
    return await client.call("events", envelope, timeout=30)


def scalar(task, i, variant="train", value=None, model=False):
    return {"type": "training_stats_scalar", "task": task, "iter": i, "metric": "loss", "variant": variant,
            "value": float(i) if value is None else value, "timestamp": BASE_MS + i * 1000, "model_event": model}


def plot(task, i, metric="plots", variant="p"):
    return {"type": "plot", "task": task, "iter": i, "metric": metric, "variant": variant,
            "plot_str": json.dumps({"data": [{"x": [i]}]})}


@pytest.fixture(scope="module")
async def reported(events_process):
    client, settings = events_process
    batches = [
        [scalar("ta", i) for i in range(300)] + [scalar("ta", i, "test", value=2.0 * i) for i in range(0, 300, 3)],
        [scalar("tb", i, value=-float(i)) for i in range(50)],
        [scalar("m1", i, "eval", model=True) for i in range(10)],
        [plot("ta", 1), plot("ta", 2), plot("ta", 2, variant="q"), plot("ta", 7, metric="late"),
         plot("tb", 4), plot("tb", 5)],
        [{"type": "log", "task": "ta", "msg": f"line {n} \"quoted\"", "level": "info", "worker": "w1",
          "timestamp": BASE_MS + n} for n in range(2500)],
    ]
    for batch in batches:
        answer = await ingest(client, settings, batch)
        assert answer["errors"] == 0, answer


async def test_multi_task_histogram_names_each_tasks_series(events_process, reported):
    client, _ = events_process
    both = await read(client, "events.multi_task_scalar_metrics_iter_histogram", {"tasks": ["ta", "tb"]})
    series = both["metrics"]["loss"]
    assert set(series) == {"train", "test"} and set(series["test"]) == {"ta"}
    assert series["train"]["ta"]["name"] == "first run" and series["train"]["tb"]["name"] == "second run"
    assert series["train"]["tb"]["x"] == list(range(50)) and series["train"]["tb"]["y"][49] == -49.0
    for task in ("ta", "tb"):  # exactly what the single-task histogram answers for that task
        single = await read(client, "events.scalar_metrics_iter_histogram", {"task": task, "samples": 40})
        multi = await read(client, "events.multi_task_scalar_metrics_iter_histogram",
                           {"tasks": f"{task},tb", "samples": 40})
        for variant, points in single["loss"].items():
            assert {k: v for k, v in multi["metrics"]["loss"][variant][task].items() if k != "name"} == {
                "x": points["x"], "y": points["y"]}
        assert len(multi["metrics"]["loss"]["train"][task]["x"]) == (38 if task == "ta" else 25)  # 300 by 8s, 50 by 2s


async def test_multi_task_histogram_filters_keys_and_models(events_process, reported):
    client, _ = events_process
    only = await read(client, "events.multi_task_scalar_metrics_iter_histogram",
                      {"tasks": ["ta"], "metrics": [{"metric": "loss", "variants": ["test"]}], "key": "timestamp"})
    assert set(only["metrics"]["loss"]) == {"test"}
    assert only["metrics"]["loss"]["test"]["ta"]["x"][:2] == [BASE_MS, BASE_MS + 3000]
    models = await read(client, "events.multi_task_scalar_metrics_iter_histogram",
                        {"tasks": ["m1"], "model_events": True})
    assert models["metrics"]["loss"]["eval"]["m1"] == {"name": "a model", "x": list(range(10)),
                                                       "y": [float(i) for i in range(10)]}
    assert await read(client, "events.multi_task_scalar_metrics_iter_histogram", {"tasks": ["gone"]}) == {
        "metrics": {}}


async def test_multi_task_reads_refuse_tasks_the_caller_cannot_see(events_process, reported):
    client, _ = events_process
    for endpoint in ("events.multi_task_scalar_metrics_iter_histogram", "events.get_multi_task_plots"):
        with pytest.raises(ApiError) as info:
            await read(client, endpoint, {"tasks": ["ta", "nope"]})
        assert (info.value.subcode, info.value.data) == (101, {"ids": ["nope"]})
        with pytest.raises(ApiError) as info:
            await read(client, endpoint, {"tasks": ["ta"]}, identity=EVE)
        assert info.value.subcode == 101


async def test_multi_task_plots_per_task_metric_and_per_task(events_process, reported):
    client, _ = events_process
    found = await read(client, "events.get_multi_task_plots", {"tasks": ["ta", "tb"]})
    plots = found["plots"]
    assert set(plots) == {"plots", "late"} and found["returned"] == 2 and found["total"] == 4
    assert {t: list(its) for t, its in plots["plots"]["p"].items()} == {"tb": ["5"], "ta": ["2"]}
    assert plots["plots"]["q"]["ta"]["2"]["name"] == "first run"
    assert plots["late"]["p"]["ta"]["7"]["plots"][0]["plot_str"] == json.dumps({"data": [{"x": [7]}]})
    assert "cairn_id" not in plots["late"]["p"]["ta"]["7"]["plots"][0]
    two = await read(client, "events.get_multi_task_plots", {"tasks": ["ta"], "iters": 2,
                                                               "last_iters_per_task_metric": False})
    assert set(two["plots"]) == {"plots", "late"} and list(two["plots"]["plots"]["p"]["ta"]) == ["2"]
    filtered = await read(client, "events.get_multi_task_plots", {"tasks": ["ta"], "iters": 5,
                                                                    "metrics": [{"metric": "plots"}]})
    assert set(filtered["plots"]) == {"plots"} and list(filtered["plots"]["plots"]["p"]["ta"]) == ["2", "1"]
    after = await read(client, "events.get_multi_task_plots", {"tasks": ["ta"], "scroll_id": found["scroll_id"]})
    assert (after["plots"], after["returned"]) == ({}, 0)


async def test_download_task_log_as_json_and_text_lines(events_process, reported):
    client, _ = events_process
    as_json = raw_body("events.download_task_log", await read(client, "events.download_task_log", {"task": "ta"}))
    assert as_json.filename == "task_ta.log" and as_json.content_type == "text/plain"
    lines = as_json.body.decode().splitlines()
    assert len(lines) == 2500
    first = json.loads(lines[0])
    assert first["msg"] == 'line 0 "quoted"' and first["asctime"] == BASE_MS and "task" not in first
    assert [json.loads(line)["msg"] for line in lines[-2:]] == ['line 2498 "quoted"', 'line 2499 "quoted"']
    as_text = raw_body("events.download_task_log", await read(
        client, "events.download_task_log", {"task": "ta", "line_type": "text", "line_format": "{level}: {msg}"}))
    assert as_text.body.decode().splitlines()[:2] == ['info: line 0 "quoted"', 'info: line 1 "quoted"']
    empty = raw_body("events.download_task_log", await read(client, "events.download_task_log", {"task": "tb"}))
    assert empty.body == b""
    with pytest.raises(ApiError) as info:
        await read(client, "events.download_task_log", {"task": "ta", "line_type": "text", "line_format": "{x}"})
    assert (info.value.subcode, info.value.data) == (16, {"placeholders": ["x"]})


async def test_a_deleted_task_releases_its_debug_images_then_loses_its_events(events_process):
    client, settings = events_process
    images = [{"type": "training_debug_image", "task": "gone", "iter": i, "metric": "img", "variant": "v",
               "key": f"k{i % 2}", "url": f"http://files/p/gone/img_{i % 2}.png"} for i in range(6)]
    await ingest(client, settings, [*images, {"type": "log", "task": "gone", "msg": "bye"}])
    consumer = AIOKafkaConsumer(changes_topic(settings.topic_prefix, "events"), bootstrap_servers=KAFKA,
                                auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        await producer.send_and_wait(changes_topic(settings.topic_prefix, "tasks"), key=b"gone", value=orjson.dumps(
            {"type": "TaskDeleted", "id": "gone", "company": "acme", "urls": {}}))
        message = await asyncio.wait_for(consumer.getone(), timeout=40)
    finally:
        await producer.stop()
        await consumer.stop()
    assert message.key == b"gone"
    assert orjson.loads(message.value) == {"type": "EventFilesReleased", "company": "acme", "task": "gone",
                                           "urls": ["http://files/p/gone/img_0.png", "http://files/p/gone/img_1.png"]}
    for _ in range(200):
        if (await read(client, "events.get_task_log", {"task": "gone"}))["total"] == 0:
            break
        await asyncio.sleep(0.1)
    assert (await read(client, "events.get_task_events", {"task": "gone"}))["total"] == 0

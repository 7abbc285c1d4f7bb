"""The events process as ``create_app`` wires it, over real Kafka and Elasticsearch, with a
stand-in tasks service answering ``internal.event_targets`` / ``internal.fold_metrics``:
ingest through the ingest topic, then every read the SDK makes."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import pytest

from services.events.domain import md5
from services.events.main import create_app
from services.events.settings import EventsSettings
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
TASK = "task1"
TOKEN_SECRET = "integration-test-token-secret-integration-test"


class TasksStandIn:
    """What the tasks service answers the events process (its side is the tasks helper's)."""

    def __init__(self) -> None:
        self.tasks = {TASK: "in_progress", "task2": "in_progress", "done": "published", "tied": "in_progress"}
        self.folds: list[dict] = []

    async def event_targets(self, request: RequestEnvelope):
        company_tasks = self.tasks if request.identity.company == "acme" else {}
        return {"tasks": {t: company_tasks[t] for t in request.payload["tasks"] if t in company_tasks}, "models": {}}

    async def fold_metrics(self, request: RequestEnvelope):
        self.folds.append(request.payload)
        return {"updated": 1}

    async def get_all(self, request: RequestEnvelope):
        """``tasks.get_all`` with ``id`` and ``only_fields``: the names of the caller's tasks."""
        company_tasks = self.tasks if request.identity.company == "acme" else {}
        return {"tasks": [{"id": t, "name": f"name of {t}"} for t in request.payload["id"] if t in company_tasks]}


@pytest.fixture(scope="module")
async def events_process():
    require_servers(kafka=True, mongo=False, es=True)
    run = uuid.uuid4().hex[:10]
    settings = EventsSettings(kafka_bootstrap=KAFKA, es_url=ES, topic_prefix=f"it{run}.", db_prefix=f"IT{run}_",
                              rpc_partitions=2, auth_token_secret=TOKEN_SECRET)
    stand_in = TasksStandIn()
    tasks = RpcServer(settings, "tasks", {"internal.event_targets": stand_in.event_targets,
                                          "internal.fold_metrics": stand_in.fold_metrics,
                                          "tasks.get_all": stand_in.get_all})
    app, client = create_app(settings), RpcClient(settings)
    for part in (tasks, app, client):
        await part.start()
    try:
        yield client, stand_in, settings
    finally:
        for part in (client, app, tasks):
            await part.stop()
        topics = [rpc_topic(settings.topic_prefix, p) for p in ("tasks", "events")]
        topics.append(changes_topic(settings.topic_prefix, "tasks"))
        ingest_topic = events_ingest_topic(settings.topic_prefix)
        await delete_topics(KAFKA, [*topics, ingest_topic, f"{ingest_topic}.dead"])
        await drop_prefix(settings.es_index_prefix)


async def ingest(client, settings, events, identity=ALICE, endpoint="events.add_batch"):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=events)
    first = events[0] if isinstance(events, list) and events else events
    return await client.call("events", envelope, key=first.get("task"), timeout=30,
                             topic=events_ingest_topic(settings.topic_prefix),
                             sign=lambda value: [(HEADER_SIGNATURE, sign(TOKEN_SECRET, value))])


async def read(client, endpoint, payload, identity=ALICE):
    envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=identity, payload=payload)
    return await client.call("events", envelope, timeout=30)


def scalar(i, metric="loss", variant="train", value=None, task=TASK):
    return {"type": "training_stats_scalar", "task": task, "iter": i, "metric": metric, "variant": variant,
            "value": float(i) if value is None else value, "timestamp": 1_764_400_000_000 + i * 1000}


@pytest.fixture(scope="module")
async def reported(events_process):
    """One task's reports, sent as the SDK does (concurrent add_batch calls)."""
    client, stand_in, settings = events_process
    batches = [[scalar(i, variant=v) for i in range(start, start + 100) for v in ("train", "test")]
               for start in range(0, 500, 100)]
    logs = [{"type": "log", "task": TASK, "iter": 0, "msg": f"line {n}", "timestamp": 1_764_400_000_000 + n,
             "level": "info"} for n in range(30)]
    big = json.dumps({"data": [{"type": "scatter", "x": list(range(20000)), "y": list(range(20000))}]})
    others = [
        {"type": "plot", "task": TASK, "iter": 1, "metric": "plots", "variant": "small", "plot_str": '{"data": []}'},
        {"type": "plot", "task": TASK, "iter": 2, "metric": "plots", "variant": "small", "plot_str": '{"data": [1]}'},
        {"type": "plot", "task": TASK, "iter": 2, "metric": "plots", "variant": "big", "plot_str": big},
        {"type": "training_debug_image", "task": TASK, "iter": 3, "metric": "imgs", "variant": "x",
         "key": "k3", "url": "http://files/x3.png"},
        {"type": "training_debug_image", "task": TASK, "iter": 4, "metric": "imgs", "variant": "x",
         "key": "k4", "url": "http://files/x4.png"},
        {"type": "training_stats_scalar", "task": TASK, "iter": -(2**31), "metric": "Summary", "variant": "acc",
         "value": 0.93},
    ]
    answers = await asyncio.gather(*(ingest(client, settings, b) for b in [*batches, logs, others]))
    return answers, big


async def test_add_batch_answers_after_indexing_and_folds(events_process, reported):
    client, stand_in, settings = events_process
    answers, _ = reported
    assert [a["added"] for a in answers] == [200] * 5 + [30, 6]
    last = [f for f in stand_in.folds if f["id"] == TASK][-1]
    assert last["entity"] == "task" and last["last_iteration"] == 499
    entry = last["last_metrics"][md5("loss")][md5("train")]
    assert (entry["count"], entry["value"], entry["min_value"], entry["max_value_iteration"]) == (500, 499.0, 0.0, 499)


async def test_events_add_and_refusals(events_process):
    client, stand_in, settings = events_process
    assert await ingest(client, settings, scalar(0, task="task2"), endpoint="events.add") == {
        "added": 1, "errors": 0, "errors_info": {}}
    with pytest.raises(ApiError) as info:
        await ingest(client, settings, [scalar(0, task="done")])
    assert (info.value.code, info.value.subcode) == (400, 131)
    with pytest.raises(ApiError) as info:
        await ingest(client, settings, [scalar(0)], identity=EVE)
    assert info.value.data["errors_info"] == {f"Invalid task id {TASK}": 1}


async def test_console_log_latest_first_page(events_process, reported):
    client, _, _ = events_process
    page = await read(client, "events.get_task_log", {"task": TASK, "order": "asc", "navigate_earlier": True,
                                                       "batch_size": 3})
    assert [e["msg"] for e in page["events"]] == ["line 27", "line 28", "line 29"]
    assert page["total"] == 30 and page["returned"] == 3
    earlier = await read(client, "events.get_task_log", {"task": TASK, "batch_size": 2, "order": "desc",
                                                          "from_timestamp": page["events"][0]["timestamp"]})
    assert [e["msg"] for e in earlier["events"]] == ["line 26", "line 25"]


async def test_task_events_scroll_through_everything(events_process, reported):
    client, _, _ = events_process
    seen, scroll = [], None
    while True:
        page = await read(client, "events.get_task_events", {"task": TASK, "event_type": "training_stats_scalar",
                                                              "batch_size": 300, "scroll_id": scroll})
        seen.extend(page["events"])
        scroll = page["scroll_id"]
        if page["returned"] < 300:
            break
    assert page["total"] == 1001 and len(seen) == 1001
    assert len({(e["iter"], e["metric"], e["variant"]) for e in seen}) == 1001
    assert all("cairn_id" not in e for e in seen)


async def test_task_events_pages_split_events_of_one_timestamp(events_process):
    """Every event of every type at the same millisecond: paging still returns each once (metric
    events are told apart by type, metric, variant, iteration and key; log lines by their id)."""
    client, _, settings = events_process
    at = 1_764_500_000_000
    events = [{**scalar(i % 3, variant=f"v{i // 3}", task="tied"), "timestamp": at} for i in range(12)]
    events += [{"type": "log", "task": "tied", "iter": 0, "msg": f"l{n}", "timestamp": at} for n in range(5)]
    events += [{"type": "training_debug_image", "task": "tied", "iter": 1, "metric": "imgs", "variant": "x",
                "key": f"k{n}", "url": f"http://files/{n}.png", "timestamp": at} for n in range(3)]
    events += [{"type": "plot", "task": "tied", "iter": 1, "metric": "imgs", "variant": "x", "plot_str": "{}",
                "timestamp": at}]
    assert (await ingest(client, settings, events))["added"] == 21
    for order in ("asc", "desc"):
        seen, scroll = [], None
        while True:
            page = await read(client, "events.get_task_events", {"task": "tied", "batch_size": 4, "order": order,
                                                                  "scroll_id": scroll})
            seen += [(e["type"], e.get("metric"), e.get("variant"), e["iter"], e.get("key"), e.get("msg"))
                     for e in page["events"]]
            scroll = page["scroll_id"]
            if page["returned"] < 4:
                break
        assert len(seen) == len(set(seen)) == 21, order


async def test_scalar_histogram_exact_and_sampled(events_process, reported):
    client, _, _ = events_process
    full = await read(client, "events.scalar_metrics_iter_histogram", {"task": TASK})
    assert set(full) == {"loss"} and set(full["loss"]) == {"train", "test"}
    assert full["loss"]["train"]["x"] == list(range(500)) and full["loss"]["train"]["y"] == [float(i) for i in range(500)]
    sampled = await read(client, "events.scalar_metrics_iter_histogram", {"task": TASK, "samples": 100})
    assert len(sampled["loss"]["test"]["x"]) == 100 and sampled["loss"]["test"]["y"][0] == 2.0
    by_time = await read(client, "events.scalar_metrics_iter_histogram", {"task": TASK, "key": "iso_time"})
    assert by_time["loss"]["train"]["x"][0] == "2025-11-29T07:06:40.000Z"


async def test_plots_latest_iteration_each_and_large_plots_intact(events_process, reported):
    client, _, _ = events_process
    _, big = reported
    plots = (await read(client, "events.get_task_plots", {"task": TASK, "iters": 1}))["plots"]
    assert sorted((p["variant"], p["iter"]) for p in plots) == [("big", 2), ("small", 2)]
    assert next(p for p in plots if p["variant"] == "big")["plot_str"] == big
    sample = await read(client, "events.get_plot_sample", {"task": TASK, "metric": "plots", "iteration": 1})
    assert [e["plot_str"] for e in sample["events"]] == ['{"data": []}']
    assert (sample["min_iteration"], sample["max_iteration"]) == (1, 2)


async def test_debug_images(events_process, reported):
    client, _, _ = events_process
    found = await read(client, "events.debug_images", {"metrics": [{"task": TASK, "metric": "imgs"}], "iters": 2})
    assert [(i["iter"], [e["url"] for e in i["events"]]) for i in found["metrics"][0]["iterations"]] == [
        (4, ["http://files/x4.png"]), (3, ["http://files/x3.png"])]
    sample = await read(client, "events.get_debug_image_sample", {"task": TASK, "metric": "imgs", "variant": "x"})
    assert sample["event"]["url"] == "http://files/x4.png" and sample["min_iteration"] == 3


async def test_metric_reads(events_process, reported):
    client, _, _ = events_process
    single = await read(client, "events.get_task_single_value_metrics", {"tasks": [TASK]})
    assert single["tasks"][0]["values"][0]["value"] == 0.93 and single["tasks"][0]["task_name"] == "name of task1"
    latest = await read(client, "events.get_task_latest_scalar_values", {"task": TASK})
    names = {m["name"]: {v["name"]: v["last_value"] for v in m["variants"]} for m in latest["metrics"]}
    # ClearML counts every positive scalar here, single values too
    assert names == {"Summary": {"acc": 0.93}, "loss": {"train": 499.0, "test": 499.0}}
    assert (latest["name"], latest["status"], latest["last_iter"]) == ("name of task1", "in_progress", 499)
    metrics = await read(client, "events.get_task_metrics", {"tasks": [TASK], "event_type": "plot"})
    assert metrics == {"metrics": [{"task": TASK, "metrics": ["plots"]}]}


async def test_reads_are_company_scoped(events_process, reported):
    client, _, _ = events_process
    with pytest.raises(ApiError) as info:
        await read(client, "events.get_task_log", {"task": TASK}, identity=EVE)
    assert (info.value.code, info.value.subcode) == (400, 101)


async def test_delete_for_task(events_process, reported):
    client, stand_in, settings = events_process
    await ingest(client, settings, [scalar(i, task="task2") for i in range(5)])
    assert await read(client, "events.delete_for_task", {"task": "task2"}) == {"deleted": 5}  # a count, as ClearML
    left = await read(client, "events.get_task_events", {"task": "task2"})
    assert left["total"] == 0
    with pytest.raises(ApiError) as info:
        await read(client, "events.delete_for_task", {"task": "done"})
    assert info.value.subcode == 101 and "or task published" in str(info.value)


async def produce_directly(settings, events, headers):
    from aiokafka import AIOKafkaProducer

    envelope = RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", payload=events)
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        await producer.send_and_wait(events_ingest_topic(settings.topic_prefix), envelope.model_dump_json().encode(),
                                     key=b"task2", headers=headers)
    finally:
        await producer.stop()


async def dead_letters(settings, expected: int, timeout: float = 40.0) -> list:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(f"{events_ingest_topic(settings.topic_prefix)}.dead", bootstrap_servers=KAFKA,
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    found = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(found) < expected and asyncio.get_running_loop().time() < deadline:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                found.extend(records)
    finally:
        await consumer.stop()
    return found


async def wait_for_log(client, task, msg, timeout: float = 40.0) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        page = await read(client, "events.get_task_log", {"task": task, "batch_size": 100})
        if any(e["msg"] == msg for e in page["events"]):
            return True
        await asyncio.sleep(0.2)
    return False


async def test_direct_producers_need_a_valid_token(events_process):
    from shared.tokens import issue_token

    client, _, settings = events_process
    good = issue_token(TOKEN_SECRET, ALICE, "s1", 600, "2.23", "1.0")
    forged = issue_token("not-the-secret-not-the-secret-not-the", ALICE, "s1", 600, "2.23", "1.0")
    line = {"type": "log", "task": "task2", "msg": "direct"}
    await produce_directly(settings, [{**line, "msg": "forged"}], [("authorization", f"Bearer {forged}".encode())])
    await produce_directly(settings, [{**line, "msg": "no token"}], [])
    await produce_directly(settings, [line], [("authorization", f"Bearer {good}".encode())])
    assert await wait_for_log(client, "task2", "direct")
    dead = await dead_letters(settings, 2)
    reasons = sorted(dict(m.headers)["dead_reason"].decode() for m in dead)
    assert reasons == ["invalid API token: Invalid token (token could not be verified)", "no API token"]
    assert all("authorization" not in dict(m.headers) for m in dead)
    page = await read(client, "events.get_task_log", {"task": "task2", "batch_size": 100})
    assert not {"forged", "no token"} & {e["msg"] for e in page["events"]}


async def test_deleted_tasks_lose_their_events(events_process):
    from aiokafka import AIOKafkaProducer

    client, _, settings = events_process
    await ingest(client, settings, [{"type": "log", "task": "task2", "msg": "soon gone"}])
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        fact = {"type": "TaskDeleted", "id": "task2", "company": "acme"}
        await producer.send_and_wait(changes_topic(settings.topic_prefix, "tasks"), json.dumps(fact).encode(),
                                     key=b"task2")
    finally:
        await producer.stop()
    deadline = asyncio.get_running_loop().time() + 40
    while asyncio.get_running_loop().time() < deadline:
        page = await read(client, "events.get_task_log", {"task": "task2"})
        if page["total"] == 0:
            break
        await asyncio.sleep(0.2)
    assert page["total"] == 0
    assert (await read(client, "events.get_task_log", {"task": TASK}))["total"] == 30  # others untouched


async def test_multi_task_metrics_and_scroll(events_process, reported):
    client, _, _ = events_process
    found = await read(client, "events.get_multi_task_metrics", {"tasks": [TASK], "event_type": "training_stats_scalar"})
    assert found == {"metrics": [{"metric": "Summary", "variants": ["acc"]},
                                 {"metric": "loss", "variants": ["test", "train"]}]}
    assert await read(client, "events.clear_scroll", {"scroll_id": "anything"}) == {}


async def test_scalar_raw_pages_through_every_point(events_process, reported):
    client, _, _ = events_process
    xs, ys, scroll, total = [], [], None, None
    while True:
        page = await read(client, "events.scalar_metrics_iter_raw", {
            "task": TASK, "metric": {"metric": "loss", "variants": ["train"]}, "batch_size": 120,
            "count_total": True, "scroll_id": scroll})
        total = page["total"]
        if not page["returned"]:
            break
        xs += page["variants"]["train"]["iter"]
        ys += page["variants"]["train"]["y"]
        scroll = page["scroll_id"]
    assert total == 500 and xs == list(range(500)) and ys == [float(i) for i in range(500)]
    data = await read(client, "events.get_scalar_metric_data", {"task": TASK, "metric": "loss", "no_scroll": True})
    assert data["total"] == 1000 and data["returned"] == 500  # ClearML's page of 500


async def test_clear_task_log_keeps_recent_lines_with_a_threshold(events_process):
    client, _, settings = events_process
    recent = int(time.time() * 1000)
    lines = [{"type": "log", "task": "task2", "msg": "old", "timestamp": recent - 3_600_000},
             {"type": "log", "task": "task2", "msg": "new", "timestamp": recent}]
    await ingest(client, settings, lines)
    assert await read(client, "events.clear_task_log", {"task": "task2", "threshold_sec": 60}) == {"deleted": 1}
    left = await read(client, "events.get_task_log", {"task": "task2", "batch_size": 100})
    assert [e["msg"] for e in left["events"]] == ["new"]
    assert (await read(client, "events.clear_task_log", {"task": "task2"}))["deleted"] == 1
    with pytest.raises(ApiError) as info:
        await read(client, "events.clear_task_log", {"task": "unknown"})
    assert info.value.subcode == 101


async def test_metrics_and_variants_and_vectors(events_process, reported):
    client, _, settings = events_process
    vectors = [{"type": "training_stats_vector", "task": TASK, "iter": i, "metric": "vec", "variant": "v",
                "values": [i, i + 1.5]} for i in range(3)]
    assert (await ingest(client, settings, vectors))["added"] == 3
    scalars = await read(client, "events.get_scalar_metrics_and_variants", {"task": TASK})
    assert scalars == {"metrics": {"Summary": ["acc"], "loss": ["test", "train"]}}
    assert await read(client, "events.get_vector_metrics_and_variants", {"task": TASK}) == {"metrics": {"vec": ["v"]}}
    histogram = await read(client, "events.vector_metrics_iter_histogram", {"task": TASK, "metric": "vec",
                                                                             "variant": "v"})
    assert histogram == {"metric": "vec", "variant": "v", "iterations": [0, 1, 2],
                         "vectors": [[0, 1.5], [1, 2.5], [2, 3.5]]}


async def test_short_series_stay_exact_next_to_long_ones(events_process):
    client, _, settings = events_process
    long = [scalar(i, metric="mix", variant="long", task="task2") for i in range(300)]
    short = [scalar(i * 50, metric="mix", variant="short", value=float(i), task="task2") for i in range(6)]
    await ingest(client, settings, long + short)
    found = await read(client, "events.scalar_metrics_iter_histogram", {"task": "task2", "samples": 100,
                                                                         "metrics": [{"metric": "mix"}]})
    assert found["mix"]["short"]["x"] == [0, 50, 100, 150, 200, 250]
    assert found["mix"]["short"]["y"] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert len(found["mix"]["long"]["x"]) == 100 and found["mix"]["long"]["y"][0] == 1.0  # avg of 0, 1, 2


async def test_plot_and_image_viewers_step_through_samples(events_process):
    client, _, settings = events_process
    plots = [{"type": "plot", "task": "task2", "iter": i, "metric": m, "variant": "v", "plot_str": f"{m}@{i}"}
             for i in (1, 2) for m in ("a", "b")]
    images = [{"type": "training_debug_image", "task": "task2", "iter": i, "metric": "img", "variant": v,
               "url": f"{v}@{i}"} for i in (5, 6) for v in ("x", "y")]
    await ingest(client, settings, plots + images)

    def plot_of(answer):
        return [e["plot_str"] for e in answer["events"]]

    first = await read(client, "events.get_plot_sample", {"task": "task2", "metric": "a", "navigate_current_metric": False})
    assert plot_of(first) == ["a@2"] and (first["min_iteration"], first["max_iteration"]) == (1, 2)
    forward = await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": first["scroll_id"],
                                                             "navigate_earlier": False})
    assert plot_of(forward) == ["b@2"]
    end = await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": forward["scroll_id"],
                                                         "navigate_earlier": False})
    assert plot_of(end) == []
    back = await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": end["scroll_id"]})
    assert plot_of(back) == ["a@2"]
    back = await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": back["scroll_id"]})
    assert plot_of(back) == ["b@1"]
    same_metric = await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": forward["scroll_id"],
                                                                 "next_iteration": True})
    assert plot_of(same_metric) == ["b@1"]

    image = await read(client, "events.get_debug_image_sample", {"task": "task2", "metric": "img", "variant": "y",
                                                                 "iteration": 5})
    assert image["event"]["url"] == "y@5"
    previous = await read(client, "events.next_debug_image_sample", {"task": "task2", "scroll_id": image["scroll_id"]})
    assert previous["event"]["url"] == "x@5"
    later = await read(client, "events.next_debug_image_sample", {"task": "task2", "scroll_id": image["scroll_id"],
                                                                  "next_iteration": True, "navigate_earlier": False})
    assert later["event"]["url"] == "y@6"
    nothing = await read(client, "events.next_debug_image_sample", {"task": "task2", "scroll_id": previous["scroll_id"]})
    assert nothing["event"] is None and nothing["scroll_id"] == previous["scroll_id"]
    with pytest.raises(ApiError) as info:
        await read(client, "events.next_plot_sample", {"task": "task2", "scroll_id": "garbage"})
    assert (info.value.code, info.value.subcode) == (400, 1104)  # ClearML: invalid scroll id


async def test_plots_and_images_by_iteration_scroll_to_earlier_ones(events_process, reported):
    client, _, _ = events_process
    page = await read(client, "events.plots", {"metrics": [{"task": TASK, "metric": "plots"}], "iters": 1})
    [task_plots] = page["metrics"]
    assert [(i["iter"], sorted(e["variant"] for e in i["events"])) for i in task_plots["iterations"]] == [
        (2, ["big", "small"])]
    earlier = await read(client, "events.plots", {"metrics": [{"task": TASK, "metric": "plots"}], "iters": 1,
                                                  "scroll_id": page["scroll_id"]})
    assert [(i["iter"], [e["plot_str"] for e in i["events"]]) for i in earlier["metrics"][0]["iterations"]] == [
        (1, ['{"data": []}'])]
    images = await read(client, "events.debug_images", {"metrics": [{"task": TASK}], "iters": 1})
    later = await read(client, "events.debug_images", {"metrics": [{"task": TASK}], "iters": 1,
                                                       "scroll_id": images["scroll_id"]})
    assert [i["iter"] for i in images["metrics"][0]["iterations"]] == [4]
    assert [i["iter"] for i in later["metrics"][0]["iterations"]] == [3]

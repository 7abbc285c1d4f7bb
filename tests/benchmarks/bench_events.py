"""Event ingestion against raw Elasticsearch indexing, in one run (issue 6's benchmark).

200,000 scalar events (10 tasks x 10 metrics x 4 variants x 500 iterations):

- ``cairn_indexed``: sent the SDK's way, ``events.add_batch`` with 500 events a call from 4
  concurrent senders, through the gateway, Kafka and the events service; the clock stops when
  the last answer arrives (the default acknowledgement: the events are searchable and the
  tasks' ``last_metrics`` include them). Afterwards the stored count is checked.
- ``cairn_durable``: the same with ``X-Cairn-Ack: durable`` (answer once Kafka has the events);
  the clock stops when all are searchable (polled count), so it is end to end too.
- ``raw_bulk_5000``: the same documents bulk-indexed straight into the same Elasticsearch in
  chunks of 5,000 with one refresh at the end (the floor: no API, no checks, no summaries).
- ``raw_refresh_per_500``: chunks of 500 with ``refresh=true`` on each, as the reference
  ClearML server indexes an ``add_batch``.
- ``raw_4x500_then_refresh``: four chunks of 500 sent at once, then one refresh, and again:
  the most sharing ``ack=indexed`` allows with 4 senders of 500 events waiting for their
  answers (a refresh can never cover more than the 2,000 events in flight), done by
  Elasticsearch alone with nothing else on the machine busy. Not a target: the ceiling to
  read the ``ack=indexed`` figure against.

``machine_busy`` is the share of both cores busy (``/proc/stat``) during each Cairn run;
``cpu_s`` the CPU seconds each of the stack's processes spent in it (``/proc/<pid>/stat``):
Cairn's own work per 200,000 events, which other sessions on the machine do not change the way
they change elapsed times.

Both raw paths use the Python client with orjson, sequentially, as ``../shared/infra`` measured
them. Figures are events/s and ratios to the raw paths of the same run.

``histogram``: one task with 10 series x 100,000 points (bulk-loaded straight into the task's
index), ``events.scalar_metrics_iter_histogram`` through the gateway (p50/p99 of 20 calls)
against the same aggregation sent straight to Elasticsearch. Not a test.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import orjson
from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.events.domain import document_id  # noqa: E402
from services.events.repository.layout import index_name, index_template  # noqa: E402
from tests.support.servers import ES  # noqa: E402
from tests.benchmarks.client import auth_headers, post  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

TASKS, METRICS, VARIANTS, ITERATIONS = 10, 10, 4, 500
PER_CALL, SENDERS = 500, 4
TOTAL = TASKS * METRICS * VARIANTS * ITERATIONS


def scalar_events(tasks: list[str]) -> list[list[dict]]:
    """The SDK's batches: one task's events, 500 a call, in reporting order."""
    now = int(time.time() * 1000)
    calls = []
    for task in tasks:
        events = [
            {"type": "training_stats_scalar", "task": task, "iter": it, "metric": f"metric{m}",
             "variant": f"variant{v}", "value": (it * 7 + m * 3 + v) % 101 / 3.0, "timestamp": now + it}
            for it in range(ITERATIONS) for m in range(METRICS) for v in range(VARIANTS)
        ]
        calls += [events[i:i + PER_CALL] for i in range(0, len(events), PER_CALL)]
    return calls


async def send_all(http: aiohttp.ClientSession, calls: list[list[dict]], headers: dict) -> tuple[float, int]:
    bodies = [b"\n".join(orjson.dumps(e) for e in call) for call in calls]
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)

    retried = 0

    async def sender() -> None:
        nonlocal retried
        while not queue.empty():
            body = queue.get_nowait()
            for attempt in range(3):  # the SDK retries a 503 (the stack's RPC timeout is 5 s)
                async with http.post("/v2.23/events.add_batch", data=body, headers=headers) as response:
                    answer = await response.json()
                if response.status != 503:
                    break
                retried += 1
            assert response.status == 200, answer
            assert answer["data"]["added"] == PER_CALL, answer["data"]

    start = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(SENDERS)))
    return time.perf_counter() - start, retried


async def stored_count(es: AsyncElasticsearch, pattern: str, task_ids: list[str]) -> int:
    await es.indices.refresh(index=pattern, ignore_unavailable=True, allow_no_indices=True)
    response = await es.count(index=pattern, query={"terms": {"task": task_ids}}, ignore_unavailable=True,
                              allow_no_indices=True)
    return response["count"]


async def cairn_run(stack: Stack, http: aiohttp.ClientSession, es: AsyncElasticsearch, ack: str) -> dict:
    project = await post(http, "projects.create", {"name": f"bench-events-{ack}-{uuid.uuid4().hex[:8]}"})
    tasks = [(await post(http, "tasks.create", {"name": f"t{i}", "type": "training", "project": project["id"]}))["id"]
             for i in range(TASKS)]
    await post(http, "tasks.started", {"task": tasks[0]})
    calls = scalar_events(tasks)
    pattern = f"{stack.db_prefix.lower()}cairn-events-training_stats_scalar-*"
    headers = {"Content-Type": "application/json-lines"}
    if ack == "durable":
        headers["X-Cairn-Ack"] = "durable"
    start, busy, spent = time.perf_counter(), cpu_ticks(), process_ticks(stack)
    answered, retried = await send_all(http, calls, headers)
    while (count := await stored_count(es, pattern, tasks)) < TOTAL and time.perf_counter() - start < 600:
        await asyncio.sleep(0.05)
    searchable = time.perf_counter() - start
    machine_busy = busy_share(busy, cpu_ticks())
    spent = {name: round((ticks - spent.get(name, 0)) / _HZ, 1) for name, ticks in process_ticks(stack).items()}
    task = await post(http, "tasks.get_by_id", {"task": tasks[0]})
    counts = [v["count"] for m in task["task"]["last_metrics"].values() for v in m.values()]
    return {
        "events": count,
        "answered_s": round(answered, 2),
        "retried_503": retried,
        "searchable_s": round(searchable, 2),
        "events_per_s": round(TOTAL / searchable),
        "last_metrics_exact": counts == [ITERATIONS] * METRICS * VARIANTS,
        "machine_busy": machine_busy,
        "cpu_s": {name: seconds for name, seconds in spent.items() if seconds >= 0.1},
    }


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


_HZ = os.sysconf("SC_CLK_TCK")


def process_ticks(stack: Stack) -> dict[str, int]:
    """User + system jiffies of each of the stack's processes so far."""
    out = {}
    for name, proc in stack.procs.items():
        try:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended
        out[name] = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return out


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    return round((after[0] - before[0]) / max(1, after[1] - before[1]), 2)


async def raw_run(es: AsyncElasticsearch, prefix: str, chunk: int, refresh_each: bool, in_flight: int = 1) -> dict:
    """The same documents (ids, fields, index layout) straight into Elasticsearch; with
    ``in_flight`` > 1, that many chunks are sent at once and then refreshed once."""
    company, now = "bench", int(time.time() * 1000)
    tasks = [uuid.uuid4().hex for _ in range(TASKS)]
    docs = []
    for event in (e for call in scalar_events(tasks) for e in call):
        event.update(company_id=company, model_event=False, **{"@timestamp": now})
        docs.append((index_name(prefix, event["type"], company, now), document_id(event, ""), event))

    async def bulk(part: list, refresh: bool) -> None:
        operations: list = []
        for index, doc_id, source in part:
            operations += [{"index": {"_index": index, "_id": doc_id}}, source]
        response = await es.bulk(operations=operations, refresh=refresh)
        assert not response["errors"]

    start = time.perf_counter()
    step = chunk * in_flight
    for i in range(0, len(docs), step):
        parts = [docs[j:j + chunk] for j in range(i, min(i + step, len(docs)), chunk)]
        await asyncio.gather(*(bulk(part, refresh_each and in_flight == 1) for part in parts))
        if refresh_each and in_flight > 1:
            await es.indices.refresh(index=f"{prefix}cairn-events-*")
    if not refresh_each:
        await es.indices.refresh(index=f"{prefix}cairn-events-*")
    elapsed = time.perf_counter() - start
    count = await stored_count(es, f"{prefix}cairn-events-*", tasks)
    return {"events": count, "seconds": round(elapsed, 2), "events_per_s": round(TOTAL / elapsed)}


HIST_SERIES, HIST_POINTS, HIST_CALLS = 10, 100_000, 20


async def histogram_run(stack: Stack, http: aiohttp.ClientSession, es: AsyncElasticsearch) -> dict:
    import statistics

    project = await post(http, "projects.create", {"name": f"bench-hist-{uuid.uuid4().hex[:8]}"})
    task = (await post(http, "tasks.create", {"name": "hist", "type": "training", "project": project["id"]}))["id"]
    company = (await post(http, "users.get_current_user", {}))["user"]["company"]["id"]
    now = int(time.time() * 1000)
    index = index_name(stack.db_prefix.lower(), "training_stats_scalar", company, now)
    for series in range(HIST_SERIES):
        lines = []
        for it in range(HIST_POINTS):
            event = {"type": "training_stats_scalar", "task": task, "iter": it, "metric": f"m{series % 5}",
                     "variant": f"v{series}", "value": (it % 977) / 7.0, "timestamp": now + it,
                     "company_id": company, "model_event": False, "@timestamp": now}
            lines += [orjson.dumps({"index": {"_index": index, "_id": document_id(event, "")}}), orjson.dumps(event)]
            if len(lines) >= 20_000:
                await es.bulk(operations=b"\n".join(lines) + b"\n")
                lines = []
        if lines:
            await es.bulk(operations=b"\n".join(lines) + b"\n")
    await es.indices.refresh(index=index)

    async def timed(call) -> list[float]:
        await call()
        out = []
        for _ in range(HIST_CALLS):
            start = time.perf_counter()
            await call()
            out.append(time.perf_counter() - start)
        return sorted(out)

    async def through_gateway():
        data = await post(http, "events.scalar_metrics_iter_histogram", {"task": task, "samples": 5000})
        assert len(data) == 5 and sum(len(v) for v in data.values()) == HIST_SERIES

    async def direct():  # the same per-series histogram, one request, no API around it
        interval = HIST_POINTS // 5000
        body = {"size": 0, "query": {"term": {"task": task}}, "aggs": {"m": {"terms": {"field": "metric"}, "aggs": {
            "v": {"terms": {"field": "variant"}, "aggs": {"x": {"histogram": {"field": "iter", "interval": interval},
                                                                 "aggs": {"y": {"avg": {"field": "value"}}}}}}}}}}
        await es.search(index=index, **body)

    gateway, raw = await timed(through_gateway), await timed(direct)
    p50 = lambda xs: round(statistics.median(xs) * 1000, 1)  # noqa: E731
    p99 = lambda xs: round(xs[int(len(xs) * 0.99) - 1] * 1000, 1)  # noqa: E731
    return {"points": HIST_SERIES * HIST_POINTS, "gateway_p50_ms": p50(gateway), "gateway_p99_ms": p99(gateway),
            "direct_es_p50_ms": p50(raw), "ratio_p50": round(p50(gateway) / p50(raw), 2)}


async def run(stack: Stack) -> dict:
    es = AsyncElasticsearch(ES, serializer=OrjsonSerializer(), request_timeout=120)
    raw_prefix = f"{stack.topic_prefix}raw."
    await es.indices.put_index_template(name=f"{raw_prefix}cairn-events", **index_template(raw_prefix))
    auth = auth_headers(stack)
    try:
        async with aiohttp.ClientSession(stack.url, headers=auth, timeout=aiohttp.ClientTimeout(600)) as http:
            results = {
                "raw_bulk_5000": await raw_run(es, f"{raw_prefix}a.", 5000, False),
                "raw_refresh_per_500": await raw_run(es, f"{raw_prefix}b.", 500, True),
                "raw_4x500_then_refresh": await raw_run(es, f"{raw_prefix}c.", 500, True, in_flight=SENDERS),
                "cairn_indexed": await cairn_run(stack, http, es, "indexed"),
                "cairn_durable": await cairn_run(stack, http, es, "durable"),
                "histogram": await histogram_run(stack, http, es),
            }
    finally:
        await es.indices.delete(index=f"{raw_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        await es.options(ignore_status=404).indices.delete_index_template(name=f"{raw_prefix}cairn-events")
        await es.close()
    bulk, per_chunk = results["raw_bulk_5000"]["events_per_s"], results["raw_refresh_per_500"]["events_per_s"]
    ceiling = results["raw_4x500_then_refresh"]["events_per_s"]
    results["ratios"] = {
        # issue 19's two: what Cairn's own work costs on top of Elasticsearch doing the same
        "indexed_vs_4x500_then_refresh": round(results["cairn_indexed"]["events_per_s"] / ceiling, 2),
        "durable_vs_bulk_5000": round(results["cairn_durable"]["events_per_s"] / bulk, 2),
        "indexed_vs_refresh_per_500": round(results["cairn_indexed"]["events_per_s"] / per_chunk, 2),
        "ceiling_4x500_then_refresh_vs_refresh_per_500": round(
            results["raw_4x500_then_refresh"]["events_per_s"] / per_chunk, 2),
        "indexed_vs_bulk_5000": round(results["cairn_indexed"]["events_per_s"] / bulk, 2),
    }
    results["targets"] = "indexed >= 0.9x raw_4x500_then_refresh; durable >= 0.9x bulk_5000"
    return results


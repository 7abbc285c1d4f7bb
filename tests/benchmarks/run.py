"""`make bench`: every benchmark of tests/benchmarks, each against a baseline of the same run.

``gateway`` (this module): tasks.get_by_id through the gateway against the floor it is built
on. The others are ``bench_<name>.py`` modules with ``async def run(stack) -> dict``: events
(issue 6: ingest against raw Elasticsearch), tasks (issue 5: list pages and enqueue/dequeue at
10,000 tasks), queues (issue 7), datasets (issue 14: save_frames against raw bulk, get_next
pages, the whole stack's memory with 100,000 frames), permissions (issue 16: tasks.get_all with
100 access rules enforced against the same call without rules), load (issue 18: N clients
running the SDK's training-run calls for a bounded time against the same clients pinging;
fails the run when any call failed). ``make bench BENCH="gateway events"`` runs a subset; each
benchmark gets a fresh stack so none measures another's leftovers.

Gateway, in one run, on this machine (issue 19): ``tasks.get_by_id`` over HTTP through the
gateway, Kafka and the tasks service, with 1, 2 and 4 instances of the gateway and of the tasks
process (the client spreads its calls over the gateways), sequentially and with 32 and 128
requests in flight. Next to it, each at the same concurrency and instance count: (a) a bare
aiokafka request/reply round trip (linger 0, 5 ms fetch wait, a handler that answers at once),
(b) ``debug.ping`` through the gateway and Kafka to the identity process (the same path without
a database), (c) the gateway's ``/_health`` (HTTP alone); once: (d) a direct read of the task
document by id from the MongoDB-wire server. Figures are printed as ratios to the bare Kafka
round trip measured in the same run. Not a test: nothing asserts.
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import os
import json
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from pymongo import AsyncMongoClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.servers import KAFKA, MONGO, require_servers  # noqa: E402
from tests.benchmarks.client import auth_headers  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

SEQUENTIAL = 300
CONCURRENT_TOTAL = 3000
IN_FLIGHT = (32, 128)
# Instances of the gateway and of the tasks process, one round each (BENCH_INSTANCES="1" for
# a quick look).
INSTANCES = tuple(int(n) for n in os.environ.get("BENCH_INSTANCES", "1 2 4").split())


def summary(latencies: list[float], wall: float | None = None) -> dict:
    ordered = sorted(latencies)
    out = {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
    }
    if wall:
        out["req_per_s"] = round(len(latencies) / wall)
    return out


async def measure(call: Callable[[], Awaitable[None]]) -> dict[str, dict]:
    """``call`` sequentially, then with each of ``IN_FLIGHT`` requests in flight:
    {"sequential": ..., "32": ..., "128": ...}."""
    for _ in range(30):
        await call()  # warm up connections and caches
    sequential = []
    for _ in range(SEQUENTIAL):
        start = time.perf_counter()
        await call()
        sequential.append(time.perf_counter() - start)
    out = {"sequential": summary(sequential)}
    for in_flight in IN_FLIGHT:
        out[str(in_flight)] = await measure_concurrent(call, in_flight)
    return out


async def measure_concurrent(call: Callable[[], Awaitable[None]], in_flight: int) -> dict:
    concurrent: list[float] = []
    remaining = CONCURRENT_TOTAL

    async def worker():
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            start = time.perf_counter()
            await call()
            concurrent.append(time.perf_counter() - start)

    wall_start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return summary(concurrent, time.perf_counter() - wall_start)


class PlainKafkaEcho:
    """The floor: the smallest aiokafka request/reply, no envelope, no validation."""

    def __init__(self, prefix: str) -> None:
        self.requests, self.replies = f"{prefix}req", f"{prefix}rep"
        self.pending: dict[bytes, asyncio.Future] = {}

    async def start(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
        await admin.start()
        await admin.create_topics([NewTopic(self.requests, 6, 1), NewTopic(self.replies, 1, 1)])
        await admin.close()
        self.producer = AIOKafkaProducer(bootstrap_servers=KAFKA, linger_ms=0, acks=1)
        self.server_in = AIOKafkaConsumer(self.requests, bootstrap_servers=KAFKA, group_id=self.requests,
                                          fetch_max_wait_ms=5, auto_offset_reset="earliest")
        self.client_in = AIOKafkaConsumer(self.replies, bootstrap_servers=KAFKA, fetch_max_wait_ms=5,
                                          auto_offset_reset="latest")
        for part in (self.producer, self.server_in, self.client_in):
            await part.start()
        self.tasks = [asyncio.create_task(self._serve()), asyncio.create_task(self._read())]
        await asyncio.sleep(3)  # let the group settle

    async def _serve(self) -> None:
        async for msg in self.server_in:
            await self.producer.send(self.replies, msg.value, key=msg.key)

    async def _read(self) -> None:
        async for msg in self.client_in:
            fut = self.pending.pop(msg.key, None)
            if fut and not fut.done():
                fut.set_result(msg.value)

    async def call(self) -> None:
        key = uuid.uuid4().bytes
        fut = asyncio.get_running_loop().create_future()
        self.pending[key] = fut
        await self.producer.send(self.requests, b'{"id": "x"}', key=key)
        await asyncio.wait_for(fut, 10)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for part in (self.client_in, self.server_in, self.producer):
            await part.stop()


BENCHMARKS = ("gateway", "events", "tasks", "queues", "datasets", "permissions", "load")


def main() -> None:
    # Starting and stopping the processes blocks: done outside the event loop that measures.
    require_servers(kafka=True, mongo=True, es=True)
    chosen = (os.environ.get("BENCH") or " ".join(BENCHMARKS)).split()
    results = {}
    for name in chosen:
        run = run_all if name == "gateway" else importlib.import_module(f"tests.benchmarks.bench_{name}").run
        stack = Stack()
        stack.start_all()
        try:
            results[name] = asyncio.run(run(stack))
        finally:
            stack.stop_all()
        print(json.dumps({name: results[name]}, indent=2), flush=True)
    Path(ROOT / ".bench-results.json").write_text(json.dumps(results, indent=2))
    failed = [name for name, result in results.items() if result.get("failed")]
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


async def run_all(stack: Stack) -> dict:
    """The gateway benchmark on ``stack``, with more instances started between rounds."""
    results: dict = {}
    async with aiohttp.ClientSession(stack.url, headers=auth_headers(stack)) as http:
        task = await create_task(http, stack.run_id)
    for count in INSTANCES:
        await asyncio.to_thread(scale_to, stack, count)
        results[f"{count}_instances"] = await run_instances(stack, count, task)
    results["direct_mongo_read"] = await measure_direct_read(stack, task)
    results["ratios"] = ratios(results)
    results["target"] = "gateway get_by_id at 32 in flight, 1 instance each: >= 0.3x the bare Kafka round trip"
    return results


def scale_to(stack: Stack, count: int) -> None:
    """``count`` instances of the gateway and of the tasks process, each ready."""
    for index in range(2, count + 1):
        for name in ("tasks", "gateway"):
            record = f"{name}-{index}"
            if record not in stack.procs:
                stack.start_replica(name, index)
    for index in range(2, count + 1):
        for name in ("tasks", "gateway"):
            stack.wait_replica(f"{name}-{index}")


async def run_instances(stack: Stack, count: int, task: str) -> dict:
    # aiohttp, not httpx: httpx's connection pool costs more CPU than the gateway itself
    # with 50 requests in flight (measured: the client, not the server, was the bottleneck).
    gateways = itertools.cycle([stack.url_of("gateway"), *(stack.url_of(f"gateway-{i}") for i in range(2, count + 1))])
    connector = aiohttp.TCPConnector(limit=max(IN_FLIGHT))
    async with aiohttp.ClientSession(headers=auth_headers(stack), connector=connector) as http:

        unavailable = 0

        async def post(endpoint: str, body: dict) -> None:
            # A 503 (a process starved past the RPC timeout on this shared machine) is retried
            # and counted, as the SDK retries it; anything else ends the run.
            nonlocal unavailable
            for attempt in range(3):
                async with http.post(f"{next(gateways)}/v2.23/{endpoint}", json=body) as response:
                    if response.status == 503 and attempt < 2:
                        unavailable += 1
                        continue
                    assert response.status == 200, await response.text()
                    await response.read()
                    return

        async def health():
            async with http.get(f"{next(gateways)}/_health") as response:
                assert response.status == 200
                await response.read()

        out = {"gateway_get_by_id": await measure(lambda: post("tasks.get_by_id", {"task": task})),
               "gateway_debug_ping": await measure(lambda: post("debug.ping", {})),
               "http_only_health": await measure(health)}
        out["retried_503"] = unavailable
    echo = PlainKafkaEcho(f"{stack.topic_prefix}bench{count}.")
    await echo.start()
    try:
        out["plain_kafka_rpc"] = await measure(echo.call)
    finally:
        await echo.stop()
    return out


async def measure_direct_read(stack: Stack, task: str) -> dict:
    mongo = AsyncMongoClient(MONGO, tz_aware=True)
    collection = mongo[f"{stack.db_prefix}cairn_tasks"]["task"]

    async def direct_read():
        assert await collection.find_one({"_id": task}) is not None

    try:
        return await measure(direct_read)
    finally:
        await mongo.close()


async def create_task(http: aiohttp.ClientSession, run_id: str) -> str:
    async with http.post("/projects.create", json={"name": f"bench-{run_id}"}) as response:
        project = (await response.json())["data"]["id"]
    async with http.post("/tasks.create", json={"name": "bench", "type": "training", "project": project}) as response:
        return (await response.json())["data"]["id"]


def ratios(results: dict) -> dict:
    """Throughput through the gateway against the bare Kafka round trip of the same round,
    and the sequential p50 against the Kafka round trip plus the direct read."""
    out = {}
    read_p50 = results["direct_mongo_read"]["sequential"]["p50_ms"]
    for count in INSTANCES:
        round_ = results[f"{count}_instances"]
        kafka = round_["plain_kafka_rpc"]
        floor = kafka["sequential"]["p50_ms"] + read_p50
        out[f"{count}_instances_sequential_p50_get_by_id_vs_kafka_plus_read"] = round(
            round_["gateway_get_by_id"]["sequential"]["p50_ms"] / floor, 2)
        for in_flight in map(str, IN_FLIGHT):
            for name in ("get_by_id", "debug_ping"):
                out[f"{count}_instances_{in_flight}_in_flight_throughput_{name}_vs_plain_kafka"] = round(
                    round_[f"gateway_{name}"][in_flight]["req_per_s"] / kafka[in_flight]["req_per_s"], 3)
    return out


if __name__ == "__main__":
    main()

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

Gateway, in one run, on this machine: (a) a plain aiokafka request/reply round trip (linger 0, 5 ms
fetch wait, a handler that answers at once), (b) a direct read of a task document by id from
the MongoDB-wire server, (c) ``tasks.get_by_id`` over HTTP through the gateway, Kafka and the
tasks service. Each sequentially and with 50 requests in flight; figures are printed as
ratios to the baseline (a + b) measured in the same run. Not a test: nothing asserts.
"""

from __future__ import annotations

import asyncio
import importlib
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

SEQUENTIAL = 400
CONCURRENT_TOTAL = 2000
IN_FLIGHT = 50


def summary(latencies: list[float], wall: float | None = None) -> dict:
    ordered = sorted(latencies)
    out = {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
    }
    if wall:
        out["req_per_s"] = round(len(latencies) / wall)
    return out


async def measure(call: Callable[[], Awaitable[None]]) -> tuple[dict, dict]:
    for _ in range(30):
        await call()  # warm up connections and caches
    sequential = []
    for _ in range(SEQUENTIAL):
        start = time.perf_counter()
        await call()
        sequential.append(time.perf_counter() - start)
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
    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return summary(sequential), summary(concurrent, time.perf_counter() - wall_start)


class PlainKafkaEcho:
    """The floor: the smallest aiokafka request/reply, no envelope, no validation."""

    def __init__(self, prefix: str) -> None:
        self.requests, self.replies = f"{prefix}bench.req", f"{prefix}bench.rep"
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
    # aiohttp, not httpx: httpx's connection pool costs more CPU than the gateway itself
    # with 50 requests in flight (measured: the client, not the server, was the bottleneck).
    auth = auth_headers(stack)
    connector = aiohttp.TCPConnector(limit=IN_FLIGHT)
    async with aiohttp.ClientSession(stack.url, headers=auth, connector=connector) as http:
        task = await create_task(http, stack.run_id)

        async def gateway_call():
            async with http.post("/v2.23/tasks.get_by_id", json={"task": task}) as response:
                assert response.status == 200, await response.text()
                await response.read()

        async def gateway_ping():
            async with http.get("/_health") as response:
                assert response.status == 200
                await response.read()

        http_floor = await measure(gateway_ping)
        gateway = await measure(gateway_call)

    mongo = AsyncMongoClient(MONGO, tz_aware=True)
    collection = mongo[f"{stack.db_prefix}cairn_tasks"]["task"]

    async def direct_read():
        assert await collection.find_one({"_id": task}) is not None

    direct = await measure(direct_read)
    await mongo.close()

    echo = PlainKafkaEcho(f"bench{stack.run_id}.")
    await echo.start()
    kafka = await measure(echo.call)
    await echo.stop()
    return report(gateway, kafka, direct, http_floor)


async def create_task(http: aiohttp.ClientSession, run_id: str) -> str:
    async with http.post("/projects.create", json={"name": f"bench-{run_id}"}) as response:
        project = (await response.json())["data"]["id"]
    async with http.post("/tasks.create", json={"name": "bench", "type": "training", "project": project}) as response:
        return (await response.json())["data"]["id"]


def report(gateway, kafka, direct, http_floor) -> dict:
    floor_seq = kafka[0]["p50_ms"] + direct[0]["p50_ms"]
    floor_conc = kafka[1]["p50_ms"] + direct[1]["p50_ms"]
    return {
        "sequential": {"gateway": gateway[0], "plain_kafka_rpc": kafka[0], "direct_mongo_read": direct[0],
                       "http_only_health": http_floor[0]},
        f"{IN_FLIGHT}_in_flight": {"gateway": gateway[1], "plain_kafka_rpc": kafka[1], "direct_mongo_read": direct[1],
                                    "http_only_health": http_floor[1]},
        "ratios": {
            "sequential_p50_gateway_vs_kafka_plus_read": round(gateway[0]["p50_ms"] / floor_seq, 2),
            f"{IN_FLIGHT}_in_flight_p50_gateway_vs_kafka_plus_read": round(gateway[1]["p50_ms"] / floor_conc, 2),
            f"{IN_FLIGHT}_in_flight_throughput_gateway_vs_plain_kafka": round(
                gateway[1]["req_per_s"] / kafka[1]["req_per_s"], 2
            ),
        },
        "target": "sequential p50 ratio <= 2.0",
    }


if __name__ == "__main__":
    main()

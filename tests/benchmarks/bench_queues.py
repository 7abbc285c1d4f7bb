"""Queue benchmark: what an agent waits for between ``tasks.enqueue`` and getting the task.

In one run, on this machine:
- enqueue -> dequeue latency: ``tasks.enqueue`` (gateway -> tasks -> queues) immediately
  followed by ``queues.get_next_task`` (gateway -> queues), one task at a time, p50/p99;
- ``queues.get_next_task`` alone, one at a time, on a filled queue;
- ``get_next_task`` throughput: 8 concurrent clients pop a filled queue until it is empty;
- the floor: a direct MongoDB-wire ``find_one`` (first entry) + ``update_one`` (``$pop``) on
  queue documents of the same lengths, the two operations a pop is made of, sequential and
  8 concurrent.
Figures are p50/p99 in ms and operations per second, with ratios to the floor. Not a test.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
from pymongo import AsyncMongoClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.run import summary  # noqa: E402
from tests.support.servers import MONGO  # noqa: E402
from tests.benchmarks.client import auth_headers, post  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

PAIRS = 100  # sequential enqueue -> dequeue pairs
POPS = 100  # sequential get_next_task calls
THROUGHPUT_TASKS = 400
CLIENTS = 8


async def gather_limited(calls: list[Callable[[], Awaitable]], limit: int = CLIENTS) -> list:
    """Run the calls with at most ``limit`` in flight (setup steps, not measured)."""
    gate = asyncio.Semaphore(limit)

    async def one(call):
        async with gate:
            return await call()

    return await asyncio.gather(*(one(c) for c in calls))


async def new_tasks(http: aiohttp.ClientSession, project: str, count: int) -> list[str]:
    body = {"type": "training", "project": project}
    calls = [lambda i=i: post(http, "tasks.create", {**body, "name": f"bench-{i}"}, 5) for i in range(count)]
    return [r["id"] for r in await gather_limited(calls, 2)]


async def enqueue_pairs(http: aiohttp.ClientSession, queue: str, tasks: list[str], attempts: int = 1) -> dict:
    latencies, enqueues = [], []
    for task in tasks:
        start = time.perf_counter()
        await post(http, "tasks.enqueue", {"task": task, "queue": queue}, attempts)
        enqueues.append(time.perf_counter() - start)
        popped = await post(http, "queues.get_next_task", {"queue": queue}, attempts)
        latencies.append(time.perf_counter() - start)
        assert popped["entry"]["task"] == task
    return {**summary(latencies), "tasks_enqueue_alone": summary(enqueues)}


async def fill(http: aiohttp.ClientSession, queue: str, tasks: list[str]) -> None:
    await gather_limited([lambda t=t: post(http, "tasks.enqueue", {"task": t, "queue": queue}, 3) for t in tasks])


async def pops_sequential(http: aiohttp.ClientSession, queue: str, count: int) -> dict:
    latencies = []
    for _ in range(count):
        start = time.perf_counter()
        assert (await post(http, "queues.get_next_task", {"queue": queue})).get("entry")
        latencies.append(time.perf_counter() - start)
    return summary(latencies)


async def pops_concurrent(http: aiohttp.ClientSession, queue: str, expected: int) -> dict:
    latencies: list[float] = []
    popped: list[str] = []

    async def client():
        while True:
            start = time.perf_counter()
            answer = await post(http, "queues.get_next_task", {"queue": queue})
            if not answer.get("entry"):
                return
            latencies.append(time.perf_counter() - start)
            popped.append(answer["entry"]["task"])

    wall = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    wall = time.perf_counter() - wall
    assert len(popped) == len(set(popped)) == expected, "every entry must be handed out exactly once"
    return {**summary(latencies), "pops_per_s": round(expected / wall)}


def entries(count: int) -> list[dict]:
    """Entries shaped like the real ones (32-hex task id, time, owner, name)."""
    now = datetime.now(timezone.utc)
    return [{"task": f"{i:032x}", "added": now, "user": "u" * 32, "name": f"bench-{i}"} for i in range(count)]


async def floor(stack: Stack) -> tuple[dict, dict]:
    """The pop a queue is built on, straight to the MongoDB-wire server: ``find_one`` of the
    first entry, then ``update_one`` ``$pop`` conditional on it (again if another client won),
    on queue documents as long as the gateway runs' (sequential: 30 + ``POPS`` entries;
    8 clients: ``THROUGHPUT_TASKS`` entries, popped until empty)."""
    mongo = AsyncMongoClient(MONGO, tz_aware=True)
    collection = mongo[f"{stack.db_prefix}bench_queues"]["queue"]
    await collection.insert_many([{"_id": "seq", "entries": entries(30 + POPS), "seq": 0},
                                  {"_id": "conc", "entries": entries(THROUGHPUT_TASKS), "seq": 0}])

    async def pop(queue_id: str) -> bool:
        while True:
            doc = await collection.find_one({"_id": queue_id}, {"entries": {"$slice": 1}})
            if not doc["entries"]:
                return False
            done = await collection.update_one({"_id": queue_id, "entries.0.task": doc["entries"][0]["task"]},
                                               {"$pop": {"entries": -1}, "$inc": {"seq": 1}})
            if done.modified_count:
                return True

    for _ in range(30):
        await pop("seq")
    sequential = []
    for _ in range(POPS):
        start = time.perf_counter()
        assert await pop("seq")
        sequential.append(time.perf_counter() - start)
    concurrent: list[float] = []

    async def client():
        while True:
            start = time.perf_counter()
            if not await pop("conc"):
                return
            concurrent.append(time.perf_counter() - start)

    wall = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    wall = time.perf_counter() - wall
    await mongo.close()
    assert len(concurrent) == THROUGHPUT_TASKS
    return summary(sequential), {**summary(concurrent), "ops_per_s": round(THROUGHPUT_TASKS / wall)}


async def run(stack: Stack) -> dict:
    """The queue figures of one started ``Stack`` (see the module docstring)."""
    auth = auth_headers(stack)
    async with aiohttp.ClientSession(stack.url, headers=auth, connector=aiohttp.TCPConnector(limit=CLIENTS)) as http:
        project = (await post(http, "projects.create", {"name": f"bench-queues-{stack.run_id}", "description": "b"}))["id"]
        queue = (await post(http, "queues.create", {"name": f"bench-{stack.run_id}"}))["id"]
        tasks = await new_tasks(http, project, 30 + PAIRS + POPS + THROUGHPUT_TASKS)
        warm, tasks = tasks[:30], tasks[30:]
        await enqueue_pairs(http, queue, warm, attempts=3)
        pairs = await enqueue_pairs(http, queue, tasks[:PAIRS])
        await fill(http, queue, tasks[PAIRS:PAIRS + POPS])
        pops = await pops_sequential(http, queue, POPS)
        await fill(http, queue, tasks[PAIRS + POPS:])
        throughput = await pops_concurrent(http, queue, THROUGHPUT_TASKS)
    floor_seq, floor_conc = await floor(stack)
    return {
        "enqueue_then_get_next_task": pairs,
        "get_next_task_sequential": pops,
        f"get_next_task_{CLIENTS}_clients": throughput,
        "direct_mongo_find_one_plus_update_one": {"sequential": floor_seq, f"{CLIENTS}_clients": floor_conc},
        "ratios": {
            "get_next_task_p50_vs_direct_pop_p50": round(pops["p50_ms"] / floor_seq["p50_ms"], 2),
            "enqueue_dequeue_p50_vs_direct_pop_p50": round(pairs["p50_ms"] / floor_seq["p50_ms"], 2),
            f"throughput_{CLIENTS}_clients_vs_direct_pops": round(throughput["pops_per_s"] / floor_conc["ops_per_s"], 2),
        },
    }


"""Tasks list benchmark: the UI's list pages over 10,000 tasks in 100 projects.

Data: 100 projects and 10,000 tasks (hyper-parameters, tags, ``last_metrics``, mixed statuses)
built with ``services.tasks.domain`` (the builders ``projects.create`` / ``tasks.create`` use)
and inserted straight into the stack's tasks database with ``insert_many`` (the company and
user are read from a project made through the API first). The tasks process is then used as
it is: it created its indexes at start.

In one run, on this machine, sequential requests, p50/p99 in ms:
- ``tasks.get_all_ex``: a page of 50 with a status, a tag and a name filter, ordered by a
  metric (``-last_metrics.<m>.<v>.value``), through the gateway; beside it the same page read
  directly with the query the repository runs (``queries`` + ``planning``: an aggregation led
  by the ``(company, status, tags)`` index) and as one naive ``find`` of the same filter, sort
  and projection (which SecantusDB answers with a collection scan);
- the same page ordered by a hyper-parameter value (numeric order: an aggregation), beside
  the same aggregation run directly;
- ``projects.get_all_ex`` with ``include_stats`` (a page of 50 projects), beside the two
  direct reads it is made of (the projects page, the grouped statistics of their tasks);
- ``tasks.enqueue`` + ``tasks.dequeue`` of one task, beside the six direct operations a pair
  is at least made of (conditional status update + read back of the task, twice; the queue
  entry pushed and pulled).
Ratios are gateway p50 / direct p50. Not a test: nothing asserts the figures.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import aiohttp
from pymongo import AsyncMongoClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.tasks import domain  # noqa: E402
from services.tasks.store.criteria import Selection  # noqa: E402
from services.tasks.store.queries import project_query, task_query  # noqa: E402
from services.tasks.store.repository import MongoProjectRepository, MongoTaskRepository  # noqa: E402
from shared.schemas import projects as projects_api  # noqa: E402
from shared.schemas import tasks as tasks_api  # noqa: E402
from tests.benchmarks.run import summary  # noqa: E402
from tests.support.servers import MONGO  # noqa: E402
from tests.benchmarks.client import auth_headers, post  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

PROJECTS = 100
TASKS = 10_000
RUNS = 200
STATS_RUNS = 60
PAIRS = 100
METRIC, VARIANT = "5f4dcc3b5aa765d61d8327deb882cf99", "e99a18c428cb38d5f260853678922e03"
STATUSES = ("created", "completed", "completed", "failed", "in_progress", "stopped")
TAGS = [f"tag{n}" for n in range(10)]

PAGE = {"status": ["completed"], "tags": ["tag3"], "name": "^exp-1", "page": 0, "page_size": 50,
        "order_by": [f"-last_metrics.{METRIC}.{VARIANT}.value"],
        "only_fields": ["id", "name", "status", "tags", "project", "last_update", "last_metrics"]}
HYPER_PAGE = {**PAGE, "order_by": ["-hyperparams.Args.lr.value"]}
STATS = {"include_stats": True, "page": 0, "page_size": 50, "order_by": ["name"], "search_hidden": False}


async def timed(call: Callable[[], Awaitable], runs: int) -> dict:
    for _ in range(5):
        await call()  # warm up
    latencies = []
    for _ in range(runs):
        start = time.perf_counter()
        await call()
        latencies.append(time.perf_counter() - start)
    return summary(latencies)


def make_task(rng: random.Random, n: int, project: str, company: str, user: str, now) -> dict:
    fields = {
        "name": f"exp-{n}", "type": "training", "project": project,
        "tags": rng.sample(TAGS, 2), "comment": f"run {n}",
        "hyperparams": {"Args": {"lr": {"section": "Args", "name": "lr", "value": str(round(rng.uniform(0, 1), 4))},
                                 "batch": {"section": "Args", "name": "batch", "value": str(rng.choice([16, 32]))}}},
    }
    doc = domain.new_task(f"bench{n:027d}", company, user, fields, now - timedelta(seconds=TASKS - n))
    doc["status"] = rng.choice(STATUSES)
    doc["last_metrics"] = {METRIC: {VARIANT: {"metric": "loss", "variant": "total", "value": rng.random()}}}
    doc["last_iteration"] = rng.randint(0, 1000)
    return doc


async def insert(db, company: str, user: str) -> tuple[list[str], float]:
    """100 projects and 10,000 tasks straight into the database -> (project ids, seconds)."""
    rng, now, start = random.Random(7), domain.utc_now(), time.perf_counter()
    projects = []
    for p in range(PROJECTS):
        path = domain.parse_project_name(f"bench-p{p:03d}")
        projects.append(domain.new_project(f"benchp{p:027d}", company, user, path, None, {}, now))
    await db["project"].insert_many(projects)
    ids = [p["_id"] for p in projects]
    docs = [make_task(rng, n, ids[n % PROJECTS], company, user, now) for n in range(TASKS)]
    for chunk in range(0, TASKS, 1000):
        await db["task"].insert_many(docs[chunk:chunk + 1000])
    return ids, time.perf_counter() - start


async def direct_reads(db, company: str) -> dict[str, Callable[[], Awaitable]]:
    """The same reads, straight on the collections: the planned queries the repository runs
    (``tasks``, ``hyper``, ``stats``), and the page as one naive ``find`` (``naive``)."""
    page = task_query(company, tasks_api.GetAllExRequest.model_validate(PAGE))
    hyper = task_query(company, tasks_api.GetAllExRequest.model_validate(HYPER_PAGE))
    projects_page = project_query(company, projects_api.GetAllExRequest.model_validate(STATS))
    tasks, projects = MongoTaskRepository(db), MongoProjectRepository(db)

    async def naive_page():
        cursor = db["task"].find(page.filter, page.projection).sort(page.sort).skip(page.skip).limit(page.limit)
        await cursor.to_list()

    async def stats():
        ids = [p["_id"] for p in await projects.find(projects_page)]
        # the projects' tasks, hidden ones included (as clearml-server counts them)
        await tasks.group_stats(Selection(company, public=True, projects=ids), domain.utc_now() - timedelta(hours=24))

    return {"tasks": lambda: tasks.find(page), "naive": naive_page, "hyper": lambda: tasks.find(hyper),
            "stats": stats}


async def pair_floor(db, company: str) -> dict:
    """Enqueue + dequeue at their smallest: 6 direct operations on a task and a queue document."""
    await db["bench_floor_task"].insert_one({"_id": "t", "company": company, "status": "created"})
    await db["bench_floor_queue"].insert_one({"_id": "q", "entries": []})

    async def pair():
        for old, new in (("created", "queued"), ("queued", "created")):
            await db["bench_floor_task"].update_one({"_id": "t", "status": old}, {"$set": {"status": new}})
            await db["bench_floor_task"].find_one({"_id": "t"})
            if new == "queued":
                await db["bench_floor_queue"].update_one({"_id": "q"}, {"$push": {"entries": {"task": "t"}}})
            else:
                await db["bench_floor_queue"].update_one({"_id": "q"}, {"$pull": {"entries": {"task": "t"}}})

    return await timed(pair, PAIRS)


async def run(stack: Stack) -> dict:
    auth = auth_headers(stack)
    mongo = AsyncMongoClient(MONGO, tz_aware=True)
    db = mongo[f"{stack.db_prefix}cairn_tasks"]
    async with aiohttp.ClientSession(stack.url, headers=auth) as http:
        seed = (await post(http, "projects.create", {"name": f"bench-tasks-{stack.run_id}"}))["id"]
        owner = await db["project"].find_one({"_id": seed})
        company, user = owner["company"], owner["user"]
        projects, seconds = await insert(db, company, user)
        found = await post(http, "tasks.get_all_ex", PAGE)
        gateway = {
            "tasks": lambda: post(http, "tasks.get_all_ex", PAGE),
            "hyper": lambda: post(http, "tasks.get_all_ex", HYPER_PAGE),
            "stats": lambda: post(http, "projects.get_all_ex", STATS),
        }
        direct = await direct_reads(db, company)
        figures = {}
        for name, runs in (("tasks", RUNS), ("hyper", RUNS), ("stats", STATS_RUNS)):
            figures[name] = {"gateway": await timed(gateway[name], runs), "direct": await timed(direct[name], runs)}
        figures["tasks"]["naive"] = await timed(direct["naive"], STATS_RUNS)
        figures["enqueue_dequeue"] = {"gateway": await enqueue_pairs(http, projects[0]),
                                      "direct": await pair_floor(db, company)}
    await mongo.close()
    return report(figures, seconds, len(found["tasks"]))


async def enqueue_pairs(http: aiohttp.ClientSession, project: str) -> dict:
    queue = (await post(http, "queues.create", {"name": "bench-tasks"}))["id"]
    task = (await post(http, "tasks.create", {"name": "bench-q", "type": "training", "project": project}))["id"]

    async def pair():
        await post(http, "tasks.enqueue", {"task": task, "queue": queue})
        await post(http, "tasks.dequeue", {"task": task})

    return await timed(pair, PAIRS)


def report(figures: dict, seconds: float, page_rows: int) -> dict:
    names = {"tasks": "tasks.get_all_ex page of 50 (status+tag+name, by metric)",
             "hyper": "tasks.get_all_ex same page by hyperparams value (numeric)",
             "stats": "projects.get_all_ex page of 50 with stats",
             "enqueue_dequeue": "tasks.enqueue + tasks.dequeue"}
    out: dict = {"data": {"projects": PROJECTS, "tasks": TASKS, "inserted_in_s": round(seconds, 1),
                          "how": "domain.new_task documents, insert_many into the stack's tasks DB",
                          "page_rows": page_rows}}
    for key, label in names.items():
        gateway, direct = figures[key]["gateway"], figures[key]["direct"]
        out[label] = {"gateway": gateway, "direct_mongo": direct,
                      "p50_ratio": round(gateway["p50_ms"] / max(direct["p50_ms"], 0.01), 2)}
        if "naive" in figures[key]:
            naive = figures[key]["naive"]
            out[label]["direct_naive_single_find"] = naive
            out[label]["p50_ratio_vs_naive_find"] = round(gateway["p50_ms"] / max(naive["p50_ms"], 0.01), 2)
    return out


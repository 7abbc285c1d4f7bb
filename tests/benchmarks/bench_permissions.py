"""Permissions benchmark (issue 16): ``tasks.get_all`` with access rules enforced against the
same call by the same user with none, in one run.

Data: 100 projects and 10,000 tasks (``bench_tasks.insert``: inserted straight into the
stack's tasks database, in the stack's first company); a normal user of that company with a
key pair of its own (``tests/e2e/identity/people.py``).

Rules: 100, published as identity publishes them (an ``AccessRulesChanged`` snapshot on the
identity changes topic) besides the default category rules (everyone reads and writes):
60 project rules naming the user (read), 20 project rules naming someone else (those
projects are closed to the user), 20 task rules (10 naming the user, 10 someone else, on tasks
of closed and open projects). The baseline is the same company unmanaged (the same snapshot
with ``managed`` false: open to every user, as before access control).

Calls, sequential, p50/p99 in ms, measured in alternating rounds (baseline, enforced, four
times each) so that drift of the shared machine falls on both; a call the gateway answers 503
(the tasks process busier than its 5 s deadline) is counted, not timed:
- ``page``: ``tasks.get_all`` a page of 100 ordered by ``-last_update`` (a UI list page);
- ``filtered``: ``tasks.get_all`` of status ``completed``, a page of 100 ordered by name.
The ratio is enforced p50 / baseline p50 (target <= 1.3). Not a test: nothing asserts.

Measured 2026-12-08, three runs on the shared 2-core machine (load average 6-13, other
sessions' suites running), 7,997 of the 10,000 tasks readable, p50 enforced / baseline:
``page`` 1.10x, 1.13x, 1.11x (2,075 -> 2,280 ms, 1,913 -> 2,161 ms, 1,120 -> 1,247 ms);
``filtered`` 1.07x, 0.98x, 1.03x. The previous ``$nin`` condition, run right after the third
run in the same conditions: ``page`` 1.40x (1,222 -> 1,705 ms), ``filtered`` 1.35x. SecantusDB
matches every document of an unindexed condition in Python, and its ``$nin`` compares each
listed value with a type-aware equality per document: the 20 closed projects cost the
full-collection page ~600 ms. The store now writes exclusions as one anchored regular
expression (``services.tasks.store.access.none_of``: one compiled C match per document); what
remains is the ~20% more documents scanned to fill a page and the ``$or`` of the few tasks
whose own rules overrule their project.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from pathlib import Path

import aiohttp
from pymongo import AsyncMongoClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_tasks import insert  # noqa: E402
from tests.benchmarks.run import summary  # noqa: E402
from tests.benchmarks.client import auth_headers, post  # noqa: E402
from tests.e2e.identity.people import make_person  # noqa: E402
from tests.e2e.permissions.snapshots import RulePublisher, rule  # noqa: E402
from tests.support.servers import MONGO  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

RUNS = 15
ROUNDS = 4
CALLS = {
    "page": {"page": 0, "page_size": 100, "order_by": ["-last_update"],
             "only_fields": ["id", "name", "status", "project", "last_update"]},
    "filtered": {"status": ["completed"], "page": 0, "page_size": 100, "order_by": ["name"],
                 "only_fields": ["id", "name", "status", "project"]},
}


def rules_for(user: str, projects: list[str], tasks: list[str]) -> tuple[list, list[str]]:
    """The 100 rules, and the projects they close to ``user``."""
    rng = random.Random(16)
    shuffled = rng.sample(projects, len(projects))
    readable, closed = shuffled[:60], shuffled[60:80]
    found = [rule("project", p, "read", user) for p in readable]
    found += [rule("project", p, "read_write", "someone-else") for p in closed]
    picked = rng.sample(tasks, 20)
    found += [rule("task", t, "read", user) for t in picked[:10]]
    found += [rule("task", t, "read", "someone-else") for t in picked[10:]]
    return found, closed


async def run(stack: Stack) -> dict:
    mongo = AsyncMongoClient(MONGO, tz_aware=True)
    db = mongo[f"{stack.db_prefix}cairn_tasks"]
    async with aiohttp.ClientSession(stack.url, headers=auth_headers(stack)) as admin:
        seed = (await post(admin, "projects.create", {"name": f"bench-perm-{stack.run_id}"}, attempts=5))["id"]
    owner = await db["project"].find_one({"_id": seed})
    company = owner["company"]
    projects, seconds = await insert(db, company, owner["user"])
    placed = {t["_id"]: t["project"] for t in await db["task"].find({"company": company}, {"project": 1}).to_list()}
    tasks = sorted(placed)
    person = make_person(stack, "user", company)
    publisher = RulePublisher(stack, company)
    rules, closed = rules_for(person.user, projects, tasks)
    readable = _readable(rules, closed, placed, person.user)
    figures: dict[str, dict[str, list[dict]]] = {name: {"baseline": [], "enforced": []} for name in CALLS}
    async with aiohttp.ClientSession(stack.url, auth=aiohttp.BasicAuth(*person.auth)) as http:
        for _ in range(ROUNDS):
            for mode in ("baseline", "enforced"):
                await publisher.send(*rules, managed=mode == "enforced")
                await _settled(http, mode, closed[0])
                for name, body in CALLS.items():
                    figures[name][mode].append(await _timed(http, body))
    await mongo.close()
    return report(figures, seconds, {"baseline": len(placed), "enforced": readable})


async def _timed(http: aiohttp.ClientSession, body: dict) -> dict:
    """``RUNS`` sequential ``tasks.get_all`` calls after 2 warm-up ones."""
    latencies, refused = [], 0
    for n in range(RUNS + 2):
        start = time.perf_counter()
        async with http.post("/v2.23/tasks.get_all", json=body) as response:
            await response.read()
            ok = response.status == 200
        if n >= 2:
            if ok:
                latencies.append(time.perf_counter() - start)
            else:
                refused += 1
    return {**(summary(latencies) if latencies else {}), "refused": refused}


async def _settled(http: aiohttp.ClientSession, mode: str, closed: str) -> None:
    """Wait until the tasks process decides with the snapshot just published: the 100 tasks of
    a closed project are hidden (but the few task rules show) exactly when the rules are
    enforced."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        got = await post(http, "tasks.get_all", {"only_fields": ["id"], "project": [closed], "page_size": 500})
        hidden = len(got["tasks"]) < 50
        if hidden == (mode == "enforced"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the {mode} rules never took effect")


def _readable(rules: list, closed: list[str], placed: dict[str, str], user: str) -> int:
    """How many tasks the user reads under ``rules`` (a task rule decides before its project)."""
    own = {r.entity_id: user in r.users for r in rules if r.entity_type == "task"}
    return sum(own.get(t, p not in closed) for t, p in placed.items())


def _p50(runs: list[dict]) -> float:
    """The mean of the rounds' p50s."""
    timed = [r["p50_ms"] for r in runs if "p50_ms" in r]
    return round(sum(timed) / max(len(timed), 1), 2)


def report(figures: dict, seconds: float, counts: dict) -> dict:
    labels = {"page": "tasks.get_all page of 100 by -last_update",
              "filtered": "tasks.get_all status=completed, page of 100 by name"}
    out: dict = {"data": {"projects": 100, "tasks": 10_000, "rules": 100, "inserted_in_s": round(seconds, 1),
                          "tasks_readable": counts}}
    for name, label in labels.items():
        baseline, enforced = _p50(figures[name]["baseline"]), _p50(figures[name]["enforced"])
        out[label] = {"baseline_no_rules": figures[name]["baseline"], "enforced_100_rules": figures[name]["enforced"],
                      "p50_baseline_ms": baseline, "p50_enforced_ms": enforced,
                      "p50_ratio": round(enforced / max(baseline, 0.01), 2)}
    return out

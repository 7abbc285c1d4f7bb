"""The load run (issue 18, item 6): N concurrent clients doing what the clearml SDK does for a
training run, for a bounded time, against the same clients doing only ``debug.ping``.

Each client is its own aiohttp session (its own connections, as separate SDK processes are)
and repeats one training run until the time is up:

1. ``auth.login`` with the stack's key pair (Basic auth) -> a token; every call after it is a
   Bearer call with that token;
2. ``projects.get_all`` of the client's project by exact name, ``projects.create`` when it
   does not exist yet (the first run of each client);
3. ``tasks.create``, ``tasks.edit`` (hyper-parameters and a configuration object, the SDK's
   shapes), ``tasks.started``;
4. ``events.add_batch`` ``REPORTS`` times: scalars (4 series x ``ITERS`` iterations) and log
   lines in one JSON-lines body (``application/json-lines``, as ``Session.send_batch`` does);
5. ``tasks.get_by_id``, ``events.get_task_log``, ``events.scalar_metrics_iter_histogram``
   (the read back; the counts found are checked: a wrong answer is an error);
6. ``tasks.completed``.

A call is an error when it is not answered 200 within ``TIMEOUT`` s, or its answer is wrong;
a run that meets an error goes on with its next run. Per endpoint: count, errors, p50, p99 in
ms; totals: clients, requests, errors, error rate, requests/s. The baseline: the same clients
doing only ``debug.ping`` (Bearer, through the gateway, Kafka and the identity process) for
``BASELINE_SECONDS`` in the same run, before the load; ratios are an endpoint's p50 over the
ping p50, and the load's requests/s over the ping's. ``failed`` is true when the error rate is
not 0 (``run.py`` then exits non-zero).

Settings (environment): ``BENCH_LOAD_CLIENTS`` (16), ``BENCH_LOAD_SECONDS`` (60),
``BENCH_LOAD_BASELINE_SECONDS`` (15).

Measured 2026-12-07 on the shared 2-core machine (load average 6-15, other suites running),
one instance of each process, 16 clients, 63 s: 159 training runs, 1,924 requests, 0 errors
(error rate 0), 30.4 requests/s; baseline ``debug.ping`` 9,990 in 15 s, 665 requests/s,
p50 17.0 / p99 120 ms. p50 / p99 ms (p50 over the ping's): auth.login 100 / 453 (5.9x),
projects.get_all 195 / 480 (11.5x), projects.create 404 / 575 (23.8x, 16 calls),
tasks.create 503 / 1,114 (29.6x), tasks.edit 505 / 1,106 (29.7x), tasks.started 653 / 1,275
(38.4x), events.add_batch (45 events) 823 / 1,988 (48.4x: answered once searchable),
tasks.get_by_id 130 / 338 (7.6x), events.get_task_log 322 / 977 (18.9x),
events.scalar_metrics_iter_histogram 347 / 900 (20.4x), tasks.completed 538 / 1,075 (31.7x).
A second run (load average 12-17): 138 runs, 1,672 requests, 0 errors, 25.7 requests/s, ping
p50 25 ms; the same order, p50s 1.1-1.8x the first run's (projects.create 2,065 ms: the 16
clients create their projects under one new parent at once).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.run import summary  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "16"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
BASELINE_SECONDS = float(os.environ.get("BENCH_LOAD_BASELINE_SECONDS", "15"))
TIMEOUT = 30.0
REPORTS = 3
ITERS = 10
SERIES = (("loss", "train"), ("loss", "val"), ("accuracy", "train"), ("accuracy", "val"))
LOG_LINES = 5
VERSION = "v2.23"


class CallFailed(Exception):
    """A call that was not answered 200 with a right answer (already counted)."""


class Recorder:
    """Latencies and errors per endpoint, shared by every client (one event loop)."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.untimed: dict[str, int] = defaultdict(int)  # errors with no latency recorded
        self.samples: list[str] = []

    def error(self, endpoint: str, what: str, timed: bool = False) -> None:
        self.errors[endpoint] += 1
        if not timed:
            self.untimed[endpoint] += 1
        if len(self.samples) < 10:
            self.samples.append(f"{endpoint}: {what}"[:300])

    def figures(self, wall: float, baseline_p50: float | None = None) -> dict:
        endpoints = {}
        for name in sorted(set(self.latencies) | set(self.errors)):
            times = self.latencies[name]
            row = {"count": len(times) + self.untimed[name], "errors": self.errors[name]}
            if times:
                row.update(summary(times))
                if baseline_p50:
                    row["p50_vs_ping"] = round(row["p50_ms"] / baseline_p50, 2)
            endpoints[name] = row
        requests = sum(row["count"] for row in endpoints.values())
        errors = sum(self.errors.values())
        return {"clients": CLIENTS, "seconds": round(wall, 1), "requests": requests, "errors": errors,
                "error_rate": round(errors / requests, 6) if requests else 1.0,
                "req_per_s": round(requests / wall, 1), "endpoints": endpoints,
                "error_samples": self.samples}


async def call(http: aiohttp.ClientSession, rec: Recorder, endpoint: str, body, *,
               lines: bool = False, auth: aiohttp.BasicAuth | None = None) -> dict:
    """One timed call -> its data; a failure is counted and raised as ``CallFailed``."""
    kwargs: dict = {"auth": auth}
    if lines:
        kwargs["data"] = "\n".join(json.dumps(event) for event in body)
        kwargs["headers"] = {"Content-Type": "application/json-lines"}
    else:
        kwargs["json"] = body
    start = time.perf_counter()
    try:
        async with http.post(f"/{VERSION}/{endpoint}", **kwargs) as response:
            text = await response.text()
            status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        rec.error(endpoint, f"{type(exc).__name__} {exc}")
        raise CallFailed from exc
    elapsed = time.perf_counter() - start
    if status != 200:
        rec.error(endpoint, f"HTTP {status} {text}")
        raise CallFailed
    rec.latencies[endpoint].append(elapsed)
    return json.loads(text)["data"]


def check(rec: Recorder, endpoint: str, ok: bool, what: str) -> None:
    """A 200 with a wrong answer is an error too (its latency stays recorded)."""
    if not ok:
        rec.error(endpoint, f"wrong answer: {what}", timed=True)
        raise CallFailed


def report_batch(task: str, report: int) -> list[dict]:
    """One flush of the SDK's reporter: scalars of ``ITERS`` iterations and a few log lines."""
    now = int(time.time() * 1000)
    events = [{"type": "training_stats_scalar", "task": task, "timestamp": now, "iter": report * ITERS + i,
               "metric": metric, "variant": variant, "value": 1.0 / (1 + report * ITERS + i)}
              for i in range(ITERS) for metric, variant in SERIES]
    events += [{"type": "log", "task": task, "timestamp": now, "iter": report * ITERS, "level": "info",
                "worker": "load", "msg": f"epoch {report} line {j}"} for j in range(LOG_LINES)]
    return events


EDIT = {
    "hyperparams": {"Args": {
        "lr": {"section": "Args", "name": "lr", "value": "0.01", "type": "float", "description": ""},
        "batch_size": {"section": "Args", "name": "batch_size", "value": "32", "type": "int", "description": ""},
        "epochs": {"section": "Args", "name": "epochs", "value": str(REPORTS), "type": "int", "description": ""},
    }},
    "configuration": {"General": {"name": "General", "type": "dictionary", "description": "",
                                  "value": json.dumps({"optimizer": "adam", "layers": [64, 32, 10]})}},
}


async def training_run(http: aiohttp.ClientSession, rec: Recorder, basic: aiohttp.BasicAuth,
                       project_name: str, n: int) -> None:
    token = (await call(http, rec, "auth.login", {}, auth=basic))["token"]
    http.headers["Authorization"] = f"Bearer {token}"
    found = (await call(http, rec, "projects.get_all",
                        {"name": f"^{project_name}$", "only_fields": ["id"], "search_hidden": True}))["projects"]
    if found:
        project = found[0]["id"]
    else:
        project = (await call(http, rec, "projects.create", {"name": project_name, "description": "load"}))["id"]
    task = (await call(http, rec, "tasks.create", {"name": f"run {n}", "type": "training", "project": project,
                                                   "script": {"entry_point": "train.py"}}))["id"]
    edited = await call(http, rec, "tasks.edit", {"task": task, "force": True, **EDIT})
    check(rec, "tasks.edit", edited.get("updated") == 1, str(edited))
    await call(http, rec, "tasks.started", {"task": task})
    for report in range(REPORTS):
        added = await call(http, rec, "events.add_batch", report_batch(task, report), lines=True)
        check(rec, "events.add_batch", added.get("added") == ITERS * len(SERIES) + LOG_LINES, str(added))
    got = (await call(http, rec, "tasks.get_by_id", {"task": task}))["task"]
    check(rec, "tasks.get_by_id", got["status"] == "in_progress"
          and got["hyperparams"]["Args"]["lr"]["value"] == "0.01", f"{got['status']} {got.get('hyperparams')}")
    log = await call(http, rec, "events.get_task_log", {"task": task, "batch_size": 100})
    check(rec, "events.get_task_log", len(log["events"]) == REPORTS * LOG_LINES, f"{len(log['events'])} lines")
    scalars = await call(http, rec, "events.scalar_metrics_iter_histogram", {"task": task})
    points = {(m, v): len(series["x"]) for m, variants in scalars.items() for v, series in variants.items()}
    check(rec, "events.scalar_metrics_iter_histogram",
          points == {s: REPORTS * ITERS for s in SERIES}, str(points))
    await call(http, rec, "tasks.completed", {"task": task})


async def load_client(stack: Stack, rec: Recorder, index: int, deadline: float) -> int:
    basic = aiohttp.BasicAuth(stack.key, stack.secret)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    runs = 0
    async with aiohttp.ClientSession(stack.url, timeout=timeout) as http:
        while time.monotonic() < deadline:
            http.headers.pop("Authorization", None)
            try:
                await training_run(http, rec, basic, f"load-{stack.run_id}/client-{index}", runs)
                runs += 1
            except CallFailed:
                await asyncio.sleep(0.5)
    return runs


async def ping_client(stack: Stack, rec: Recorder, deadline: float) -> None:
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    async with aiohttp.ClientSession(stack.url, timeout=timeout) as http:
        login = Recorder()  # not part of the baseline's figures, but a failed login fails the run
        try:
            basic = aiohttp.BasicAuth(stack.key, stack.secret)
            token = (await call(http, login, "auth.login", {}, auth=basic))["token"]
        except CallFailed:
            rec.error("auth.login", login.samples[0])
            return
        http.headers["Authorization"] = f"Bearer {token}"
        while time.monotonic() < deadline:
            try:
                await call(http, rec, "debug.ping", {})
            except CallFailed:
                await asyncio.sleep(0.5)


async def run(stack: Stack) -> dict:
    # warm up, not counted: one training run (first connections, the task's index, caches)
    warm = Recorder()
    async with aiohttp.ClientSession(stack.url, timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as http:
        try:
            basic = aiohttp.BasicAuth(stack.key, stack.secret)
            await training_run(http, warm, basic, f"load-{stack.run_id}/warm", 0)
        except CallFailed:
            pass

    ping = Recorder()
    start = time.monotonic()
    await asyncio.gather(*(ping_client(stack, ping, start + BASELINE_SECONDS) for _ in range(CLIENTS)))
    baseline = ping.figures(time.monotonic() - start)

    load = Recorder()
    start = time.monotonic()
    runs = await asyncio.gather(*(load_client(stack, load, i, start + SECONDS) for i in range(CLIENTS)))
    figures = load.figures(time.monotonic() - start, baseline["endpoints"].get("debug.ping", {}).get("p50_ms"))
    figures["training_runs_completed"] = sum(runs)
    figures["warm_up_errors"] = warm.samples
    ping_rate = baseline["req_per_s"]
    return {
        "load": figures,
        "baseline_debug_ping": baseline,
        "ratios": {"req_per_s_load_vs_ping": round(figures["req_per_s"] / ping_rate, 3) if ping_rate else None},
        "failed": figures["errors"] > 0 or baseline["errors"] > 0 or not sum(runs),
    }

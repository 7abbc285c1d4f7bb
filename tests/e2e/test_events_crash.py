"""Nothing acknowledged is lost, nothing is stored twice: the events process is killed with
SIGKILL in the middle of an ingest and started again while clients keep sending (and retry
what timed out, as the SDK does)."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
import pytest

from services.events.domain import md5

pytestmark = pytest.mark.e2e

SERIES, ITERATIONS, BATCH = 10, 20_000, 500  # 200k events, as the acceptance asks


def batches(task_id: str) -> list[str]:
    events = [
        json.dumps({"type": "training_stats_scalar", "task": task_id, "iter": i, "metric": "m", "variant": f"v{s}",
                    "value": float(i * 10 + s)})
        for i in range(ITERATIONS)
        for s in range(SERIES)
    ]
    return ["\n".join(events[n:n + BATCH]) for n in range(0, len(events), BATCH)]


async def send_until_acknowledged(client: httpx.AsyncClient, body: str, acknowledged: list) -> None:
    while True:
        try:
            answer = await client.post("/v2.23/events.add_batch", content=body,
                                       headers={"Content-Type": "application/json-lines"})
        except httpx.HTTPError:
            await asyncio.sleep(0.5)
            continue
        if answer.status_code == 200:
            assert answer.json()["data"]["added"] == BATCH
            acknowledged.append(1)
            return
        assert answer.status_code in (502, 503), answer.text  # retryable, like the SDK
        await asyncio.sleep(0.5)


async def ingest_while_killing(stack, task_id: str) -> None:
    todo = batches(task_id)
    acknowledged: list = []
    killed_at: list = []
    queue: asyncio.Queue = asyncio.Queue()
    for body in todo:
        queue.put_nowait(body)

    async def sender(client):
        while not queue.empty():
            await send_until_acknowledged(client, queue.get_nowait(), acknowledged)

    async def killer():
        while len(acknowledged) < len(todo) // 4:
            await asyncio.sleep(0.05)
        victim = stack.procs["events"]
        victim.kill()  # SIGKILL: no clean shutdown, no commit
        assert victim.wait() == -9
        killed_at.append(len(acknowledged))
        stack.start("events")

    async with httpx.AsyncClient(base_url=stack.url, auth=(stack.key, stack.secret), timeout=30) as client:
        await asyncio.gather(killer(), *(sender(client) for _ in range(4)))
    assert len(acknowledged) == len(todo)
    assert killed_at and killed_at[0] < len(todo)  # killed while batches were still coming


def test_kill_minus_nine_loses_and_duplicates_nothing(stack):
    http = httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60)
    suffix = uuid.uuid4().hex[:8]
    project = http.post("/v2.23/projects.create", json={"name": f"e2e-crash-{suffix}", "description": ""})
    task_id = http.post("/v2.23/tasks.create", json={"name": "crash", "type": "training",
                                                     "project": project.json()["data"]["id"]}).json()["data"]["id"]
    asyncio.run(ingest_while_killing(stack, task_id))

    counted = http.post("/v2.23/events.get_task_events", json={"task": task_id, "batch_size": 1}).json()["data"]
    assert counted["total"] == SERIES * ITERATIONS  # every acknowledged event stored, none twice
    for s in range(SERIES):
        raw = http.post("/v2.23/events.scalar_metrics_iter_raw", json={
            "task": task_id, "metric": {"metric": "m", "variants": [f"v{s}"]}, "batch_size": 10_000,
            "count_total": True}).json()["data"]
        assert raw["total"] == ITERATIONS
        assert raw["variants"][f"v{s}"]["y"][:3] == [float(s), float(10 + s), float(20 + s)]
    task = http.post("/v2.23/tasks.get_by_id", json={"task": task_id}).json()["data"]["task"]
    assert task["last_iteration"] == ITERATIONS - 1
    for s in range(SERIES):
        entry = task["last_metrics"][md5("m")][md5(f"v{s}")]
        assert entry["count"] == ITERATIONS and entry["value"] == float((ITERATIONS - 1) * 10 + s)
        assert (entry["min_value"], entry["first_value_iteration"]) == (float(s), 0)
        assert entry["mean_value"] == round(sum(i * 10 + s for i in range(ITERATIONS)) / ITERATIONS, 2)

"""The facts outbox under a real kill -9: the tasks process deletes a task, then dies (SIGKILL)
before its ``TaskDeleted`` fact reaches Kafka; started again, it publishes the fact from its
outbox, and the events process removes the task's events and the files process its artifact.

The window between the change and the publication is held open with ``CAIRN_OUTBOX_HOLD_S``
(the tasks process waits there) so that the kill lands in it every time. Without the outbox
the fact dies with the process and the events and the file stay forever."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid

import httpx
import pytest
from pymongo import MongoClient

from services.tasks.main import DATABASE
from shared.messaging.outbox import COLLECTION
from tests.support.servers import ES, MONGO

pytestmark = pytest.mark.e2e


def wait_for(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
    return found


def events_of(stack, task_id: str) -> int:
    body = json.dumps({"query": {"term": {"task": task_id}}}).encode()
    url = f"{ES}/{stack.db_prefix.lower()}cairn-events-*/_count?allow_no_indices=true"
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["count"]


def task_with_events_and_artifact(stack, http) -> tuple[str, str]:
    """A task with 20 scalar events and an output artifact uploaded to the files process;
    (task id, artifact path under the files root)."""
    suffix = uuid.uuid4().hex[:8]
    project = http.post("/v2.23/projects.create", json={"name": f"e2e-outbox-{suffix}", "description": ""})
    task_id = http.post("/v2.23/tasks.create", json={"name": "outbox", "type": "training",
                                                     "project": project.json()["data"]["id"]}).json()["data"]["id"]
    lines = "\n".join(json.dumps({"type": "training_stats_scalar", "task": task_id, "iter": i, "metric": "loss",
                                  "variant": "v", "value": float(i)}) for i in range(20))
    added = http.post("/v2.23/events.add_batch", content=lines, headers={"Content-Type": "application/json-lines"})
    assert added.status_code == 200, added.text
    token = http.get("/auth.login").json()["data"]["token"]
    path = f"outbox-{suffix}/{task_id}/artifacts/a.bin"
    uploaded = httpx.post(f"{stack.files_url}/", files={path: ("a.bin", b"x" * 1000)},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert uploaded.status_code == 200, uploaded.text
    artifact = {"key": "a", "type": "custom", "mode": "output", "uri": f"{stack.files_url}/{path}"}
    edited = http.post("/v2.23/tasks.add_or_update_artifacts", json={"task": task_id, "artifacts": [artifact]})
    assert edited.status_code == 200, edited.text
    wait_for(lambda: events_of(stack, task_id) == 20, "the events to be searchable")
    assert len(list(stack.files_root.glob(f"*/{path}"))) == 1
    return task_id, path


def delete_in_background(stack, task_id: str) -> threading.Thread:
    """``tasks.delete`` from another client: its answer never comes (the process is killed)."""
    def delete() -> None:
        with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=30) as client:
            try:
                client.post("/v2.23/tasks.delete", json={"task": task_id, "force": True,
                                                         "delete_external_artifacts": True})
            except httpx.HTTPError:
                pass

    thread = threading.Thread(target=delete, daemon=True)
    thread.start()
    return thread


def test_a_deletion_killed_before_its_fact_is_announced_after_the_restart(stack, http):
    task_id, path = task_with_events_and_artifact(stack, http)
    stack.stop("tasks")
    stack.start("tasks", CAIRN_OUTBOX_HOLD_S="300")  # the change, then a wait before Kafka
    stack.wait_ready(stack.url)
    mongo = MongoClient(MONGO, serverSelectionTimeoutMS=5000)
    db = mongo[f"{stack.db_prefix}{DATABASE}"]
    try:
        delete_in_background(stack, task_id)
        wait_for(lambda: db["task"].count_documents({"_id": task_id}) == 0, "the task to be deleted")
        assert [r["fact"]["type"] for r in db[COLLECTION].find({"key": task_id})] == ["TaskDeleted"]
        victim = stack.procs["tasks"]
        victim.kill()  # SIGKILL between the change and its publication
        assert victim.wait() == -9
        time.sleep(3)  # had the fact been published, the events would be going by now
        assert events_of(stack, task_id) == 20 and len(list(stack.files_root.glob(f"*/{path}"))) == 1

        stack.start("tasks")  # production settings: the outbox is drained at start and every 10 s
        wait_for(lambda: events_of(stack, task_id) == 0, "the events of the deleted task to be removed")
        wait_for(lambda: not list(stack.files_root.glob(f"*/{path}")), "the artifact file to be removed")
        wait_for(lambda: db[COLLECTION].count_documents({"key": task_id}) == 0, "the outbox record to go")
    finally:
        mongo.close()
        if "tasks" not in stack.procs or stack.procs["tasks"].poll() is not None:
            stack.start("tasks")
    stack.wait_ready(stack.url)

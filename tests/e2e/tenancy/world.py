"""Company A's world for the tenancy suite: one of everything, named with a marker that
company B must never see, made through the gateway and the files process by A's admin."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

import httpx

from tests.e2e.api import call
from tests.e2e.identity.people import Person


@dataclass
class World:
    marker: str
    admin: Person
    ids: dict[str, str] = field(default_factory=dict)  # kind -> id
    file_path: str = ""
    file_body: bytes = b""

    def secrets(self) -> list[str]:
        """What a leak would show: the marker (in every name) and every id of A's."""
        return [self.marker, *self.ids.values()]


def _frame(frame_id: str) -> dict:
    return {"id": frame_id, "sources": [{"id": "image", "uri": f"s3://bucket/{frame_id}.jpg", "width": 8,
                                         "height": 8, "content_type": "image/jpeg"}]}


def build(url: str, files_url: str, admin: Person) -> World:
    world = World(marker=f"tenantA{uuid.uuid4().hex[:12]}", admin=admin)
    name = lambda kind: f"{world.marker}-{kind}"  # noqa: E731
    with httpx.Client(base_url=url, auth=admin.auth, timeout=60) as a:
        ids = world.ids
        ids["project"] = call(a, "projects.create", {"name": name("project"), "description": world.marker})["id"]
        ids["task"] = call(a, "tasks.create", {"name": name("task"), "type": "training", "project": ids["project"],
                                               "comment": world.marker})["id"]
        call(a, "tasks.edit_hyper_params", {"task": ids["task"], "hyperparams": [
            {"section": "Args", "name": "lr", "value": world.marker}]})
        ids["queue"] = call(a, "queues.create", {"name": name("queue")})["id"]
        ids["queued_task"] = call(a, "tasks.create", {"name": name("queued"), "type": "training",
                                                      "project": ids["project"]})["id"]
        call(a, "tasks.enqueue", {"task": ids["queued_task"], "queue": ids["queue"]})
        ids["model"] = call(a, "models.create", {"name": name("model"), "uri": f"s3://b/{world.marker}.pt",
                                                 "project": ids["project"], "task": ids["task"]})["id"]
        ids["worker"] = name("worker")
        call(a, "workers.register", {"worker": ids["worker"], "queues": [ids["queue"]]})
        call(a, "workers.status_report", {"worker": ids["worker"], "timestamp": int(time.time() * 1000),
                                          "machine_stats": {"cpu_usage": [10.0]}})
        events = [
            {"type": "training_stats_scalar", "task": ids["task"], "metric": name("metric"), "variant": "v",
             "value": 1.0, "iter": 1, "timestamp": int(time.time() * 1000)},
            {"type": "log", "task": ids["task"], "msg": world.marker, "level": "info",
             "timestamp": int(time.time() * 1000)},
        ]
        batch = a.post("/events.add_batch", content="\n".join(json.dumps(e) for e in events),
                       headers={"Content-Type": "application/json-lines"})
        assert batch.status_code == 200, batch.text
        ids["dataset"] = call(a, "datasets.create", {"name": name("dataset")})["id"]
        ids["version"] = call(a, "datasets.create_version", {"dataset": ids["dataset"], "name": name("v")})["id"]
        call(a, "datasets.save_frames", {"version": ids["version"], "frames": [_frame(f"{world.marker}f")]})
        ids["dataview"] = call(a, "dataviews.create", {"name": name("view"), "filters": [
            {"dataset": ids["dataset"], "version": ids["version"]}]})["id"]
        ids["access_key"] = admin.key
        ids["user"] = admin.user
        ids["company"] = admin.company
        token = call(a, "auth.login", {})["token"]
    world.file_path = f"{world.marker}/artifacts/a.txt"
    world.file_body = world.marker.encode()
    upload = httpx.post(f"{files_url}/", headers={"Authorization": f"Bearer {token}"},
                        files={world.file_path: (world.file_path, world.file_body)})
    assert upload.status_code == 200, upload.text
    return world

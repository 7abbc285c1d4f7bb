"""Access rules enforced by the files process (issue 16): files under a task's folder
(``<project>/<task name>.<task id>/...``, as the SDK names artifacts and debug samples) follow
the task's permission as the tasks process decides it: a download the caller may not read is
404, an upload or delete without read_write 403 (``delete_many``: ``Forbidden`` per file, and
for a folder holding such a task folder);
other paths are unchanged; admins bypass; a rule change takes effect within a second."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.api import call, unique
from tests.e2e.permissions.rules import make_company_with_people, publish, rule, seconds_until

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def company(stack):
    return make_company_with_people(stack, "file-rules")


def api(stack, person) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


def files(stack, person) -> httpx.Client:
    """A client of the files server with the person's session token (as the SDK sends it)."""
    with api(stack, person) as http:
        token = call(http, "auth.login", {})["token"]
    return httpx.Client(base_url=stack.files_url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def new_task(http) -> tuple[str, str]:
    """(task id, its artifact folder)."""
    name = unique("fr")
    task = call(http, "tasks.create", {"name": name, "type": "training"})["id"]
    return task, f"proj/{name}.{task}/artifacts"


def upload(client, path: str, data: bytes = b"payload") -> httpx.Response:
    return client.post("/", files={path: (path, data, "application/octet-stream")})


def test_task_folders_follow_the_task_and_other_paths_are_unchanged(stack, company):
    with api(stack, company.alice) as alice_api, files(stack, company.alice) as alice, \
            files(stack, company.bob) as bob, files(stack, company.admin) as admin:
        readonly_task, readonly = new_task(alice_api)
        closed_task, closed = new_task(alice_api)
        for folder in (readonly, closed):
            assert upload(alice, f"{folder}/a.bin").status_code == 200
            assert upload(alice, f"{folder}/b.bin").status_code == 200
        plain = f"proj/{unique('plain')}/notes.txt"
        assert upload(alice, plain).status_code == 200
        publish(stack, company.id, rule("task", readonly_task, "read", company.bob.user),
                rule("task", readonly_task, "read_write", company.alice.user),
                rule("task", closed_task, "read_write", company.alice.user))
        seconds_until(lambda: bob.get(f"/{closed}/a.bin").status_code == 404)
        # read only: downloads work, uploads and deletes are 403 and change nothing
        assert bob.get(f"/{readonly}/a.bin").content == b"payload"
        assert upload(bob, f"{readonly}/c.bin").status_code == 403
        assert bob.delete(f"/{readonly}/a.bin").status_code == 403
        many = bob.post("/delete_many", json={"files": [f"{readonly}/b.bin", plain]})
        assert many.json() == {"deleted": {plain: plain}, "errors": {"Forbidden": [f"{readonly}/b.bin"]}}
        folder = bob.post("/delete_many", json={"files": ["proj"]})  # holds task folders bob may not write
        assert folder.json() == {"deleted": {}, "errors": {"Forbidden": ["proj"]}}
        assert alice.get(f"/{readonly}/a.bin").status_code == 200 and alice.get(f"/{readonly}/b.bin").status_code == 200
        assert alice.get(f"/{readonly}/c.bin").status_code == 404
        # unreadable: as if absent
        assert bob.get(f"/{closed}/a.bin").status_code == 404
        assert bob.head(f"/{closed}/a.bin").status_code == 404
        assert upload(bob, f"{closed}/c.bin").status_code == 403
        # the admin bypasses; other paths are unchanged for everyone
        assert admin.get(f"/{closed}/a.bin").content == b"payload"
        assert admin.delete(f"/{closed}/b.bin").status_code == 200
        assert upload(bob, f"proj/{unique('plain')}/mine.txt").status_code == 200


def test_a_rule_change_takes_effect_within_a_second(stack, company):
    with api(stack, company.alice) as alice_api, files(stack, company.alice) as alice, \
            files(stack, company.bob) as bob:
        task, folder = new_task(alice_api)
        assert upload(alice, f"{folder}/a.bin").status_code == 200
        publish(stack, company.id)
        assert bob.get(f"/{folder}/a.bin").status_code == 200  # cached as readable
        publish(stack, company.id, rule("task", task, "read_write", company.alice.user))
        closed = seconds_until(lambda: bob.get(f"/{folder}/a.bin").status_code == 404)
        publish(stack, company.id, rule("task", task, "read", company.bob.user),
                rule("task", task, "read_write", company.alice.user))
        opened = seconds_until(lambda: bob.get(f"/{folder}/a.bin").status_code == 200)
        print(f"files: rule change seen after {closed:.3f} s (closed), {opened:.3f} s (opened)")
        assert closed < 1.0 and opened < 1.0

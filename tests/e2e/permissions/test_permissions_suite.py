"""Issue 16's acceptance suite, across the services, with rules made through identity's real
``permissions.*`` endpoints (not published by hand): for every entity type (project, task,
model, queue, dataset, dataview; a task's events, files, operations log and the tasks
process's extras) and each rule state (no rule on
the entity: the default rules; ``read`` for a group; ``read_write`` for the group), a member of
the group (alice), a user outside it (bob) and an admin list, read and write the entity:

- what the caller may not read is hidden: absent from lists, its reads and writes answer the
  owner's invalid id (files: 404 / 403);
- a write with ``read`` only is 403/21; with ``read_write`` it succeeds; admins bypass;
- ``permissions.check_entity_access`` (as the caller, and for the caller's token) agrees with
  what the service did, to the error code;
- a rule change made through identity is seen by the tasks, queues and datasets processes within
  one second (measured).

The (endpoint, rule state, user) cases are counted and printed (``-s``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.identity.people import Person, make_company, make_person
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e

OK = (200, 0)
STATES = ("none", "read", "read_write")
# What each state grants: (member of the group, user outside it)
GRANTS = {"none": ("read_write", "read_write"), "read": ("read", None), "read_write": ("read_write", None)}
CASES: list[tuple[str, str, str]] = []  # (endpoint, state, user), every case asserted


def admin_call(http: httpx.Client, endpoint: str, body: dict) -> dict:
    """``call``, retried while the service answers 503 (it asks to retry; a loaded machine)."""
    for _ in range(5):
        response = http.post(f"/v2.23/{endpoint}", json=body)
        if response.status_code != 503:
            break
    assert response.status_code == 200, response.text
    return response.json()["data"]


def outcome(response: httpx.Response) -> tuple[int, int]:
    """(result code, subcode) of an API answer; (HTTP status, 0) of the files server's."""
    try:
        return meta(response)
    except (ValueError, KeyError, TypeError):
        return response.status_code, 0


@dataclass
class Entity:
    """One entity (or a task's events or files) and how to list, read and write it."""

    kind: str  # what the suite calls it (events and files are a task's)
    entity_type: str  # the rule's and check_entity_access's entity type
    id: str
    hidden: tuple[int, int]  # the owner's answer to what the caller may not read
    read: Callable[[httpx.Client], httpx.Response]
    write: Callable[[httpx.Client], httpx.Response]
    listed: Callable[[httpx.Client], bool] | None = None
    write_hidden: tuple[int, int] | None = None  # when a write of the unreadable differs from a read
    process: str = ""
    scope: tuple[str, str] | None = None  # the rule's (entity type, id) when not the entity's: its project

    @property
    def rule_target(self) -> tuple[str, str]:
        return self.scope or (self.entity_type, self.id)


class World:
    def __init__(self, stack) -> None:
        self.stack = stack
        self.company = make_company(stack, "perm-suite")
        people = {role: make_person(stack, role if role == "admin" else "user", self.company)
                  for role in ("admin", "alice", "bob")}
        self.people: dict[str, Person] = people
        self.clients = {name: httpx.Client(base_url=stack.url, auth=p.auth, timeout=60) for name, p in people.items()}
        self.tokens = {name: call(c, "auth.login", {})["token"] for name, c in self.clients.items()}
        admin = self.clients["admin"]
        self.group = call(admin, "permissions.add_or_update_user_group",
                          {"name": unique("team"), "users": [people["alice"].user]})["id"]
        self.rules: dict[str, str] = {}
        self.entities = self._make_entities(admin)

    def _make_entities(self, admin: httpx.Client) -> list[Entity]:
        files = self.stack.files_url
        project = call(admin, "projects.create", {"name": unique("suite")})["id"]
        task_name = unique("t")
        task = call(admin, "tasks.create", {"name": task_name, "type": "training", "project": project})["id"]
        events_task = call(admin, "tasks.create", {"name": unique("ev"), "type": "training", "project": project})["id"]
        files_task = call(admin, "tasks.create", {"name": f"{task_name}f", "type": "training",
                                                  "project": project})["id"]
        model = call(admin, "models.create", {"name": unique("m"), "uri": "s3://b/m", "project": project})["id"]
        # the rules on task/model/events/files name the entity itself; the project is its own
        other_project = call(admin, "projects.create", {"name": unique("suite-p")})["id"]
        queue = call(admin, "queues.create", {"name": unique("suite-q")})["id"]
        dataset = call(admin, "datasets.create", {"name": unique("suite-d")})["id"]
        dataview = call(admin, "dataviews.create", {"name": unique("suite-dv")})["id"]
        closed = call(admin, "projects.create", {"name": unique("suite-closed")})["id"]
        inner_task = call(admin, "tasks.create", {"name": unique("in"), "type": "training", "project": closed})["id"]
        inner_model = call(admin, "models.create", {"name": unique("in"), "uri": "s3://b/m", "project": closed})["id"]
        inner_events = call(admin, "tasks.create", {"name": unique("in-ev"), "type": "training",
                                                    "project": closed})["id"]
        # the tasks process's late rooms (operations log, extras) read and write tasks too
        logged_task = call(admin, "tasks.create", {"name": unique("log"), "type": "training", "project": project})["id"]
        extras_task = call(admin, "tasks.create", {"name": unique("ex"), "type": "training", "project": project})["id"]
        inner_extras = call(admin, "tasks.create", {"name": unique("in-ex"), "type": "training",
                                                    "project": closed})["id"]
        folder = f"{task_name}f.{files_task}"
        upload = httpx.post(f"{files}/", headers={"Authorization": f"Bearer {self.tokens['admin']}"},
                            files={f"{folder}/a.txt": (f"{folder}/a.txt", b"hello")})
        assert upload.status_code == 200, upload.text

        def post(endpoint: str, body: dict) -> Callable[[httpx.Client], httpx.Response]:
            return lambda c: c.post(f"/v2.23/{endpoint}", json=body)

        def listing(endpoint: str, field: str, entity_id: str, **extra) -> Callable[[httpx.Client], bool]:
            return lambda c: entity_id in {e["id"] for e in call(c, endpoint, {"id": [entity_id], **extra})[field]}

        def bearer(c: httpx.Client) -> dict:
            name = next(n for n, client in self.clients.items() if client is c)
            return {"Authorization": f"Bearer {self.tokens[name]}"}

        def add_event(task: str) -> Callable[[httpx.Client], httpx.Response]:
            return post("events.add", {"task": task, "type": "log", "msg": "hi", "level": "info",
                                       "timestamp": int(time.time() * 1000)})

        in_closed = ("project", closed)

        return [
            Entity("project", "project", other_project, (400, 401),
                   post("projects.get_by_id", {"project": other_project}),
                   post("projects.update", {"project": other_project, "description": "x"}),
                   listing("projects.get_all", "projects", other_project), process="tasks"),
            Entity("task", "task", task, (400, 101), post("tasks.get_by_id", {"task": task}),
                   post("tasks.edit", {"task": task, "comment": "x"}),
                   listing("tasks.get_all", "tasks", task, only_fields=["id"]), process="tasks"),
            Entity("model", "model", model, (400, 201), post("models.get_by_id", {"model": model}),
                   post("models.update", {"model": model, "comment": "x"}),
                   listing("models.get_all", "models", model), process="tasks"),
            Entity("queue", "queue", queue, (400, 701), post("queues.get_by_id", {"queue": queue}),
                   post("queues.update", {"queue": queue, "display_name": "x"}),
                   listing("queues.get_all", "queues", queue), process="queues"),
            Entity("dataset", "dataset", dataset, (400, 10), post("datasets.get_by_id", {"dataset": dataset}),
                   post("datasets.update", {"dataset": dataset, "comment": "x"}),
                   listing("datasets.get_all", "datasets", dataset), process="datasets"),
            Entity("dataview", "dataview", dataview, (400, 10), post("dataviews.get_by_id", {"dataview": dataview}),
                   post("dataviews.update", {"dataview": dataview, "description": "x"}),
                   listing("dataviews.get_all", "dataviews", dataview), process="datasets"),
            Entity("events", "task", events_task, (400, 101), post("events.get_task_log", {"task": events_task}),
                   add_event(events_task), process="events"),
            Entity("files", "task", files_task, (404, 0),
                   lambda c: httpx.get(f"{files}/{folder}/a.txt", headers=bearer(c)),
                   lambda c: httpx.post(f"{files}/", headers=bearer(c),
                                        files={f"{folder}/b.txt": (f"{folder}/b.txt", b"more")}),
                   write_hidden=(403, 0), process="files"),
            # the rule on their project decides for everything under it
            Entity("task in project", "task", inner_task, (400, 101), post("tasks.get_by_id", {"task": inner_task}),
                   post("tasks.edit", {"task": inner_task, "comment": "x"}),
                   listing("tasks.get_all", "tasks", inner_task, only_fields=["id"]), process="tasks", scope=in_closed),
            Entity("model in project", "model", inner_model, (400, 201),
                   post("models.get_by_id", {"model": inner_model}),
                   post("models.update", {"model": inner_model, "comment": "x"}),
                   listing("models.get_all", "models", inner_model), process="tasks", scope=in_closed),
            Entity("events in project", "task", inner_events, (400, 101),
                   post("events.get_task_log", {"task": inner_events}), add_event(inner_events), process="events",
                   scope=in_closed),
            Entity("operations log", "task", logged_task, (400, 101),
                   post("tasks.get_operations_log", {"task": logged_task}),
                   post("tasks.clear_operations_log", {"task": logged_task}), process="tasks"),
            Entity("task extras", "task", extras_task, (400, 101),
                   post("pipelines.check_new_run", {"task": extras_task, "new_project_name": unique("run")}),
                   post("tasks.update_iteration", {"task": extras_task, "iteration": 5}), process="tasks"),
            Entity("task extras in project", "task", inner_extras, (400, 101),
                   post("pipelines.check_new_run", {"task": inner_extras, "new_project_name": unique("run")}),
                   post("tasks.share", {"tasks": [inner_extras]}), process="tasks", scope=in_closed),
        ]

    def set_rule(self, entity: Entity, state: str) -> None:
        admin = self.clients["admin"]
        key = entity.rule_target
        if state == "none":
            if key in self.rules:
                admin_call(admin, "permissions.delete_access_rules", {"rules": [self.rules.pop(key)]})
            return
        body = {"name": f"suite {key}", "description": "", "entity_type": key[0], "entity_id": key[1],
                "access_permission": state, "groups": [self.group], "users": [],
                **({"id": self.rules[key]} if key in self.rules else {})}
        self.rules[key] = admin_call(admin, "permissions.add_or_update_access_rule", body)["id"]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


@pytest.fixture(scope="module")
def world(stack):
    made = World(stack)
    yield made
    made.close()


def expected(state: str, user: str) -> str | None:
    if user == "admin":
        return "read_write"
    return GRANTS[state][0 if user == "alice" else 1]


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> float:
    started = time.monotonic()
    while not predicate():
        assert time.monotonic() - started < timeout, "the rule change was never seen"
        time.sleep(0.01)
    return time.monotonic() - started


def check(client: httpx.Client, entity: Entity, permission: str, token: str | None = None) -> tuple[int, int]:
    body = {"entity_type": entity.entity_type, "entity_id": entity.id, "access_permission": permission,
            **({"token": token} if token else {})}
    response = client.post("/v2.23/permissions.check_entity_access", json=body)
    if outcome(response) == OK:
        assert_conforms("permissions.check_entity_access", response.json()["data"])
    return outcome(response)


def write_ok(entity: Entity, response: httpx.Response) -> bool:
    if outcome(response) != OK:
        return False
    if entity.kind.startswith("events"):  # a refused event is counted in the answer, not an error
        data = response.json()["data"]
        return not data.get("errors")
    return True


@pytest.mark.parametrize("state", STATES)
def test_every_entity_type_under_each_rule_state(world, state):
    seen: dict[str, float] = {}
    for entity in world.entities:
        world.set_rule(entity, state)
        bob = world.clients["bob"]
        bob_sees = OK if expected(state, "bob") is not None else entity.hidden
        seen[entity.kind] = wait_for(lambda: outcome(entity.read(bob)) == bob_sees)
    print(f"\n[{state}] rule change -> seen by the owner: "
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in seen.items()))
    for entity in world.entities:
        for user, client in world.clients.items():
            assert_case(world, entity, state, user, client)
    print(f"[{state}] cases so far: {len(CASES)}")


def assert_case(world: World, entity: Entity, state: str, user: str, client: httpx.Client) -> None:
    grant = expected(state, user)
    where = f"{entity.kind} under {state!r} for {user}"
    if entity.listed is not None:
        assert entity.listed(client) == (grant is not None), f"list: {where}"
        CASES.append((f"{entity.kind}.list", state, user))
    read = outcome(entity.read(client))
    assert read == (OK if grant else entity.hidden), f"read: {where}"
    CASES.append((f"{entity.kind}.read", state, user))
    write = entity.write(client)
    if grant == "read_write":
        assert write_ok(entity, write), f"write: {where}: {write.text[:300]}"
    elif grant == "read" or entity.kind == "files":
        if entity.kind.startswith("events"):
            assert not write_ok(entity, write), f"write: {where}"
        else:
            assert outcome(write) == ((403, 21) if entity.kind != "files" else (403, 0)), f"write: {where}"
    else:
        if entity.kind.startswith("events"):
            assert not write_ok(entity, write), f"write: {where}"
        else:
            assert outcome(write) == (entity.write_hidden or entity.hidden), f"write: {where}"
    CASES.append((f"{entity.kind}.write", state, user))
    # check_entity_access agrees with the service, as the caller and for the caller's token
    if entity.kind.startswith("events") or entity.kind == "files":
        agreed_read = (check(client, entity, "read") == OK) == (read == OK)
        agreed_write = (check(client, entity, "read_write") == OK) == write_ok(entity, write)
    else:
        agreed_read = check(client, entity, "read") == read
        agreed_write = check(client, entity, "read_write") == (OK if write_ok(entity, write) else outcome(write))
    assert agreed_read and agreed_write, f"check_entity_access disagrees: {where}"
    assert check(world.clients["admin"], entity, "read", world.tokens[user]) == check(client, entity, "read"), where
    CASES.append((f"{entity.kind}.check_entity_access", state, user))


def test_a_rule_change_is_seen_by_tasks_queues_and_datasets_within_a_second(world):
    """One change through identity (the group loses its member) closes alice out of the
    entities whose rules name the group; measured from the change's answer."""
    admin = world.clients["admin"]
    alice = world.clients["alice"]
    owned = [e for e in world.entities if e.kind in ("task", "queue", "dataset")]
    for entity in owned:
        world.set_rule(entity, "read")
    wait_for(lambda: all(outcome(e.read(alice)) == OK for e in owned))
    admin_call(admin, "permissions.add_or_update_user_group", {"id": world.group, "users": []})
    changed = time.monotonic()
    delays = {}
    pending = set(range(len(owned)))
    while pending:
        for i in list(pending):
            if outcome(owned[i].read(alice)) == owned[i].hidden:
                delays[owned[i].process] = time.monotonic() - changed
                pending.discard(i)
        assert time.monotonic() - changed < 10, "never seen"
    print(f"\nmembership change -> enforced: {', '.join(f'{p} {d * 1000:.0f} ms' for p, d in delays.items())}")
    admin_call(admin, "permissions.add_or_update_user_group",
               {"id": world.group, "users": [world.people["alice"].user]})
    assert max(delays.values()) < 1.0, delays


def test_count_of_cases(world):
    kinds = {endpoint for endpoint, _, _ in CASES}
    print(f"\npermissions suite: {len(CASES)} (endpoint, rule state, user) cases over {len(kinds)} endpoints, "
          f"{len({(e, s) for e, s, _ in CASES})} (endpoint, rule) pairs")
    assert len(CASES) >= 3 * 3 * 14 * 3

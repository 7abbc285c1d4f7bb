"""The tasks process's endpoints, request envelope in, ClearML response data out, over the
in-memory repositories (the same handler table production wires in ``create_app``)."""

from __future__ import annotations

import re

import pytest

from services.tasks.handlers import HANDLED
from services.tasks.extras.handlers import ENDPOINTS as EXTRAS_ENDPOINTS
from services.tasks.oplog.handlers import ENDPOINTS as OPLOG_ENDPOINTS
from shared.schemas import models as models_api
from shared.schemas import pipelines as pipelines_api
from shared.schemas import projects as projects_api
from shared.schemas import reports as reports_api
from shared.schemas import tasks as tasks_api
from shared.schemas import tasks_editing as editing_api
from shared.schemas import tasks_lifecycle as lifecycle_api
from shared.schemas import tasks_queueing as queueing_api
from tests.unit.tasks.fakes import InMemoryTaskRepository
from tests.unit.tasks.world import BOB, EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


# --- the table -------------------------------------------------------------------------------


def test_the_table_answers_exactly_the_handled_endpoints_each_with_its_shared_model(world):
    rooms = set(OPLOG_ENDPOINTS) | set(EXTRAS_ENDPOINTS)  # the rooms' own tables, tested on their own
    assert set(world.handlers) | rooms == HANDLED | {"internal.event_targets", "internal.fold_metrics", "internal.copy_tasks"} | set(
        queueing_api.INTERNAL_REQUESTS)
    assert HANDLED - rooms == (
        set(projects_api.REQUESTS) | set(tasks_api.REQUESTS) | set(lifecycle_api.REQUESTS) | set(editing_api.REQUESTS)
        | set(queueing_api.REQUESTS) | set(models_api.REQUESTS) | set(reports_api.REQUESTS) | set(pipelines_api.REQUESTS)
    )


async def test_every_endpoint_needs_an_authenticated_caller(world):
    error = await world.fails("tasks.get_all", {}, identity=None)
    assert codes(error) == (401, 1)


# --- projects ---------------------------------------------------------------------------------


async def test_the_sdk_get_or_create_finds_a_project_after_creating_it(world):
    lookup = {"name": r"^my\-project$", "only_fields": ["id"], "search_hidden": True, "shallow_search": False}
    assert await world.call("projects.get_all", lookup) == {"projects": []}
    project_id = await world.new_project("my-project", description="")
    assert re.fullmatch(r"[0-9a-f]{32}", project_id)
    assert await world.call("projects.get_all", lookup) == {"projects": [{"id": project_id}]}


async def test_a_created_project_reads_back_with_iso_dates(world):
    project_id = await world.new_project("ml", description="d", tags=["t"], default_output_destination="s3://b")
    project = (await world.call("projects.get_by_id", {"project": project_id}))["project"]
    assert project == {
        "id": project_id,
        "company": "acme",
        "user": "alice",
        "name": "ml",
        "basename": "ml",
        "description": "d",
        "tags": ["t"],
        "system_tags": [],
        "default_output_destination": "s3://b",
        "parent": None,
        "path": [],
        "created": "2024-05-01T12:00:00+00:00",
        "last_update": "2024-05-01T12:00:00+00:00",
    }


async def test_a_nested_name_creates_the_missing_parents(world):
    leaf = await world.new_project(" team/vision//detection ")
    projects = (await world.call("projects.get_all", {"order_by": ["name"]}))["projects"]
    assert [(p["name"], p["basename"]) for p in projects] == [
        ("team", "team"),
        ("team/vision", "vision"),
        ("team/vision/detection", "detection"),
    ]
    team, vision, detection = projects
    assert detection["id"] == leaf and detection["parent"] == vision["id"]
    assert detection["path"] == [team["id"], vision["id"]]
    shallow = await world.call("projects.get_all", {"shallow_search": True, "only_fields": ["name"]})
    assert shallow == {"projects": [{"id": team["id"], "name": "team"}]}


async def test_a_sub_project_reuses_existing_parents_and_bumps_the_parent(world):
    parent = await world.new_project("team")
    world.clock.advance()
    await world.new_project("team/nlp")
    assert len(world.projects.docs) == 2
    project = (await world.call("projects.get_by_id", {"project": parent}))["project"]
    assert project["last_update"] == "2024-05-01T12:01:00+00:00"


async def test_a_duplicate_project_name_is_400_801_but_other_companies_may_use_it(world):
    await world.new_project("team/vision")
    assert codes(await world.fails("projects.create", {"name": "team/vision"})) == (400, 801)
    assert codes(await world.fails("projects.create", {"name": "team"})) == (400, 801)
    await world.new_project("team/vision", identity=EVE)


async def test_project_names_must_not_be_blank(world):
    assert codes(await world.fails("projects.create", {"name": " / "})) == (400, 407)
    assert codes(await world.fails("projects.create", {})) == (400, 12)
    assert codes(await world.fails("projects.create", {"name": 5})) == (400, 12)


async def test_a_public_project_name_cannot_be_taken(world):
    world.projects.docs["pub"] = {"_id": "pub", "company": "", "name": "examples", "system_tags": []}
    assert codes(await world.fails("projects.create", {"name": "examples"})) == (400, 414)


async def test_another_company_s_project_does_not_exist_for_you(world):
    project_id = await world.new_project("secret")
    error = await world.fails("projects.get_by_id", {"project": project_id}, identity=EVE)
    assert codes(error) == (400, 401)
    assert error.data == {"id": project_id}
    assert await world.call("projects.get_all", {}, identity=EVE) == {"projects": []}


# --- tasks: create and read ------------------------------------------------------------------


async def test_a_created_task_starts_in_created_with_its_owner_and_timestamps(world):
    project_id = await world.new_project("ml")
    task_id = await world.new_task(project=project_id, system_tags=["development"], comment="c")
    task = (await world.call("tasks.get_by_id", {"task": task_id}))["task"]
    assert re.fullmatch(r"[0-9a-f]{32}", task_id)
    assert task["id"] == task_id and task["status"] == "created" and task["type"] == "training"
    assert (task["company"], task["user"], task["last_changed_by"]) == ("acme", "alice", "alice")
    assert task["created"] == task["last_update"] == task["last_change"] == "2024-05-01T12:00:00+00:00"
    assert (task["project"], task["system_tags"], task["tags"], task["comment"]) == (
        project_id,
        ["development"],
        [],
        "c",
    )


async def test_creating_a_task_bumps_its_project(world):
    project_id = await world.new_project("ml")
    world.clock.advance(5)
    await world.new_task(project=project_id)
    project = (await world.call("projects.get_by_id", {"project": project_id}))["project"]
    assert project["last_update"] == "2024-05-01T12:05:00+00:00"


async def test_a_task_needs_a_project_of_your_own_company(world):
    assert codes(await world.fails("tasks.create", {"name": "t", "type": "training", "project": "nope"})) == (400, 401)
    foreign = await world.new_project("theirs", identity=EVE)
    body = {"name": "t", "type": "training", "project": foreign}
    assert codes(await world.fails("tasks.create", body)) == (400, 401)


async def test_a_task_s_parent_must_exist(world):
    body = {"name": "t", "type": "training", "parent": "missing"}
    assert codes(await world.fails("tasks.create", body)) == (400, 101)
    parent = await world.new_task()
    child = await world.new_task(parent=parent)
    assert [t["id"] for t in (await world.call("tasks.get_all", {"parent": parent}))["tasks"]] == [child]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"type": "training"}, (400, 12)),
        ({"name": "t"}, (400, 12)),
        ({"name": 123, "type": "training"}, (400, 12)),
        ({"name": "t", "type": "bogus"}, (400, 12)),
        ({"name": "t", "type": "training", "tags": "x"}, (400, 12)),
        ({"name": "t", "type": "training", "hyperparams": {"Args": {"lr": {"value": 1}}}}, (400, 12)),
    ],
)
async def test_malformed_create_requests_are_validation_errors(world, body, expected):
    assert codes(await world.fails("tasks.create", body)) == expected


async def test_parameter_and_configuration_names_come_back_intact(world):
    hyperparams = {"Args": {"lr.max": {"value": "0.1", "type": "float"}}, "$weird.section": {"$p": {"value": "x"}}}
    configuration = {"config.yaml": {"value": "a: 1", "type": "yaml"}}
    task_id = await world.new_task(hyperparams=hyperparams, configuration=configuration)
    stored = world.tasks.docs[task_id]
    assert all("." not in k and not k.startswith("$") for k in [*stored["hyperparams"], *stored["configuration"]])
    task = (await world.call("tasks.get_by_id", {"task": task_id}))["task"]
    assert task["hyperparams"] == {
        "Args": {"lr.max": {"value": "0.1", "type": "float", "section": "Args", "name": "lr.max"}},
        "$weird.section": {"$p": {"value": "x", "section": "$weird.section", "name": "$p"}},
    }
    assert task["configuration"] == {"config.yaml": {"value": "a: 1", "type": "yaml", "name": "config.yaml"}}


async def test_another_company_s_task_is_an_invalid_task_id(world):
    task_id = await world.new_task()
    error = await world.fails("tasks.get_by_id", {"task": task_id}, identity=EVE)
    assert codes(error) == (400, 101) and error.message == f"Invalid task id: ids=['{task_id}']"
    assert codes(await world.fails("tasks.get_by_id", {"task": "missing"})) == (400, 101)
    assert await world.call("tasks.get_all", {"id": [task_id]}, identity=EVE) == {"tasks": []}


async def test_get_all_pages_through_a_project_with_only_the_asked_fields(world):
    project_id = await world.new_project("ml")
    made = []
    for i in range(5):
        made.append(await world.new_task(project=project_id, name=f"t{i}"))
        world.clock.advance()
    await world.new_task(name="elsewhere")
    body = {"project": [project_id], "only_fields": ["name"], "page": 1, "page_size": 2}
    assert await world.call("tasks.get_all", body) == {
        "tasks": [{"id": made[2], "name": "t2"}, {"id": made[3], "name": "t3"}]
    }
    [elsewhere] = (await world.call("tasks.get_all", {"name": "^elsewhere$"}))["tasks"]
    newest = {"order_by": ["-created"], "page": 0, "page_size": 1, "only_fields": ["id"]}
    assert await world.call("tasks.get_all", newest) == {"tasks": [{"id": elsewhere["id"]}]}


async def test_get_all_rejects_bad_patterns_and_pages_by_500(world):
    assert codes(await world.fails("tasks.get_all", {"name": "[oops"})) == (400, 21)
    # ClearML pages by 500 when page_size is not given.
    assert (await world.call("tasks.get_all", {"page": 1}))["tasks"] == []
    # ClearML does not check status values: an unknown one matches nothing.
    assert (await world.call("tasks.get_all", {"status": ["bogus"]}))["tasks"] == []


async def test_include_subprojects_widens_the_project_filter(world):
    top = await world.new_project("a")
    await world.new_project("a/b")
    [sub] = [p["id"] for p in (await world.call("projects.get_all", {"name": "^a/b$"}))["projects"]]
    in_top, in_sub = await world.new_task(project=top), await world.new_task(project=sub)
    only_top = await world.call("tasks.get_all", {"project": [top], "only_fields": ["id"]})
    assert only_top == {"tasks": [{"id": in_top}]}
    both = await world.call("tasks.get_all", {"project": [top], "include_subprojects": True, "only_fields": ["id"]})
    assert {t["id"] for t in both["tasks"]} == {in_top, in_sub}


# --- tasks: edit -----------------------------------------------------------------------------


async def test_editing_a_created_task_reports_the_changed_fields(world):
    task_id = await world.new_task()
    world.clock.advance()
    result = await world.call(
        "tasks.edit", {"task": task_id, "name": "renamed", "output_dest": "s3://out", "tags": ["a"]}, identity=BOB
    )
    assert result == {
        "updated": 1,
        "fields": {
            "name": "renamed",
            "output.destination": "s3://out",
            "tags": ["a"],
            "last_update": "2024-05-01T12:01:00+00:00",
            "last_change": "2024-05-01T12:01:00+00:00",
            "last_changed_by": "bob",
        },
    }
    task = (await world.call("tasks.get_by_id", {"task": task_id}))["task"]
    assert (task["name"], task["output"], task["last_changed_by"]) == ("renamed", {"destination": "s3://out"}, "bob")
    assert task["user"] == "alice" and task["created"] == "2024-05-01T12:00:00+00:00"


async def test_a_running_task_is_edited_only_with_force(world):
    task_id = await world.new_task()
    await world.tasks.update("acme", task_id, {"status": "in_progress"})
    error = await world.fails("tasks.edit", {"task": task_id, "comment": "x"})
    assert codes(error) == (400, 110)
    assert error.data == {"expected": "created", "status": "in_progress"}
    configuration = {"General": {"value": "{}", "type": "dictionary"}}
    result = await world.call("tasks.edit", {"task": task_id, "force": True, "configuration": configuration})
    assert result["updated"] == 1
    task = (await world.call("tasks.get_by_id", {"task": task_id}))["task"]
    assert task["configuration"] == {"General": {"value": "{}", "type": "dictionary", "name": "General"}}


class StatusChangesBeforeEdit(InMemoryTaskRepository):
    """A store where an agent starts the task between the edit's read and its write."""

    async def update(self, company, task_id, changes, expected_status=None, **edits):
        self.docs[task_id]["status"] = "in_progress"
        return await super().update(company, task_id, changes, expected_status, **edits)


async def test_an_edit_racing_a_status_change_loses_with_400_110():
    world = World(tasks=StatusChangesBeforeEdit())
    task_id = await world.new_task()
    error = await world.fails("tasks.edit", {"task": task_id, "name": "late"})
    assert codes(error) == (400, 110) and error.data["status"] == "in_progress"
    assert world.tasks.docs[task_id]["name"] == "train"


async def test_edit_checks_the_task_and_the_new_project(world):
    task_id = await world.new_task()
    assert codes(await world.fails("tasks.edit", {"task": task_id, "name": "x"}, identity=EVE)) == (400, 101)
    assert codes(await world.fails("tasks.edit", {"task": "missing", "name": "x"})) == (400, 101)
    assert codes(await world.fails("tasks.edit", {"task": task_id, "project": "nope"})) == (400, 401)
    assert codes(await world.fails("tasks.edit", {"name": "x"})) == (400, 12)


async def test_moving_a_task_and_clearing_its_project(world):
    project_id = await world.new_project("ml")
    task_id = await world.new_task()
    await world.call("tasks.edit", {"task": task_id, "project": project_id})
    assert (await world.call("tasks.get_by_id", {"task": task_id}))["task"]["project"] == project_id
    await world.call("tasks.edit", {"task": task_id, "project": ""})
    assert (await world.call("tasks.get_by_id", {"task": task_id}))["task"]["project"] is None


async def test_an_edit_without_fields_changes_nothing(world):
    task_id = await world.new_task()
    assert await world.call("tasks.edit", {"task": task_id, "force": True}) == {"updated": 0, "fields": {}}


async def test_public_tasks_are_readable_but_not_editable(world):
    world.tasks.docs["pub"] = {"_id": "pub", "company": "", "name": "example", "status": "created", "system_tags": []}
    assert (await world.call("tasks.get_by_id", {"task": "pub"}, identity=EVE))["task"]["name"] == "example"
    assert codes(await world.fails("tasks.edit", {"task": "pub", "name": "x"}, identity=EVE)) == (403, 21)

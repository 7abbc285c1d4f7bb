"""``reports.*``: report tasks in hidden ``.reports`` projects."""

from __future__ import annotations

import pytest

from services.tasks.reports.service import update_answer
from tests.unit.tasks.fakes import InMemoryTaskRepository
from tests.unit.tasks.world import EVE, World, codes


@pytest.fixture
def world() -> World:
    return World()


async def test_a_report_lives_in_the_hidden_reports_project(world):
    project = await world.new_project("ml")
    result = await world.call("reports.create", {"name": "weekly", "project": project, "report": "# hi", "tags": ["t"]})
    reports_project = world.projects.docs[result["project_id"]]
    assert reports_project["name"] == "ml/.reports" and reports_project["system_tags"] == ["hidden", "reports"]
    task = (await world.call("tasks.get_by_id", {"task": result["id"]}))["task"]
    # ClearML's create takes no report text: reports.update writes it
    assert (task["type"], task.get("report"), task["system_tags"], task["status"]) == (
        "report", None, ["reports", "hidden"], "created")
    listed = await world.call("reports.get_all_ex", {"project": [project], "only_fields": ["name"]})
    assert listed["tasks"] == [{"id": result["id"], "name": "weekly"}]
    assert await world.call("projects.get_all", {"name": "reports"}) == {"projects": []}  # hidden
    assert await world.call("reports.get_tags", {}) == {"tags": ["t"]}
    again = await world.call("reports.create", {"name": "daily", "project": project})
    assert again["project_id"] == result["project_id"]


async def test_update_publish_archive_and_delete(world):
    report = (await world.call("reports.create", {"name": "rep"}))["id"]
    assert world.projects.docs[next(iter(world.projects.docs))]["name"] == ".reports"
    assert (await world.call("reports.update", {"task": report, "report": "v2"}))["updated"] == 1
    assert await world.call("reports.archive", {"task": report}) == {"archived": 1}
    assert await world.call("reports.unarchive", {"task": report}) == {"unarchived": 1}
    assert await world.call("reports.unarchive", {"task": report}) == {"unarchived": 1}
    assert (await world.call("reports.publish", {"task": report}))["fields"]["status"] == "published"
    assert codes(await world.fails("reports.update", {"task": report, "report": "v3"})) == (400, 110)
    assert (await world.call("reports.update", {"task": report, "name": "final"}))["fields"] == {"name": "final"}
    assert world.tasks.docs[report]["report"] == "v2"
    assert codes(await world.fails("reports.delete", {"task": report})) == (400, 123)
    await world.call("reports.archive", {"task": report})
    assert await world.call("reports.delete", {"task": report}) == {"deleted": 1}
    assert world.projects.docs == {}  # the empty .reports project goes with its last report


class PublishedBeforeWrite(InMemoryTaskRepository):
    """Another request publishes the report between the use case's read and its write."""

    async def update(self, company, task_id, changes, expected_status=None, **how):
        self.docs[task_id]["status"] = "published"
        return await super().update(company, task_id, changes, expected_status, **how)


@pytest.mark.parametrize("endpoint", ["reports.update", "reports.archive", "reports.move"])
async def test_a_report_write_that_loses_a_status_race_is_400_121(endpoint):
    world = World(tasks=PublishedBeforeWrite())
    report = (await world.call("reports.create", {"name": "rep"}))["id"]
    body = {"task": report, "comment": "c", "project": None}
    assert codes(await world.fails(endpoint, body)) == (400, 121)
    stored = world.tasks.docs[report]
    assert stored["comment"] == "" and "archived" not in stored["system_tags"]


async def test_reports_only_and_only_the_own_company(world):
    task_id = await world.new_task()
    assert codes(await world.fails("reports.publish", {"task": task_id})) == (400, 150)
    report = (await world.call("reports.create", {"name": "rep"}))["id"]
    assert codes(await world.fails("reports.update", {"task": report, "name": "xyz"}, identity=EVE)) == (400, 101)


async def test_move_a_report_to_another_project(world):
    report = (await world.call("reports.create", {"name": "rep"}))["id"]
    assert codes(await world.fails("reports.move", {"task": report})) == (400, 11)
    moved = await world.call("reports.move", {"task": report, "project_name": "team"})
    assert world.projects.docs[moved["project_id"]]["name"] == "team/.reports"
    assert world.tasks.docs[report]["project"] == moved["project_id"]
    assert [p["name"] for p in world.projects.docs.values()] == ["team", "team/.reports"]  # .reports left empty went
    again = await world.call("reports.move", {"task": report, "project_name": "team/.reports"})
    assert again == moved


async def test_reports_filtered_by_status(world):
    draft = (await world.call("reports.create", {"name": "draft"}))["id"]
    final = (await world.call("reports.create", {"name": "final"}))["id"]
    await world.call("reports.publish", {"task": final})
    await world.new_task(name="not a report")
    published = await world.call("reports.get_all_ex", {"status": ["published"], "only_fields": ["id"]})
    assert published["tasks"] == [{"id": final}]
    every = await world.call("reports.get_all_ex", {"only_fields": ["id"]})
    assert {t["id"] for t in every["tasks"]} == {draft, final}
    assert (await world.call("reports.get_all_ex", {"status": "in_progress"}))["tasks"] == []


def test_update_answer_sorts_tags_and_shortens_the_report_to_100_characters():
    text = " ".join(["word"] * 40)
    answer = update_answer({"tags": ["b", "a"], "report": text, "name": "n"})
    assert answer["tags"] == ["a", "b"] and answer["name"] == "n"
    assert len(answer["report"]) <= 100 and answer["report"].endswith("[...]")
    assert update_answer({"tags": [], "report": ""}) == {"tags": [], "report": ""}

"""One behaviour suite for the tasks process's repositories, run against the in-memory fakes
(``test_fakes.py``) and against MongoDB-wire (``tests/integration/tasks``).

A concrete test class inherits a ``...Contract`` class and provides the ``tasks_repo`` /
``projects_repo`` fixture.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from services.tasks import domain
from services.tasks.store.access import ReadableFilter, restricted
from services.tasks.store.criteria import Selection
from services.tasks.store.queries import FindQuery, company_scope, list_field_condition, project_query, task_query
from services.tasks.store.repository import DuplicateName
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

ACME, OTHER = "acme", "other"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def a_task(task_id: str, company: str = ACME, minute: int = 0, **fields) -> dict:
    fields.setdefault("name", f"task {task_id}")
    fields.setdefault("type", "training")
    return domain.new_task(task_id, company, "u1", fields, T0 + timedelta(minutes=minute))


def a_project(project_id: str, name: str, company: str = ACME, parent: dict | None = None, **fields) -> dict:
    path = domain.parse_project_name(name)
    return domain.new_project(project_id, company, "u1", path, parent, fields, T0)


def tasks_get_all(company: str = ACME, **body) -> FindQuery:
    return task_query(company, tasks_api.GetAllRequest.model_validate(body))


def projects_get_all(company: str = ACME, **body) -> FindQuery:
    return project_query(company, projects_api.GetAllRequest.model_validate(body))


def ids(docs: list[dict]) -> list[str]:
    return [d["_id"] for d in docs]


class TaskRepositoryContract:
    async def test_a_stored_task_reads_back_equal(self, tasks_repo):
        task = a_task("t1", hyperparams={"Args": {"lr.max": {"value": "0.1"}, "$x": {"value": "1"}}})
        await tasks_repo.add(task)
        assert await tasks_repo.get(ACME, "t1") == task
        api = domain.task_to_api(await tasks_repo.get(ACME, "t1"))
        assert set(api["hyperparams"]["Args"]) == {"lr.max", "$x"}
        assert api["created"] == "2024-05-01T12:00:00+00:00"

    async def test_another_company_cannot_read_a_task_but_everyone_reads_public_ones(self, tasks_repo):
        await tasks_repo.add(a_task("mine"))
        await tasks_repo.add(a_task("public", company=""))
        assert await tasks_repo.get(OTHER, "mine") is None
        assert (await tasks_repo.get(OTHER, "public"))["_id"] == "public"
        assert ids(await tasks_repo.find(tasks_get_all(OTHER))) == ["public"]

    async def test_name_filter_is_a_case_sensitive_regex(self, tasks_repo):
        for i, name in enumerate(["train resnet", "Train vit", "eval resnet", "train.x"]):
            await tasks_repo.add(a_task(f"t{i}", minute=i, name=name))
        assert ids(await tasks_repo.find(tasks_get_all(name="^train"))) == ["t0", "t3"]
        assert ids(await tasks_repo.find(tasks_get_all(name="resnet$"))) == ["t0", "t2"]
        assert ids(await tasks_repo.find(tasks_get_all(name=r"^train\.x$"))) == ["t3"]

    async def test_only_fields_returns_just_those_fields_and_the_id(self, tasks_repo):
        await tasks_repo.add(a_task("t1", comment="hello", script={"repository": "git@x", "branch": "main"}))
        [doc] = await tasks_repo.find(tasks_get_all(only_fields=["name", "script.branch"]))
        assert doc == {"_id": "t1", "name": "task t1", "script": {"branch": "main"}}

    async def test_pages_follow_the_requested_order(self, tasks_repo):
        for i in range(5):
            await tasks_repo.add(a_task(f"t{i}", minute=i, name=f"n{4 - i}"))
        assert ids(await tasks_repo.find(tasks_get_all(page=1, page_size=2))) == ["t2", "t3"]
        assert ids(await tasks_repo.find(tasks_get_all(page=2, page_size=2))) == ["t4"]
        assert ids(await tasks_repo.find(tasks_get_all(order_by=["name"], page=0, page_size=2))) == ["t4", "t3"]
        assert ids(await tasks_repo.find(tasks_get_all(order_by=["-created"]))) == ["t4", "t3", "t2", "t1", "t0"]

    async def test_list_filters_include_exclude_and_require_all(self, tasks_repo):
        await tasks_repo.add(a_task("a", minute=0, tags=["x", "y"]))
        await tasks_repo.add(a_task("b", minute=1, tags=["x"]))
        await tasks_repo.add(a_task("c", minute=2, tags=[]))
        assert ids(await tasks_repo.find(tasks_get_all(tags=["x"]))) == ["a", "b"]
        assert ids(await tasks_repo.find(tasks_get_all(tags=["-y"]))) == ["b", "c"]
        assert ids(await tasks_repo.find(tasks_get_all(tags=["__$all", "x", "y"]))) == ["a"]
        assert ids(await tasks_repo.find(tasks_get_all(tags=["__$not", "x"]))) == ["c"]
        # ClearML's "None among the values": also tasks without any tag.
        no_tags = FindQuery(filter={**company_scope(ACME), **list_field_condition("tags", [None])})
        assert ids(await tasks_repo.find(no_tags)) == ["c"]

    async def test_status_type_user_project_and_parent_filters(self, tasks_repo):
        await tasks_repo.add(a_task("a", minute=0, type="testing", project="p1"))
        await tasks_repo.add(a_task("b", minute=1, project="p2", parent="a"))
        await tasks_repo.update(ACME, "b", {"status": "queued"})
        assert ids(await tasks_repo.find(tasks_get_all(status=["queued"]))) == ["b"]
        assert ids(await tasks_repo.find(tasks_get_all(type=["testing"]))) == ["a"]
        assert ids(await tasks_repo.find(tasks_get_all(project=["p2", "p3"]))) == ["b"]
        assert ids(await tasks_repo.find(tasks_get_all(parent="a"))) == ["b"]
        assert ids(await tasks_repo.find(tasks_get_all(user=["u1"]))) == ["a", "b"]
        assert ids(await tasks_repo.find(tasks_get_all(user=["u2"]))) == []

    async def test_hidden_tasks_only_when_searched_or_asked_by_id(self, tasks_repo):
        await tasks_repo.add(a_task("shown", minute=0))
        await tasks_repo.add(a_task("hidden", minute=1, system_tags=["hidden"]))
        assert ids(await tasks_repo.find(tasks_get_all())) == ["shown"]
        assert ids(await tasks_repo.find(tasks_get_all(search_hidden=True))) == ["shown", "hidden"]
        assert ids(await tasks_repo.find(tasks_get_all(id=["hidden"]))) == ["hidden"]

    async def test_status_changed_range(self, tasks_repo):
        for i in range(3):
            await tasks_repo.add(a_task(f"t{i}", minute=i * 10))
        found = await tasks_repo.find(tasks_get_all(status_changed=[">=2024-05-01T12:05:00", "<2024-05-01T12:25:00"]))
        assert ids(found) == ["t1", "t2"]

    async def test_any_and_all_patterns_across_fields(self, tasks_repo):
        await tasks_repo.add(a_task("a", minute=0, name="alpha", comment="about beta"))
        await tasks_repo.add(a_task("b", minute=1, name="BETA", comment="x"))
        any_beta = {"pattern": "beta", "fields": ["name", "comment"]}
        assert ids(await tasks_repo.find(tasks_get_all(_any_=any_beta))) == ["a", "b"]
        all_a = {"pattern": "a", "fields": ["name", "comment"]}
        assert ids(await tasks_repo.find(tasks_get_all(_all_=all_a))) == ["a"]

    async def test_conditional_update_applies_while_status_is_expected(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        updated = await tasks_repo.update(ACME, "t1", {"name": "renamed", "output.destination": "s3://b"}, "created")
        assert updated["name"] == "renamed" and updated["output"] == {"destination": "s3://b"}
        assert (await tasks_repo.get(ACME, "t1"))["name"] == "renamed"

    async def test_conditional_update_loses_to_a_status_change(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        assert await tasks_repo.update(ACME, "t1", {"status": "queued"}) is not None
        assert await tasks_repo.update(ACME, "t1", {"name": "late edit"}, "created") is None
        assert (await tasks_repo.get(ACME, "t1"))["name"] == "task t1"

    async def test_nobody_updates_another_company_s_or_a_public_task(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        await tasks_repo.add(a_task("pub", company=""))
        assert await tasks_repo.update(OTHER, "t1", {"name": "x"}) is None
        assert await tasks_repo.update(OTHER, "pub", {"name": "x"}) is None
        assert await tasks_repo.update(ACME, "missing", {"name": "x"}) is None


    async def test_update_sets_unsets_and_adds_tags_in_one_write(self, tasks_repo):
        await tasks_repo.add(a_task("t1", system_tags=["a"], last_iteration=5, runtime={"x": "1"}))
        doc = await tasks_repo.update(ACME, "t1", {"last_metrics.m1.v1": {"value": 1.5}, "status": "in_progress"},
                                      "created", unset=["runtime"], add_tags={"system_tags": ["archived", "a"]})
        assert doc["last_metrics"] == {"m1": {"v1": {"value": 1.5}}} and "runtime" not in doc
        assert doc["last_iteration"] == 5 and doc["system_tags"] == ["a", "archived"]
        assert await tasks_repo.record_metrics(ACME, "t1", {}, 9, T0)
        doc = await tasks_repo.update(ACME, "t1", {}, remove_tags={"system_tags": ["a"]})
        assert doc["last_iteration"] == 9 and doc["system_tags"] == ["archived"]

    async def test_update_is_conditional_on_status_and_company(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        assert await tasks_repo.update(ACME, "t1", {"name": "x"}, "in_progress") is None
        assert await tasks_repo.update(OTHER, "t1", {"name": "x"}) is None
        assert await tasks_repo.update(ACME, "nope", {"name": "x"}) is None
        assert (await tasks_repo.get(ACME, "t1"))["name"] == "task t1"

    async def test_delete_only_the_own_companys_task(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        assert await tasks_repo.delete(OTHER, "t1") is False
        assert await tasks_repo.delete(ACME, "t1") is True
        assert await tasks_repo.get(ACME, "t1") is None
        assert await tasks_repo.delete(ACME, "t1") is False

    async def test_distinct_values_of_a_field(self, tasks_repo):
        await tasks_repo.add(a_task("t1", type="training"))
        await tasks_repo.add(a_task("t2", type="testing"))
        await tasks_repo.add(a_task("t3", type="training"))
        await tasks_repo.add(a_task("t4", company=OTHER, type="inference"))
        assert sorted(await tasks_repo.distinct("type", Selection(ACME, public=True))) == ["testing", "training"]
        await tasks_repo.add(a_task("t5", tags=["x", "y"]))
        await tasks_repo.add(a_task("t6", tags=["y"]))
        assert sorted(await tasks_repo.distinct("tags", Selection(ACME, public=True))) == ["x", "y"]


    async def test_count_and_update_many(self, tasks_repo):
        await tasks_repo.add(a_task("t1", project="p"))
        await tasks_repo.add(a_task("t2", project="p", system_tags=["archived"]))
        await tasks_repo.add(a_task("t3", company=OTHER, project="p"))
        inside = Selection(ACME, projects=["p"])
        assert await tasks_repo.count(inside) == 2
        assert await tasks_repo.count(Selection(ACME, projects=["p"], archived=False)) == 1
        assert await tasks_repo.update_many(inside, {"project": None}) == 2
        assert (await tasks_repo.get(ACME, "t1"))["project"] is None
        assert (await tasks_repo.get(OTHER, "t3"))["project"] == "p"

    async def test_select_by_status_and_last_update_before(self, tasks_repo):
        await tasks_repo.add(a_task("t1", status="in_progress"))
        await tasks_repo.add(a_task("t2", minute=5, status="in_progress"))
        await tasks_repo.add(a_task("t3", status="stopped"))
        await tasks_repo.add(a_task("t4", status="published"))
        assert sorted(ids(await tasks_repo.select(Selection(ACME, statuses=["in_progress", "stopped"])))) == \
            ["t1", "t2", "t3"]
        silent = Selection(ACME, statuses=["in_progress"], updated_before=T0 + timedelta(minutes=1))
        assert ids(await tasks_repo.select(silent)) == ["t1"]
        assert await tasks_repo.update_many(replace(silent, ids=["t2"]), {"status": "stopped"}) == 0
        assert await tasks_repo.update_many(replace(silent, ids=["t1"]), {"status": "stopped"}) == 1
        assert await tasks_repo.count(Selection(ACME, statuses=["stopped"])) == 2

    async def test_silent_tasks_of_every_company_least_recently_updated_first(self, tasks_repo):
        await tasks_repo.add(a_task("t1", minute=2, status="in_progress"))
        await tasks_repo.add(a_task("t2", company=OTHER, status="in_progress"))
        await tasks_repo.add(a_task("t3", minute=9, status="in_progress"))
        await tasks_repo.add(a_task("t4", status="stopped"))
        found = await tasks_repo.silent("in_progress", T0 + timedelta(minutes=5), 10)
        assert [(d["_id"], d["company"], d["user"]) for d in found] == [("t2", OTHER, "u1"), ("t1", ACME, "u1")]
        assert ids(await tasks_repo.silent("in_progress", T0 + timedelta(minutes=5), 1)) == ["t2"]

    async def test_input_users_are_the_tasks_of_every_company_using_one_of_the_models(self, tasks_repo):
        await tasks_repo.add(a_task("t1", models={"input": [{"name": "a", "model": "m1"}], "output": []}))
        await tasks_repo.add(a_task("t2", company=OTHER, models={"input": [{"name": "b", "model": "m2"}]}))
        await tasks_repo.add(a_task("t3", models={"input": [{"name": "c", "model": "m3"}]}))
        await tasks_repo.add(a_task("t4"))
        found = {d["_id"]: d for d in await tasks_repo.input_users(["m1", "m2"])}
        assert sorted(found) == ["t1", "t2"]
        assert found["t2"]["models"] == {"input": [{"name": "b", "model": "m2"}]}

    async def test_update_sets_and_unsets_fields(self, tasks_repo):
        await tasks_repo.add(a_task("t1", enqueue_status="created", execution={"queue": "q", "framework": "x"}))
        assert await tasks_repo.update(ACME, "t1", {"status": "created"}, "queued", unset=["enqueue_status"]) is None
        doc = await tasks_repo.update(ACME, "t1", {"status": "queued"}, "created",
                                      unset=["enqueue_status", "execution.queue"])
        assert doc["status"] == "queued" and "enqueue_status" not in doc
        assert "queue" not in doc["execution"] and doc["execution"]["framework"] == "x"

    async def test_an_ascending_order_lists_empty_values_last_across_pages(self, tasks_repo):
        # clearml-server: for the first order_by field, ascending, the empty ones come last.
        for n, comment in enumerate(["b", None, "a", "", "c"]):
            await tasks_repo.add(a_task(f"e{n}", minute=n, comment=comment) if comment is not None
                                 else a_task(f"e{n}", minute=n))
        everything = await tasks_repo.find(tasks_get_all(order_by=["comment"], only_fields=["id"]))
        assert ids(everything) == ["e2", "e0", "e4", "e1", "e3"]
        second = await tasks_repo.find(tasks_get_all(order_by=["comment"], page=1, page_size=2, only_fields=["id"]))
        third = await tasks_repo.find(tasks_get_all(order_by=["comment"], page=2, page_size=2, only_fields=["id"]))
        assert (ids(second), ids(third)) == (["e4", "e1"], ["e3"])
        descending = await tasks_repo.find(tasks_get_all(order_by=["-comment"], only_fields=["id"]))
        assert ids(descending)[:3] == ["e4", "e0", "e2"]

    async def test_select_by_the_domain_s_criteria(self, tasks_repo):
        await tasks_repo.add(a_task("a", minute=0, project="p", type="controller", parent="x"))
        await tasks_repo.add(a_task("b", minute=1, project="p", system_tags=["archived"], parent=""))
        await tasks_repo.add(a_task("c", minute=2, project="q", system_tags=["reports"], tags=["t"]))
        await tasks_repo.add(a_task("d", minute=3, models={"input": [{"model": "m1", "name": "in"}]}))
        await tasks_repo.add(a_task("pub", minute=4, company="", project="p"))
        await tasks_repo.add(a_task("e", minute=5, company=OTHER, project="p"))
        assert ids(await tasks_repo.select(Selection(ACME, projects=["p"]))) == ["a", "b"]
        assert ids(await tasks_repo.select(Selection(ACME, public=True, projects=["p"]))) == ["a", "b", "pub"]
        assert ids(await tasks_repo.select(Selection(ACME, outside=["p"]))) == ["c", "d"]
        assert ids(await tasks_repo.select(Selection(ACME, no_project=True))) == ["d"]
        assert ids(await tasks_repo.select(Selection(ACME, archived=False, type="controller"))) == ["a"]
        assert ids(await tasks_repo.select(Selection(ACME, archived=True))) == ["b"]
        assert ids(await tasks_repo.select(Selection(ACME, present=["parent"]))) == ["a"]
        assert ids(await tasks_repo.select(Selection(ACME, input_models=["m1", "m2"]))) == ["d"]
        assert ids(await tasks_repo.select(Selection(ACME, not_system_tags=["reports", "archived"]))) == ["a", "d"]
        assert ids(await tasks_repo.select(Selection(ACME, lists={"tags": ["t"]}))) == ["c"]
        assert ids(await tasks_repo.select(Selection(ACME, filters={"system_tags": ["-archived", "-reports"]},
                                                     users=["u1"]))) == ["a", "d"]
        assert ids(await tasks_repo.select(Selection(ACME, name_pattern="^task [ab]$"), order_by=["-name"])) \
            == ["b", "a"]
        assert await tasks_repo.select(Selection(ACME, public=True, ids=["pub", "e"]), ["project"]) \
            == [{"_id": "pub", "project": "p"}]
        assert await tasks_repo.count(Selection(ACME, projects=["p", "q"], system_tags=["reports"])) == 1
        assert sorted(await tasks_repo.distinct("project", Selection(ACME, public=True))) == ["p", "q"]

    async def test_a_readable_filter_selects_what_a_restricted_caller_may_read(self, tasks_repo):
        """``Selection.access`` (the permissions room's ``ReadableFilter``), in lists, counts
        and queries: closed projects, entities shown or hidden by their own rules."""
        for n, project in enumerate(["open", "open", "closed", "closed", None]):
            await tasks_repo.add(a_task(f"t{n}", minute=n, project=project))
        # exclusions are whole ids: "t1" hidden and "closed" closed leave "t1.x" in "closed.x"
        await tasks_repo.add(a_task("t1.x", minute=5, project="closed.x"))
        category = ReadableFilter(in_project=True, category=True, closed_projects=("closed", "c+"), shown=("t2",),
                                  hidden=("t1", "t9"))
        assert ids(await tasks_repo.select(Selection(ACME, access=category))) == ["t0", "t2", "t4", "t1.x"]
        assert await tasks_repo.count(Selection(ACME, access=category)) == 4
        assert ids(await tasks_repo.find(restricted(tasks_get_all(order_by=["-name"]), category))) \
            == ["t4", "t2", "t1.x", "t0"]
        only_open = ReadableFilter(in_project=True, category=False, open_projects=("open",), shown=("t3",))
        assert ids(await tasks_repo.select(Selection(ACME, access=only_open))) == ["t0", "t1", "t3"]
        assert sorted(await tasks_repo.distinct("project", Selection(ACME, access=only_open))) == ["closed", "open"]

    async def test_update_many_sets_and_unsets_the_selected_tasks(self, tasks_repo):
        await tasks_repo.add(a_task("t1", project="p", parent="x"))
        await tasks_repo.add(a_task("t2", project="q", parent="x"))
        await tasks_repo.add(a_task("t3", company=OTHER, parent="x"))
        selection = Selection(ACME, outside=["q"], parents=["x"])
        changed = await tasks_repo.update_many(selection, {"last_changed_by": "u9"}, unset=["parent"])
        assert changed == 1
        doc = await tasks_repo.get(ACME, "t1")
        assert "parent" not in doc and doc["last_changed_by"] == "u9"
        assert (await tasks_repo.get(ACME, "t2"))["parent"] == "x" and (await tasks_repo.get(OTHER, "t3"))["parent"] == "x"

    async def test_update_adds_and_removes_tags_while_the_status_holds(self, tasks_repo):
        await tasks_repo.add(a_task("t1", tags=["x"], system_tags=["a", "b"]))
        assert await tasks_repo.update(ACME, "t1", {}, "queued", add_tags={"tags": ["y"]}) is None
        doc = await tasks_repo.update(ACME, "t1", {"status_message": "m"}, "created",
                                      add_tags={"tags": ["y", "x", "y"]}, remove_tags={"system_tags": ["a", "gone"]})
        assert (doc["tags"], doc["system_tags"], doc["status_message"]) == (["x", "y"], ["b"], "m")
        doc = await tasks_repo.update(ACME, "t1", {}, add_tags={"system_tags": ["archived", "b"]})
        assert doc["system_tags"] == ["b", "archived"]
        doc = await tasks_repo.update(ACME, "t1", {}, remove_tags={"tags": ["x", "y"], "nothing": ["z"]})
        assert doc["tags"] == [] and "nothing" not in doc
        assert (await tasks_repo.update(ACME, "t1", {}, add_tags={"labels": ["l"]}))["labels"] == ["l"]
        assert await tasks_repo.update(OTHER, "t1", {}, add_tags={"tags": ["z"]}) is None

    async def test_update_many_adds_and_removes_tags_of_the_selected_tasks(self, tasks_repo):
        await tasks_repo.add(a_task("t1", tags=["old"]))
        await tasks_repo.add(a_task("t2", minute=1))
        await tasks_repo.add(a_task("t3", company=OTHER, tags=["old"]))
        selection = Selection(ACME, ids=["t1", "t2", "t3"])
        assert await tasks_repo.update_many(selection, {"last_changed_by": "u9"}, add_tags={"tags": ["new"]}) == 2
        assert await tasks_repo.update_many(selection, {}, remove_tags={"tags": ["old"]}) == 2
        assert [doc["tags"] for doc in await tasks_repo.select(selection, ["tags"])] == [["new"], ["new"]]
        assert (await tasks_repo.get(ACME, "t2"))["last_changed_by"] == "u9"
        assert (await tasks_repo.get(OTHER, "t3"))["tags"] == ["old"]

    async def test_set_public_and_back(self, tasks_repo):
        await tasks_repo.add(a_task("t1"))
        await tasks_repo.add(a_task("t2", company=OTHER))
        later = T0 + timedelta(hours=1)
        assert await tasks_repo.set_public(ACME, ["t1", "t2"], True, "alice", later) == 1
        doc = await tasks_repo.get(OTHER, "t1")
        assert (doc["company"], doc["company_origin"], doc["last_changed_by"]) == ("", ACME, "alice")
        assert await tasks_repo.set_public(OTHER, ["t1"], False, "eve", later) == 0
        assert await tasks_repo.set_public(ACME, ["t1"], False, "alice", later) == 1
        doc = await tasks_repo.get(ACME, "t1")
        assert doc["company"] == ACME and "company_origin" not in doc and await tasks_repo.get(OTHER, "t1") is None

    async def test_record_metrics_sets_values_and_only_raises_the_iteration(self, tasks_repo):
        await tasks_repo.add(a_task("t1", last_iteration=5, last_metrics={"m": {"v0": {"value": 0.5}}}))
        later = T0 + timedelta(hours=1)
        assert await tasks_repo.record_metrics(ACME, "t1", {"m": {"v1": {"value": 1.5}}}, 3, later) is True
        doc = await tasks_repo.get(ACME, "t1")
        assert doc["last_metrics"] == {"m": {"v0": {"value": 0.5}, "v1": {"value": 1.5}}}
        assert (doc["last_iteration"], doc["last_update"]) == (5, later)
        assert await tasks_repo.record_metrics(ACME, "t1", {}, 9, later) is True
        assert (await tasks_repo.get(ACME, "t1"))["last_iteration"] == 9
        assert await tasks_repo.record_metrics(OTHER, "t1", {}, 20, later) is False
        assert await tasks_repo.record_metrics(ACME, "gone", {}, 20, later) is False


class ProjectRepositoryContract:
    async def test_update_renames_unless_the_name_is_taken(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        await projects_repo.add(a_project("p2", "cv"))
        assert await projects_repo.update(ACME, "p1", {"name": "nlp", "description": "d"}) is True
        assert (await projects_repo.get(ACME, "p1"))["name"] == "nlp"
        with pytest.raises(DuplicateName):
            await projects_repo.update(ACME, "p1", {"name": "cv"})
        assert await projects_repo.update(OTHER, "p1", {"description": "x"}) is False

    async def test_delete_only_own_projects(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        await projects_repo.add(a_project("p2", "cv", company=OTHER))
        assert await projects_repo.delete(ACME, ["p1", "p2", "nope"]) == 1
        assert await projects_repo.get(ACME, "p1") is None and await projects_repo.get(OTHER, "p2")

    async def test_names_are_unique_within_a_company_only(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        with pytest.raises(DuplicateName):
            await projects_repo.add(a_project("p2", "ml"))
        await projects_repo.add(a_project("p3", "ml", company=OTHER))
        assert ids(await projects_repo.get_by_name(ACME, "ml")) == ["p1"]

    async def test_another_company_cannot_read_a_project(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        await projects_repo.add(a_project("pub", "examples", company=""))
        assert (await projects_repo.get(ACME, "p1"))["name"] == "ml"
        assert await projects_repo.get(OTHER, "p1") is None
        assert (await projects_repo.get(OTHER, "pub"))["_id"] == "pub"
        assert ids(await projects_repo.get_by_name(OTHER, "examples")) == ["pub"]
        assert ids(await projects_repo.find(projects_get_all(OTHER))) == ["pub"]

    async def test_exact_name_lookup_as_the_sdk_sends_it(self, projects_repo):
        await projects_repo.add(a_project("p1", "my-project"))
        await projects_repo.add(a_project("p2", "my-project-2"))
        await projects_repo.add(a_project("p3", "My-Project"))
        lookup = projects_get_all(name=r"^my\-project$", only_fields=["id"], search_hidden=True)
        assert await projects_repo.find(lookup) == [{"_id": "p1"}]

    async def test_sub_projects_shallow_search_and_descendants(self, projects_repo):
        top = a_project("a", "a")
        child = a_project("b", "a/b", parent=top)
        await projects_repo.add(top)
        await projects_repo.add(child)
        await projects_repo.add(a_project("c", "a/b/c", parent=child))
        assert ids(await projects_repo.find(projects_get_all(shallow_search=True))) == ["a"]
        assert ids(await projects_repo.find(projects_get_all(basename="^c$"))) == ["c"]
        assert sorted(await projects_repo.descendant_ids(ACME, ["a"])) == ["b", "c"]
        assert await projects_repo.descendant_ids(OTHER, ["a"]) == []

    async def test_hidden_projects_only_when_searched(self, projects_repo):
        await projects_repo.add(a_project("p1", "shown"))
        await projects_repo.add(a_project("p2", "shown/.datasets", system_tags=["hidden"]))
        assert ids(await projects_repo.find(projects_get_all())) == ["p1"]
        assert ids(await projects_repo.find(projects_get_all(search_hidden=True, order_by=["name"]))) == ["p1", "p2"]

    async def test_touch_sets_last_update_of_own_projects(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        later = T0 + timedelta(hours=1)
        await projects_repo.touch(OTHER, ["p1"], later)
        assert (await projects_repo.get(ACME, "p1"))["last_update"] == T0
        await projects_repo.touch(ACME, ["p1"], later)
        assert (await projects_repo.get(ACME, "p1"))["last_update"] == later

    async def test_find_pages_and_projects(self, projects_repo):
        for i in range(4):
            await projects_repo.add(a_project(f"p{i}", f"proj {i}", description=f"d{i}"))
        query = projects_get_all(order_by=["-name"], page=1, page_size=2, only_fields=["name"])
        assert await projects_repo.find(query) == [{"_id": "p1", "name": "proj 1"}, {"_id": "p0", "name": "proj 0"}]
        assert ids(await projects_repo.find(projects_get_all(description="^d[23]$"))) == ["p2", "p3"]
        assert await projects_repo.find(FindQuery(filter={"_id": "p3", **company_scope(OTHER)})) == []

    async def test_set_public_moves_projects_unless_a_name_collides(self, projects_repo):
        await projects_repo.add(a_project("p1", "ml"))
        await projects_repo.add(a_project("p2", "ml", company=OTHER))
        await projects_repo.add(a_project("pub", "ml", company="", company_origin="third"))
        later = T0 + timedelta(hours=1)
        with pytest.raises(DuplicateName):
            await projects_repo.set_public(ACME, ["p1"], True, "alice", later)
        assert (await projects_repo.get(ACME, "p1"))["company"] == ACME
        assert await projects_repo.set_public("third", ["pub"], False, "carol", later) == 1
        assert await projects_repo.set_public(ACME, ["p1"], True, "alice", later) == 1
        moved = await projects_repo.get(OTHER, "p1")
        assert (moved["company_origin"], moved["last_change"], moved["last_changed_by"]) == (ACME, later, "alice")
        assert await projects_repo.set_public(ACME, ["p2"], True, "alice", later) == 0
        assert await projects_repo.set_public(OTHER, ["p1"], False, "eve", later) == 0
        with pytest.raises(DuplicateName):  # p1 holds the name among the public projects now
            await projects_repo.set_public(OTHER, ["p2"], True, "eve", later)
        assert await projects_repo.set_public(ACME, ["p1"], False, "alice", later) == 1
        assert "company_origin" not in await projects_repo.get(ACME, "p1")

    async def test_select_projects_by_place_in_the_hierarchy(self, projects_repo):
        top = a_project("a", "a")
        child = a_project("b", "a/b", parent=top)
        await projects_repo.add(top)
        await projects_repo.add(child)
        await projects_repo.add(a_project("c", "a/b/c", parent=child, system_tags=["hidden"]))
        await projects_repo.add(a_project("d", "d", company=OTHER))
        assert ids(await projects_repo.select(Selection(ACME, below=["a"]))) == ["b", "c"]
        assert ids(await projects_repo.select(Selection(ACME, parents=["a"]))) == ["b"]
        assert ids(await projects_repo.select(Selection(ACME, below=["a"], not_system_tags=["hidden"]))) == ["b"]
        assert ids(await projects_repo.select(Selection(ACME, basenames=["c", "a"], parents=["b", None]))) == ["a", "c"]
        named = await projects_repo.select(Selection(ACME, names=["a/b", "d"]), ["name"])
        assert named == [{"_id": "b", "name": "a/b"}]
        assert ids(await projects_repo.select(Selection(ACME, ids=["a", "d"]))) == ["a"]
        assert await projects_repo.with_ancestors(["c", "d", "gone"]) == ["a", "b", "c", "d"]

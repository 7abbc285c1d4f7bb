"""Access rules enforced by the tasks process (issue 16), through the gateway, for two normal
users of one company: a project closed to alice and readable by bob hides its tasks, models,
sub-projects, reports and their statistics and hyper-parameters from alice (as if absent) and
lets bob read but not write (403/21); ``read_write`` lets him write; a rule change takes
effect within a second. The rules are published as identity publishes them
(``snapshots.RulePublisher``)."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from tests.e2e.api import call, meta
from tests.e2e.identity.people import Person, make_company, make_person
from tests.e2e.permissions.snapshots import RulePublisher, rule
from tests.support.response_shape import assert_conforms


def post(client: httpx.Client, endpoint: str, body: dict) -> httpx.Response:
    return client.post(f"/v2.23/{endpoint}", json=body)


def checked(client: httpx.Client, endpoint: str, body: dict) -> dict:
    """``call``, and the answer has the catalog's shape (the endpoints whose answers do: the
    ``*_ex`` listings answer expanded references, which the catalog types as strings)."""
    data = call(client, endpoint, body)
    assert_conforms(endpoint, data)
    return data


def wait_until(predicate, timeout: float = 15.0) -> float:
    """Seconds until ``predicate()`` held (polled); fails past ``timeout``."""
    start = time.monotonic()
    while not predicate():
        assert time.monotonic() - start < timeout, "the rules never took effect"
        time.sleep(0.02)
    return time.monotonic() - start


class Company:
    def __init__(self, stack) -> None:
        self.id = make_company(stack, "perm")
        self.admin, self.alice, self.bob = (make_person(stack, role, self.id) for role in ("admin", "user", "user"))
        self.url = stack.url
        self.rules = RulePublisher(stack, self.id)
        self.ids: dict[str, str] = {}
        self.marker = uuid.uuid4().hex[:8]

    def client(self, person: Person) -> httpx.Client:
        return httpx.Client(base_url=self.url, auth=person.auth, timeout=60)


@pytest.fixture(scope="module")
def co(stack):
    """``secret`` (with ``secret/sub``) and ``open`` projects, a task (with hyper-parameter
    section ``s_<project>``), a model and a report in each, made by the company's admin."""
    company = Company(stack)
    ids = company.ids
    with company.client(company.admin) as admin:
        for key, name in (("secret", "secret"), ("sub", "secret/sub"), ("open", "open")):
            ids[key] = call(admin, "projects.create", {"name": f"{company.marker}-{name}" if key != "sub" else
                                                       f"{company.marker}-secret/sub"})["id"]
        for key in ("secret", "sub", "open"):
            ids[f"t-{key}"] = call(admin, "tasks.create", {"name": f"t-{key}", "type": "training",
                                                           "project": ids[key]})["id"]
            call(admin, "tasks.edit_hyper_params", {"task": ids[f"t-{key}"], "hyperparams": [
                {"section": f"s_{key}", "name": "lr", "value": f"0.{len(key)}"}]})
            ids[f"m-{key}"] = call(admin, "models.create", {"name": f"m-{key}", "uri": "s3://b/m",
                                                            "project": ids[key]})["id"]
            ids[f"r-{key}"] = call(admin, "reports.create", {"name": f"r-{key}", "project": ids[key]})["id"]
    return company


def closed_to_alice(co: Company, *extra) -> float:
    """Publish: ``secret`` readable by bob only (and ``extra`` rules); seconds until alice's
    task list shows it."""
    co.rules.publish(rule("project", co.ids["secret"], "read", co.bob.user), *extra)
    with co.client(co.alice) as alice:
        return wait_until(lambda: co.ids["t-secret"] not in task_ids(alice))


def task_ids(client: httpx.Client, **body) -> set[str]:
    return {t["id"] for t in call(client, "tasks.get_all", {"only_fields": ["id"], **body})["tasks"]}


def test_lists_show_only_what_the_caller_may_read(co):
    closed_to_alice(co)
    ids = co.ids
    mine = {ids["t-secret"], ids["t-sub"], ids["t-open"]}
    with co.client(co.alice) as alice, co.client(co.bob) as bob, co.client(co.admin) as admin:
        assert task_ids(alice) & mine == {ids["t-open"]}
        assert task_ids(bob) & mine == mine and task_ids(admin) & mine == mine
        everything = [ids["t-secret"], ids["t-sub"], ids["t-open"]]
        got = checked(alice, "tasks.get_all_ex", {"id": everything, "only_fields": ["id"]})
        assert [t["id"] for t in got["tasks"]] == [ids["t-open"]]
        page = checked(alice, "tasks.get_all_ex", {"id": everything, "page": 0, "page_size": 1,
                                                   "order_by": ["name"], "only_fields": ["id"]})
        assert [t["id"] for t in page["tasks"]] == [ids["t-open"]]  # paged after filtering
        got = call(alice, "tasks.get_by_id_ex", {"id": everything})  # expanded references: not the catalog shape
        assert [t["id"] for t in got["tasks"]] == [ids["t-open"]]
        projects = [ids["secret"], ids["sub"], ids["open"]]
        got = call(alice, "projects.get_all_ex", {"id": projects, "include_stats": True})
        assert [p["id"] for p in got["projects"]] == [ids["open"]]
        got = call(bob, "projects.get_all_ex", {"id": [ids["secret"]], "include_stats": True})
        assert got["projects"][0]["stats"]["active"]["total_tasks"] == 2  # with secret/sub's
        got = call(alice, "models.get_all_ex", {"id": [ids["m-secret"], ids["m-sub"], ids["m-open"]]})
        assert [m["id"] for m in got["models"]] == [ids["m-open"]]
        got = call(alice, "models.get_all", {"id": [ids["m-secret"], ids["m-open"]]})
        assert [m["id"] for m in got["models"]] == [ids["m-open"]]
        got = call(alice, "reports.get_all_ex", {"id": [ids["r-secret"], ids["r-sub"], ids["r-open"]]})
        assert [r["id"] for r in got["tasks"]] == [ids["r-open"]]
        sections = {p["section"] for p in checked(alice, "projects.get_hyper_parameters", {})["parameters"]}
        assert "s_open" in sections and not sections & {"s_secret", "s_sub"}
        values = checked(alice, "projects.get_hyperparam_values", {"projects": [ids["secret"]], "section": "s_secret",
                                                                   "name": "lr"})
        assert values["total"] == 0
        values = checked(bob, "projects.get_hyperparam_values", {"projects": [ids["secret"]], "section": "s_secret",
                                                                 "name": "lr"})
        assert values["values"] == ["0.6"]


def test_reads_by_id_of_what_the_caller_may_not_read_answer_as_if_absent(co):
    closed_to_alice(co)
    ids = co.ids
    with co.client(co.alice) as alice, co.client(co.bob) as bob:
        assert meta(post(alice, "tasks.get_by_id", {"task": ids["t-sub"]})) == (400, 101)
        assert meta(post(alice, "models.get_by_id", {"model": ids["m-secret"]})) == (400, 201)
        assert meta(post(alice, "projects.get_by_id", {"project": ids["sub"]})) == (400, 401)
        assert meta(post(alice, "tasks.edit", {"task": ids["t-secret"], "name": "x"})) == (400, 101)
        assert call(bob, "tasks.get_by_id", {"task": ids["t-sub"]})["task"]["id"] == ids["t-sub"]
        assert call(bob, "projects.get_by_id", {"project": ids["sub"]})["project"]["id"] == ids["sub"]


def test_read_only_writes_are_403_and_read_write_writes(co):
    closed_to_alice(co)
    ids = co.ids
    with co.client(co.bob) as bob:
        for endpoint, body in [
            ("tasks.edit", {"task": ids["t-secret"], "name": "x"}),
            ("tasks.started", {"task": ids["t-sub"]}),
            ("tasks.add_or_update_artifacts", {"task": ids["t-secret"], "artifacts": [{"key": "a", "type": "b"}]}),
            ("models.edit", {"model": ids["m-secret"], "name": "x"}),
            ("models.update", {"model": ids["m-sub"], "comment": "x"}),
            ("projects.update", {"project": ids["sub"], "description": "x"}),
            ("reports.update", {"task": ids["r-secret"], "comment": "x"}),
            ("tasks.create", {"name": "new", "type": "training", "project": ids["sub"]}),
            ("models.create", {"name": "new", "uri": "s3://b/n", "project": ids["secret"]}),
            ("projects.create", {"name": f"{co.marker}-secret/sub/new"}),
            ("tasks.move", {"ids": [ids["t-open"]], "project": ids["secret"]}),
        ]:
            assert meta(post(bob, endpoint, body)) == (403, 21), endpoint
        answer = checked(bob, "tasks.archive_many", {"ids": [ids["t-secret"], ids["t-open"]]})
        assert [s["id"] for s in answer["succeeded"]] == [ids["t-open"]]
        assert [(f["id"], f["error"]["codes"]) for f in answer["failed"]] == [(ids["t-secret"], [403, 21])]
        call(bob, "tasks.unarchive_many", {"ids": [ids["t-open"]]})
    co.rules.publish(rule("project", ids["secret"], "read_write", co.bob.user))
    with co.client(co.bob) as bob:
        wait_until(lambda: post(bob, "tasks.edit", {"task": ids["t-sub"], "comment": "bob"}).status_code == 200)
        assert checked(bob, "models.edit", {"model": ids["m-sub"], "comment": "bob"})["updated"] == 1
        made = checked(bob, "tasks.create", {"name": "bobs", "type": "training", "project": ids["sub"]})["id"]
        assert call(bob, "tasks.get_by_id", {"task": made})["task"]["project"] == ids["sub"]
    with co.client(co.alice) as alice:
        assert made not in task_ids(alice)


def test_a_project_made_under_a_closed_one_is_closed_too(co):
    closed_to_alice(co)
    with co.client(co.admin) as admin:
        deeper = call(admin, "projects.create", {"name": f"{co.marker}-secret/sub/deeper-{uuid.uuid4().hex[:6]}"})["id"]
        task = call(admin, "tasks.create", {"name": "deeper", "type": "training", "project": deeper})["id"]
    with co.client(co.alice) as alice, co.client(co.bob) as bob:
        assert task not in task_ids(alice) and task in task_ids(bob)
        assert meta(post(alice, "projects.get_by_id", {"project": deeper})) == (400, 401)


def test_a_rule_change_takes_effect_within_a_second(co):
    closed_to_alice(co)
    with co.client(co.alice) as alice:
        co.rules.publish(rule("project", co.ids["secret"], "read", co.bob.user, co.alice.user))
        opened = wait_until(lambda: co.ids["t-sub"] in task_ids(alice))
        co.rules.publish(rule("project", co.ids["secret"], "read", co.bob.user))
        closed = wait_until(lambda: co.ids["t-sub"] not in task_ids(alice))
    print(f"rule change seen after {opened:.3f} s (open) and {closed:.3f} s (close)")
    assert opened < 1.0 and closed < 1.0


def test_a_task_rule_decides_before_its_project_and_an_unconfigured_company_is_open(co):
    ids = co.ids
    closed_to_alice(co, rule("task", ids["t-sub"], "read", co.alice.user))
    with co.client(co.alice) as alice:
        assert task_ids(alice, id=[ids["t-secret"], ids["t-sub"]]) == {ids["t-sub"]}
        assert meta(post(alice, "tasks.edit", {"task": ids["t-sub"], "name": "x"})) == (403, 21)
        # a hidden task leaves its project's statistics too
        closed_to_alice(co, rule("task", ids["t-open"], "read", co.bob.user))
        wait_until(lambda: ids["t-open"] not in task_ids(alice))
        got = call(alice, "projects.get_all_ex", {"id": [ids["open"]], "include_stats": True})
        assert got["projects"][0]["stats"]["active"]["total_tasks"] == 0
        co.rules.publish(rule("project", ids["secret"], "read", co.bob.user), managed=False)
        wait_until(lambda: ids["t-secret"] in task_ids(alice))

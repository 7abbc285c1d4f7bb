"""The tenancy suite: two companies, each with an admin and a user. Company A makes one of
everything (tasks, projects, models, queues, workers, events, files, datasets); then every
endpoint of every process, called with company B's identity on A's ids, is refused or
answers nothing of A's, and A's things are as A left them. The suite reports how many
endpoints it covered."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest

from tests.e2e.api import call
from tests.e2e.identity.people import make_company, make_person
from tests.e2e.tenancy.probe import body_for, echoed, endpoints, leaked, stand_ins
from tests.e2e.tenancy.world import build

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def companies(stack):
    a, b = make_company(stack, "company-a"), make_company(stack, "company-b")
    return {
        "a_admin": make_person(stack, "admin", a), "a_user": make_person(stack, "user", a),
        "b_admin": make_person(stack, "admin", b), "b_user": make_person(stack, "user", b),
    }


@pytest.fixture(scope="module")
def world(stack, companies):
    return build(stack.url, stack.files_url, companies["a_admin"])


# Answers that differ on A's ids by design, not by a leak: an access key is unique across
# companies, so setting a key another company holds is refused (nothing of A's is shown).
SAME_ANSWER_EXEMPT = {"auth.set_credentials"}


# Answers that are the caller's own history: B's workers event log lists the workers B itself
# reported earlier in the probe under A's worker name (workers.cluster_report, listener_report,
# register). Checked instead before the probe, while B has no history: it shows nothing of A's.
OWN_HISTORY = {"workers.download_events_log"}

# Refusals that come before the endpoint looks anything up (the body's shape).
VALIDATION = {(400, 12), (400, 11), (400, 16)}


def _answer(response: httpx.Response):
    """(result code, subcode, data) of a JSON answer; a file answer counts by its status."""
    if not response.headers.get("content-type", "").startswith("application/json"):
        return response.status_code, 0, response.text
    body = response.json()
    return body["meta"]["result_code"], body["meta"]["result_subcode"], body.get("data")


def probe(stack, person, world, names):
    """What B's calls show of A's: for each endpoint, B's call on A's ids is compared with the
    same call on made-up ids. A different outcome (code, subcode) tells B that A's id exists;
    an answer showing A's names or ids (beyond what the made-up call echoes) is a leak."""
    leaks, outcomes, unprobed = [], Counter(), set()
    secret_kinds = [k for k in world.ids]
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as b:
        for name in names:
            made_up = stand_ins(world.ids)
            for task in ("task", "queued_task"):  # a task of A's at rest, and one in a queue
                ids = {**world.ids, "task": world.ids[task]}
                fake_ids = {**made_up, "task": made_up[task]}
                body = body_for(name, ids)
                real = _answer(b.post(f"/{name}", json=body))
                outcomes[real[:2]] += 1
                if real[:2] in VALIDATION:
                    unprobed.add(name)
                fake = _answer(b.post(f"/{name}", json=body_for(name, fake_ids)))
                echoes = [False] + echoed(fake[2], [fake_ids[k] for k in secret_kinds])
                secrets = [world.marker, *(ids[k] for k in secret_kinds)]
                shown = [] if name in OWN_HISTORY else leaked(real[2], secrets, echoes)
                if (real[:2] != fake[:2] and name not in SAME_ANSWER_EXEMPT) or shown:
                    leaks.append((name, real[:2], fake[:2], shown, body))
            leaks.extend(_lists_leak(b, name, world))
    print(f"\ntenancy: {len(names)} endpoints called as {person.role} of company B on company A's ids; "
          f"answers (code, subcode): {dict(outcomes.most_common())}; refused by validation before "
          f"any lookup: {sorted(unprobed)}")
    return leaks


def _lists_leak(b, name, world):
    """A read with an empty body (B's whole view) shows nothing of A's."""
    if ".get" not in name:
        return []
    code, subcode, data = _answer(b.post(f"/{name}", json={}))
    shown = leaked(data, world.secrets(), [False] * len(world.secrets()))
    return [(name, (code, subcode), "{}", shown, {})] if shown else []


def test_company_b_sees_and_changes_nothing_of_company_a(stack, companies, world):
    with httpx.Client(base_url=stack.url, auth=companies["b_admin"].auth, timeout=60) as b:
        for name in OWN_HISTORY:  # before B made any history of its own
            code, _, data = _answer(b.post(f"/{name}", json={}))
            assert code == 200 and leaked(data, world.secrets(), [False] * len(world.secrets())) == []
    names = endpoints()
    leaks = probe(stack, companies["b_admin"], world, names)
    for leak in leaks:
        print("LEAK", leak)
    assert leaks == []
    assert_a_is_intact(stack, world)


def test_a_user_of_company_b_sees_nothing_of_company_a_in_lists(stack, companies, world):
    lists = [n for n in endpoints() if ".get_all" in n]
    assert probe(stack, companies["b_user"], world, lists) == []


def test_company_b_cannot_read_or_delete_company_a_files(stack, companies, world):
    with httpx.Client(base_url=stack.url, auth=companies["b_admin"].auth) as b:
        token = call(b, "auth.login", {})["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    url = f"{stack.files_url}/{world.file_path}"
    assert httpx.get(url, headers=bearer).status_code == 404
    assert httpx.delete(url, headers=bearer).status_code == 404
    httpx.post(f"{stack.files_url}/delete_many", headers=bearer, json={"files": [world.file_path]})
    httpx.post(f"{stack.files_url}/", headers=bearer, files={world.file_path: (world.file_path, b"B's own")})
    assert_a_is_intact(stack, world)


def test_company_b_cannot_add_events_to_company_a_tasks_as_clients_send_them(stack, companies, world):
    """``events.add_batch`` travels on the ingest topic, not as an RPC: the same rule holds."""
    event = {"type": "log", "task": world.ids["task"], "msg": "from B", "level": "info", "timestamp": 1}
    with httpx.Client(base_url=stack.url, auth=companies["b_admin"].auth) as b:
        b.post("/events.add_batch", content=json.dumps(event), headers={"Content-Type": "application/json-lines"})
    with httpx.Client(base_url=stack.url, auth=world.admin.auth) as a:
        log = call(a, "events.get_task_log", {"task": world.ids["task"]})["events"]
    assert [e.get("msg") for e in log] == [world.marker]


def assert_a_is_intact(stack, world):
    ids = world.ids
    with httpx.Client(base_url=stack.url, auth=world.admin.auth, timeout=60) as a:
        task = call(a, "tasks.get_by_id", {"task": ids["task"]})["task"]
        assert task["name"] == f"{world.marker}-task" and task["status"] == "created"
        assert call(a, "tasks.get_by_id", {"task": ids["queued_task"]})["task"]["status"] == "queued"
        queue = call(a, "queues.get_by_id", {"queue": ids["queue"]})["queue"]
        assert [e["task"] for e in queue["entries"]] == [ids["queued_task"]]
        assert call(a, "projects.get_by_id", {"project": ids["project"]})["project"]["name"].startswith(world.marker)
        assert call(a, "models.get_by_id", {"model": ids["model"]})["model"]["name"] == f"{world.marker}-model"
        assert ids["worker"] in {w["id"] for w in call(a, "workers.get_all", {})["workers"]}
        log = call(a, "events.get_task_log", {"task": ids["task"]})["events"]
        assert any(e.get("msg") == world.marker for e in log)
        assert call(a, "datasets.get_by_id", {"dataset": ids["dataset"]})["dataset"]["id"] == ids["dataset"]
        assert call(a, "dataviews.get_by_id", {"dataview": ids["dataview"]})["dataview"]["id"] == ids["dataview"]
        token = call(a, "auth.login", {})["token"]
    got = httpx.get(f"{stack.files_url}/{world.file_path}", headers={"Authorization": f"Bearer {token}"})
    assert (got.status_code, got.content) == (200, world.file_body)


def test_started_on_another_companys_task_answers_as_for_an_unknown_task(stack, companies, world):
    with httpx.Client(base_url=stack.url, auth=companies["b_admin"].auth) as b:
        foreign = b.post("/tasks.started", json={"task": world.ids["task"]}).json()["meta"]
        unknown = b.post("/tasks.started", json={"task": "0" * 32}).json()["meta"]
    assert (foreign["result_code"], foreign["result_subcode"]) == (unknown["result_code"], unknown["result_subcode"]) == (400, 10)

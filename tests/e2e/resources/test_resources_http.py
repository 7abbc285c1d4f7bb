"""``resources.*`` through the gateway (issue 17, item 2): the resource configuration's draft
-> validate -> publish -> reset lifecycle, policies bound to permission groups with their
profile queues, and the enforcement of a published policy's quota on ``tasks.enqueue``.
Every answer is checked against the catalog's response definition."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.resources.conftest import World, eventually
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def res(client: httpx.Client, action: str, body: dict | None = None) -> dict:
    """A ``resources.<action>`` call that must succeed, its answer checked against the catalog."""
    data = call(client, f"resources.{action}", body or {})
    assert_conforms(f"resources.{action}", data)
    return data


def config(pools: list[tuple[str, int]], profiles: list[tuple[str, float, list[str]]]) -> dict:
    """A ``set_resource_configuration`` body: pools (id, resources) and profiles (id, cost,
    pools it links to, in precedence); names and link ids derived from the ids."""
    return {
        "pools": [{"id": p, "name": f"pool {p}", "resources": n, "description": f"{n} GPUs"} for p, n in pools],
        "profiles": [{"id": pr, "name": f"profile {pr}", "profile_cost": cost,
                      "pool_links": [{"id": f"{pr}-{p}", "name": f"{pr} on {p}", "pool": p, "queue_name": f"q-{pr}-{p}"}
                                     for p in links]}
                     for pr, cost, links in profiles],
    }


def publish(admin: httpx.Client, body: dict) -> dict:
    res(admin, "set_resource_configuration", body)
    return res(admin, "publish_resource_configuration")


def task(client: httpx.Client) -> str:
    return call(client, "tasks.create", {"name": unique("policy-job"), "type": "training"})["id"]


def enqueue(client: httpx.Client, task_id: str, queue: str) -> httpx.Response:
    return client.post("/v2.23/tasks.enqueue", json={"task": task_id, "queue": queue})


def status(client: httpx.Client, task_id: str) -> str:
    return call(client, "tasks.get_by_id", {"task": task_id})["task"]["status"]


def entries(client: httpx.Client, queue: str) -> list[str]:
    return [e["task"] for e in call(client, "queues.get_by_id", {"queue": queue})["queue"]["entries"]]


def queue_named(client: httpx.Client, name: str) -> str:
    [queue] = call(client, "queues.get_all", {"name": f"^{name}$"})["queues"]
    return queue["id"]


def policy_queue(world: World, limit: float, cost: float = 1, group: str = "any-group") -> tuple[str, str]:
    """A published one-pool, one-profile configuration and a policy of ``limit`` connected to
    the profile -> (policy id, queue id)."""
    publish(world.admin, config([("gpus", 8)], [("one", cost, ["gpus"])]))
    policy = res(world.admin, "create_policy", {"name": unique("team"), "limit": limit, "reservation": 0,
                                                "user_group": group})["id"]
    connection = {"policy": policy, "profile": "one", "queue_name": unique("team-q"), "display_name": "Team GPUs"}
    queue = res(world.admin, "connect_policy_profile", connection)["id"]
    return policy, queue


def test_a_published_policy_refuses_an_enqueue_over_quota_and_admits_it_once_raised(world):
    policy, queue = policy_queue(world, limit=2)
    jobs = [task(world.alice) for _ in range(3)]
    for job in jobs[:2]:
        assert enqueue(world.alice, job, queue).status_code == 200
    refused = enqueue(world.alice, jobs[2], queue)
    assert meta(refused) == (400, 16)
    message = refused.json()["meta"]["result_msg"]
    assert "limit 2" in message and "in use (queued and running) 2" in message and "needs 1" in message
    # nothing changed: the task is where it was, and the queue holds the two admitted jobs
    assert status(world.alice, jobs[2]) == "created"
    assert entries(world.alice, queue) == jobs[:2]

    assert res(world.admin, "update_policy", {"id": policy, "limit": 3}) == {"updated": 1}
    before = datetime.now(timezone.utc)
    assert enqueue(world.alice, jobs[2], queue).status_code == 200
    after = datetime.now(timezone.utc)
    assert status(world.alice, jobs[2]) == "queued" and entries(world.alice, queue) == jobs

    # the task's operations log lists the admitted enqueue, by whom and when (the refused one
    # changed nothing, so it is not an operation)
    log = call(world.alice, "tasks.get_operations_log", {"task": jobs[2], "order": "asc"}, "999.0")["operations"]
    assert [o["operation"] for o in log] == ["create", "enqueue"]
    enqueued = log[1]
    assert enqueued["user"]["id"] == world.user("alice") and enqueued["info"] == "status: created -> queued"
    assert before.replace(microsecond=0) <= datetime.fromisoformat(enqueued["created"]) <= after

    # the queue shows which policy and profile it serves (the seed's profile_connection)
    listed = call(world.admin, "queues.get_all_ex", {"id": [queue]})["queues"][0]
    stamp = listed["profile_connection"]
    assert stamp == {"policy": policy, "policy_name": stamp["policy_name"], "profile": "one", "user_group": "any-group"}
    # a dequeued job frees its share: another job fits again
    call(world.alice, "tasks.dequeue", {"task": jobs[0]})
    assert enqueue(world.alice, task(world.alice), queue).status_code == 200


def test_the_quota_counts_each_job_at_its_profiles_cost_and_running_jobs_too(world):
    policy, queue = policy_queue(world, limit=4, cost=2)
    first, second = task(world.alice), task(world.alice)
    assert enqueue(world.alice, first, queue).status_code == 200
    # the pool's agent takes the first job through the pool link's queue (created when the
    # configuration was published) and reports it running: it still holds its 2 resources
    link_queue = queue_named(world.admin, "q-one-gpus")
    worker = unique("gpu-agent")
    call(world.admin, "workers.register", {"worker": worker, "queues": [link_queue]})
    assert call(world.admin, "queues.get_next_task", {"queue": link_queue})["entry"]["task"] == first
    call(world.admin, "workers.status_report", {"worker": worker, "task": first, "timestamp": 0})
    assert enqueue(world.alice, second, queue).status_code == 200
    assert meta(enqueue(world.alice, task(world.alice), queue)) == (400, 16)

    data = res(world.alice, "get_policy_data", {"id": policy})
    assert data["usage"] == 2 and [t["id"] for t in data["tasks"]] == [first] and data["tasks"][0]["cost"] == 2
    [link] = data["profile_links"]
    assert link["queue"]["id"] == queue and link["profile"]["queued_jobs"] == 1 and link["profile"]["running_jobs"] == 1
    [listed] = res(world.admin, "get_policies")["policies"]
    assert listed["id"] == policy and listed["usage"] == 2 and listed["missing_profile_connections"] is False
    [pool] = res(world.admin, "get_resource_pools")["pools"]
    assert pool["usage"] == 2 and pool["resources"] == 8 and pool["links"] == ["one-gpus"]
    [profile] = res(world.admin, "get_resource_profiles")["profiles"]
    assert profile["running_jobs"] == 1 and profile["queued_jobs"] == 1
    assert [c["id"] for c in profile["policy_connections"]] == [queue]

    # the worker is done with it: its share is free again
    call(world.admin, "workers.status_report", {"worker": worker, "timestamp": 0})
    assert enqueue(world.alice, task(world.alice), queue).status_code == 200


def test_the_policy_manager_switch_turns_enforcement_off_and_on(world):
    _, queue = policy_queue(world, limit=1)
    assert enqueue(world.alice, task(world.alice), queue).status_code == 200
    assert res(world.admin, "enable_policy_manager", {"enable": False}) == {}
    assert res(world.admin, "get_resource_configuration", {})["policy_manager"] == {"enabled": False}
    assert enqueue(world.alice, task(world.alice), queue).status_code == 200
    res(world.admin, "enable_policy_manager", {"enable": True})
    assert meta(enqueue(world.alice, task(world.alice), queue)) == (400, 16)


def test_the_configuration_is_drafted_validated_published_and_reset(world):
    admin = world.admin
    assert res(admin, "check_edit_configuration") == {"exists": False}
    res(admin, "set_resource_configuration", config([("a", 4), ("b", 8)], [("two", 2, ["b", "a"])]))
    assert res(admin, "check_edit_configuration") == {"exists": True}
    draft = res(admin, "get_resource_configuration", {"edit": True})["configuration"]
    assert [p["id"] for p in draft["pools"]] == ["a", "b"]
    assert [link["pool"] for link in draft["profiles"][0]["pool_links"]] == ["b", "a"]  # precedence kept
    assert res(admin, "get_resource_configuration", {"edit": False})["configuration"] == {"pools": [], "profiles": []}
    assert res(admin, "get_resource_pools") == {"pools": []}  # nothing published yet
    assert res(admin, "test_configuration_publishing") == {"affected_policies": [], "not_linked_profiles": []}
    counts = res(admin, "publish_resource_configuration")
    assert counts == {"created_pools": 2, "updated_pools": 0, "deleted_pools": 0, "created_profiles": 1,
                      "updated_profiles": 0, "deleted_profiles": 0, "created_links": 2, "updated_links": 0,
                      "deleted_links": 0, "deleted_policy_connections": 0}
    assert res(admin, "check_edit_configuration") == {"exists": False}
    assert [p["name"] for p in res(admin, "get_resource_profiles")["profiles"]] == ["profile two"]

    # a draft is dropped by reset; the published configuration stays
    res(admin, "set_resource_configuration", config([("a", 4)], []))
    assert res(admin, "reset_resource_configuration") == {}
    assert res(admin, "check_edit_configuration") == {"exists": False}
    assert len(res(admin, "get_resource_configuration", {})["configuration"]["pools"]) == 2

    # a profile linked to no pool cannot be published: validation says so, publishing refuses
    res(admin, "set_resource_configuration", config([("a", 4), ("b", 8)], [("two", 2, ["b", "a"]), ("lost", 1, [])]))
    unlinked = res(admin, "test_configuration_publishing")["not_linked_profiles"]
    assert unlinked == [{"id": "lost", "name": "profile lost"}]
    refused = admin.post("/v2.23/resources.publish_resource_configuration", json={})
    assert meta(refused) == (400, 12) and "profile lost" in refused.json()["meta"]["result_msg"]
    assert len(res(admin, "get_resource_profiles")["profiles"]) == 1
    # a draft that names a pool it does not have is refused when saved
    bad = config([("a", 4)], [("two", 2, ["nowhere"])])
    assert meta(admin.post("/v2.23/resources.set_resource_configuration", json=bad)) == (400, 12)


def test_publishing_without_a_profile_deletes_its_policy_queues_and_requeued_tasks_go_back(world):
    policy, queue = policy_queue(world, limit=5)
    job = task(world.alice)
    assert enqueue(world.alice, job, queue).status_code == 200
    res(world.admin, "set_resource_configuration", config([("gpus", 8)], []))
    affected = res(world.admin, "test_configuration_publishing")["affected_policies"]
    assert len(affected) == 1 and affected[0]["id"] == policy
    doomed = affected[0]["queues_to_delete"]
    assert [(q["id"], q["tasks"], q["display_name"]) for q in doomed] == [(queue, 1, "Team GPUs")]
    counts = res(world.admin, "publish_resource_configuration")
    assert (counts["deleted_profiles"], counts["deleted_links"], counts["deleted_policy_connections"]) == (1, 1, 1)
    assert meta(world.admin.post("/v2.23/queues.get_by_id", json={"queue": queue})) == (400, 701)
    assert status(world.alice, job) == "created"
    assert res(world.admin, "get_policies")["policies"][0]["missing_profile_connections"] is True


def test_policies_are_created_updated_connected_disconnected_and_deleted(world):
    admin = world.admin
    publish(admin, config([("gpus", 8)], [("one", 1, ["gpus"]), ("eight", 8, ["gpus"])]))
    name = unique("research")
    policy = res(admin, "create_policy", {"name": name, "limit": 4, "reservation": 2, "user_group": "g",
                                          "description": "the research team"})["id"]
    assert meta(admin.post("/v2.23/resources.create_policy", json={"name": name, "user_group": "g"})) == (400, 801)
    assert meta(admin.post("/v2.23/resources.create_policy",
                           json={"name": unique("x"), "user_group": "g", "limit": 1, "reservation": 2})) == (400, 12)
    # a profile needing more than the policy's limit, or not published, cannot be connected
    for profile in ("eight", "nope"):
        body = {"policy": policy, "profile": profile, "queue_name": unique("q")}
        assert meta(admin.post("/v2.23/resources.connect_policy_profile", json=body)) == (400, 12)
    first = res(admin, "connect_policy_profile", {"policy": policy, "profile": "one", "queue_name": unique("q")})["id"]
    again = {"policy": policy, "profile": "one", "queue_name": unique("q")}
    assert meta(admin.post("/v2.23/resources.connect_policy_profile", json=again)) == (400, 12)
    assert res(admin, "update_policy", {"id": policy, "name": f"{name}-2", "reservation": 1}) == {"updated": 1}
    data = res(admin, "get_policy_data", {"id": policy})
    assert (data["name"], data["limit"], data["reservation"], data["description"]) == (f"{name}-2", 4, 1,
                                                                                      "the research team")
    assert data["profile_links"][0]["profile"]["policy_connections"][0]["policy_name"] == f"{name}-2"
    queue = call(admin, "queues.get_by_id", {"queue": first})["queue"]
    assert queue["profile_connection"]["policy_name"] == f"{name}-2"

    job = task(world.alice)
    assert enqueue(world.alice, job, first).status_code == 200
    assert res(admin, "disconnect_policy_profile", {"queue": first}) == {"deleted": 1}
    assert status(world.alice, job) == "created"
    assert meta(admin.post("/v2.23/resources.disconnect_policy_profile", json={"queue": first})) == (400, 701)
    second = res(admin, "connect_policy_profile", {"policy": policy, "profile": "one", "queue_name": unique("q")})["id"]
    assert res(admin, "delete_policy", {"id": policy}) == {"deleted": 1, "deleted_queues": 1}
    assert meta(admin.post("/v2.23/queues.get_by_id", json={"queue": second})) == (400, 701)
    assert res(admin, "get_policies") == {"policies": []}
    assert meta(admin.post("/v2.23/resources.get_policy_data", json={"id": policy})) == (400, 10)


def test_a_policy_belongs_to_a_permission_group(world):
    """Groups come from the company's access snapshot: only members enqueue to the policy's
    queues and see the policy; moving it to another group dequeues the other users' tasks."""
    policy, queue = policy_queue(world, limit=10, group="placeholder")
    groups = world.publish_groups({"vision": ["alice"], "nlp": ["bob"]})
    assert res(world.admin, "move_policy", {"id": policy, "user_group": groups["vision"]}) == {"dequeued_tasks": 0}
    eventually(lambda: res(world.admin, "get_policies")["policies"][0].get("user_group_name") == "vision")
    unknown = {"name": unique("p"), "user_group": "no-such-group"}
    assert meta(world.admin.post("/v2.23/resources.create_policy", json=unknown)) == (400, 12)

    alices = [task(world.alice) for _ in range(2)]
    for job in alices:
        assert enqueue(world.alice, job, queue).status_code == 200
    bobs = task(world.bob)
    assert meta(enqueue(world.bob, bobs, queue)) == (403, 21)
    assert status(world.bob, bobs) == "created"
    assert [p["id"] for p in res(world.alice, "get_policies")["policies"]] == [policy]
    assert res(world.bob, "get_policies") == {"policies": []}
    assert meta(world.bob.post("/v2.23/resources.get_policy_data", json={"id": policy})) == (400, 10)

    for group, doomed in (("nlp", 2), ("vision", 0)):
        moving = {"id": policy, "user_group": groups[group]}
        assert res(world.admin, "validate_move_policy", moving) == {"tasks_to_dequeue": doomed}
    assert entries(world.admin, queue) == alices  # validation changes nothing
    assert res(world.admin, "move_policy", {"id": policy, "user_group": groups["nlp"]}) == {"dequeued_tasks": 2}
    assert entries(world.admin, queue) == [] and {status(world.alice, j) for j in alices} == {"created"}
    assert enqueue(world.bob, bobs, queue).status_code == 200
    stamp = call(world.admin, "queues.get_by_id", {"queue": queue})["queue"]["profile_connection"]
    assert stamp["user_group"] == groups["nlp"]


def test_pool_link_queues_serve_the_policy_queues_in_the_profiles_priority_within_the_pools_room(world):
    admin = world.admin
    publish(admin, config([("gpus", 2)], [("one", 1, ["gpus"])]))
    queues = {}
    for team in ("dev", "research"):
        policy = res(admin, "create_policy", {"name": unique(team), "limit": 5, "user_group": "g"})["id"]
        queues[team] = res(admin, "connect_policy_profile", {"policy": policy, "profile": "one",
                                                             "queue_name": unique(team)})["id"]
    # the research team's queue goes first: reorder the profile's policy connections
    [profile] = res(admin, "get_resource_configuration", {})["configuration"]["profiles"]
    assert [c["id"] for c in profile["policy_connections"]] == [queues["dev"], queues["research"]]
    draft = config([("gpus", 2)], [("one", 1, ["gpus"])])
    draft["profiles"][0]["policy_connections"] = list(reversed(profile["policy_connections"]))
    counts = publish(admin, draft)
    assert counts["updated_profiles"] == 1 and counts["created_profiles"] == 0
    [profile] = res(admin, "get_resource_profiles")["profiles"]
    assert [c["id"] for c in profile["policy_connections"]] == [queues["research"], queues["dev"]]

    jobs = {team: [task(world.alice) for _ in range(2)] for team in queues}
    for team, queue in queues.items():
        for job in jobs[team]:
            assert enqueue(world.alice, job, queue).status_code == 200
    link_queue = queue_named(admin, "q-one-gpus")
    agents = [unique("agent") for _ in range(3)]
    for agent in agents:
        call(admin, "workers.register", {"worker": agent, "queues": [link_queue]})
    served = []
    for agent in agents[:2]:
        entry = call(admin, "queues.get_next_task", {"queue": link_queue})["entry"]
        call(admin, "workers.status_report", {"worker": agent, "task": entry["task"], "timestamp": 0})
        served.append(entry["task"])
    assert served == jobs["research"]  # the research queue first, in its order
    # the pool's 2 resources are in use: nothing more is handed out until one is free
    assert call(admin, "queues.get_next_task", {"queue": link_queue}) == {}
    call(admin, "workers.status_report", {"worker": agents[0], "timestamp": 0})
    assert call(admin, "queues.get_next_task", {"queue": link_queue})["entry"]["task"] == jobs["dev"][0]
    # the policy manager switched off: policy queues are not served
    res(admin, "enable_policy_manager", {"enable": False})
    call(admin, "workers.status_report", {"worker": agents[1], "timestamp": 0})
    assert call(admin, "queues.get_next_task", {"queue": link_queue}) == {}

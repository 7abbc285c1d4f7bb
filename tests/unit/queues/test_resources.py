"""The resources room over in-memory fakes: the configuration's rules, the quota check of
``internal.enqueue`` and what pool link queues serve."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from services.queues.resources import domain
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.queues.resources_fakes import ResourcesWorld
from tests.unit.queues.world import ALICE, BOB

NOW = datetime(2024, 5, 1, tzinfo=timezone.utc)
ADMIN = Identity(company="acme", user="root", role="admin")


def pool(pool_id: str, resources: int, links: tuple[str, ...] = ()) -> dict:
    return {"id": pool_id, "name": f"pool {pool_id}", "resources": resources, "links": list(links)}


def profile(profile_id: str, cost: float | None, *pools: str) -> dict:
    return {"id": profile_id, "name": f"profile {profile_id}", "profile_cost": cost,
            "pool_links": [{"id": f"{profile_id}@{p}", "name": f"{profile_id} on {p}", "pool": p,
                            "queue_name": f"link-{profile_id}-{p}"} for p in pools]}


# -- pure rules ------------------------------------------------------------------------------

def test_a_draft_keeps_the_given_link_order_of_a_pool_and_appends_the_rest():
    draft = domain.draft_configuration([pool("a", 4, ("y@a",))], [profile("x", 1, "a"), profile("y", 2, "a")],
                                       NOW, "root")
    assert draft["pools"][0]["links"] == ["y@a", "x@a"]
    assert [p["profile_cost"] for p in draft["profiles"]] == [1, 2]


@pytest.mark.parametrize("pools, profiles", [
    ([pool("a", 1), pool("a", 2)], []),                       # duplicate pool id
    ([pool("a", 1)], [profile("x", 1, "b")]),                 # link to a pool not in the draft
    ([pool("a", -1)], []),                                     # negative resources
    ([pool("a", 1)], [profile("x", -2, "a")]),                # negative cost
    ([pool("a", 1)], [profile("x", 1, "a"), {**profile("y", 1), "name": "profile x"}]),  # duplicate name
    ([pool("a", 1)], [{**profile("x", 1), "pool_links": [{"id": "l", "name": "l", "pool": "a", "queue_name": "q"}]}]),
])
def test_a_draft_that_cannot_be_published_is_refused(pools, profiles):
    with pytest.raises(ApiError) as refused:
        domain.draft_configuration(pools, profiles, NOW, "root")
    assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_publish_counts_what_changes_by_id():
    old = domain.draft_configuration([pool("a", 4), pool("b", 2)], [profile("x", 1, "a", "b")], NOW, "root")
    new = domain.draft_configuration([pool("a", 8), pool("c", 1)], [profile("x", 1, "a"), profile("z", 1, "c")],
                                     NOW, "root")
    assert domain.publish_counts(old, new) == {
        "created_pools": 1, "updated_pools": 1, "deleted_pools": 1,
        "created_profiles": 1, "updated_profiles": 1, "deleted_profiles": 0,
        "created_links": 1, "updated_links": 0, "deleted_links": 1}
    assert domain.publish_counts(new, new)["updated_pools"] == 0


def test_the_quota_counts_the_new_job_and_a_profile_without_cost_takes_one_resource():
    assert domain.cost_of({"profile_cost": None}) == 1 and domain.cost_of({"profile_cost": 0.5}) == 0.5
    assert not domain.over_quota(2, 1, 1) and domain.over_quota(2, 1.5, 1) and not domain.over_quota(None, 99, 1)


# -- the room over fakes -----------------------------------------------------------------------

@pytest.fixture
def world():
    return ResourcesWorld()


async def policy_queue(world: ResourcesWorld, limit: float, cost: float = 1, group: str = "g") -> tuple[str, str]:
    await world.call("resources.set_resource_configuration",
                     {"pools": [pool("gpus", 4)], "profiles": [profile("one", cost, "gpus")]}, ADMIN)
    await world.call("resources.publish_resource_configuration", {}, ADMIN)
    policy = (await world.call("resources.create_policy", {"name": "team", "limit": limit, "user_group": group},
                               ADMIN))["id"]
    queue = (await world.call("resources.connect_policy_profile",
                              {"policy": policy, "profile": "one", "queue_name": "team-q"}, ADMIN))["id"]
    return policy, queue


async def test_an_enqueue_over_the_policys_quota_is_refused_and_changes_nothing(world):
    policy, queue = await policy_queue(world, limit=2)
    for task in ("t1", "t2"):
        await world.call("internal.enqueue", {"task": task, "queue": queue})
    other = await world.queue("elsewhere", tasks=("t3",))
    assert await world.error("internal.enqueue", {"task": "t3", "queue": queue}) == (400, 16)
    assert await world.tasks_in(queue) == ["t1", "t2"] and await world.tasks_in(other) == ["t3"]
    # a job the policy already holds takes nothing more: enqueueing it again is "already queued"
    assert await world.error("internal.enqueue", {"task": "t2", "queue": queue}) == (400, 706)
    await world.call("resources.update_policy", {"id": policy, "limit": 3}, ADMIN)
    await world.call("internal.enqueue", {"task": "t3", "queue": queue})
    assert await world.tasks_in(queue) == ["t1", "t2", "t3"]


async def test_only_members_of_the_policys_group_enqueue_admins_and_open_companies_pass(world):
    _, queue = await policy_queue(world, limit=10)
    await world.call("internal.enqueue", {"task": "open", "queue": queue}, BOB)  # access never configured
    group = GroupSnapshot(id="g", name="G", users=["alice"])
    world.groups(AccessRulesChanged(company="acme", version=1, groups=[group]))
    await world.call("internal.enqueue", {"task": "t1", "queue": queue}, ALICE)
    assert await world.error("internal.enqueue", {"task": "t2", "queue": queue}, BOB) == (403, 21)
    await world.call("internal.enqueue", {"task": "t3", "queue": queue}, ADMIN)
    assert await world.tasks_in(queue) == ["open", "t1", "t3"]
    assert (await world.call("resources.get_policies", {}, BOB)) == {"policies": []}


async def test_a_pool_link_queue_serves_its_policy_queues_while_the_pool_has_room(world):
    _, queue = await policy_queue(world, limit=10, cost=2)
    link = (await world.call("queues.get_all", {"name": "^link-one-gpus$"}))["queues"][0]["id"]
    for task in ("t1", "t2", "t3"):
        await world.call("internal.enqueue", {"task": task, "queue": queue})
    for worker, expected in (("w1", "t1"), ("w2", "t2")):
        await world.call("workers.register", {"worker": worker, "queues": [link]})
        assert (await world.call("queues.get_next_task", {"queue": link}))["entry"]["task"] == expected
        await world.call("workers.status_report", {"worker": worker, "task": expected, "timestamp": 0})
    assert await world.call("queues.get_next_task", {"queue": link}) == {}  # 2 jobs x 2 = the pool's 4
    await world.call("workers.status_report", {"worker": "w1", "timestamp": 0})
    assert (await world.call("queues.get_next_task", {"queue": link}))["entry"]["task"] == "t3"


async def test_concurrent_enqueues_never_pass_the_limit_together(world):
    _, queue = await policy_queue(world, limit=3)
    slow = world.queues.push

    async def push_later(*args, **kwargs):  # the push of each enqueue yields to the others
        await asyncio.sleep(0)
        return await slow(*args, **kwargs)

    world.queues.push = push_later
    results = await asyncio.gather(*(world.call("internal.enqueue", {"task": f"t{i}", "queue": queue})
                                     for i in range(6)), return_exceptions=True)
    assert sum(1 for r in results if isinstance(r, ApiError)) == 3
    assert len(await world.tasks_in(queue)) == 3


async def test_a_policy_queue_deleted_as_a_queue_is_no_longer_a_connection(world):
    policy, queue = await policy_queue(world, limit=2)
    await world.call("queues.delete", {"queue": queue, "force": True}, ADMIN)
    [listed] = (await world.call("resources.get_policies", {}, ADMIN))["policies"]
    assert listed["missing_profile_connections"] is True
    assert (await world.call("resources.get_policy_data", {"id": policy}, ADMIN))["profile_links"] == []
    assert await world.call("resources.delete_policy", {"id": policy}, ADMIN) == {"deleted": 1, "deleted_queues": 0}

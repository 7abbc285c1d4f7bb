"""Access rules on queues (issue 16): listings show only readable queues, reads of an
unreadable queue answer "unknown queue", writes (and a worker's pull) need read_write."""

import pytest

from services.queues.access import QueueAccess
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.access_internal import CheckAccessRequest
from shared.schemas.queues import EnqueueRequest
from tests.unit.queues.world import ALICE, World

BOB = Identity(company="acme", user="bob", role="user")
ADMIN = Identity(company="acme", user="root", role="admin")


def rules(*rules: RuleSnapshot, version: int = 1) -> AccessRulesChanged:
    """acme's rules: everyone reads and writes every queue, plus ``rules``."""
    everyone = GroupSnapshot(id="all", everyone=True)
    category = RuleSnapshot(id="cat", entity_type="queue", access_permission="read_write", groups=["all"])
    return AccessRulesChanged(company="acme", version=version, groups=[everyone], rules=[category, *rules])


def on(queue_id: str, permission: str, *users: str) -> RuleSnapshot:
    return RuleSnapshot(id=f"r-{queue_id}-{permission}", entity_type="queue", entity_id=queue_id,
                        access_permission=permission, users=list(users))


@pytest.fixture
def world():
    return World()


async def ids(world, identity, endpoint="queues.get_all", **payload):
    return {q["id"] for q in (await world.call(endpoint, payload, identity))["queues"]}


async def test_a_queue_closed_to_bob_is_absent_for_him_and_open_to_the_named(world):
    open_q, closed = await world.queue("open-q"), await world.queue("closed-q", tasks=("t1",))
    world.access.take(rules(on(closed, "read_write", "alice")))
    assert closed not in await ids(world, BOB) and open_q in await ids(world, BOB)
    assert closed not in await ids(world, BOB, "queues.get_all_ex")
    assert closed in await ids(world, ALICE)
    assert await world.error("queues.get_by_id", {"queue": closed}, BOB) == (400, 701)
    assert await world.error("queues.peek_task", {"queue": closed}, BOB) == (400, 701)
    assert await world.error("queues.update", {"queue": closed, "name": "mine"}, BOB) == (400, 701)
    assert await world.error("queues.remove_task", {"queue": closed, "task": "t1"}, BOB) == (400, 703)
    assert await world.tasks_in(closed) == ["t1"]  # nothing changed


async def test_read_only_reads_but_every_write_and_pull_is_403_21(world):
    queue = await world.queue("ro-q", tasks=("t1", "t2"))
    world.access.take(rules(on(queue, "read", "bob"), on(queue, "read_write", "alice")))
    assert (await world.call("queues.get_by_id", {"queue": queue}, BOB))["queue"]["id"] == queue
    assert (await world.call("queues.get_num_entries", {"queue": queue}, BOB))["num"] == 2
    for endpoint, payload in (("queues.update", {"name": "renamed"}), ("queues.delete", {"force": True}),
                              ("queues.add_task", {"task": "t3"}), ("queues.get_next_task", {}),
                              ("queues.move_task_to_back", {"task": "t1"}), ("queues.clear_queue", {}),
                              ("queues.add_or_update_metadata", {"metadata": [{"key": "k", "value": "v"}]}),
                              ("queues.delete_metadata", {"keys": ["k"]})):
        assert await world.error(endpoint, {"queue": queue, **payload}, BOB) == (403, 21), endpoint
    assert await world.tasks_in(queue) == ["t1", "t2"]
    assert (await world.call("queues.get_next_task", {"queue": queue}, ALICE))["entry"]["task"] == "t1"


async def test_paging_counts_only_readable_queues(world):
    made = [await world.queue(f"page-{i}") for i in range(6)]
    world.access.take(rules(*(on(q, "read", "alice") for q in made[:4])))
    page = await world.call("queues.get_all", {"page": 0, "page_size": 2, "name": "^page-"}, BOB)
    assert {q["id"] for q in page["queues"]} == set(made[4:])


async def test_without_the_category_only_named_queues_are_listed(world):
    a, b = await world.queue("only-a"), await world.queue("only-b")
    world.access.take(AccessRulesChanged(company="acme", version=1, rules=[on(a, "read", "bob")]))
    assert await ids(world, BOB) == {a}
    assert await world.error("queues.get_by_id", {"queue": b}, BOB) == (400, 701)


async def test_admins_and_unmanaged_companies_bypass(world):
    queue = await world.queue("admin-q")
    assert queue in await ids(world, BOB)  # no rules yet: open
    world.access.take(rules(on(queue, "read", "alice")))
    assert queue in await ids(world, ADMIN)
    await world.call("queues.update", {"queue": queue, "name": "by-admin"}, ADMIN)


async def test_enqueue_needs_read_write_on_the_target_queue(world):
    ro, hidden = await world.queue("enq-ro"), await world.queue("enq-hidden")
    world.access.take(rules(on(ro, "read", "bob"), on(hidden, "read_write", "alice")))
    internal = world.use_cases.internal
    with pytest.raises(ApiError) as refused:
        await internal.enqueue(BOB, EnqueueRequest(task="t1", queue=ro))
    assert (refused.value.code, refused.value.subcode) == (403, 21)
    with pytest.raises(ApiError) as absent:
        await internal.enqueue(BOB, EnqueueRequest(task="t1", queue=hidden))
    assert (absent.value.code, absent.value.subcode) == (400, 701)
    assert await world.tasks_in(ro, ADMIN) == [] and await world.tasks_in(hidden, ADMIN) == []
    assert (await internal.enqueue(ALICE, EnqueueRequest(task="t1", queue=hidden)))["queue"] == hidden


async def test_check_access_answers_the_decision_the_endpoints_make(world):
    queue = await world.queue("chk-q")
    world.access.take(rules(on(queue, "read", "bob")))
    check = world.use_cases.access.check_access
    assert await check(BOB, CheckAccessRequest(entity_type="queue", entity_id=queue)) == {}
    with pytest.raises(ApiError) as err:
        await check(BOB, CheckAccessRequest(entity_type="queue", entity_id=queue, access_permission="read_write"))
    assert (err.value.code, err.value.subcode) == (403, 21)
    with pytest.raises(ApiError) as unknown:
        await check(ALICE, CheckAccessRequest(entity_type="queue", entity_id="no-such-queue"))
    assert (unknown.value.code, unknown.value.subcode) == (400, 701)
    world.access.take(rules(RuleSnapshot(id="rt", entity_type="route", entity_id="r1", access_permission="read",
                                         users=["alice"]), version=2))
    with pytest.raises(ApiError) as route:
        await check(BOB, CheckAccessRequest(entity_type="route", entity_id="r1"))
    assert route.value.code == 400
    assert await check(ALICE, CheckAccessRequest(entity_type="route", entity_id="r1")) == {}


def test_queue_access_is_what_the_handler_table_uses(world):
    assert isinstance(world.use_cases.access, QueueAccess)


async def test_an_unreadable_default_queue_is_none_to_the_caller(world):
    default = (await world.call("queues.get_default", {}, ALICE))["id"]
    world.access.take(rules(on(default, "read_write", "alice")))
    assert await world.error("queues.get_default", {}, BOB) == (400, 707)
    assert (await world.call("queues.get_default", {}, ALICE))["id"] == default


async def test_queue_metrics_cover_only_readable_queues(world):
    seen, hidden = await world.queue("metrics-seen"), await world.queue("metrics-hidden")
    world.access.take(rules(on(hidden, "read", "alice")))
    answer = await world.call("queues.get_queue_metrics", {"queue_ids": [seen, hidden], "from_date": 0,
                                                           "to_date": 10_000_000_000, "interval": 60,
                                                           "refresh": True}, BOB)
    assert [series["queue"] for series in answer["queues"]] == [seen]


async def test_workers_show_only_readable_queues_and_register_only_on_them(world):
    seen, hidden = await world.queue("w-seen", tasks=("t1",)), await world.queue("w-hidden", tasks=("t2",))
    await world.call("workers.register", {"worker": "box", "queues": [seen, hidden]}, ALICE)
    world.access.take(rules(on(hidden, "read_write", "alice")))
    worker = (await world.call("workers.get_all", {}, BOB))["workers"][0]
    assert worker["queues"] == [{"id": seen, "name": "w-seen", "num_tasks": 1, "next_task": {"id": "t1"}},
                                {"id": hidden}]  # an unreadable queue: its id only
    assert await world.error("workers.register", {"worker": "bob-box", "queues": [hidden]}, BOB) == (400, 701)


async def test_creating_a_queue_needs_read_write_on_the_queue_category(world):
    """A new queue's chain starts at the category: with only read there, queues.create is
    403/21 and creates nothing; a user the category rule names, and an admin, create."""
    everyone = GroupSnapshot(id="all", everyone=True)
    read_only = RuleSnapshot(id="cat", entity_type="queue", access_permission="read", groups=["all"])
    writers = RuleSnapshot(id="cat-w", entity_type="queue", access_permission="read_write", users=["alice"])
    world.access.take(AccessRulesChanged(company="acme", version=1, groups=[everyone], rules=[read_only, writers]))
    assert await world.error("queues.create", {"name": "bobs"}, BOB) == (403, 21)
    assert "bobs" not in {q["name"] for q in (await world.call("queues.get_all", {}, ALICE))["queues"]}
    assert (await world.call("queues.create", {"name": "alices"}, ALICE))["id"]

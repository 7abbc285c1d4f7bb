"""Access rules enforced by the tasks process (issue 16): every read and write of tasks,
models and projects through the handler table, with the rules of a ``StaticAccess``."""

from __future__ import annotations

import random

import pytest

from services.tasks.permissions.scope import CallerAccess
from services.tasks.store.access import readable_condition
from shared.access.rules import RuleSet, project_chain, scopes_of
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.messaging.envelopes import Identity
from tests.unit.tasks.fakes import matches
from tests.unit.tasks.world import ALICE, BOB, World, codes

ADMIN = Identity(company="acme", user="root", role="admin")
CAROL = Identity(company="acme", user="carol")
EVERYONE = GroupSnapshot(id="everyone", everyone=True)
DEFAULTS = [RuleSnapshot(id=f"default-{kind}", entity_type=kind, access_permission="read_write", groups=["everyone"])
            for kind in ("task", "model", "project")]


def rules(version: int, *extra: RuleSnapshot) -> AccessRulesChanged:
    """The default rules (everyone reads and writes every category) plus ``extra``."""
    return AccessRulesChanged(company="acme", version=version, groups=[EVERYONE], rules=[*DEFAULTS, *extra])


def on(entity_type: str, entity_id: str, permission: str, *users: str, rule_id: str = "") -> RuleSnapshot:
    return RuleSnapshot(id=rule_id or f"{entity_type}-{entity_id}-{permission}-{'-'.join(users)}",
                        entity_type=entity_type, entity_id=entity_id, access_permission=permission, users=list(users))


@pytest.fixture
def world() -> World:
    return World()


async def _secret_world(world: World) -> dict[str, str]:
    """Project ``secret`` (bob reads, carol reads and writes, alice nothing) with a sub-project,
    tasks and a model in both; a task and a model in ``open``."""
    ids = {"secret": await world.new_project("secret"), "open": await world.new_project("open")}
    ids["sub"] = await world.new_project("secret/sub")
    for where in ("secret", "sub", "open"):
        ids[f"t-{where}"] = await world.new_task(name=f"t-{where}", project=ids[where])
        ids[f"m-{where}"] = (await world.call("models.create", {"name": f"m-{where}", "uri": "s3://b/m",
                                                                "project": ids[where]}))["id"]
    world.access.take(rules(1, on("project", ids["secret"], "read", "bob"),
                            on("project", ids["secret"], "read_write", "carol")))
    return ids


async def _task_ids(world: World, identity: Identity, **payload) -> set[str]:
    return {t["id"] for t in (await world.call("tasks.get_all", payload, identity))["tasks"]}


async def test_a_project_rule_hides_the_project_and_all_under_it_from_everyone_it_does_not_name(world):
    ids = await _secret_world(world)
    assert await _task_ids(world, ALICE) == {ids["t-open"]}
    assert await _task_ids(world, BOB) == {ids["t-secret"], ids["t-sub"], ids["t-open"]}
    assert await _task_ids(world, ADMIN) == {ids["t-secret"], ids["t-sub"], ids["t-open"]}
    assert codes(await world.fails("tasks.get_by_id", {"task": ids["t-sub"]}, ALICE)) == (400, 101)
    assert codes(await world.fails("models.get_by_id", {"model": ids["m-secret"]}, ALICE)) == (400, 201)
    assert codes(await world.fails("projects.get_by_id", {"project": ids["sub"]}, ALICE)) == (400, 401)
    projects = {p["id"] for p in (await world.call("projects.get_all", {}, ALICE))["projects"]}
    assert projects == {ids["open"]}
    models = {m["id"] for m in (await world.call("models.get_all", {}, ALICE))["models"]}
    assert models == {ids["m-open"]}
    # paging and counts are the query's: a page of one is the readable one, not an empty page
    page = await world.call("tasks.get_all_ex", {"page": 0, "page_size": 1, "only_fields": ["id"]}, ALICE)
    assert [t["id"] for t in page["tasks"]] == [ids["t-open"]]
    stats = await world.call("projects.get_all_ex", {"include_stats": True, "id": [ids["open"], ids["secret"]]}, ALICE)
    assert [p["id"] for p in stats["projects"]] == [ids["open"]]


async def test_read_lets_read_but_every_write_is_403_and_read_write_writes(world):
    ids = await _secret_world(world)
    assert (await world.call("tasks.get_by_id", {"task": ids["t-secret"]}, BOB))["task"]["id"] == ids["t-secret"]
    for endpoint, payload in [
        ("tasks.edit", {"task": ids["t-secret"], "name": "x"}),
        ("tasks.update", {"task": ids["t-secret"], "name": "x"}),
        ("tasks.started", {"task": ids["t-secret"]}),
        ("tasks.delete", {"task": ids["t-sub"]}),
        ("tasks.edit_hyper_params", {"task": ids["t-secret"], "hyperparams": [{"section": "a", "name": "b", "value": "1"}]}),
        ("models.edit", {"model": ids["m-secret"], "name": "x"}),
        ("models.delete", {"model": ids["m-sub"]}),
        ("projects.update", {"project": ids["sub"], "name": "secret/other"}),
        ("projects.delete", {"project": ids["sub"]}),
        ("tasks.create", {"name": "new", "type": "training", "project": ids["sub"]}),
        ("models.create", {"name": "new", "uri": "s3://b/n", "project": ids["secret"]}),
        ("projects.create", {"name": "secret/sub/deeper"}),
        ("tasks.move", {"ids": [ids["t-open"]], "project": ids["secret"]}),
    ]:
        assert codes(await world.fails(endpoint, payload, BOB)) == (403, 21), endpoint
    assert world.tasks.docs[ids["t-secret"]]["name"] == "t-secret"
    assert await world.call("tasks.edit", {"task": ids["t-secret"], "name": "renamed"}, CAROL)
    assert world.tasks.docs[ids["t-secret"]]["name"] == "renamed"
    assert await world.call("tasks.create", {"name": "new", "type": "training", "project": ids["sub"]}, CAROL)
    # alice does not even see them: the invalid-id errors, as if absent
    assert codes(await world.fails("tasks.edit", {"task": ids["t-secret"], "name": "x"}, ALICE)) == (400, 101)


async def test_batch_endpoints_report_each_refused_id_and_do_the_rest(world):
    ids = await _secret_world(world)
    answer = await world.call("tasks.archive_many", {"ids": [ids["t-secret"], ids["t-open"]]}, BOB)
    assert [s["id"] for s in answer["succeeded"]] == [ids["t-open"]]
    assert [(f["id"], f["error"]["codes"]) for f in answer["failed"]] == [(ids["t-secret"], [403, 21])]
    answer = await world.call("models.archive_many", {"ids": [ids["m-secret"], ids["m-open"]]}, ALICE)
    assert [(f["id"], f["error"]["codes"]) for f in answer["failed"]] == [(ids["m-secret"], [400, 201])]


async def test_a_rule_on_one_task_decides_before_its_project(world):
    ids = await _secret_world(world)
    world.access.take(rules(2, on("project", ids["secret"], "read", "bob"), on("task", ids["t-secret"], "read", "alice"),
                            on("task", ids["t-open"], "read", "bob")))
    assert await _task_ids(world, ALICE) == {ids["t-secret"]}
    assert await _task_ids(world, BOB) == {ids["t-sub"], ids["t-open"]}
    assert codes(await world.fails("tasks.edit", {"task": ids["t-open"], "name": "x"}, BOB)) == (403, 21)
    assert codes(await world.fails("tasks.edit", {"task": ids["t-secret"], "name": "x"}, ALICE)) == (403, 21)


async def test_a_new_project_under_a_closed_one_is_closed_too(world):
    ids = await _secret_world(world)
    assert await _task_ids(world, ALICE) == {ids["t-open"]}  # the territory is cached now
    deeper = await world.new_project("secret/sub/deeper", ADMIN)
    task = await world.new_task(ADMIN, project=deeper)
    assert task not in await _task_ids(world, ALICE)
    assert task in await _task_ids(world, CAROL)


async def test_check_access_and_event_targets_answer_as_the_endpoints_do(world):
    ids = await _secret_world(world)

    async def check(identity: Identity, entity_type: str, entity_id: str, permission: str) -> tuple[int, int] | None:
        payload = {"entity_type": entity_type, "entity_id": entity_id, "access_permission": permission}
        try:
            assert await world.call("internal.check_access", payload, identity) == {}
        except Exception:  # noqa: BLE001 - the error is the answer
            return codes(await world.fails("internal.check_access", payload, identity))
        return None

    assert await check(ALICE, "task", ids["t-secret"], "read") == (400, 101)
    assert await check(BOB, "task", ids["t-secret"], "read") is None
    assert await check(BOB, "model", ids["m-sub"], "read_write") == (403, 21)
    assert await check(CAROL, "project", ids["sub"], "read_write") is None
    assert await check(ALICE, "project", ids["open"], "read_write") is None
    assert await check(ALICE, "project", "nope", "read") == (400, 401)
    targets = await world.call("internal.event_targets", {"tasks": [ids["t-secret"], ids["t-open"]],
                                                          "models": [ids["m-sub"]]}, BOB)
    assert set(targets["tasks"]) == {ids["t-secret"], ids["t-open"]}
    assert targets["no_read"] == {"tasks": [], "models": []}
    assert targets["no_write"] == {"tasks": [ids["t-secret"]], "models": [ids["m-sub"]]}
    assert targets["access_version"] == 1
    targets = await world.call("internal.event_targets", {"tasks": [ids["t-secret"]]}, ALICE)
    assert targets["no_read"]["tasks"] == [ids["t-secret"]] and targets["no_write"]["tasks"] == [ids["t-secret"]]


async def test_an_unconfigured_company_and_an_admin_are_unrestricted(world):
    ids = await _secret_world(world)
    world.access.take(AccessRulesChanged(company="acme", version=3, managed=False,
                                         rules=[on("project", ids["secret"], "read", "bob")]))
    assert await _task_ids(world, ALICE) == {ids["t-secret"], ids["t-sub"], ids["t-open"]}
    world.access.take(rules(4))
    world.access.take(AccessRulesChanged(company="acme", version=5, groups=[EVERYONE]))  # no rule at all
    assert await _task_ids(world, ALICE) == set()
    assert len(await _task_ids(world, ADMIN)) == 3


def test_the_query_selects_exactly_what_the_decision_grants():
    """For random rule sets and documents, the store's condition of ``read_filter`` matches a
    document exactly when ``RuleSet.grant`` over the document's chain grants read (also when
    the query names only the entities whose own rules overrule their project)."""
    rng = random.Random(16)
    projects = {"p0": [], "p1": ["p0"], "p2": ["p0", "p1"], "p3": [], "p4": ["p3"]}
    for _ in range(300):
        extra = [on(rng.choice(["project", "task", "model"]), rng.choice([*projects, "t0", "t1", "m0"]),
                    rng.choice(["read", "read_write"]), rng.choice(["alice", "bob"]), rule_id=f"r{i}")
                 for i in range(rng.randint(0, 5))]
        categories = [r for r in DEFAULTS if rng.random() < 0.7]
        ruleset = RuleSet(AccessRulesChanged(company="acme", version=1, groups=[EVERYONE], rules=[*categories, *extra]))
        docs = [{"_id": p, "path": path} for p, path in projects.items()]
        stored = {kind: [(f"{kind[0]}0", "p2"), (f"{kind[0]}1", None), ("x", "p4"), ("y", "p1")]
                  for kind in ("task", "model", "project")}
        placed = {kind: dict(stored[kind]) for kind in ("task", "model")}
        for access in (CallerAccess.build(ruleset, "alice", "user", docs, 0),
                       CallerAccess.build(ruleset, "alice", "user", docs, 0, placed)):
            for kind in ("task", "model", "project"):
                found = access.read_filter(kind)
                condition = readable_condition(found) if found is not None else {}
                for entity_id, project in stored[kind]:
                    if kind == "project":
                        if project is None:
                            continue
                        doc = {"_id": project}
                        chain = scopes_of("project", project, project_chain(None, projects[project]))
                    else:
                        doc = {"_id": entity_id, "project": project}
                        chain = scopes_of(kind, entity_id, project_chain(project, projects.get(project, [])))
                    expected = ruleset.grant("alice", "user", chain) is not None
                    assert matches(doc, condition) == expected, (kind, doc, extra, categories)
                    assert (access.grant(kind, doc) is not None) == expected


async def test_the_callers_access_is_built_once_per_rules_and_tree_version(world):
    ids = await _secret_world(world)
    resolver = world.use_cases.permissions.resolver
    for _ in range(3):
        await _task_ids(world, ALICE)
    assert resolver.builds == 1
    await world.new_project("elsewhere", ADMIN)  # the tree changed: rebuilt once
    await _task_ids(world, ALICE)
    await _task_ids(world, ALICE)
    assert resolver.builds == 2
    world.access.take(rules(7, on("project", ids["secret"], "read", "alice")))  # new rules: rebuilt once
    assert ids["t-sub"] in await _task_ids(world, ALICE)
    await _task_ids(world, ALICE)
    assert resolver.builds == 3


async def test_a_task_its_own_rule_shows_stays_shown_when_moved_into_a_closed_project(world):
    ids = await _secret_world(world)
    world.access.take(rules(8, on("project", ids["secret"], "read", "bob"), on("task", ids["t-open"], "read", "alice")))
    assert ids["t-open"] in await _task_ids(world, ALICE)
    await world.call("tasks.move", {"ids": [ids["t-open"]], "project": ids["sub"]}, ADMIN)
    assert ids["t-open"] in await _task_ids(world, ALICE, project=[ids["sub"]])
    assert await _task_ids(world, ALICE, project=[ids["sub"]]) == {ids["t-open"]}


def test_exclusions_are_one_anchored_regex_and_stay_nin_past_the_pattern_limit():
    """``none_of``: whole ids only (``t1`` does not exclude ``t10``; regex characters are
    literal), a missing value is none of them, and a list too long for one pattern stays
    ``$nin`` with the same answer."""
    from services.tasks.store.access import MAX_PATTERN, none_of

    few = ["t1", "a.b", "c+"]
    condition = none_of(few)
    assert "$not" in condition
    for value, kept in (("t1", False), ("t10", True), ("a.b", False), ("axb", True), ("c+", False), ("cc", True)):
        assert matches({"_id": value}, {"_id": condition}) is kept, value
    assert matches({}, {"_id": condition})
    many = [f"{n:032d}" for n in range(MAX_PATTERN // 30)]
    assert none_of(many) == {"$nin": many}

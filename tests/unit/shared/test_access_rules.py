"""The access decision: the most specific scope that rules name decides; admins and
unconfigured companies bypass; the view keeps the newest snapshot per company."""

import asyncio

import pytest

from shared.access.rules import RuleSet, project_chain, scopes_of
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.access.view import StaticAccess, require
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


def _snapshot(*rules: RuleSnapshot, version: int = 1, managed: bool = True) -> AccessRulesChanged:
    groups = [GroupSnapshot(id="all", everyone=True, system=True), GroupSnapshot(id="team", users=["alice"])]
    return AccessRulesChanged(company="c", version=version, managed=managed, groups=groups, rules=list(rules))


def _rule(rid, etype, eid, perm, users=(), groups=()) -> RuleSnapshot:
    return RuleSnapshot(id=rid, entity_type=etype, entity_id=eid, access_permission=perm, users=list(users),
                        groups=list(groups))


DEFAULT_TASKS = _rule("d", "task", None, "read_write", groups=["all"])


def test_a_project_rule_closes_the_project_to_whoever_it_does_not_name():
    rules = RuleSet(_snapshot(DEFAULT_TASKS, _rule("p", "project", "p1", "read", groups=["team"])))
    in_p1 = scopes_of("task", "t1", project_chain("p1"))
    assert rules.grant("alice", "user", in_p1) == "read"
    assert rules.grant("bob", "user", in_p1) is None
    assert rules.grant("bob", "user", scopes_of("task", "t2", project_chain("p2"))) == "read_write"


def test_a_parent_projects_rule_covers_its_subprojects_and_a_nearer_rule_wins():
    rules = RuleSet(_snapshot(_rule("top", "project", "root", "read", users=["bob"]),
                              _rule("sub", "project", "child", "read_write", users=["carol"])))
    assert rules.grant("bob", "user", scopes_of("task", "t", project_chain("grandchild", ["root"]))) == "read"
    assert rules.grant("bob", "user", scopes_of("task", "t", project_chain("child", ["root"]))) is None
    assert rules.grant("carol", "user", scopes_of("project", "child", project_chain(None, ["root"]))) == "read_write"


def test_an_entity_rule_beats_its_projects_and_grants_the_strongest_of_its_rules():
    rules = RuleSet(_snapshot(_rule("p", "project", "p1", "read_write", groups=["all"]),
                              _rule("t1", "task", "t1", "read", groups=["team"]),
                              _rule("t2", "task", "t1", "read_write", users=["alice"])))
    assert rules.grant("alice", "user", scopes_of("task", "t1", ["p1"])) == "read_write"
    assert rules.grant("bob", "user", scopes_of("task", "t1", ["p1"])) is None
    assert rules.named_ids("task") == {"t1"}


def test_nothing_named_grants_nothing_but_admins_and_unconfigured_companies_bypass():
    rules = RuleSet(_snapshot())
    assert rules.grant("bob", "user", scopes_of("queue", "q", ())) is None
    assert rules.grant("bob", "admin", scopes_of("queue", "q", ())) == "read_write"
    assert RuleSet(_snapshot(managed=False)).grant("bob", "user", scopes_of("queue", "q", ())) == "read_write"


def test_require_hides_unreadable_entities_and_refuses_writes_on_read_only_ones():
    rules = RuleSet(_snapshot(_rule("q", "queue", None, "read", users=["alice"])))
    chain = scopes_of("queue", "q1")
    missing = ApiError.named("invalid_queue_id", id="q1")
    with pytest.raises(ApiError) as hidden:
        require(rules, Identity(company="c", user="bob"), chain, "read", lambda: missing)
    assert (hidden.value.code, hidden.value.subcode) == (400, 701)
    assert require(rules, Identity(company="c", user="alice"), chain, "read", lambda: missing) == "read"
    with pytest.raises(ApiError) as refused:
        require(rules, Identity(company="c", user="alice"), chain, "read_write", lambda: missing, "queue q1")
    assert (refused.value.code, refused.value.subcode) == (403, 21)


def test_the_static_view_keeps_what_it_was_given_and_is_open_otherwise():
    view = StaticAccess([_snapshot(version=3)])
    assert asyncio.run(view.rules("c")).version == 3
    assert asyncio.run(view.rules("other")).managed is False

"""The pure rules of applications (``services/tasks/apps/forms.py`` and the deployment rule of
``library.state_for``): launch values checked against the form, the task parameters they
become, customization overrides, version order and upgrade diffs."""

from __future__ import annotations

import pytest

from services.tasks.apps import forms
from services.tasks.apps.library import active_version, state_for
from shared.errors import ApiError

FORM = [
    {"name": "who", "type": "string", "required": True},
    {"name": "rounds", "type": "integer", "default": 1, "min": 1, "max": 10},
    {"name": "rate", "type": "float", "default": 0.5},
    {"name": "verbose", "type": "boolean", "default": False},
    {"name": "mode", "type": "choice", "choices": ["fast", "slow"], "default": "fast"},
    {"name": "tags", "type": "multi_choice", "choices": ["a", "b"]},
    {"name": "queue", "type": "queue"},
]


def test_values_take_the_defaults_and_are_coerced_to_the_entry_types():
    values = forms.validate(FORM, {"who": "Ada", "rounds": "3", "verbose": "true", "tags": ["a"], "queue": "q"})
    assert values == {"who": "Ada", "rounds": 3, "rate": 0.5, "verbose": True, "mode": "fast", "tags": ["a"],
                      "queue": "q"}


@pytest.mark.parametrize("values", [
    {"who": "x", "colour": "red"},
    {"who": "x", "rounds": 2.5},
    {"who": "x", "rounds": True},
    {"who": "x", "rounds": 0},
    {"who": "x", "verbose": "yes"},
    {"who": "x", "mode": "medium"},
    {"who": "x", "tags": ["c"]},
    {"who": "x", "tags": "a"},
    {"who": 5},
    {"who": "x", "queue": ""},
    {"rounds": 2},
])
def test_a_bad_value_is_a_400_12(values):
    with pytest.raises(ApiError) as raised:
        forms.validate(FORM, values)
    assert (raised.value.code, raised.value.subcode) == (400, 12)


def test_a_partial_edit_checks_only_the_values_given():
    assert forms.validate(FORM, {"rounds": 4}, partial=True) == {"rounds": 4}


def test_the_queue_is_no_task_parameter_and_lists_are_json():
    values = forms.validate(FORM, {"who": "Ada", "tags": ["a", "b"], "queue": "gpu"})
    assert forms.queue_of(FORM, values) == "gpu"
    params = forms.task_parameters(FORM, values)
    assert "queue" not in params and params["tags"] == '["a", "b"]' and params["verbose"] == "False"


def test_overrides_change_only_overridable_fields_of_known_entries():
    form = forms.apply_overrides(FORM, [{"entry_name": "rounds", "default": 5, "title": "Laps"},
                                        {"entry_name": "gone", "default": 1}])
    rounds = next(e for e in form if e["name"] == "rounds")
    assert (rounds["default"], rounds["title"], rounds["type"]) == (5, "Laps", "integer")
    with pytest.raises(ApiError):
        forms.check_overrides(FORM, [{"entry_name": "rounds", "type": "string"}])
    with pytest.raises(ApiError):
        forms.check_overrides(FORM, [{"entry_name": "rounds", "default": 50}])
    with pytest.raises(ApiError):
        forms.check_overrides(FORM, [{"entry_name": "nope", "title": "x"}])


def test_versions_compare_part_by_part():
    assert forms.latest(["1.9.0", "1.10.0", "1.2"]) == "1.10.0"
    versions = [{"version": "1.0", "enabled": True}, {"version": "2.0", "enabled": True},
                {"version": "3.0", "enabled": False}]
    assert active_version(versions)["version"] == "2.0"
    versions[0]["latest"] = True
    assert active_version(versions)["version"] == "1.0"


def test_the_upgrade_diff_sorts_overrides_and_the_upgrade_drops_what_conflicts():
    target = [{"name": "who", "type": "integer"}, {"name": "rounds", "type": "integer", "max": 3},
              {"name": "mode", "type": "choice", "choices": ["fast"]}, {"name": "new", "type": "string", "title": "N"}]
    overrides = [{"entry_name": "who", "title": "W", "default": "x"}, {"entry_name": "rounds", "default": 5},
                 {"entry_name": "mode", "default": "slow"}, {"entry_name": "rate", "title": "R"},
                 {"entry_name": "queue", "title": "Q"}]
    target.append({"name": "queue", "type": "queue"})
    diff = forms.upgrade_diff(FORM, target, overrides)
    assert [(c["entry_name"], c["reason"]) for c in diff["conflicts"]] == \
        [("who", "type_changed"), ("rounds", "range_violation"), ("mode", "choice_removed")]
    assert [o["entry_name"] for o in diff["orphaned"]] == ["rate"]
    assert [p["entry_name"] for p in diff["preserved"]] == ["queue"]
    assert diff["new_fields"] == [{"entry_name": "new", "title": "N", "type": "string"}]
    kept, replaced = forms.upgraded_overrides(overrides, diff, prune_orphaned=True)
    assert kept == [{"entry_name": "who", "title": "W"}, {"entry_name": "rounds"}, {"entry_name": "mode"},
                    {"entry_name": "queue", "title": "Q"}]
    assert ("who", "default", "type_changed") in {(r["entry_name"], r["field"], r["reason"]) for r in replaced}


@pytest.mark.parametrize("states, assignment, expected", [
    ({}, None, "enabled"),
    ({}, {"mode": "include", "tenants": ["t"]}, "enabled"),
    ({}, {"mode": "include", "tenants": ["u"]}, "not_deployed"),
    ({}, {"mode": "exclude", "tenants": ["t"]}, "not_deployed"),
    ({"t": "disabled"}, {"mode": "all", "tenants": []}, "disabled"),
])
def test_a_tenants_explicit_state_wins_over_the_assignment(states, assignment, expected):
    assert state_for("t", states, assignment) == expected

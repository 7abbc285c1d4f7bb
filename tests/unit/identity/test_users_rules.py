"""The pure rules of the users room: preferences merge, role rules, listed fields."""

from __future__ import annotations

import pytest

from services.identity.users.rules import (
    InvalidPreferencesUpdate,
    crosses_companies,
    listed,
    may_give_role,
    merge_preferences,
)


def test_set_preferences_replaces_the_given_top_level_keys_and_keeps_the_others():
    stored = {"version": 1, "users": {"a": 1, "b": 2}}
    assert merge_preferences(stored, {"users": {"c": 3}}) == {"version": 1, "users": {"c": 3}}


def test_set_preferences_sets_a_dotted_key_inside_the_stored_object():
    stored = {"users": {"a": 1, "b": 2}}
    assert merge_preferences(stored, {"users.b": 5, "users.x.y": 6}) == {"users": {"a": 1, "b": 5, "x": {"y": 6}}}


def test_set_preferences_leaves_the_stored_preferences_untouched():
    stored = {"users": {"a": 1}}
    merge_preferences(stored, {"users.a": 2})
    assert stored == {"users": {"a": 1}}


def test_a_dotted_key_through_a_plain_value_is_an_invalid_update():
    with pytest.raises(InvalidPreferencesUpdate) as raised:
        merge_preferences({"version": 1}, {"version.major": 2})
    assert raised.value.key == "version.major"


@pytest.mark.parametrize(
    "caller, target, new, allowed",
    [
        ("admin", "user", "admin", True),
        ("admin", "admin", "annotator", True),
        ("admin", "user", "system", False),
        ("admin", "user", "root", False),
        ("admin", "system", "user", False),
        ("system", "system", "user", True),
        ("root", "user", "superuser", True),
        ("user", "user", "admin", False),
        ("superuser", "user", "admin", False),
        ("system", "user", "guest", False),
    ],
)
def test_who_may_give_which_role(caller, target, new, allowed):
    assert may_give_role(caller, target, new) is allowed


def test_only_system_roles_cross_companies():
    assert crosses_companies("system") and crosses_companies("root")
    assert not any(crosses_companies(role) for role in ("admin", "superuser", "user", "annotator", "guest"))


def test_a_listed_user_has_its_set_fields_and_never_its_preferences_or_role():
    user = {"id": "u", "company": "c", "name": "n", "given_name": "", "avatar": None}
    user |= {"preferences": {"a": 1}, "role": "admin"}
    assert listed(user, None) == {"id": "u", "company": "c", "name": "n", "given_name": ""}
    assert listed(user, ["name"]) == {"id": "u", "name": "n"}

"""The catalog shape checker the e2e tests use on Enterprise answers finds what it must."""

from tests.support.response_shape import shape_errors


def test_an_undeclared_field_is_reported_with_its_path():
    assert shape_errors("tasks.get_by_id", {"task": {"id": "t", "bogus": 1}}) == [
        "data.task.bogus: not in the catalog's definition"]


def test_a_wrong_type_inside_a_referenced_definition_is_reported():
    errors = shape_errors("permissions.get_user_groups", {"groups": [{"id": "g", "system": "no"}]})
    assert errors == ["data.groups[0].system: str where the catalog says boolean"]


def test_an_enum_value_outside_the_enum_is_reported_and_null_is_accepted():
    rule = {"id": "r", "access_permission": "write", "description": None}
    assert shape_errors("permissions.get_access_rules", {"rules": [rule]}) == [
        "data.rules[0].access_permission: 'write' is not one of ['read', 'read_write']"]


def test_a_conforming_answer_has_no_errors():
    assert shape_errors("variables.get_global_vars", {"vars": [{"key": "a", "value": "1"}]}) == []

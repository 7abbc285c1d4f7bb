"""Pure rules of the tasks process: ids, key escaping, project paths, task documents."""

import re
from datetime import datetime, timezone

import pytest

from services.tasks import domain
from services.tasks.tasks import status
from shared.errors import ApiError

NOW = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)


def test_ids_are_32_lowercase_hex_and_unique():
    made = {domain.new_id() for _ in range(1000)}
    assert len(made) == 1000
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in made)


def test_the_clock_is_utc_at_millisecond_precision():
    now = domain.utc_now()
    assert now.tzinfo is not None and now.utcoffset().total_seconds() == 0
    assert now.microsecond % 1000 == 0


@pytest.mark.parametrize("key", ["lr", "a.b", "$x", "a$b", "%", "%2E", "%25", "a%b.c$", "", "..", "$.%"])
def test_escaping_a_key_is_exactly_reversible_and_mongo_safe(key):
    escaped = domain.escape_key(key)
    assert "." not in escaped and "$" not in escaped
    assert domain.unescape_key(escaped) == key


def test_escape_task_escapes_only_user_chosen_keys():
    doc = {
        "name": "a.b",
        "hyperparams": {"Args": {"lr.max": {"section": "Args", "name": "lr.max", "value": "0.1.2"}}, "$s": {}},
        "configuration": {"cfg.yaml": {"name": "cfg.yaml", "value": "x: 1"}},
        "execution": {"parameters": {"Args/a.b": "1"}, "queue": "q"},
        "runtime": {"gpu.count": 1},
        "container": {"image": "py:3.11"},
    }
    escaped = domain.escape_task(doc)
    assert escaped["hyperparams"] == {
        "Args": {"lr%2Emax": {"section": "Args", "name": "lr.max", "value": "0.1.2"}},
        "%24s": {},
    }
    assert list(escaped["configuration"]) == ["cfg%2Eyaml"]
    assert escaped["execution"] == {"parameters": {"Args/a%2Eb": "1"}, "queue": "q"}
    assert escaped["runtime"] == {"gpu%2Ecount": 1}
    assert escaped["name"] == "a.b"
    assert domain.unescape_task(escaped) == doc


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        ("name", "name"),
        ("hyperparams.Args.lr", "hyperparams.Args.lr"),
        ("hyperparams.$s.x", "hyperparams.%24s.x"),
        ("hyperparams.Args.lr.value", "hyperparams.Args.lr.value"),
        ("configuration.$cfg.value", "configuration.%24cfg.value"),
        ("execution.parameters.$p", "execution.parameters.%24p"),
        ("execution.queue", "execution.queue"),
    ],
)
def test_field_paths_are_escaped_where_they_name_user_keys(path, stored):
    assert domain.escape_path(path) == stored


def test_project_names_are_normalised_into_a_path():
    path = domain.parse_project_name(" team // vision /detection ")
    assert path == domain.ProjectPath(name="team/vision/detection", location="team/vision", basename="detection")
    assert path.ancestors == ["team", "team/vision"]
    assert domain.parse_project_name("solo").ancestors == []


@pytest.mark.parametrize("name", ["", "   ", "/", " / / "])
def test_an_empty_project_name_is_invalid(name):
    with pytest.raises(ApiError) as err:
        domain.parse_project_name(name)
    assert (err.value.code, err.value.subcode) == (400, 407)


def test_projects_nest_at_most_ten_levels():
    domain.parse_project_name("/".join("abcdefghij"))
    with pytest.raises(ApiError) as err:
        domain.parse_project_name("/".join("abcdefghijk"))
    assert (err.value.code, err.value.subcode) == (400, 409)


def test_a_new_task_is_created_with_defaults_and_escaped_keys():
    fields = {
        "name": "t",
        "type": "training",
        "project": "p1",
        "output_dest": "s3://bucket",
        "hyperparams": {"Args": {"a.b": {"value": "1"}}},
        "configuration": {"General": {"value": "{}"}},
    }
    doc = domain.new_task("t1", "acme", "u1", fields, NOW)
    assert doc["_id"] == "t1" and doc["company"] == "acme" and doc["user"] == "u1"
    assert doc["status"] == "created" and doc["tags"] == [] and doc["system_tags"] == []
    assert doc["created"] == doc["last_update"] == doc["last_change"] == NOW
    assert doc["last_changed_by"] == "u1"
    assert doc["output"] == {"destination": "s3://bucket"}
    assert doc["hyperparams"] == {"Args": {"a%2Eb": {"value": "1", "section": "Args", "name": "a.b"}}}
    assert doc["configuration"] == {"General": {"value": "{}", "name": "General"}}


def test_edit_changes_map_fields_and_record_who_and_when():
    changes = domain.edit_changes({"name": "n", "output_dest": "", "project": ""}, "u2", NOW)
    assert changes == {
        "name": "n",
        "output.destination": "",
        "project": None,
        "last_update": NOW,
        "last_change": NOW,
        "last_changed_by": "u2",
    }


def test_only_created_tasks_are_editable_unless_forced():
    assert status.may_edit("created", force=False)
    assert not status.may_edit("in_progress", force=False)
    assert status.may_edit("in_progress", force=True)


def test_api_form_renames_the_id_and_writes_iso_dates():
    naive = datetime(2024, 1, 2, 3, 4, 5)
    doc = {"_id": "x", "created": NOW, "nested": [{"at": naive}], "hyperparams": {"A": {"b%2Ec": {}}}}
    assert domain.task_to_api(doc) == {
        "id": "x",
        "created": "2024-05-01T12:00:00.123000+00:00",
        "nested": [{"at": "2024-01-02T03:04:05+00:00"}],
        "hyperparams": {"A": {"b.c": {}}},
    }


def test_a_new_task_always_has_an_output_object():
    """The SDK reads task.data.output.destination and fails when output is missing."""
    doc = domain.new_task("t1", "acme", "u1", {"name": "t", "type": "training"}, NOW)
    assert doc["output"] == {}

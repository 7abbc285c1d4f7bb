"""The ClearML error catalogue and ApiError's wire forms (result_msg, reply-envelope dict)."""

import datetime as dt
import enum
import copy
import json
import pickle

import pytest

from shared.errors import BY_NAME, CATALOGUE, ApiError, ErrorSpec, default_message, json_safe

# Transcribed from CLEARML_BEHAVIOR.md section 4, with the abbreviated ranges (models 200,
# projects 408-414, serving 1050-1052) filled in from the reference server's catalogue, plus
# Cairn's 404/0, 500/9999 and 503/0.
EXPECTED = {
    400: {
        1: "not_supported", 2: "request_path_has_invalid_version", 5: "invalid_headers",
        6: "impersonation_error", 10: "invalid_id", 11: "missing_required_fields",
        12: "validation_error", 13: "fields_not_allowed_for_role", 14: "invalid_fields",
        15: "fields_conflict", 16: "fields_value_error", 17: "batch_contains_no_items",
        18: "batch_validation_error", 19: "invalid_lucene_syntax", 20: "fields_type_error",
        21: "invalid_regex_error", 22: "invalid_email_address", 23: "invalid_domain_name",
        24: "not_public_object", 75: "invalid_access_key",
        100: "task_error", 101: "invalid_task_id", 102: "task_validation_error",
        110: "invalid_task_status", 111: "task_not_started", 112: "task_in_progress",
        113: "task_published", 114: "task_status_unknown",
        120: "invalid_task_execution_progress", 121: "failed_changing_task_status",
        122: "missing_task_fields", 123: "task_cannot_be_deleted", 125: "task_has_jobs_running",
        126: "invalid_task_type", 127: "invalid_task_input", 128: "invalid_task_output",
        129: "task_publish_in_progress", 130: "task_not_found", 131: "events_not_added",
        150: "operation_supported_on_reports_only", 160: "cannot_remove_all_runs",
        200: "model_error", 201: "invalid_model_id", 202: "model_not_ready", 203: "model_is_ready",
        204: "invalid_model_uri", 205: "model_in_use", 206: "model_creating_task_exists",
        300: "invalid_user", 301: "invalid_user_id", 302: "user_id_exists",
        305: "invalid_preferences_update",
        401: "invalid_project_id", 402: "project_has_tasks", 403: "project_not_found",
        405: "project_has_models", 406: "project_has_datasets", 407: "invalid_project_name",
        408: "cannot_update_project_location", 409: "project_path_exceeds_max",
        410: "project_source_and_destination_are_the_same",
        411: "project_cannot_be_moved_under_itself",
        412: "project_cannot_be_merged_into_its_child", 413: "project_has_pipelines",
        414: "public_project_exists",
        701: "invalid_queue_id", 702: "queue_not_empty", 703: "invalid_queue_or_task_not_queued",
        704: "removed_during_reposition", 705: "failed_adding_during_reposition",
        706: "task_already_queued", 707: "no_default_queue", 708: "multiple_default_queues",
        800: "data_validation_error", 801: "expected_unique_data",
        1001: "invalid_worker_id", 1002: "worker_registration_failed", 1003: "worker_registered",
        1004: "worker_not_registered", 1005: "worker_stats_not_found",
        1050: "invalid_container_id", 1051: "container_not_registered",
        1052: "no_containers_for_url", 1104: "invalid_scroll_id",
    },
    401: {
        1: "not_authorized", 2: "entity_not_allowed", 10: "bad_auth_type", 20: "no_credentials",
        21: "bad_credentials", 22: "invalid_credentials", 30: "invalid_token",
        31: "blocked_token", 40: "invalid_fixed_user",
    },
    403: {
        10: "routing_error", 12: "blocked_internal_endpoint", 20: "role_not_allowed",
        21: "no_write_permission",
    },
    404: {0: "endpoint_not_found"},
    301: {1: "not_supported"},
    410: {1: "not_supported"},
    500: {
        0: "general_error", 1: "internal_error", 2: "config_error", 3: "build_info_error",
        4: "low_disk_space", 10: "transaction_error", 100: "data_error",
        101: "inconsistent_data", 102: "database_unavailable", 110: "update_failed",
        201: "missing_index", 9999: "not_implemented",
    },
    503: {0: "service_unavailable"},
}
EXPECTED_PAIRS = {(c, s): n for c, subs in EXPECTED.items() for s, n in subs.items()}


# --- the catalogue ------------------------------------------------------------------------


@pytest.mark.parametrize(("pair", "name"), sorted(EXPECTED_PAIRS.items()))
def test_every_documented_pair_is_catalogued_with_its_identifier(pair, name):
    spec = CATALOGUE[pair]
    assert (spec.code, spec.subcode, spec.name) == (*pair, name)


def test_catalogue_holds_exactly_the_documented_pairs():
    assert set(CATALOGUE) == set(EXPECTED_PAIRS)


def test_every_entry_has_a_short_capitalised_message():
    for spec in CATALOGUE.values():
        assert spec.message and spec.message[0].isupper(), spec
        assert len(spec.message) <= 60, spec
        assert not spec.message.endswith("."), spec


def test_identifiers_are_unique_within_each_code():
    for code in {c for c, _ in CATALOGUE}:
        names = [s.name for s in CATALOGUE.values() if s.code == code]
        assert len(names) == len(set(names)), code


def test_identifiers_are_snake_case():
    for spec in CATALOGUE.values():
        assert spec.name.isidentifier() and spec.name == spec.name.lower(), spec


def test_well_known_messages():
    assert CATALOGUE[(400, 101)].message == "Invalid task id"
    assert CATALOGUE[(400, 130)].message == "Task not found"
    assert CATALOGUE[(400, 12)].message == "Validation error"
    assert CATALOGUE[(401, 22)].message == "Unauthorized (invalid credentials)"
    assert CATALOGUE[(500, 9999)].message == "Not implemented"
    assert CATALOGUE[(404, 0)].message == "Unable to find endpoint"


def test_catalogue_is_read_only():
    with pytest.raises(TypeError):
        CATALOGUE[(400, 999)] = ErrorSpec(400, 999, "x", "X")  # type: ignore[index]


# --- lookup by identifier -----------------------------------------------------------------


def test_by_name_finds_every_unique_identifier():
    for spec in CATALOGUE.values():
        if spec.name != "not_supported":
            assert BY_NAME[spec.name] is spec


def test_repeated_identifier_resolves_to_400_and_qualified_keys_to_each():
    assert (BY_NAME["not_supported"].code, BY_NAME["not_supported"].subcode) == (400, 1)
    assert BY_NAME["301.not_supported"].code == 301
    assert BY_NAME["410.not_supported"].code == 410
    assert BY_NAME["400.not_supported"] is BY_NAME["not_supported"]


def test_named_builds_the_catalogued_error():
    error = ApiError.named("invalid_task_id", id="abc")
    assert (error.code, error.subcode, error.name) == (400, 101, "invalid_task_id")
    assert error.message == "Invalid task id: id=abc"
    assert error.data == {"id": "abc"}


def test_named_with_qualified_key_and_extra_message():
    error = ApiError.named("410.not_supported", "use tasks.get_all")
    assert (error.code, error.subcode) == (410, 1)
    assert error.message == "Endpoint gone (no longer supported) (use tasks.get_all)"


def test_named_accepts_a_detail_called_name():
    error = ApiError.named("invalid_project_name", name="a//b")
    assert error.data == {"name": "a//b"}
    assert error.message == "Invalid project name: name=a//b"


def test_named_unknown_identifier_is_a_key_error():
    with pytest.raises(KeyError):
        ApiError.named("no_such_error")


# --- result_msg formatting ------------------------------------------------------------------


def test_message_is_the_default_alone():
    error = ApiError(400, 130)
    assert error.message == "Task not found"
    assert str(error) == "Task not found"
    assert error.data == {}


def test_extra_message_is_parenthesised():
    assert ApiError(400, 12, "field 'name' is required").message == (
        "Validation error (field 'name' is required)"
    )


def test_data_is_appended_in_order():
    error = ApiError(400, 110, task="t1", current_status="published", new_status="queued")
    assert error.message == (
        "Invalid task status: task=t1, current_status=published, new_status=queued"
    )


def test_extra_message_and_data_together():
    error = ApiError(400, 110, msg="cannot enqueue", task="t1")
    assert error.message == "Invalid task status (cannot enqueue): task=t1"
    assert error.data == {"task": "t1"}


def test_details_may_be_called_code_or_subcode():
    error = ApiError(400, 16, None, code="x", subcode=3)
    assert (error.code, error.subcode) == (400, 16)
    assert error.data == {"code": "x", "subcode": 3}


def test_subcode_defaults_to_zero():
    error = ApiError(500, msg="boom")
    assert (error.code, error.subcode, error.name) == (500, 0, "general_error")
    assert error.message == "General server error (boom)"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (400, "Bad request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not found"),
        (500, "Server error"),
        (503, "Service unavailable"),
        (502, "Server error"),
        (418, "Request failed"),
    ],
)
def test_unknown_pair_falls_back_to_a_generic_message(code, expected):
    error = ApiError(code, 4242)
    assert error.message == expected
    assert error.spec is None and error.name is None
    assert default_message(code, 4242) == expected


def test_unknown_pair_still_formats_extra_and_data():
    assert ApiError(400, 4242, "odd", x=1).message == "Bad request (odd): x=1"


# --- retryable ----------------------------------------------------------------------------------


def test_retryable_only_for_unavailability():
    assert ApiError.named("service_unavailable").retryable
    assert ApiError(503, 7).retryable
    assert ApiError.named("database_unavailable").retryable
    assert not ApiError(500, 0).retryable
    assert not ApiError.named("task_not_found").retryable
    assert not ApiError.named("invalid_credentials").retryable


# --- reply-envelope dict --------------------------------------------------------------------


def test_to_dict_shape():
    error = ApiError.named("invalid_queue_id", id="q1")
    assert error.to_dict() == {
        "code": 400,
        "subcode": 701,
        "msg": "Invalid queue id: id=q1",
        "data": {"id": "q1"},
    }


class _Colour(enum.Enum):
    RED = "red"


def test_to_dict_data_is_json_safe():
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    error = ApiError(400, 16, ids=("a", "b"), tags={"y", "x"}, when=when, colour=_Colour.RED,
                     nested={1: [_Opaque()]})
    data = error.to_dict()["data"]
    json.dumps(data)
    assert data["ids"] == ["a", "b"]
    assert data["tags"] == ["x", "y"]
    assert data["when"] == "2024-01-02T03:04:05+00:00"
    assert data["colour"] == "red"
    assert data["nested"] == {"1": ["opaque"]}


class _Opaque:
    def __str__(self):
        return "opaque"


def test_json_safe_keeps_plain_values():
    value = {"a": 1, "b": 1.5, "c": None, "d": True, "e": ["x"]}
    assert json_safe(value) == value


@pytest.mark.parametrize(
    "error",
    [
        ApiError(400, 101, id="abc"),
        ApiError(400, 110, "cannot enqueue", task="t1", current_status="published"),
        ApiError.named("410.not_supported"),
        ApiError(400, 4242, "unknown pair", x=[1, 2]),
        ApiError.named("service_unavailable", "tasks did not answer", endpoint="tasks.get_all"),
    ],
)
def test_round_trip_through_dict_and_json(error):
    wire = json.loads(json.dumps(error.to_dict()))
    back = ApiError.from_dict(wire)
    assert back.to_dict() == error.to_dict()
    assert (back.code, back.subcode, back.message, back.data) == (
        error.code, error.subcode, error.message, error.data
    )
    assert str(back) == error.message


def test_from_dict_preserves_a_foreign_message_exactly():
    wire = {"code": 404, "subcode": 0,
            "msg": "Unable to find endpoint for name tasks.nope and version 2.34", "data": {}}
    error = ApiError.from_dict(wire)
    assert error.message == wire["msg"]
    assert error.name == "endpoint_not_found"


def test_from_dict_tolerates_missing_optional_fields():
    error = ApiError.from_dict({"code": 400, "subcode": 130})
    assert error.message == "Task not found"
    assert error.data == {}


def test_from_dict_accepts_data_named_like_parameters():
    wire = {"code": 400, "subcode": 16, "msg": "m", "data": {"code": 1, "msg": 2}}
    error = ApiError.from_dict(wire)
    assert error.data == {"code": 1, "msg": 2}
    assert error.message == "m"


def test_is_an_exception():
    with pytest.raises(ApiError) as info:
        raise ApiError.named("task_not_found", id="t9")
    assert info.value.code == 400 and info.value.subcode == 130


def test_survives_pickle_and_copy():
    error = ApiError.named("invalid_task_status", "cannot stop", task="t1")
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert isinstance(clone, ApiError)
        assert (clone.code, clone.subcode, clone.message, clone.data) == (
            error.code, error.subcode, error.message, error.data
        )


def test_a_missing_field_is_400_12_unless_the_endpoint_checks_its_own_required_fields():
    from pydantic import BaseModel, ValidationError

    from shared.errors import invalid_request

    class Needs(BaseModel):
        id: list[str]

    try:
        Needs.model_validate({})
    except ValidationError as exc:
        errors = exc.errors()
    assert (invalid_request(errors, "tasks.get_all").code, invalid_request(errors, "tasks.get_all").subcode) == (400, 12)
    own = invalid_request(errors, "tasks.get_by_id_ex")
    assert (own.code, own.subcode) == (400, 11) and "missing required fields: id" in own.message

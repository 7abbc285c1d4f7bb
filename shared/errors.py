"""The ClearML error catalogue as data, and the one exception every Cairn process raises.

ClearML reports every failure as an HTTP status (``result_code``) plus a ``result_subcode`` and
a human ``result_msg`` in the response envelope; clients (the ``clearml`` SDK and agent) branch
on the ``(code, subcode)`` pair only, e.g. ``(400, 201)`` "model already gone" or ``(400, 701)``
"queue does not exist". The numbers and identifiers below therefore follow the reference
server's catalogue exactly; the default messages are Cairn's own short wording.

``result_msg`` is built the way ClearML builds it::

    "<default message>"                              # no details
    "<default message> (<extra msg>)"                # ApiError(..., msg="...")
    "<default message> (<extra msg>): k=v, k2=v2"    # plus keyword details

and the keyword details also travel separately as ``error_data`` in the envelope.

Identifiers that repeat across codes (``not_supported`` is 400/1, 301/1 and 410/1) resolve in
``BY_NAME`` to the first row of the table, i.e. the 400 one; every entry is also reachable
unambiguously as ``"<code>.<name>"`` (``"410.not_supported"``).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class ErrorSpec:
    """One catalogue row: ClearML's ``(code, subcode)``, its identifier and default message."""

    code: int
    subcode: int
    name: str
    message: str

    @property
    def key(self) -> str:
        """The unambiguous identifier, ``"<code>.<name>"``."""
        return f"{self.code}.{self.name}"


# (code, subcode, identifier, default message). Order matters only for BY_NAME: the first row
# with a given identifier wins, so 400 rows come before the 301/410 ones.
_TABLE: tuple[tuple[int, int, str, str], ...] = (
    # 400 bad_request: general
    (400, 1, "not_supported", "Endpoint not supported"),
    (400, 2, "request_path_has_invalid_version", "Invalid version in request path"),
    (400, 5, "invalid_headers", "Invalid headers"),
    (400, 6, "impersonation_error", "Impersonation failed"),
    (400, 10, "invalid_id", "Invalid object id"),
    (400, 11, "missing_required_fields", "Missing required fields"),
    (400, 12, "validation_error", "Validation error"),
    (400, 13, "fields_not_allowed_for_role", "Fields not allowed for this role"),
    (400, 14, "invalid_fields", "Unknown fields for this object"),
    (400, 15, "fields_conflict", "Conflicting fields"),
    (400, 16, "fields_value_error", "Invalid field value"),
    (400, 17, "batch_contains_no_items", "Batch contains no items"),
    (400, 18, "batch_validation_error", "Batch validation error"),
    (400, 19, "invalid_lucene_syntax", "Invalid Lucene query syntax"),
    (400, 20, "fields_type_error", "Invalid field type"),
    (400, 21, "invalid_regex_error", "Invalid regular expression"),
    (400, 22, "invalid_email_address", "Invalid email address"),
    (400, 23, "invalid_domain_name", "Invalid domain name"),
    (400, 24, "not_public_object", "Object is not public"),
    (400, 75, "invalid_access_key", "Access key not found"),
    # 400: tasks
    (400, 100, "task_error", "Task error"),
    (400, 101, "invalid_task_id", "Invalid task id"),
    (400, 102, "task_validation_error", "Task validation error"),
    (400, 110, "invalid_task_status", "Invalid task status"),
    (400, 111, "task_not_started", "Invalid task status (task not started)"),
    (400, 112, "task_in_progress", "Invalid task status (task in progress)"),
    (400, 113, "task_published", "Invalid task status (task published)"),
    (400, 114, "task_status_unknown", "Invalid task status (status unknown)"),
    (400, 120, "invalid_task_execution_progress", "Invalid task execution progress"),
    (400, 121, "failed_changing_task_status", "Task status change failed (changed concurrently)"),
    (400, 122, "missing_task_fields", "Task lacks required fields"),
    (400, 123, "task_cannot_be_deleted", "Task cannot be deleted"),
    (400, 125, "task_has_jobs_running", "Task still has running jobs"),
    (400, 126, "invalid_task_type", "Task type not valid for this operation"),
    (400, 127, "invalid_task_input", "Invalid task input"),
    (400, 128, "invalid_task_output", "Invalid task output"),
    (400, 129, "task_publish_in_progress", "Task is being published"),
    (400, 130, "task_not_found", "Task not found"),
    (400, 131, "events_not_added", "Events were not added"),
    (400, 150, "operation_supported_on_reports_only", "Operation allowed on reports only"),
    (400, 160, "cannot_remove_all_runs", "Cannot remove every pipeline run"),
    # 400: models
    (400, 200, "model_error", "Model error"),
    (400, 201, "invalid_model_id", "Invalid model id"),
    (400, 202, "model_not_ready", "Model not ready"),
    (400, 203, "model_is_ready", "Model already ready"),
    (400, 204, "invalid_model_uri", "Invalid model URI"),
    (400, 205, "model_in_use", "Model in use by tasks"),
    (400, 206, "model_creating_task_exists", "Model's creating task still exists"),
    # 400: users
    (400, 300, "invalid_user", "Invalid user"),
    (400, 301, "invalid_user_id", "Invalid user id"),
    (400, 302, "user_id_exists", "User id already exists"),
    (400, 305, "invalid_preferences_update", "Invalid preferences key or value"),
    # 400: projects
    (400, 401, "invalid_project_id", "Invalid project id"),
    (400, 402, "project_has_tasks", "Project has tasks"),
    (400, 403, "project_not_found", "Project not found"),
    (400, 405, "project_has_models", "Project has models"),
    (400, 406, "project_has_datasets", "Project has datasets"),
    (400, 407, "invalid_project_name", "Invalid project name"),
    (400, 408, "cannot_update_project_location", "Project location is changed by projects.move"),
    (400, 409, "project_path_exceeds_max", "Project path too deep"),
    (400, 410, "project_source_and_destination_are_the_same", "Project source equals destination"),
    (400, 411, "project_cannot_be_moved_under_itself", "Project cannot be moved under itself"),
    (400, 412, "project_cannot_be_merged_into_its_child", "Project cannot merge into its child"),
    (400, 413, "project_has_pipelines", "Project has active pipelines"),
    (400, 414, "public_project_exists", "A public project with this name exists"),
    # 400: queues
    (400, 701, "invalid_queue_id", "Invalid queue id"),
    (400, 702, "queue_not_empty", "Queue not empty"),
    (400, 703, "invalid_queue_or_task_not_queued", "Invalid queue id or task not queued"),
    (400, 704, "removed_during_reposition", "Task removed while being repositioned"),
    (400, 705, "failed_adding_during_reposition", "Task could not be re-added during reposition"),
    (400, 706, "task_already_queued", "Task already queued"),
    (400, 707, "no_default_queue", "No default queue"),
    (400, 708, "multiple_default_queues", "Several default queues"),
    # 400: database
    (400, 800, "data_validation_error", "Data validation error"),
    (400, 801, "expected_unique_data", "Value already exists (must be unique)"),
    # 400: workers, serving, scrolling
    (400, 1001, "invalid_worker_id", "Invalid worker id"),
    (400, 1002, "worker_registration_failed", "Worker registration failed"),
    (400, 1003, "worker_registered", "Worker already registered"),
    (400, 1004, "worker_not_registered", "Worker not registered"),
    (400, 1005, "worker_stats_not_found", "Worker statistics not found"),
    (400, 1050, "invalid_container_id", "Invalid container id"),
    (400, 1051, "container_not_registered", "Container not registered"),
    (400, 1052, "no_containers_for_url", "No containers serve this URL"),
    (400, 1104, "invalid_scroll_id", "Invalid scroll id"),
    # 401 unauthorized
    (401, 1, "not_authorized", "Unauthorized (not authorized for this endpoint)"),
    (401, 2, "entity_not_allowed", "Unauthorized (entity not allowed)"),
    (401, 10, "bad_auth_type", "Unauthorized (unsupported authorization type)"),
    (401, 20, "no_credentials", "Unauthorized (no credentials)"),
    (401, 21, "bad_credentials", "Unauthorized (malformed credentials)"),
    (401, 22, "invalid_credentials", "Unauthorized (invalid credentials)"),
    (401, 30, "invalid_token", "Invalid token"),
    (401, 31, "blocked_token", "Token is revoked"),
    (401, 40, "invalid_fixed_user", "Unknown fixed user"),
    # 403 forbidden
    (403, 10, "routing_error", "Forbidden (routing error)"),
    (403, 12, "blocked_internal_endpoint", "Forbidden (internal endpoint)"),
    (403, 20, "role_not_allowed", "Forbidden (role not allowed)"),
    (403, 21, "no_write_permission", "Forbidden (no write permission)"),
    # 404: produced by the router (ClearML has no catalogue row; the identifier is Cairn's)
    (404, 0, "endpoint_not_found", "Unable to find endpoint"),
    # 301 / 410: an endpoint retired for the requested version
    (301, 1, "not_supported", "Endpoint moved (not supported for this version)"),
    (410, 1, "not_supported", "Endpoint gone (no longer supported)"),
    # 500 server_error
    (500, 0, "general_error", "General server error"),
    (500, 1, "internal_error", "Internal server error"),
    (500, 2, "config_error", "Configuration error"),
    (500, 3, "build_info_error", "Build information unavailable"),
    (500, 4, "low_disk_space", "Server is low on disk space"),
    (500, 10, "transaction_error", "Transaction failed"),
    (500, 100, "data_error", "Data error"),
    (500, 101, "inconsistent_data", "Inconsistent data"),
    (500, 102, "database_unavailable", "Database unavailable"),
    (500, 110, "update_failed", "Update failed"),
    (500, 201, "missing_index", "Missing index"),
    (500, 9999, "not_implemented", "Not implemented"),
    # 503: Cairn's own; a service did not answer in time (clients retry 503)
    (503, 0, "service_unavailable", "Service unavailable"),
)

# Used when a (code, subcode) pair is not in the catalogue.
GENERIC_MESSAGES: Mapping[int, str] = MappingProxyType({
    301: "Moved permanently",
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    410: "Gone",
    500: "Server error",
    503: "Service unavailable",
})

# Failures a caller may retry unchanged: Cairn's timeouts and a temporarily absent database.
_RETRYABLE: frozenset[tuple[int, int]] = frozenset({(500, 102)})


def _index(rows: Iterable[tuple[int, int, str, str]]) -> dict[tuple[int, int], ErrorSpec]:
    """Build the (code, subcode) index, refusing duplicate pairs at import time."""
    catalogue: dict[tuple[int, int], ErrorSpec] = {}
    for code, subcode, name, message in rows:
        if (code, subcode) in catalogue:
            raise ValueError(f"duplicate error code {code}/{subcode}")
        catalogue[(code, subcode)] = ErrorSpec(code, subcode, name, message)
    return catalogue


def _by_name(specs: Iterable[ErrorSpec]) -> dict[str, ErrorSpec]:
    """Identifier -> spec (first row wins) plus every ``"<code>.<name>"`` key."""
    by_name: dict[str, ErrorSpec] = {}
    for spec in specs:
        by_name.setdefault(spec.name, spec)
        by_name[spec.key] = spec
    return by_name


CATALOGUE: Mapping[tuple[int, int], ErrorSpec] = MappingProxyType(_index(_TABLE))
BY_NAME: Mapping[str, ErrorSpec] = MappingProxyType(_by_name(CATALOGUE.values()))


def default_message(code: int, subcode: int = 0) -> str:
    """The catalogue message, else a generic one for the code (as ClearML does for raw codes)."""
    spec = CATALOGUE.get((code, subcode))
    if spec is not None:
        return spec.message
    if code in GENERIC_MESSAGES:
        return GENERIC_MESSAGES[code]
    return "Server error" if code >= 500 else "Request failed"


def format_message(base: str, msg: str | None = None, data: Mapping[str, Any] | None = None) -> str:
    """ClearML's ``result_msg``: ``"<base> (<msg>): k=v, k2=v2"``, parts present only if given."""
    text = f"{base} ({msg})" if msg else base
    if data:
        text += ": " + ", ".join(f"{key}={value}" for key, value in data.items())
    return text


def json_safe(value: Any) -> Any:
    """Turn error details into plain JSON values (they cross Kafka and land in ``error_data``)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((json_safe(item) for item in value), key=str)
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return str(value)


class ApiError(Exception):
    """A ClearML API error: ``code`` (HTTP status), ``subcode``, ``message`` and ``data``.

    ``ApiError(400, 101, id="abc")`` renders ``"Invalid task id: id=abc"``; the optional
    ``msg`` adds ClearML's parenthesised extra text. ``code``/``subcode`` are positional-only
    so that details may themselves be called ``code`` or ``subcode``.
    """

    def __init__(self, code: int, subcode: int = 0, /, msg: str | None = None, **data: Any) -> None:
        self.code = int(code)
        self.subcode = int(subcode)
        self.data: dict[str, Any] = dict(data)
        self.message = format_message(default_message(self.code, self.subcode), msg, self.data)
        super().__init__(self.message)

    @classmethod
    def named(cls, name: str, /, msg: str | None = None, **data: Any) -> ApiError:
        """Raise by identifier: ``ApiError.named("invalid_task_id", id=...)``.

        ``name`` is a catalogue identifier or ``"<code>.<name>"``; unknown names are a bug in
        the caller and raise ``KeyError``.
        """
        spec = BY_NAME[name]
        return cls(spec.code, spec.subcode, msg, **data)

    @property
    def spec(self) -> ErrorSpec | None:
        """The catalogue row, or None for a pair ClearML does not list."""
        return CATALOGUE.get((self.code, self.subcode))

    @property
    def name(self) -> str | None:
        """The catalogue identifier, e.g. ``"invalid_task_id"``."""
        spec = self.spec
        return spec.name if spec else None

    @property
    def retryable(self) -> bool:
        """True when repeating the same request may succeed (503, database unavailable)."""
        return self.code == 503 or (self.code, self.subcode) in _RETRYABLE

    def to_dict(self) -> dict[str, Any]:
        """The reply-envelope form ``{"code", "subcode", "msg", "data"}``, JSON-safe."""
        return {
            "code": self.code,
            "subcode": self.subcode,
            "msg": self.message,
            "data": json_safe(self.data),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ApiError:
        """Rebuild an error from ``to_dict()`` output, keeping its message exactly."""
        error = cls(d["code"], d.get("subcode", 0))
        error.data = dict(d.get("data") or {})
        error.message = d.get("msg") or error.message
        error.args = (error.message,)
        return error

    def __reduce__(self) -> tuple[Any, ...]:
        """Keep pickling and ``copy`` working (the default would call ``__init__(message)``)."""
        state = {"code": self.code, "subcode": self.subcode, "msg": self.message, "data": self.data}
        return (type(self).from_dict, (state,))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ApiError({self.code}, {self.subcode}, {self.message!r})"


# Endpoints whose clearml-server handler checks its required fields itself (``required_fields``
# in its endpoint declaration): a missing one is 400/11 there. Every other endpoint's request
# class answers a missing field as any other invalid one: 400/12.
CHECKS_OWN_REQUIRED_FIELDS = frozenset({"tasks.get_by_id_ex", "models.get_by_id_ex"})


def invalid_request(errors: list[Mapping[str, Any]], endpoint: str | None = None) -> ApiError:
    """The ClearML error for a request its model refuses (pydantic ``errors()``): 400/12, or
    400/11 for missing fields of the endpoints in ``CHECKS_OWN_REQUIRED_FIELDS``."""
    missing = [".".join(map(str, e["loc"])) for e in errors if e["type"] == "missing"]
    if missing and len(missing) == len(errors):
        subcode = 11 if endpoint in CHECKS_OWN_REQUIRED_FIELDS else 12
        return ApiError(400, subcode, f"missing required fields: {', '.join(missing)}")
    detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in errors[:5])
    return ApiError(400, 12, detail)

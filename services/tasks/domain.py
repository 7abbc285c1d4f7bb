"""Pure rules of the task lifecycle: ids, clocks, project paths, field normalisation, key
escaping and the stored-document -> API form. No I/O, no event loop."""

from __future__ import annotations

from shared.api_form import to_api  # noqa: F401 - re-exported: the API form of stored values

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from services.tasks.tasks import legacy_params
from shared.errors import ApiError
from services.tasks.tasks.status import CREATED

HIDDEN_TAG = "hidden"
PROJECT_SEPARATOR = "/"
MAX_PROJECT_DEPTH = 10  # ClearML's services.projects.sub_projects.max_depth


def new_id() -> str:
    """A ClearML entity id: 32 lowercase hex characters (uuid4 without dashes)."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Now in UTC, at MongoDB's millisecond precision (stored and returned values agree)."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


# --- project names --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectPath:
    """A project's full name split into its location (parent's full name) and basename."""

    name: str
    location: str
    basename: str

    @property
    def ancestors(self) -> list[str]:
        """Full names of every ancestor, top-level first: ``a/b/c`` -> ``[a, a/b]``."""
        parts = self.name.split(PROJECT_SEPARATOR)
        return [PROJECT_SEPARATOR.join(parts[:i]) for i in range(1, len(parts))]


def parse_project_name(name: str) -> ProjectPath:
    """Normalise ``name`` like ClearML: blank parts and surrounding spaces are dropped
    (``" a//b "`` -> ``a/b``); empty -> 400/407, deeper than 10 levels -> 400/409."""
    parts = [part.strip() for part in name.split(PROJECT_SEPARATOR)]
    parts = [part for part in parts if part]
    if not parts:
        raise ApiError.named("invalid_project_name", name=name)
    if len(parts) > MAX_PROJECT_DEPTH:
        raise ApiError.named("project_path_exceeds_max", max_depth=MAX_PROJECT_DEPTH)
    return ProjectPath(
        name=PROJECT_SEPARATOR.join(parts),
        location=PROJECT_SEPARATOR.join(parts[:-1]),
        basename=parts[-1],
    )


def new_project(
    project_id: str,
    company: str,
    user: str,
    path: ProjectPath,
    parent: Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """The stored document of a project at ``path`` under ``parent`` (``None``: top level).
    ``path`` (the stored field) lists the ancestors' ids, top-level first."""
    return {
        "_id": project_id,
        "company": company,
        "user": user,
        "name": path.name,
        "basename": path.basename,
        "description": "",
        "tags": [],
        "system_tags": [],
        **{key: value for key, value in fields.items() if value is not None},
        "parent": parent["_id"] if parent else None,
        "path": [*(parent.get("path") or []), parent["_id"]] if parent else [],
        "created": now,
        "last_update": now,
    }


# --- key escaping ---------------------------------------------------------------------------
# MongoDB refuses keys containing "." or starting with "$"; hyper-parameter, configuration and
# runtime names may contain both. "%" is escaped too, so that unescaping is exact.

_ESCAPES = {"%": "%25", ".": "%2E", "$": "%24"}
_UNESCAPES = {code: char for char, code in _ESCAPES.items()}
_ESCAPE_RE = re.compile(r"[%.$]")
_UNESCAPE_RE = re.compile(r"%(?:25|2E|24)")


def escape_key(key: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], key)


def unescape_key(key: str) -> str:
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPES[m.group()], key)


def _map_keys(value: Any, depth: int, fn) -> Any:
    """Apply ``fn`` to the keys of the first ``depth`` levels of nested mappings."""
    if depth <= 0 or not isinstance(value, Mapping):
        return value
    return {fn(key): _map_keys(item, depth - 1, fn) for key, item in value.items()}


# Task fields whose keys are user-chosen names, and how many levels of them there are.
FREE_KEY_FIELDS: Mapping[str, int] = {
    "hyperparams": 2,  # section -> parameter name
    "configuration": 1,  # configuration name
    "runtime": 1,
    "container": 1,
    "execution.parameters": 1,  # legacy "Section/name" parameters
    "execution.model_labels": 1,
}


def _transform_task(doc: Mapping[str, Any], fn) -> dict[str, Any]:
    out = dict(doc)
    for path, depth in FREE_KEY_FIELDS.items():
        head, _, tail = path.partition(".")
        if head not in out:
            continue
        if not tail:
            out[head] = _map_keys(out[head], depth, fn)
        elif isinstance(out[head], Mapping) and tail in out[head]:
            out[head] = {**out[head], tail: _map_keys(out[head][tail], depth, fn)}
    return out


def escape_task(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A task's fields with every user-chosen key made safe for MongoDB."""
    return _transform_task(doc, escape_key)


def unescape_task(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`escape_task`: the keys exactly as the client sent them."""
    return _transform_task(doc, unescape_key)


def escape_path(path: str) -> str:
    """A dotted field path (``only_fields``, ``order_by``) in stored form: the segments that
    name user-chosen keys are escaped (``hyperparams.$x`` -> ``hyperparams.%24x``)."""
    parts = path.split(".")
    for prefix, depth in FREE_KEY_FIELDS.items():
        size = prefix.count(".") + 1
        if parts[:size] == prefix.split("."):
            end = size + depth
            parts[size:end] = [escape_key(p) for p in parts[size:end]]
            break
    return ".".join(parts)


# --- task fields ----------------------------------------------------------------------------


def normalise_hyperparams(hyperparams: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every parameter item names its section and itself, as ClearML stores them."""
    return {
        section: {name: {**item, "section": section, "name": name} for name, item in params.items()}
        for section, params in hyperparams.items()
    }


def normalise_configuration(configuration: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every configuration item carries its own name."""
    return {name: {**item, "name": name} for name, item in configuration.items()}


def task_fields(request_fields: Mapping[str, Any], previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Map request fields (``tasks.create`` / ``tasks.edit``) to stored fields: legacy
    ``execution.parameters`` / ``model_desc`` become hyper-parameters and configuration
    (``services.tasks.tasks.legacy_params``; ``previous``: the edited task, API form),
    ``output_dest`` becomes ``output.destination``, items are normalised, an empty project
    means none."""
    fields = legacy_params.from_legacy(request_fields, previous)
    if "output_dest" in fields:
        fields["output.destination"] = fields.pop("output_dest")
    if "hyperparams" in fields:
        fields["hyperparams"] = normalise_hyperparams(fields["hyperparams"])
    if "configuration" in fields:
        fields["configuration"] = normalise_configuration(fields["configuration"])
    if fields.get("project") == "":
        fields["project"] = None
    return fields


# What clearml-server stores for the parts of a task a client leaves out (its document
# defaults). Clients index them without checking: the SDK's Task.delete and Task.clone read
# execution["artifacts"], Task.get_requirements updates a dict with script.requirements.
def empty_execution() -> dict[str, Any]:
    return {"parameters": {}, "model_desc": {}, "model_labels": {}, "artifacts": []}


def _embedded_defaults() -> dict[str, dict[str, Any]]:
    return {
        "execution": empty_execution(),
        "script": {"binary": "python", "repository": "", "entry_point": "", "requirements": {}},
        "models": {"input": [], "output": []},
        "output": {},
    }


MAP_FIELDS = ("hyperparams", "configuration", "container", "runtime")


def with_defaults(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A new task's fields (API form) with every embedded part and map present: the given
    parts over the defaults, key by key."""
    out = dict(doc)
    for key, defaults in _embedded_defaults().items():
        given = out.get(key)
        out[key] = {**defaults, **(given if isinstance(given, Mapping) else {})}
    for key in MAP_FIELDS:
        out.setdefault(key, {})
    return out


def new_task(task_id: str, company: str, user: str, fields: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The stored document of a task made by ``tasks.create`` (status ``created``)."""
    fields = task_fields(fields)
    destination = fields.pop("output.destination", None)
    doc: dict[str, Any] = {
        "_id": task_id,
        "company": company,
        "user": user,
        "status": CREATED,
        "tags": [],
        "system_tags": [],
        "last_iteration": 0,
        **{key: value for key, value in fields.items() if value is not None},
        "created": now,
        "last_update": now,
        "last_change": now,
        "last_changed_by": user,
        "status_changed": now,
    }
    # The SDK reads task.data.output.destination (Task.init(output_uri=...),
    # OutputModel.update_weights) and fails on a task without an output.
    if destination is not None:
        doc["output"] = {"destination": destination}
    return escape_task(with_defaults(doc))


# Parts of a task ``tasks.edit`` merges into the stored ones key by key (clearml-server's
# embedded documents); any other field is replaced whole.
EMBEDDED_FIELDS = ("execution", "script", "models", "output")


def edit_changes(fields: Mapping[str, Any], user: str, now: datetime,
                 previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``$set`` of a ``tasks.edit`` of the stored task ``previous``: the edited fields
    (stored form; embedded parts merged into the task's) plus who and when."""
    before = unescape_task(previous) if previous else {}
    changes = task_fields(fields, before)
    for key in EMBEDDED_FIELDS:
        if isinstance(changes.get(key), Mapping) and isinstance(before.get(key), Mapping):
            changes[key] = {**before[key], **changes[key]}
    changes = escape_task(changes)
    changes.update(last_update=now, last_change=now, last_changed_by=user)
    return changes


# --- API form -------------------------------------------------------------------------------




def task_to_api(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A stored task as ClearML returns it (keys unescaped, ``id``, ISO dates)."""
    return to_api(unescape_task(doc))


def changes_to_api(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The ``fields`` of a ``tasks.edit`` answer, in API form."""
    return to_api(unescape_task(changes))


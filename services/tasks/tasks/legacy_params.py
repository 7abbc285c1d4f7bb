"""Legacy task fields of old API versions, pure rules: parameters (API < 2.9), and the
single models and docker command (API < 2.13).

Old clients send ``execution.parameters`` (``{"name": value}``, ``"TF_DEFINE/name"`` for
TensorFlow flags) and ``execution.model_desc`` (``{"name": value}``). As clearml-server does,
``tasks.create``, ``tasks.edit`` and ``tasks.clone`` store them as hyper-parameters of section
``Args`` (``TF_DEFINE`` for the flags) and configuration items, marked ``type: "legacy"``,
with values made strings; the legacy fields themselves are not kept. An edit that sends them
without new hyper-parameters replaces the task's legacy items and keeps the others. Reads for
API versions below 2.9 copy the legacy items back into the old fields.

Below 2.13 a task had one input model (``execution.model``), one output model
(``output.model``) and a docker command line (``execution.docker_cmd``): written, they become
``models.input`` (named "Input Model") and ``container`` (``image`` and ``arguments``, split at
the first space); read, the first input model, the last output model and the joined command
are copied back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.errors import ApiError

ARGS_SECTION = "Args"
TF_DEFINE_SECTION = "TF_DEFINE"
LEGACY_TYPE = "legacy"
FIRST_VERSION_WITHOUT_LEGACY = (2, 9)
FIRST_VERSION_WITH_MODELS = (2, 13)
INPUT_MODEL_NAME = "Input Model"

# (legacy field of ``execution``, task field, whether the task field has sections)
_FIELDS = (("parameters", "hyperparams", True), ("model_desc", "configuration", False))

# The reads whose answers old clients get in the old form, and the writes whose requests
# they send in it.
READ_ENDPOINTS = frozenset({"tasks.get_by_id", "tasks.get_all", "tasks.get_all_ex", "tasks.get_by_id_ex"})
WRITE_ENDPOINTS = frozenset({"tasks.create", "tasks.edit", "tasks.validate"})


def split_name(full_name: str) -> tuple[str, str]:
    """(section, name) of a legacy parameter: ``TF_DEFINE/x`` -> (TF_DEFINE, x), any other
    name (slashes included) -> (Args, name). An empty flag name -> 400/12."""
    section, _, name = full_name.partition("/")
    if section != TF_DEFINE_SECTION:
        return ARGS_SECTION, full_name
    if not name:
        raise ApiError.named("validation_error", "Parameter name cannot be empty", name=full_name)
    return section, name


def _full_name(item: Mapping[str, Any]) -> str:
    if item.get("section") == TF_DEFINE_SECTION:
        return f"{TF_DEFINE_SECTION}/{item.get('name')}"
    return str(item.get("name"))


def _without_legacy(items: Mapping[str, Any], sections: bool) -> tuple[dict[str, Any], int]:
    """``items`` without the legacy ones (and sections left empty), and how many went."""
    if sections:
        kept: dict[str, Any] = {}
        removed = 0
        for section, params in items.items():
            rest, count = _without_legacy(params or {}, False)
            removed += count
            if rest:
                kept[section] = rest
        return kept, removed
    rest = {k: v for k, v in items.items() if not (isinstance(v, Mapping) and v.get("type") == LEGACY_TYPE)}
    return rest, len(items) - len(rest)


def _legacy_items(items: Mapping[str, Any] | None, sections: bool) -> list[Mapping[str, Any]]:
    if not items:
        return []
    if sections:
        return [item for params in items.values() for item in _legacy_items(params, False)]
    return [v for v in items.values() if isinstance(v, Mapping) and v.get("type") == LEGACY_TYPE]


def _put(target: dict[str, Any], full_name: str, value: Any, sections: bool) -> None:
    if not sections:
        target[full_name] = {"name": full_name, "type": LEGACY_TYPE, "value": str(value)}
        return
    section, name = split_name(full_name)
    item = {"section": section, "name": name, "type": LEGACY_TYPE, "value": str(value)}
    target[section] = {**(target.get(section) or {}), name: item}


def from_legacy(fields: Mapping[str, Any], previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Request fields (API form) with ``execution.parameters`` / ``model_desc`` moved into
    ``hyperparams`` / ``configuration``. ``previous``: the edited (cloned) task, API form;
    when the request brings no new hyper-parameters (configuration), the task's own are kept
    without their legacy items."""
    out = dict(fields)
    execution = out.get("execution")
    if not isinstance(execution, Mapping):
        return out
    execution = dict(execution)
    for legacy_field, field, sections in _FIELDS:
        legacy = execution.pop(legacy_field, None)
        if legacy is None:
            continue
        target = dict(out.get(field) or {})
        changed = bool(legacy)
        if not target and previous and previous.get(field):
            target, removed = _without_legacy(previous[field], sections)
            changed = changed or removed > 0
        for full_name, value in legacy.items():
            _put(target, full_name, value, sections)
        if changed:
            out[field] = target
    out["execution"] = execution
    return out


def _older_than(version: str, first: tuple[int, int]) -> bool:
    try:
        parts = tuple(int(p) for p in version.split(".")[:2])
    except ValueError:
        return False
    return parts < first


def to_legacy(task: dict[str, Any]) -> dict[str, Any]:
    """A task (API form) with its legacy items copied back into ``execution.parameters`` and
    ``execution.model_desc`` (values as stored: strings)."""
    for legacy_field, field, sections in _FIELDS:
        items = _legacy_items(task.get(field), sections)
        if items:
            execution = task.get("execution") if isinstance(task.get("execution"), dict) else {}
            task["execution"] = {**execution, legacy_field: {_full_name(i): i.get("value") for i in items}}
    return task


def to_single_models(task: dict[str, Any]) -> dict[str, Any]:
    """A task (API form) with ``execution.model``, ``output.model`` and
    ``execution.docker_cmd`` as clients before API 2.13 read them."""
    models = task.get("models") if isinstance(task.get("models"), dict) else {}
    for kind, field, pick in (("input", "execution", 0), ("output", "output", -1)):
        if models.get(kind):
            task[field] = {**(task.get(field) or {}), "model": models[kind][pick].get("model")}
    container = task.get("container") if isinstance(task.get("container"), dict) else {}
    if container.get("image"):
        command = " ".join(filter(None, (container.get("image"), container.get("arguments"))))
        task["execution"] = {**(task.get("execution") or {}), "docker_cmd": command}
    return task


def for_version(version: str, data: Any) -> Any:
    """The answer of a task read as a client of API ``version`` expects it."""
    if not _older_than(version, FIRST_VERSION_WITH_MODELS) or not isinstance(data, dict):
        return data
    tasks = [data["task"]] if isinstance(data.get("task"), dict) else []
    tasks += [task for task in data.get("tasks") or () if isinstance(task, dict)]
    for task in tasks:
        to_single_models(task)
        if _older_than(version, FIRST_VERSION_WITHOUT_LEGACY):
            to_legacy(task)
    return data


def request_for_version(version: str, payload: Any) -> Any:
    """A task write (``tasks.create``/``edit``/``validate``) of a client of API ``version``
    in today's form: before 2.13, ``execution.model`` -> ``models.input`` and
    ``execution.docker_cmd`` -> ``container``."""
    execution = payload.get("execution") if isinstance(payload, dict) else None
    if not _older_than(version, FIRST_VERSION_WITH_MODELS) or not isinstance(execution, dict):
        return payload
    out, execution = dict(payload), dict(execution)
    model = execution.pop("model", None)
    if model is not None:
        inputs = [{"name": INPUT_MODEL_NAME, "model": model}] if model else []
        out["models"] = {**(out.get("models") or {}), "input": inputs}
    docker_cmd = execution.pop("docker_cmd", None)
    if docker_cmd is not None:
        image, _, arguments = docker_cmd.partition(" ")
        out["container"] = {**(out.get("container") or {}), "image": image, "arguments": arguments}
    out["execution"] = execution
    return out

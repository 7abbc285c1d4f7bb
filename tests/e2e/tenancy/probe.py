"""Company B's calls on company A's ids: for every endpoint the processes answer, a body that
names A's entities wherever the endpoint's request model has a field for one, and a verdict:
refused, or answered without anything of A's."""

from __future__ import annotations

import json
import time
import typing
import uuid
from typing import Any

from pydantic import BaseModel

from shared.endpoints import IMPLEMENTED, endpoint_table
from shared.schemas.registry import request_models

# The entity an ``id`` / ``ids`` field names, by ClearML service.
ID_KIND = {
    "tasks": "task", "reports": "task", "pipelines": "task", "events": "task", "projects": "project",
    "models": "model", "queues": "queue", "workers": "worker", "serving": "worker", "datasets": "dataset",
    "dataviews": "dataview", "frames": "dataset", "auth": "user", "users": "user", "organization": "user",
}

# Field name -> the entity of A's it names (a list field gets a one-item list).
FIELD_KIND = {
    "task": "task", "tasks": "task", "task_id": "task", "task_ids": "task", "source_task": "task",
    "project": "project", "projects": "project", "parent": "project", "project_id": "project",
    "model": "model", "models": "model", "queue": "queue", "queues": "queue", "queue_id": "queue",
    "worker": "worker", "workers": "worker", "dataset": "dataset", "datasets": "dataset",
    "version": "version", "versions": "version", "dataview": "dataview", "dataviews": "dataview",
    "access_key": "access_key", "user": "user", "users": "user", "company": "company",
}


def endpoints() -> list[str]:
    """Every endpoint some process answers (the internal actions are not routed from HTTP)."""
    table = endpoint_table()
    return sorted(n for names in IMPLEMENTED.values() for n in names if n in table)


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set):
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _dummy(annotation: Any) -> Any:
    """A value of the field's type for a required field that names no entity (a string is
    new each time, so two calls that create something do not collide on its name)."""
    if _is_list(annotation):
        return []
    text = str(annotation)
    for needle, value in (("bool", False), ("int", 1), ("float", 1.0), ("dict", {}), ("str", uuid.uuid4().hex)):
        if needle in text:
            return value
    return {}


def body_for(name: str, ids: dict[str, str]) -> dict[str, Any]:
    """The request of ``name`` aimed at A's entities."""
    special = _overrides(name, ids)
    if special:
        return special
    model: type[BaseModel] | None = request_models().get(name)
    service = name.split(".", 1)[0]
    body: dict[str, Any] = {}
    fields = model.model_fields if model is not None else {}
    for field_name, info in fields.items():
        key = info.alias or field_name
        kind = FIELD_KIND.get(key) or (ID_KIND.get(service) if key in ("id", "ids") else None)
        if kind is not None and kind in ids:
            body[key] = [ids[kind]] if _is_list(info.annotation) else ids[kind]
        elif info.is_required():
            body[key] = _dummy(info.annotation)
    if model is None:  # no model: name the usual entity of the service
        body["id"] = ids.get(ID_KIND.get(service, "task"), "")
    return body


def _overrides(name: str, ids: dict[str, str]) -> dict[str, Any]:
    """Bodies that pass validation where a generated one does not, so the call reaches the
    lookup of A's entity."""
    new, now = uuid.uuid4().hex, time.time() * 1000
    span = {"from_date": now / 1000 - 3600, "to_date": now / 1000, "interval": 60}
    view = {"filters": [{"dataset": ids.get("dataset"), "version": ids.get("version")}]}
    task, model = ids.get("task"), ids.get("model")
    bodies = {
        "tasks.create": {"name": new, "type": "training", "project": ids.get("project")},
        "tasks.validate": {"name": new, "type": "training", "project": ids.get("project")},
        "tasks.edit": {"task": task, "name": new},
        "tasks.edit_hyper_params": {"task": task, "hyperparams": [{"section": "Args", "name": "lr", "value": new}]},
        "tasks.delete_hyper_params": {"task": task, "hyperparams": [{"section": "Args"}]},
        "tasks.edit_configuration": {"task": task, "configuration": [{"name": "c", "value": new}]},
        "tasks.delete_configuration": {"task": task, "configuration": ["c"]},
        "tasks.add_or_update_artifacts": {"task": task, "artifacts": [{"key": "k", "type": "t"}]},
        "tasks.delete_artifacts": {"task": task, "artifacts": [{"key": "k"}]},
        "tasks.add_or_update_model": {"task": task, "name": "m", "model": model, "type": "output"},
        "tasks.delete_models": {"task": task, "models": [{"name": "m", "type": "output"}]},
        "models.add_or_update_metadata": {"model": model, "metadata": [{"key": "k", "value": new}]},
        "models.delete_metadata": {"model": model, "keys": ["k"]},
        "models.update_for_task": {"task": task, "uri": f"s3://b/{new}"},
        "models.update_tags": {"ids": [model], "add_tags": [new]},
        "queues.get_queue_metrics": {**span, "queue_ids": [ids.get("queue")]},
        "workers.get_activity_report": span,
        "workers.get_stats": {**span, "worker_ids": [ids.get("worker")], "items": [{"key": "cpu_usage", "category": "avg"}]},
        "events.plots": {"metrics": [{"task": task}]},
        "events.debug_images": {"metrics": [{"task": task}]},
        "events.get_debug_image_sample": {"task": task, "metric": "m", "variant": "v"},
        "dataviews.create": {"name": new, **view},
        "frames.get_with_projection": {"versions": view["filters"]},
        "dataviews.update": {"dataview": ids.get("dataview"), "name": new},
    }
    if name.startswith("frames.") and name.endswith(("_for_dataview", "_for_dataview2", "_and_context_id")):
        return {"dataview": view, **({"context_id": "c"} if name.endswith("_and_context_id") else {})}
    return bodies.get(name, {})


def _strip_echoes(data: Any) -> Any:
    """The answer without the parts that only repeat what B sent: ``failed`` lists of batch
    calls (``{"id": <A's id>, "error": ...}``)."""
    if isinstance(data, dict):
        return {k: _strip_echoes(v) for k, v in data.items() if k not in ("failed",)}
    if isinstance(data, list):
        return [_strip_echoes(v) for v in data]
    return data


def stand_ins(ids: dict[str, str]) -> dict[str, str]:
    """Made-up ids of the same kinds: what B's answers on A's ids must look like."""
    return {kind: (uuid.uuid4().hex.upper()[:30] if kind == "access_key" else uuid.uuid4().hex) for kind in ids}


def leaked(answer: Any, secrets: list[str], echoes: list[str]) -> list[str]:
    """A's secrets B's answer shows, but an id that the answer on made-up ids repeats too
    (``echoes``, in the same order as ``secrets``) is only B's request echoed."""
    text = json.dumps(_strip_echoes(answer))
    return [s for s, echo in zip(secrets, echoes) if s and s in text and not echo]


def echoed(answer: Any, stand_in_ids: list[str]) -> list[bool]:
    text = json.dumps(_strip_echoes(answer))
    return [bool(i) and i in text for i in stand_in_ids]

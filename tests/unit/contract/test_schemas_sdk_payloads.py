"""Real payloads: every request class of the installed clearml SDK (API 2.23,
``clearml/backend_api/services/v2_23``), instantiated with representative values for all of
its properties and serialized by the SDK's own ``to_dict()``, validates against the gateway's
request model for that endpoint (``shared.schemas.registry.request_models``)."""

from __future__ import annotations

import importlib
import json
import inspect
import pkgutil
from typing import Any

import pytest

from shared.schemas.codegen.names import camel
from shared.schemas.registry import request_models

sdk_services = pytest.importorskip("clearml.backend_api.services.v2_23")
from clearml.backend_api.session.datamodel import format_date  # noqa: E402
from clearml.backend_api.session.request import BatchRequest, CompoundRequest, Request  # noqa: E402

EXPECTED_SDK_ENDPOINTS = 195

# Values a real caller sends where the SDK's schema is looser than the server's: the SDK
# declares a plain string, the catalog an enum (the reference server rejects other values too).
VALUES: dict[str, dict[str, Any]] = {
    "events.get_task_events": {"event_type": "log"},
    "workers.get_stats": {"items": [{"key": "cpu_usage", "category": "avg"}]},
    # The SDK's TaskTypeEnum starts with Enterprise types (dataset_import, annotation...); the
    # hand-written tasks models accept the open-source catalog's types only.
    "tasks.create": {"type": "training"},
    "tasks.edit": {"type": "training"},
}

# Request classes the SDK itself cannot build, and why.
SDK_CANNOT_BUILD = {
    # Its schema says ``configuration`` is an array of names (as the catalog does) but the
    # property setter demands a dict: construction raises TypeError.
    "tasks.delete_configuration",
}


def _request_classes() -> dict[str, type]:
    out = {}
    for info in pkgutil.iter_modules(sdk_services.__path__):
        module = importlib.import_module(f"{sdk_services.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Request) and cls.__module__ == module.__name__ and getattr(cls, "_action", None):
                out[f"{cls._service}.{cls._action}"] = cls
    return out


SDK_REQUESTS = _request_classes()


def sample(node: dict, defs: dict, seen: tuple[str, ...] = ()) -> Any:
    """A representative value for a JSON-schema node of the SDK (every property filled in;
    a definition inside itself is left empty)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return {} if name in seen else sample(defs[name], defs, (*seen, name))
    for key in ("anyOf", "oneOf"):
        if key in node:
            return sample(node[key][0], {**defs, **node.get("definitions", {})}, seen)
    if "enum" in node:
        return next(v for v in node["enum"] if v is not None)
    kind = node.get("type", "object")
    if isinstance(kind, list):
        kind = next(t for t in kind if t != "null")
    if kind == "string":
        return "2024-05-01T12:00:00" if node.get("format") in ("date-time", "date") else "value"
    if kind == "integer":
        return max(1, int(node.get("minimum", 1)))
    if kind == "number":
        return max(1.5, float(node.get("minimum", 1.5)))
    if kind == "boolean":
        return True
    if kind == "array":
        item = sample(node["items"], defs, seen) if node.get("items") else "value"
        return [item] * max(1, node.get("minItems", 1))
    return _object(node, defs, seen)


def _object(node: dict, defs: dict, seen: tuple[str, ...]) -> dict:
    if node.get("properties"):
        return {k: sample(v, defs, seen) for k, v in node["properties"].items()}
    extra = node.get("additionalProperties")
    return {"key": sample(extra, defs, seen) if isinstance(extra, dict) else "value"}


def payloads(cls: type) -> list[dict]:
    """The SDK's ``to_dict()`` of ``cls`` built from representative values (one payload per
    alternative of a compound request; the item request of a batch)."""
    if issubclass(cls, BatchRequest):
        return payloads(cls._batched_request_cls)
    schema = cls._schema
    defs = schema.get("definitions", {})
    accepted = inspect.signature(cls.__init__).parameters
    kwargs = {k: sample(v, defs) for k, v in schema.get("properties", {}).items() if k in accepted}
    kwargs.update(VALUES.get(f"{cls._service}.{cls._action}", {}))
    if not issubclass(cls, CompoundRequest):
        return [_wire(cls(**kwargs).to_dict())]
    module = inspect.getmodule(cls)
    out = []
    for choice in schema["anyOf"]:
        name = choice["$ref"].rsplit("/", 1)[1]
        item_cls = getattr(module, camel(name))
        item = item_cls(**sample(defs[name], defs))
        out.append(_wire(cls(**{cls._item_prop_name: item}, **kwargs).to_dict()))
    return out


def _wire(payload: dict) -> dict:
    """What goes over HTTP: the SDK's JSON encoding (dates as ISO strings)."""
    return json.loads(json.dumps(payload, default=format_date))


def test_the_sdk_defines_the_expected_endpoints():
    assert len(SDK_REQUESTS) == EXPECTED_SDK_ENDPOINTS
    assert sorted(set(SDK_REQUESTS) - set(request_models())) == []
    checked = len(SDK_REQUESTS) - len(SDK_CANNOT_BUILD)
    print(f"\nSDK v2_23: {checked} of {len(SDK_REQUESTS)} request classes validated")


@pytest.mark.parametrize("endpoint", sorted(SDK_CANNOT_BUILD))
def test_requests_the_sdk_cannot_build(endpoint):
    with pytest.raises(TypeError):
        payloads(SDK_REQUESTS[endpoint])


@pytest.mark.parametrize("endpoint", sorted(set(SDK_REQUESTS) - SDK_CANNOT_BUILD))
def test_sdk_payload_validates(endpoint):
    model = request_models()[endpoint]
    built = payloads(SDK_REQUESTS[endpoint])
    assert built and all(isinstance(p, dict) and p for p in built)
    for payload in built:
        model.model_validate(payload)

"""Checks an endpoint's answer against the response definition of the vendored catalogs
(``shared/schemas/spec``: the endpoint's ``response`` and the seed's definitions it refers to).

``assert_conforms("permissions.get_user_groups", data)`` fails naming the path of the first
field that the definition does not declare or whose value has another type. ``null`` is
accepted anywhere (ClearML answers unset fields as null); an object declared without fields
is free-form; an enum's value must be one of its members.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from shared.endpoints import SPEC_DIR

_SCALARS: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


@cache
def _catalog() -> dict[str, dict]:
    rows = {}
    for name in ("endpoints.json", "enterprise_endpoints.json"):
        for row in json.loads((SPEC_DIR / name).read_text()):
            rows[row["name"]] = row
    return rows


@cache
def _definitions() -> tuple[dict, dict]:
    enterprise = json.loads((SPEC_DIR / "enterprise_definitions.json").read_text())
    open_source = json.loads((SPEC_DIR / "definitions.json").read_text())
    return enterprise, open_source


def _resolve(ref: str, service: str) -> dict:
    """A definition by name: the endpoint's own service first, then any service."""
    enterprise, open_source = _definitions()
    candidates = [defs.get(service, {}) for defs in (enterprise, open_source)]
    candidates += [service_defs for defs in (enterprise, open_source) for service_defs in defs.values()]
    for service_defs in candidates:
        if ref in service_defs:
            found = service_defs[ref]
            # open-source definitions keep some request/response pairs: the answer is the response
            return found["response"] if "type" not in found and "response" in found else found
    raise AssertionError(f"the catalog has no definition {ref!r}")


def response_spec(endpoint: str) -> dict:
    """The catalog's response definition of an endpoint."""
    row = _catalog().get(endpoint)
    if row is None:
        raise AssertionError(f"{endpoint} is not in the catalogs")
    return row.get("response") or {"type": "object", "fields": []}


def shape_errors(endpoint: str, data: Any) -> list[str]:
    """Every mismatch between ``data`` and the endpoint's response definition."""
    service = endpoint.split(".", 1)[0]
    errors: list[str] = []
    _check(response_spec(endpoint), data, "data", service, errors, depth=0)
    return errors


def assert_conforms(endpoint: str, data: Any) -> None:
    errors = shape_errors(endpoint, data)
    assert not errors, f"{endpoint} answer does not match the catalog: {errors[:5]}"


def _check(spec: dict, value: Any, path: str, service: str, errors: list[str], depth: int) -> None:
    if value is None or depth > 40:
        return
    if "$ref" in spec:
        _check(_resolve(spec["$ref"], service), value, path, service, errors, depth + 1)
        return
    kind = spec.get("type")
    if isinstance(kind, list):  # ["string", "null"] and the like
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if "enum" in spec and isinstance(value, (str, int)) and value not in spec["enum"]:
        errors.append(f"{path}: {value!r} is not one of {spec['enum']}")
        return
    if kind in _SCALARS:
        ok = isinstance(value, _SCALARS[kind]) and not (kind in ("integer", "number") and isinstance(value, bool))
        if kind == "number" and isinstance(value, str):
            ok = False
        if not ok:
            errors.append(f"{path}: {type(value).__name__} where the catalog says {kind}")
        return
    if kind == "array":
        if not isinstance(value, list):
            errors.append(f"{path}: {type(value).__name__} where the catalog says array")
            return
        items = spec.get("items")
        if isinstance(items, dict):
            for i, item in enumerate(value[:200]):
                _check(items, item, f"{path}[{i}]", service, errors, depth + 1)
        return
    fields = spec.get("fields", spec.get("properties"))
    if kind == "object" or fields is not None:
        if not isinstance(value, dict):
            errors.append(f"{path}: {type(value).__name__} where the catalog says object")
            return
        if not fields:
            extra = spec.get("additionalProperties")
            if isinstance(extra, dict):
                for key, item in value.items():
                    _check(extra, item, f"{path}.{key}", service, errors, depth + 1)
            return
        declared = {f["name"]: f for f in fields}
        for key, item in value.items():
            if key not in declared:
                errors.append(f"{path}.{key}: not in the catalog's definition")
                continue
            _check(declared[key], item, f"{path}.{key}", service, errors, depth + 1)

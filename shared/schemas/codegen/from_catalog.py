"""Catalog definitions and endpoints -> classes of a generated module.

A ``$ref`` names a definition of the endpoint's own service: the seed's class when the seed
has it, else the catalog's definition (generated here). Inline objects are named after their
owner and field (``GetAllResponse`` + ``tasks`` item -> ``GetAllResponseTasksItem``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from shared.schemas.codegen.model import ClassSpec, FieldSpec, ModuleSpec
from shared.schemas.codegen.names import attribute, camel
from shared.schemas.codegen.refinements import REQUEST_FIELD_TYPES

SPEC_DIR = Path(__file__).resolve().parents[1] / "spec"

_PRIMITIVE_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@cache
def catalog_definitions() -> dict[str, dict[str, dict]]:
    """service -> definition name -> schema; the enterprise catalog's copy wins."""
    out: dict[str, dict[str, dict]] = {}
    for filename in ("definitions.json", "enterprise_definitions.json"):
        for service, defs in json.loads((SPEC_DIR / filename).read_text()).items():
            out.setdefault(service, {}).update(defs)
    return out


@cache
def catalog_endpoints() -> tuple[dict, ...]:
    rows: list[dict] = []
    for filename in ("endpoints.json", "enterprise_endpoints.json"):
        rows.extend(json.loads((SPEC_DIR / filename).read_text()))
    return tuple(rows)


class CatalogBuilder:
    """Adds a service's catalog-only definitions and its endpoints' models to ``module``."""

    def __init__(self, module: ModuleSpec):
        self.module = module
        self.service = module.service
        self.defs = catalog_definitions().get(self.service, {})

    # ---------------------------------------------------------------- definitions

    def add_definitions(self) -> None:
        for name in sorted(self.defs):
            self.ref(name)

    def ref(self, name: str, deps: set[str] | None = None) -> str:
        """The class (or type) a ``$ref`` to ``name`` means in this service."""
        qualified = f"{self.service}.{name}"
        if qualified in self.module.seed_classes:
            cls = self.module.seed_classes[qualified]
        elif name in self.defs:
            cls = camel(name)
            if cls not in self.module.classes:
                self._definition(name, cls)
        else:
            return "Any"  # referenced but defined nowhere (e.g. ``assignable_role``)
        if deps is not None:
            deps.add(cls)
        return cls

    def _definition(self, name: str, cls: str) -> None:
        schema = self.defs[name]
        source = f"catalog definition ``{self.service}.{name}``"
        if "enum" in schema and schema.get("type") == "string":
            self.module.add(ClassSpec(cls, "enum", values=list(schema["enum"]), source=source))
            return
        if schema.get("type") == "object" and "properties" in schema:
            spec = self.module.add(ClassSpec(cls, "object", source=source))
            spec.base = _base(schema, request=False)
            spec.fields = self.fields(schema["properties"], cls, spec.deps, request=False)
            return
        spec = self.module.add(ClassSpec(cls, "alias", source=source))
        spec.alias_expr = self.type_expr(schema, cls, "", spec.deps, request=False)

    # ---------------------------------------------------------------- fields and types

    def fields(self, props: list[dict], owner: str, deps: set[str], request: bool) -> list[FieldSpec]:
        out, taken = [], set()
        for prop in props:
            py_name = attribute(prop["name"], taken)
            taken.add(py_name)
            out.append(FieldSpec(
                name=prop["name"], py_name=py_name,
                type_expr=self.type_expr(prop, owner, camel(prop["name"]), deps, request),
                required=bool(prop.get("required")), default=prop.get("default"),
                has_default="default" in prop, constraints=_constraints(prop),
            ))
        return out

    def type_expr(self, node: dict, owner: str, label: str, deps: set[str], request: bool) -> str:
        if "$ref" in node:
            return self.ref(node["$ref"], deps)
        kind = node.get("type")
        if "enum" in node:
            return "Literal[" + ", ".join(repr(v) for v in node["enum"]) + "]"
        if kind == "string" and node.get("format") == "date-time":
            return "datetime"
        if kind in _PRIMITIVE_TYPES:
            return _PRIMITIVE_TYPES[kind]
        if kind == "array":
            items = node.get("items")
            inner = self.type_expr(items, owner, label + "Item", deps, request) if items else "Any"
            return f"list[{inner}]"
        if kind == "object":
            return self._object(node, owner + label, deps, request)
        return "Any"

    def _object(self, node: dict, cls: str, deps: set[str], request: bool) -> str:
        props = node.get("properties")
        extra = node.get("additionalProperties")
        if props:
            spec = self.module.add(ClassSpec(cls, "object", base=_base(node, request=False)))
            spec.fields = self.fields(props, cls, spec.deps, request)
            deps.add(cls)
            return cls
        if isinstance(extra, dict):
            return f"dict[str, {self.type_expr(extra, cls, 'Value', deps, request)}]"
        return "dict[str, Any]"

    # ---------------------------------------------------------------- endpoints

    def add_endpoint(self, row: dict) -> None:
        action = camel(row["action"])
        doc = _endpoint_doc(row)
        request = row["request"]
        if request.get("kind") != "batch":
            self.module.requests[row["name"]] = self._request(row["name"], request, self._free(action + "Request"), doc)
        response = self._free(action + "Response")
        self.module.responses[row["name"]] = self._response(row["response"], response, doc)

    def _free(self, name: str) -> str:
        """An endpoint's class name; ``...Body`` when a definition has the name (the
        ``reports.update_response`` definition vs the ``reports.update`` response)."""
        return name + "Body" if name in self.module.classes or camel(name) in self._def_classes() else name

    def _def_classes(self) -> set[str]:
        return {camel(n) for n in self.defs}

    def add_batch_endpoint(self, row: dict) -> None:
        """A JSON-lines batch is validated item by item with the item endpoint's request."""
        item = f"{self.service}.{row['request']['item_action']}"
        self.module.requests[row["name"]] = self.module.requests[item]

    def _request(self, name: str, schema: dict, cls: str, doc: str) -> str:
        base = "GeneratedStrictRequest" if schema.get("additionalProperties") is False else "GeneratedRequest"
        spec = self.module.add(ClassSpec(cls, "object", doc=doc, base=base))
        spec.fields = self.fields(schema.get("fields") or [], cls, spec.deps, request=True)
        for field in spec.fields:
            refined = REQUEST_FIELD_TYPES.get((name, field.name))
            if refined:
                field.type_expr = refined
        if "anyOf" in schema:
            return self._any_of(spec, schema["anyOf"])
        return cls

    def _any_of(self, spec: ClassSpec, choices: list[dict]) -> str:
        """A request that is one of several definitions plus its own fields (``events.add``):
        a root model over subclasses of each choice carrying the shared fields."""
        del self.module.classes[spec.name]
        names = []
        for choice in choices:
            choice_cls = self.ref(choice["$ref"])
            sub = self.module.add(ClassSpec(spec.name + choice_cls, "object", base=choice_cls,
                                            fields=spec.fields, deps={choice_cls, *spec.deps}))
            names.append(sub.name)
        root = ClassSpec(spec.name, "root", doc=spec.doc, alias_expr=" | ".join(names), deps=set(names))
        self.module.add(root)
        return spec.name

    def _response(self, schema: dict, cls: str, doc: str) -> str:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if schema.get("type") != "object":
            expr = self.type_expr(schema, cls, "", set(), request=False)
            self.module.add(ClassSpec(cls, "root", doc=doc, alias_expr=expr))
            return cls
        spec = self.module.add(ClassSpec(cls, "object", doc=doc, base=_base(schema, request=False)))
        spec.fields = self.fields(schema.get("fields") or [], cls, spec.deps, request=False)
        return cls


def _base(schema: dict, request: bool) -> str:
    if schema.get("additionalProperties") is False:
        return "GeneratedStrictRequest" if request else "GeneratedStrictModel"
    return "GeneratedRequest" if request else "GeneratedModel"


def _constraints(prop: dict) -> dict[str, Any]:
    out = {}
    if "minimum" in prop:
        out["ge"] = prop["minimum"]
    if "minItems" in prop:
        out["min_length"] = prop["minItems"]
    if "maxItems" in prop:
        out["max_length"] = prop["maxItems"]
    if "minLength" in prop:
        out["min_length"] = prop["minLength"]
    return out


def _endpoint_doc(row: dict) -> str:
    versions = row["versions"]
    if not versions:  # enterprise endpoints without version data
        return f"``{row['name']}``."
    span = versions[0] if len(versions) == 1 else f"{versions[0]} to {versions[-1]}"
    return f"``{row['name']}`` (API {span})."

"""Seed definitions -> classes of a generated module (the seed's data model wins over the
catalogs' copies of the same definition)."""

from __future__ import annotations

from shared.schemas.codegen.model import ClassSpec, FieldSpec, ModuleSpec
from shared.schemas.codegen.names import attribute, camel
from shared.schemas.codegen.seed import SeedDefinition, SeedField, TypeRef

_PRIMITIVE_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
                    "object": "dict[str, Any]"}


def seed_class_name(qualified: str) -> str:
    """``tasks.task`` -> ``Task``; nested ``apps.application_instance/application`` ->
    ``ApplicationInstanceApplication``."""
    top, _, nested = qualified.partition("/")
    name = camel(top.split(".", 1)[1])
    return name + camel(nested) if nested else name


def add_seed_definitions(module: ModuleSpec, definitions: list[SeedDefinition]) -> None:
    for definition in definitions:
        _add(module, definition, definition)
        for nested in definition.nested.values():
            _add(module, nested, definition)


def _add(module: ModuleSpec, definition: SeedDefinition, top: SeedDefinition) -> None:
    name = seed_class_name(definition.name)
    spec = ClassSpec(name, definition.kind, doc=definition.description,
                     source=f"seed ``{definition.name}``")
    if definition.kind == "enum":
        spec.values = list(definition.enum)
    elif definition.kind == "alias":
        spec.alias_expr = type_expr(definition.alias, top, spec.deps)
    else:
        taken: set[str] = set()
        for seed_field in definition.fields:
            spec.fields.append(_field(seed_field, top, spec.deps, taken))
    module.add(spec)
    module.seed_classes[definition.name] = name


def _field(seed_field: SeedField, top: SeedDefinition, deps: set[str], taken: set[str]) -> FieldSpec:
    py_name = attribute(seed_field.name, taken)
    taken.add(py_name)
    constraints = {"ge": _number(seed_field.minimum)} if seed_field.minimum is not None else {}
    return FieldSpec(
        name=seed_field.name, py_name=py_name, type_expr=type_expr(seed_field.type, top, deps),
        required=seed_field.required, default=seed_field.default,
        has_default=seed_field.has_default, description=seed_field.description,
        constraints=constraints,
    )


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def type_expr(type_: TypeRef, top: SeedDefinition, deps: set[str]) -> str:
    """The Python type of a seed type inside top-level definition ``top``."""
    if type_.kind == "array":
        return f"list[{type_expr(type_.item, top, deps)}]"
    if type_.kind == "map":
        return f"dict[str, {type_expr(type_.item, top, deps)}]"
    if type_.kind == "enum":
        return "Literal[" + ", ".join(repr(v) for v in type_.values) + "]"
    if type_.kind == "ref":
        if "." in type_.name:
            if type_.name.split(".", 1)[0] != top.service:
                raise ValueError(f"{top.name}: cross-service reference {type_.name}")
            name = seed_class_name(type_.name)
        else:
            if type_.name not in top.nested:
                raise ValueError(f"{top.name}: unknown nested object {type_.name}")
            name = seed_class_name(f"{top.name}/{type_.name}")
        deps.add(name)
        return name
    if type_.kind == "string" and type_.format == "date-time":
        return "datetime"
    return _PRIMITIVE_TYPES[type_.kind]

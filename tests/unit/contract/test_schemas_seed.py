"""The generated models against the data-model seed (``shared/schemas/spec/000_*.txt``), parsed
here at test time: every definition present, with the seed's field names, types, enum values,
required flags and defaults."""

from __future__ import annotations

import enum
import re
import types
import typing
from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel

from shared.schemas.codegen.seed import SEED_PATH, SeedDefinition, TypeRef, seed_definitions
from shared.schemas.registry import generated_modules

# The seed as the documentation site renders it: 257 top-level definitions under 23 service
# prefixes, 29 anonymous objects nested in them.
EXPECTED_TOP_LEVEL = 257
EXPECTED_NESTED = 29
SERVICES = {
    "apps", "auth", "billing", "datasets", "dataviews", "events", "frames", "login", "models",
    "organization", "permissions", "projects", "queues", "reports", "resources", "serving",
    "sso", "storage", "system", "tasks", "users", "variables", "workers",
}


def _all_definitions() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for module in generated_modules():
        out.update(module.DEFINITIONS)
    return out


DEFINED = _all_definitions()
SEED = seed_definitions()
FLAT: dict[str, SeedDefinition] = {
    name: d for top in SEED.values() for name, d in [(top.name, top), *top.nested.items()]
    for name in [d.name]
}
# A class several services share (``generated/_common.py``) stands under each one's name.
NAMES_BY_CLASS: dict[int, list[str]] = {}
for _name, _cls in DEFINED.items():
    NAMES_BY_CLASS.setdefault(id(_cls), []).append(_name)


def test_the_parser_sees_every_definition_and_field_of_the_raw_text():
    """Independent of the parser: headings are lines between blank lines, fields are the lines
    followed by ``optional``/``required``."""
    lines = SEED_PATH.read_text().splitlines()
    headings = [
        line for i, line in enumerate(lines[1:-1], 1)
        if re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?", line)
        and lines[i - 1] == "" and lines[i + 1] == ""
    ]
    flags = sum(1 for line in lines if line in ("optional", "required"))
    assert len([h for h in headings if "." in h]) == len(SEED) == EXPECTED_TOP_LEVEL
    assert len([h for h in headings if "." not in h]) == EXPECTED_NESTED
    assert sum(len(d.fields) for d in FLAT.values()) == flags
    assert {d.service for d in SEED.values()} == SERVICES


def test_every_seed_definition_has_a_generated_class():
    missing = sorted(set(FLAT) - set(DEFINED))
    assert missing == []
    print(f"\nseed: {len(SEED)} definitions + {len(FLAT) - len(SEED)} nested objects, all generated")


@pytest.mark.parametrize("name", sorted(FLAT))
def test_definition_matches_the_seed(name):
    seed, generated = FLAT[name], DEFINED[name]
    if seed.kind == "enum":
        assert issubclass(generated, enum.Enum)
        assert [m.value for m in generated] == seed.enum
    elif seed.kind == "alias":
        assert describe(generated, seed.service) == expected(seed.alias)
    else:
        _check_object(seed, generated)


def _check_object(seed: SeedDefinition, model: type[BaseModel]) -> None:
    fields = {f.alias or n: f for n, f in model.model_fields.items()}
    assert list(fields) == [f.name for f in seed.fields]
    for seed_field in seed.fields:
        field = fields[seed_field.name]
        where = f"{seed.name}.{seed_field.name}"
        assert field.is_required() == (seed_field.required and not seed_field.has_default), where
        assert describe(field.annotation, seed.service) == expected(seed_field.type), where
        if seed_field.has_default:
            assert field.default == seed_field.default, where


def expected(type_: TypeRef) -> str:
    """The seed type as the models must spell it: formats other than date-time are plain
    strings (the reference server does not enforce ``email``/``hostname`` on reads)."""
    if type_.kind == "string" and type_.format and type_.format != "date-time":
        return "string"
    if type_.kind in ("array", "map"):
        inner = expected(type_.item)
        return f"< {inner} > array" if type_.kind == "array" else f"< string, {inner} > map"
    if type_.kind == "ref":
        target = FLAT.get(type_.name)
        # A map definition (``Type : < string, X > map``) is a type alias: it reads as its target.
        return expected(target.alias) if target and target.kind == "alias" else type_.name
    return type_.render()


_PRIMITIVES = {str: "string", int: "integer", float: "number", bool: "boolean",
               datetime: "string (date-time)"}


def describe(annotation: Any, service: str) -> str:
    """A model annotation spelled as a seed type (``X | None`` counts as ``X``), a shared class
    by its name in ``service``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        assert len(rest) == 1, annotation
        return describe(rest[0], service)
    if origin is typing.Literal:
        return f"enum ({', '.join(str(a) for a in args)})"
    if origin is list:
        return f"< {describe(args[0], service)} > array"
    if origin is dict:
        return "object" if args[1] is Any else f"< string, {describe(args[1], service)} > map"
    if annotation in _PRIMITIVES:
        return _PRIMITIVES[annotation]
    names = NAMES_BY_CLASS.get(id(annotation))
    assert names, f"{annotation} is no seed definition"
    name = next((n for n in names if n.split(".", 1)[0] == service), names[0])
    return name.split("/", 1)[1] if "/" in name else name

"""Parser of the data-model seed (``spec/000_09faad8c8701048b.txt``): the ClearML Enterprise API
definitions as the documentation site renders them, one heading per definition.

Layout (text, one item a line)::

    svc.name                      a top-level definition (blank line before and after)
    [description paragraph]
    NameDescriptionSchema         an object: then per field
    field / optional|required / description...[Minimum value : n][Default : v] type
    Type : enum (a, b)            or an enum
    Type : < string, T > map      or a map

A heading without a service prefix is an anonymous object nested in the preceding top-level
definition, referenced by that name from one of its fields.

Types: ``string``, ``string (date-time)``, ``integer``, ``number``, ``boolean``, ``object``,
``< T > array``, ``< string, T > map``, ``svc.definition`` or a nested object's name. The type
ends the field's last line, glued to the description (``Free textstring``), so it is cut off
by matching the known type forms at the end of the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parents[1] / "spec" / "000_09faad8c8701048b.txt"

PRIMITIVES = ("string", "integer", "number", "boolean", "object")
_HEADING = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
_ENUM = re.compile(r"^Type : enum \((.*)\)$")
_ALIAS = re.compile(r"^Type : (.*)$")
_TABLE_HEADERS = ("NameDescriptionSchema", "NameSchema")


@dataclass(frozen=True)
class TypeRef:
    """A parsed seed type: ``kind`` is a primitive, ``array``, ``map`` or ``ref``."""

    kind: str
    item: TypeRef | None = None  # array / map value type
    values: tuple[str, ...] = ()  # inline enum
    name: str | None = None  # ref: qualified definition or nested object name
    format: str | None = None  # string format (date-time)

    def render(self) -> str:
        """The seed's spelling of this type."""
        if self.kind == "array":
            return f"< {self.item.render()} > array"
        if self.kind == "map":
            return f"< string, {self.item.render()} > map"
        if self.kind == "ref":
            return self.name
        if self.kind == "enum":
            return f"enum ({', '.join(self.values)})"
        return f"string ({self.format})" if self.format else self.kind


@dataclass
class SeedField:
    name: str
    required: bool
    type: TypeRef
    description: str = ""
    default: object = None
    has_default: bool = False
    minimum: float | None = None


@dataclass
class SeedDefinition:
    """A definition: ``name`` is ``svc.def`` for top-level ones, ``svc.def/nested`` for nested."""

    name: str
    kind: str  # object | enum | alias
    description: str = ""
    fields: list[SeedField] = field(default_factory=list)
    enum: list[str] = field(default_factory=list)
    alias: TypeRef | None = None
    nested: dict[str, SeedDefinition] = field(default_factory=dict)

    @property
    def service(self) -> str:
        return self.name.split(".", 1)[0]


def parse_type(text: str, nested: set[str]) -> TypeRef:
    """A full type expression (nothing before it)."""
    found = _type_suffix(text, nested)
    if found is None or found[0] != 0:
        raise ValueError(f"not a seed type: {text!r}")
    return found[1]


def _type_suffix(text: str, nested: set[str]) -> tuple[int, TypeRef] | None:
    """(start, type) of the type expression ending ``text``, or None."""
    if text.endswith(" > array") or text.endswith(" > map"):
        return _container_suffix(text, nested)
    m = re.search(r"enum \(([^()]*)\)$", text)
    if m:
        return m.start(), TypeRef("enum", values=tuple(m.group(1).split(", ")))
    m = re.search(r"string \(([a-z-]+)\)$", text)
    if m:
        return m.start(), TypeRef("string", format=m.group(1))
    qualified = _qualified(text)
    if qualified:
        return qualified
    for name in sorted(nested, key=len, reverse=True):
        if text.endswith(name):
            return len(text) - len(name), TypeRef("ref", name=name)
    for prim in PRIMITIVES:
        if text.endswith(prim):
            return len(text) - len(prim), TypeRef(prim)
    return None


def _qualified(text: str) -> tuple[int, TypeRef] | None:
    """A top-level definition's name ending ``text``. The description may end with letters
    glued to the service prefix (``...systemreports.x``): the longest known name wins."""
    for name in sorted(_top_level_names(), key=len, reverse=True):
        if text.endswith(name):
            return len(text) - len(name), TypeRef("ref", name=name)
    return None


def _container_suffix(text: str, nested: set[str]) -> tuple[int, TypeRef]:
    closing = " > array" if text.endswith(" > array") else " > map"
    inner_end = len(text) - len(closing)
    depth, i = 1, inner_end - 1
    while i >= 0:  # find the matching "< "
        if text.startswith("> ", i):
            depth += 1
        elif text[i] == "<" and text.startswith("< ", i):
            depth -= 1
            if depth == 0:
                break
        i -= 1
    inner = text[i + 2:inner_end]
    if closing == " > map":
        key, _, value = inner.partition(", ")
        assert key == "string", inner
        return i, TypeRef("map", item=parse_type(value, nested))
    return i, TypeRef("array", item=parse_type(inner, nested))


@cache
def _top_level_names() -> frozenset[str]:
    lines = [line.rstrip() for line in SEED_PATH.read_text().splitlines()]
    return frozenset(h for h, _ in _blocks(lines) if "." in h)


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(heading, body lines) for every heading line (blank line before and after it)."""
    starts = [
        i for i, line in enumerate(lines)
        if _HEADING.match(line) and i + 1 < len(lines) and lines[i + 1] == ""
        and (i == 0 or lines[i - 1] == "")
    ]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        out.append((lines[start], lines[start + 2:end]))
    return out


def _fields(body: list[str], nested: set[str], where: str) -> list[SeedField]:
    body = list(body)
    while body and body[-1] == "":
        body.pop()
    starts = [i for i in range(len(body) - 1) if body[i + 1] in ("optional", "required")]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        out.append(_field(body[start], body[start + 1] == "required", body[start + 2:end],
                          nested, where))
    return out


def _field(name: str, required: bool, text: list[str], nested: set[str], where: str) -> SeedField:
    lines = [line for line in text if line != ""]
    default, has_default, minimum, desc = None, False, None, []
    for line in lines[:-1]:
        if line.startswith("Default : "):
            default, has_default = json.loads(line[len("Default : "):]), True
        elif line.startswith("Minimum value : "):
            minimum = float(line[len("Minimum value : "):])
        else:
            desc.append(line)
    last = lines[-1]
    found = _type_suffix(last, nested)
    if found is None:
        raise ValueError(f"{where}.{name}: no type in {last!r}")
    start, type_ = found
    desc.append(last[:start])
    description = " ".join(d.strip() for d in desc if d.strip())
    return SeedField(name, required, type_, description, default, has_default, minimum)


def _parse_block(name: str, body: list[str], nested: set[str]) -> SeedDefinition:
    lines = [line for line in body if line != ""]
    header = next((h for h in _TABLE_HEADERS if h in lines), None)
    if header:
        at = lines.index(header)
        description = " ".join(lines[:at])
        rest = body[body.index(header) + 1:]
        return SeedDefinition(name, "object", description, _fields(rest, nested, name))
    if not lines or not lines[-1].startswith("Type : "):
        raise ValueError(f"{name}: neither an object, an enum nor a typed alias: {lines[:3]}")
    description = " ".join(lines[:-1])
    m = _ENUM.match(lines[-1])
    if m:
        return SeedDefinition(name, "enum", description, enum=m.group(1).split(", "))
    alias = parse_type(_ALIAS.match(lines[-1]).group(1), nested)
    return SeedDefinition(name, "alias", description, alias=alias)


@cache
def seed_definitions() -> dict[str, SeedDefinition]:
    """Every top-level definition by qualified name (nested ones inside ``nested``), in the
    seed's order."""
    lines = [line.rstrip() for line in SEED_PATH.read_text().splitlines()]
    blocks = _blocks(lines)
    out: dict[str, SeedDefinition] = {}
    group: list[tuple[str, list[str]]] = []
    for heading, body in blocks + [("end.", [])]:
        if "." in heading and group:
            _parse_group(group, out)
            group = []
        group.append((heading, body))
    return out


def _parse_group(group: list[tuple[str, list[str]]], out: dict) -> None:
    (name, body), nested_blocks = group[0], group[1:]
    nested_names = {n for n, _ in nested_blocks}
    top = _parse_block(name, body, nested_names)
    for nested_name, nested_body in nested_blocks:
        if nested_name in top.nested:
            raise ValueError(f"{name}: nested object {nested_name} twice")
        top.nested[nested_name] = _parse_block(f"{name}/{nested_name}", nested_body, nested_names)
    if name in out:
        raise ValueError(f"definition {name} twice in the seed")
    out[name] = top

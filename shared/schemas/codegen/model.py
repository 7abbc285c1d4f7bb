"""The generator's intermediate form: the classes of one generated module, before rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FieldSpec:
    """One model field. ``type_expr`` is a Python type expression over the module's names."""

    name: str  # the wire name
    py_name: str  # the attribute name (differs when the wire name is not a usable identifier)
    type_expr: str
    required: bool
    default: Any = None
    has_default: bool = False
    description: str = ""
    constraints: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClassSpec:
    """An enum, an object model, a type alias or a root model (``anyOf`` requests)."""

    name: str
    kind: str  # enum | object | alias | root
    doc: str = ""
    fields: list[FieldSpec] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    alias_expr: str = ""  # alias / root: the aliased type expression
    base: str = "GeneratedModel"
    deps: set[str] = field(default_factory=set)  # module-local class names referenced
    source: str = ""  # where it comes from (seed / catalog path), for the docstring


@dataclass
class ModuleSpec:
    service: str
    classes: dict[str, ClassSpec] = field(default_factory=dict)
    requests: dict[str, str] = field(default_factory=dict)  # endpoint -> class name
    responses: dict[str, str] = field(default_factory=dict)
    seed_classes: dict[str, str] = field(default_factory=dict)  # seed name -> class name
    common: list[str] = field(default_factory=list)  # classes imported from the common module

    def add(self, spec: ClassSpec) -> ClassSpec:
        if spec.name in self.classes:
            raise ValueError(f"{self.service}: class {spec.name} defined twice")
        self.classes[spec.name] = spec
        return spec

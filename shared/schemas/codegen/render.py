"""A ModuleSpec -> the Python source of a generated module (deterministic)."""

from __future__ import annotations

import re

from shared.schemas.codegen.model import ClassSpec, FieldSpec, ModuleSpec
from shared.schemas.codegen.names import member

HEADER = '''"""ClearML service ``{service}``: {counts}.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/{service}.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations
'''


def render(module: ModuleSpec) -> str:
    body = "\n\n".join(_class(module.classes[name]) for name in _ordered(module))
    tables = _tables(module)
    header = HEADER.format(service=module.service, counts=_counts(module))
    return header + _imports(body + tables) + "\n\n" + body + "\n\n" + tables


def _counts(module: ModuleSpec) -> str:
    return (f"{len(module.seed_classes)} seed definitions, {len(module.requests)} endpoints, "
            f"{len(module.classes)} classes")


def _imports(text: str) -> str:
    lines = []
    if re.search(r"\bdatetime\b", text):
        lines.append("from datetime import datetime")
    if re.search(r"\(str, Enum\)", text):
        lines.append("from enum import Enum")
    typing = [n for n in ("Any", "Literal") if re.search(rf"\b{n}\b", text)]
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    pydantic = [n for n in ("Field", "RootModel") if re.search(rf"\b{n}\b\W", text)]
    if pydantic:
        lines.append("")
        lines.append(f"from pydantic import {', '.join(pydantic)}")
    bases = sorted(set(re.findall(r"\b(Generated[A-Za-z]+)\b", text)))
    lines.append("")
    lines.append(f"from shared.schemas.generated._base import {', '.join(bases)}")
    return "\n" + "\n".join(lines) + "\n"


def _ordered(module: ModuleSpec) -> list[str]:
    """Classes in definition order, each after the classes it needs (cycles stay as forward
    references, resolved when the module has loaded)."""
    done: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in module.classes:
            return
        seen.add(name)
        spec = module.classes[name]
        for dep in sorted(spec.deps | ({spec.base} if spec.base in module.classes else set())):
            visit(dep)
        done.append(name)

    for name in module.classes:
        visit(name)
    return done


def _doc(spec: ClassSpec) -> str:
    doc = spec.doc.strip()
    if doc and doc[-1] not in ".!?":
        doc += "."
    parts = [p for p in (doc, f"From the {spec.source}." if spec.source else "") if p]
    text = " ".join(parts).replace("\\", "\\\\").replace('"""', "'''")
    return f'    """{text}"""\n' if text else ""


def _class(spec: ClassSpec) -> str:
    if spec.kind == "enum":
        members = "".join(f"    {member(v)} = {v!r}\n" for v in spec.values)
        return f"class {spec.name}(str, Enum):\n{_doc(spec)}\n{members}"
    if spec.kind == "alias":
        doc = " ".join(p for p in (spec.doc.strip(), f"From the {spec.source}.") if p)
        return f"# {doc}\n{spec.name} = {spec.alias_expr}\n"
    if spec.kind == "root":
        body = _doc(spec) or "    pass\n"
        return f"class {spec.name}(RootModel[{spec.alias_expr}]):\n{body}"
    fields = "".join(_field(f) for f in spec.fields)
    doc = _doc(spec)
    if not fields:
        return f"class {spec.name}({spec.base}):\n{doc or '    pass'}\n"
    return f"class {spec.name}({spec.base}):\n{doc}\n{fields}" if doc else f"class {spec.name}({spec.base}):\n{fields}"


def _field(field: FieldSpec) -> str:
    type_expr = field.type_expr if field.required else f"{field.type_expr} | None"
    if field.required and not field.has_default:
        default = None
    else:
        default = repr(field.default) if field.has_default else "None"
    args = []
    if field.py_name != field.name:
        args.append(f"alias={field.name!r}")
    if field.description:
        args.append(f"description={field.description!r}")
    args.extend(f"{k}={v!r}" for k, v in field.constraints.items())
    if not args:
        value = "" if default is None else f" = {default}"
        return f"    {field.py_name}: {type_expr}{value}\n"
    first = "..." if default is None else default
    return f"    {field.py_name}: {type_expr} = Field({', '.join([first, *args])})\n"


def _tables(module: ModuleSpec) -> str:
    defs = "".join(f"    {k!r}: {v},\n" for k, v in module.seed_classes.items())
    reqs = "".join(f"    {k!r}: {v},\n" for k, v in module.requests.items())
    resps = "".join(f"    {k!r}: {v},\n" for k, v in module.responses.items())
    return (
        f"# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.\n"
        f"DEFINITIONS: dict[str, Any] = {{\n{defs}}}\n\n"
        f"REQUESTS: dict[str, Any] = {{\n{reqs}}}\n\n"
        f"RESPONSES: dict[str, Any] = {{\n{resps}}}\n"
    )

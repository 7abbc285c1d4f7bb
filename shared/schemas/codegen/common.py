"""Definitions the spec repeats -> one class each.

Across services: one class in ``generated/_common.py``.

The seed copies definitions into every service that uses them (``tasks.task`` also stands in
``reports``, the filter rules in five services, ...). A class that two or more modules would
define identically (same name, fields, types and descriptions; only the docstring naming its
source differs) and whose own dependencies are shared the same way is written once in the
common module and imported by each of them, so their tables (``DEFINITIONS``, ``REQUESTS``)
name the same class.

Within a module: a class with the same fields as an earlier one (``GetByIdExRequest`` and
``GetAllExRequest``, many ``*ManyResponse``) is written as a subclass of it that only adds its
docstring (:func:`inherit_twins`).
"""

from __future__ import annotations

import dataclasses

from shared.schemas.codegen.model import ClassSpec, ModuleSpec
from shared.schemas.codegen.render import class_source

COMMON = "_common"


def share(modules: dict[str, ModuleSpec]) -> ModuleSpec:
    """Move the classes the modules repeat into a new module ``_common`` (returned); each
    module's ``common`` lists the names it now imports."""
    chosen = _candidates(modules)
    _keep_closed(modules, chosen)
    common = ModuleSpec(COMMON)
    for name in sorted(chosen, key=lambda n: _first_position(modules, n, chosen[n])):
        services = sorted(chosen[name])
        specs = [modules[service].classes[name] for service in services]
        docs = list(dict.fromkeys(spec.doc.strip().rstrip(".") for spec in specs if spec.doc.strip()))
        common.add(dataclasses.replace(specs[0], doc="; ".join(docs), source=_sources(specs)))
        for service in services:
            del modules[service].classes[name]
            modules[service].common.append(name)
    for module in modules.values():
        module.common.sort()
    return common


def _sources(specs: list[ClassSpec]) -> str:
    """``seed ``a.x```` + ``catalog definition ``b.x```` -> ``seed and catalog definition ``a.x``, ``b.x``````."""
    kinds, names = [], []
    for spec in specs:
        if not spec.source:
            continue
        kind, _, name = spec.source.partition(" ``")
        if kind not in kinds:
            kinds.append(kind)
        names.append(f"``{name}")
    return f"{' and '.join(kinds)} {', '.join(names)}" if names else ""


def _body(spec: ClassSpec) -> str:
    return class_source(dataclasses.replace(spec, doc="", source=""))


def _candidates(modules: dict[str, ModuleSpec]) -> dict[str, set[str]]:
    """Class name -> the services defining it with the body most of them share (two or more)."""
    by_name: dict[str, dict[str, list[str]]] = {}
    for service in sorted(modules):
        for name, spec in modules[service].classes.items():
            by_name.setdefault(name, {}).setdefault(_body(spec), []).append(service)
    chosen = {}
    for name, bodies in by_name.items():
        services = max(bodies.values(), key=lambda found: (len(found), found))
        if len(services) > 1:
            chosen[name] = set(services)
    return chosen


def _keep_closed(modules: dict[str, ModuleSpec], chosen: dict[str, set[str]]) -> None:
    """Drop a service from a class's group while the class needs, in that service, a class
    that is not shared with it; then drop groups left with one service."""
    changed = True
    while changed:
        changed = False
        for name in sorted(chosen):
            services = chosen[name]
            for service in sorted(services):
                spec = modules[service].classes[name]
                needs = spec.deps | ({spec.base} if spec.base in modules[service].classes else set())
                if any(service not in chosen.get(dep, ()) for dep in needs):
                    services.discard(service)
                    changed = True
            if len(services) < 2:
                del chosen[name]
                changed = True


def _first_position(modules: dict[str, ModuleSpec], name: str, services: set[str]) -> tuple[str, int]:
    service = min(services)
    return service, list(modules[service].classes).index(name)


def inherit_twins(module: ModuleSpec) -> None:
    """Make each object class whose fields and base equal an earlier class's a bare subclass
    of that class (same validation; the docstring still names its own endpoint)."""
    first: dict[str, str] = {}
    for name, spec in module.classes.items():
        if spec.kind != "object" or not spec.fields:
            continue
        body = class_source(dataclasses.replace(spec, name="_", doc="", source=""))
        twin = first.setdefault(body, name)
        if twin != name:
            spec.base, spec.fields, spec.deps = twin, [], {twin}

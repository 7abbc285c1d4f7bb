"""Endpoint name -> request (and response) model: the generated models of every ClearML
service (``shared.schemas.generated``), refined by the hand-written per-service modules.

A hand-written module of ``shared.schemas`` that defines ``REQUESTS`` (or ``RESPONSES``)
names the model of each endpoint its service handles: the generated model itself where the
catalog says it all, else a subclass of it that adds the validators and defaults the reference
server applies (and says which in its docstring). Two hand-written modules naming the same
endpoint is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from pydantic import BaseModel

import shared.schemas as package
from shared.schemas.generated import MODULES as GENERATED_MODULES

# Modules of shared.schemas that are tools, not models of an API service.
TOOL_MODULES = frozenset({"base", "registry", "openapi", "asyncapi", "docs"})


def hand_modules() -> list[ModuleType]:
    """The hand-written model modules (``shared/schemas/<service>.py``), by name."""
    out = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg or info.name in TOOL_MODULES:
            continue
        out.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return out


def generated_modules() -> list[ModuleType]:
    return [importlib.import_module(f"{package.__name__}.generated.{name}") for name in GENERATED_MODULES]


def _hand(table: str) -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for module in hand_modules():
        for name, model in getattr(module, table, {}).items():
            if name in models and models[name] is not model:
                raise RuntimeError(f"two hand-written {table} models for {name}: {models[name]} and {model}")
            models[name] = model
    return models


def _generated(table: str) -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for module in generated_modules():
        models.update(getattr(module, table))
    return models


@cache
def request_models() -> dict[str, type[BaseModel]]:
    """Every catalog endpoint's request model; a hand-written one wins over the generated."""
    return {**_generated("REQUESTS"), **_hand("REQUESTS")}


@cache
def response_models() -> dict[str, type[BaseModel]]:
    """Every catalog endpoint's response model (the ``data`` of the ClearML envelope)."""
    return {**_generated("RESPONSES"), **_hand("RESPONSES")}


def is_generated(model: type[BaseModel]) -> bool:
    """A model of ``shared.schemas.generated`` (a hand module may list one unchanged)."""
    return model.__module__.startswith(f"{package.__name__}.generated.")


@cache
def hand_refined() -> frozenset[str]:
    """The endpoints whose request model is hand-written (a refinement of the generated one)."""
    return frozenset(name for name, model in _hand("REQUESTS").items() if not is_generated(model))

"""Endpoint name -> request model, collected from the per-service schema modules.

Every module of ``shared.schemas`` that defines ``REQUESTS`` contributes; a later module never
silently replaces another's model for the same endpoint (that is an error).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pydantic import BaseModel

import shared.schemas as package


@cache
def request_models() -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, model in getattr(module, "REQUESTS", {}).items():
            if name in models and models[name] is not model:
                raise RuntimeError(f"two request models for {name}: {models[name]} and {model}")
            models[name] = model
    return models

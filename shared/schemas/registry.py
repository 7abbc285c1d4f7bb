"""Endpoint name -> request model, collected from the per-service schema modules."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel


@cache
def request_models() -> dict[str, type[BaseModel]]:
    from shared.schemas import auth, debug, login, projects, server, tasks, users

    models: dict[str, type[BaseModel]] = {}
    for module in (auth, debug, login, projects, server, tasks, users):
        models.update(module.REQUESTS)
    return models
